// Generate(): runs the stages of the synthetic district in order and writes the folder.
#include "synth/synth.h"

#include <fmt/format.h>

#include <system_error>

#include "synth/internal/district.h"

namespace qf::synth {

Result<SynthSummary> Generate(const SynthOptions& options) {
  if (options.persons < 500) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("人口数 {} 太少：至少 500 人", options.persons));
  }
  if (options.out_dir.empty()) return Fail(ErrorCode::kInvalidArgument, "未指定输出目录");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return Fail(ErrorCode::kIo,
                fmt::format("无法创建目录 {}：{}", options.out_dir.string(), ec.message()));
  }

  internal::District d;
  d.seed = options.seed;
  d.target_persons = options.persons;
  d.progress = options.progress;
  auto stage = [&](const char* name, int done) {
    if (options.progress) options.progress(name, done, 7);
  };
  stage("生成人口与家庭", 0);
  internal::BuildPopulation(d);
  stage("生成干部、资产等登记数据", 1);
  internal::BuildRegistries(d);
  internal::BuildPrograms(d);
  stage("生成名册、账户与发放明细", 2);
  internal::BuildLedger(d);
  stage("植入一卡通问题", 3);
  internal::PlantLedgerProblems(d);
  stage("生成集体三资数据", 4);
  internal::BuildCollective(d);
  internal::BuildProjects(d);
  if (options.density == Density::kReal) {
    stage("生成真实密度的发放明细", 4);
    internal::BuildDenseLedger(d);
  }
  stage("写出文件", 5);
  auto rows = internal::WriteDistrict(d, options.noise, options.out_dir);
  if (!rows) return std::unexpected(rows.error());
  stage("完成", 7);

  SynthSummary summary;
  summary.persons = static_cast<int64_t>(d.persons.size());
  summary.households = static_cast<int64_t>(d.households.size());
  summary.communities = static_cast<int64_t>(d.communities.size());
  summary.rows_per_table = std::move(*rows);
  summary.truth_rows = summary.rows_per_table["truth"];
  summary.payments_per_person_year = static_cast<double>(summary.rows_per_table["payments"]) /
                                     static_cast<double>(std::max<int64_t>(1, summary.persons));
  for (const auto& t : d.truth) summary.truth_per_rule[t.rule] = 0;
  // Count unique truth rows per rule (the writer deduplicated them).
  std::vector<internal::TruthRow> truth = d.truth;
  std::sort(truth.begin(), truth.end());
  truth.erase(std::unique(truth.begin(), truth.end()), truth.end());
  for (const auto& t : truth) ++summary.truth_per_rule[t.rule];
  int32_t latest = 0;
  for (const auto& p : d.payments) {
    if (p.batch_kind != 255) latest = std::max(latest, p.paid);
  }
  summary.as_of = Date::FromDays(latest).ToString();
  return summary;
}

}  // namespace qf::synth
