// Pre-check figures: how long approval::RunPrecheck takes for one applicant on an imported
// district (the scratch store, the copied rows, the snapshot and the rules), over a sample of
// residents. Prints the figures; asserts nothing.
//
//   precheck_bench sqlite:var/district.db 200
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "approval/config.h"
#include "approval/precheck.h"
#include "store/database.h"

namespace {

struct Sample {
  std::string id, name, community, account;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "用法：precheck_bench <数据库 URL> [样本数，默认 200]\n");
    return 2;
  }
  const int wanted = argc > 2 ? std::atoi(argv[2]) : 200;
  auto db = qf::store::Open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message().c_str());
    return 1;
  }
  // Every k-th resident with a card: an applicant like most, with a household and payments.
  auto count = (*db)->Prepare("SELECT COUNT(*) FROM persons");
  if (!count || !(*count)->Step().value_or(false)) return 1;
  const int64_t persons = (*count)->Int(0);
  const int64_t step = std::max<int64_t>(1, persons / std::max(wanted, 1));
  auto rows = (*db)->Prepare(
      "SELECT p.id_number, p.name, p.community, COALESCE((SELECT c.account_no FROM cards c WHERE "
      "c.id_number = p.id_number LIMIT 1), '6217000000000000000') FROM persons p "
      "ORDER BY p.id_number");
  if (!rows) return 1;
  std::vector<Sample> samples;
  for (int64_t i = 0; static_cast<int>(samples.size()) < wanted; ++i) {
    auto more = (*rows)->Step();
    if (!more || !*more) break;
    if (i % step != 0) continue;
    samples.push_back({(*rows)->Text(0), (*rows)->Text(1), (*rows)->Text(2), (*rows)->Text(3)});
  }
  auto program = (*db)->Prepare("SELECT code FROM programs WHERE means_tested = 1 ORDER BY code");
  if (!program || !(*program)->Step().value_or(false)) {
    std::fprintf(stderr, "没有经济困难审核项目\n");
    return 1;
  }
  const std::string code = (*program)->Text(0);
  qf::approval::ApprovalConfig config;
  std::vector<double> ms;
  size_t hits = 0;
  for (const Sample& s : samples) {
    qf::approval::PrecheckRequest request{.id_number = s.id,
                                          .name = s.name,
                                          .program_code = code,
                                          .community = s.community,
                                          .account_no = s.account,
                                          .bank = "银行",
                                          .household_id = "",
                                          .as_of = *qf::Date::Parse("2025-01-15"),
                                          .reference = "bench"};
    auto start = std::chrono::steady_clock::now();
    auto found = qf::approval::RunPrecheck(**db, request, config);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (!found) {
      std::fprintf(stderr, "%s\n", found.error().message().c_str());
      return 1;
    }
    hits += found->empty() ? 0 : 1;
  }
  if (ms.empty()) return 1;
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  double total = 0;
  for (double v : ms) total += v;
  auto at = [&](double q) {
    return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))];
  };
  std::printf("pre-check, %lld residents in the store, program %s, %zu applicants\n",
              static_cast<long long>(persons), code.c_str(), ms.size());
  std::printf("  mean %.1f ms  p50 %.1f ms  p95 %.1f ms  max %.1f ms  (%zu with hits)\n",
              total / static_cast<double>(ms.size()), at(0.5), at(0.95), sorted.back(), hits);
  return 0;
}
