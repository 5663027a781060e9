// Findings queries for the queue, the evidence page and the dashboard.
#include "web/internal/findings_query.h"

#include <fmt/format.h>

#include <regex>

#include "engine/rule.h"

namespace qf::web::internal {
namespace {

// The community a finding is about: its person's (persons.community); for the 三资 rules, which
// name no person, the collective's — the contract's community for R18–R20 and R26 (ref = the
// contract), the community that paid the counterparty for R17 (ref = the counterparty; the
// first by name when several did); NULL otherwise (no household registration, or an enterprise
// finding). Needs `persons p` joined on the finding's ID number.
constexpr const char* kCommunityOf =
    "COALESCE(p.community, CASE WHEN f.rule IN ('R18', 'R19', 'R20', 'R26') THEN (SELECT "
    "MIN(cc.community) FROM collective_contracts cc WHERE cc.contract_id = f.ref) WHEN f.rule = "
    "'R17' THEN (SELECT MIN(ct.community) FROM collective_transactions ct WHERE ct.counterparty "
    "= f.ref AND ct.direction = '支') END)";

struct Where {
  std::string sql;
  std::vector<std::string> args;
  bool needs_persons = false;
};

Where BuildWhere(const FindingFilter& f) {
  Where w;
  w.sql = f.status.empty() ? " WHERE f.status != 'gone'" : " WHERE f.status = ?";
  if (!f.status.empty()) w.args.push_back(f.status);
  auto add = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    w.sql += clause;
    w.args.push_back(value);
  };
  add(f.rule, " AND f.rule = ?");
  add(f.severity, " AND f.severity = ?");
  add(f.program, " AND f.program_code = ?");
  add(f.review, " AND f.review = ?");
  // " AND <column> IN (?, ?, …)" with one parameter per value.
  auto add_list = [&](const std::vector<std::string>& values, std::string_view column_in) {
    std::string marks;
    for (const std::string& v : values) {
      marks += marks.empty() ? "?" : ", ?";
      w.args.push_back(v);
    }
    w.sql += fmt::format(" AND {} ({})", column_in, marks);
  };
  if (!f.exclude.empty()) add_list(f.exclude, "f.fingerprint NOT IN");
  if (f.only) {
    if (f.only->empty()) {
      w.sql += " AND 1 = 0";
    } else {
      add_list(*f.only, "f.fingerprint IN");
    }
  }
  if (!f.all_units) {
    w.needs_persons = true;
    if (f.communities.empty()) {
      w.sql += " AND 1 = 0";
    } else {
      add_list(f.communities, "p.community IN");
    }
  }
  if (!f.search.empty()) {
    std::string like = LikeEscaped(f.search);
    w.sql += " AND (f.rule = ? OR f.fingerprint LIKE ? ESCAPE '\\' OR f.program_code = ?";
    w.args.insert(w.args.end(), {f.search, like + "%", f.search});
    if (f.search_names) {
      w.sql += " OR p.name LIKE ? ESCAPE '\\'";
      w.args.push_back("%" + like + "%");
    }
    w.sql += ")";
    w.needs_persons = true;
  }
  add(f.period_from, " AND substr(f.period, 1, 7) >= ?");
  add(f.period_to, " AND substr(f.period, 1, 7) <= ?");
  if (f.community == kNoHouseholdCommunity) {
    w.sql += fmt::format(" AND f.id_number <> '' AND {} IS NULL", kCommunityOf);
    w.needs_persons = true;
  } else if (f.community == kEnterpriseCommunity) {
    w.sql += fmt::format(" AND f.id_number = '' AND {} IS NULL", kCommunityOf);
    w.needs_persons = true;
  } else if (!f.community.empty()) {
    w.sql += fmt::format(" AND {} = ?", kCommunityOf);
    w.args.push_back(f.community);
    w.needs_persons = true;
  }
  return w;
}

const std::string& Columns() {
  static const std::string columns = fmt::format(
      "SELECT f.fingerprint, f.rule, f.id_number, f.program_code, f.period, f.account_no, f.ref, "
      "f.severity, f.amount, f.evidence, f.status, f.review, COALESCE(f.review_reason, ''), "
      "COALESCE(f.reviewed_by, ''), COALESCE(f.reviewed_at, ''), COALESCE(p.name, ''), "
      "COALESCE({}, ''), COALESCE(pr.name, ''), COALESCE(cf.clue_id, 0), f.review_version "
      "FROM findings f LEFT JOIN persons p ON p.id_number = f.id_number "
      "LEFT JOIN programs pr ON pr.code = f.program_code "
      "LEFT JOIN clue_findings cf ON cf.fingerprint = f.fingerprint",
      kCommunityOf);
  return columns;
}

FindingRow ReadRow(const store::Statement& st) {
  FindingRow r;
  r.fingerprint = st.Text(0);
  r.rule = st.Text(1);
  r.id_number = st.Text(2);
  r.program_code = st.Text(3);
  r.period = st.Text(4);
  r.account_no = st.Text(5);
  r.ref = st.Text(6);
  r.severity = st.Text(7);
  r.amount = st.Int(8);
  r.evidence = st.Text(9);
  r.status = st.Text(10);
  r.review = st.Text(11);
  r.review_reason = st.Text(12);
  r.reviewed_by = st.Text(13);
  r.reviewed_at = st.Text(14);
  r.person_name = st.Text(15);
  r.community = st.Text(16);
  r.program_name = st.Text(17);
  r.clue_id = st.Int(18);
  r.review_version = st.Int(19);
  return r;
}

Result<std::vector<Bucket>> Buckets(store::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  std::vector<Bucket> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({(*st)->Text(0), (*st)->Text(1), (*st)->Int(2), (*st)->Int(3)});
  }
  return out;
}

}  // namespace

std::string ShownPeriod(const std::string& period, const std::string& evidence) {
  if (!period.empty()) return period;
  // A month, quarter or year as engine::PeriodText writes it: after "（" of a listed payment, or
  // in R08's list "所属期 2024-03、2024-04/2024-Q2"; never a date (a month is not followed by
  // "-DD") nor an amount.
  static const std::regex kPeriod(
      R"re((?:（|所属期 |、|/)(\d{4}(?:-\d{2}|-Q[1-4])?)(?=，|）| |、|/|等))re");
  std::string first, last;
  for (std::sregex_iterator it(evidence.begin(), evidence.end(), kPeriod), end; it != end; ++it) {
    const std::string p = (*it)[1].str();
    if (first.empty() || p < first) first = p;
    if (last.empty() || p > last) last = p;
  }
  if (first.empty()) return "—";
  std::string shown = first == last ? first : first + " 至 " + last;
  if (evidence.find("等共 ") != std::string::npos) shown += " 等";
  return shown;
}

const ListSpec& FindingsListSpec() {
  static const ListSpec spec = {
      .path = "/findings",
      .columns = {{"rule", "规则", "f.rule"},
                  {"person", "对象", "p.name"},
                  {"community", "社区", kCommunityOf},
                  {"program", "项目", "f.program_code"},
                  {"period", "所属期", "f.period", true},
                  {"severity", "严重",
                   "CASE f.severity WHEN '高' THEN 0 WHEN '中' THEN 1 ELSE 2 END"},
                  {"amount", "金额（元）", "f.amount", true},
                  {"review", "审核", "f.review"},
                  {"status", "状态", "f.status"}},
      .default_sort = "amount",
      .default_descending = true,
      .tiebreak = "f.amount DESC, f.fingerprint",
      .filters = {"rule", "severity", "community", "program", "review", "status"},
      .default_page_size = 50};
  return spec;
}

Result<FindingsPage> QueryFindings(store::Database& db, const FindingFilter& filter) {
  Where w = BuildWhere(filter);
  FindingsPage page;
  {
    std::string sql = "SELECT COUNT(*), COALESCE(SUM(f.amount), 0) FROM findings f";
    if (w.needs_persons) sql += " LEFT JOIN persons p ON p.id_number = f.id_number";
    auto st = db.Prepare(sql + w.sql);
    if (!st) return std::unexpected(st.error());
    for (size_t i = 0; i < w.args.size(); ++i) (*st)->Bind(static_cast<int>(i + 1), w.args[i]);
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    page.total = (*st)->Int(0);
    page.total_amount = (*st)->Int(1);
  }
  std::string order =
      filter.order_by.empty() ? " ORDER BY f.amount DESC, f.fingerprint" : filter.order_by;
  const bool all = filter.page_size <= 0;
  auto st = db.Prepare(Columns() + w.sql + order + (all ? "" : " LIMIT ? OFFSET ?"));
  if (!st) return std::unexpected(st.error());
  int i = 1;
  for (const std::string& arg : w.args) (*st)->Bind(i++, arg);
  if (!all) {
    // A page past the last shows the last one.
    int64_t pages = std::max<int64_t>(1, (page.total + filter.page_size - 1) / filter.page_size);
    page.page = std::clamp<int64_t>(filter.page, 1, pages);
    (*st)->Bind(i++, filter.page_size);
    (*st)->Bind(i++, (page.page - 1) * filter.page_size);
  }
  while (true) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    page.rows.push_back(ReadRow(**st));
  }
  return page;
}

Result<std::optional<FindingRow>> LoadFinding(store::Database& db, const std::string& fingerprint) {
  auto st = db.Prepare(Columns() + " WHERE f.fingerprint = ?");
  if (!st) return std::unexpected(st.error());
  (*st)->Bind(1, fingerprint);
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<FindingRow>();
  return std::optional<FindingRow>(ReadRow(**st));
}

Result<std::vector<Bucket>> FindingsByRule(store::Database& db) {
  auto out = Buckets(db,
                     "SELECT rule, rule, COUNT(*), COALESCE(SUM(amount), 0) FROM findings "
                     "WHERE status != 'gone' GROUP BY rule ORDER BY rule");
  if (out) {
    for (Bucket& b : *out) {
      if (const engine::RuleSpec* spec = engine::FindRule(b.key)) {
        b.label = fmt::format("{} {}", b.key, spec->name);
      }
    }
  }
  return out;
}

Result<std::vector<Bucket>> FindingsByCommunity(store::Database& db, int limit) {
  // A finding without a community is about a person missing from the household register, or,
  // without an ID number, about an enterprise project.
  std::string bucket =
      fmt::format("COALESCE({0}, CASE WHEN f.id_number = '' THEN '{1}' ELSE '{2}' END)",
                  kCommunityOf, kEnterpriseCommunity, kNoHouseholdCommunity);
  return Buckets(db, fmt::format("SELECT {0}, {0}, COUNT(*), COALESCE(SUM(f.amount), 0) FROM "
                                 "findings f LEFT JOIN persons p ON p.id_number = f.id_number "
                                 "WHERE f.status != 'gone' GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT {1}",
                                 bucket, limit));
}

Result<std::vector<Bucket>> FindingsByReview(store::Database& db) {
  auto out = Buckets(db,
                     "SELECT review, review, COUNT(*), COALESCE(SUM(amount), 0) FROM findings "
                     "WHERE status != 'gone' GROUP BY review ORDER BY review");
  if (out) {
    for (Bucket& b : *out) {
      b.label = b.key == "open" ? "待核" : b.key == "confirmed" ? "已确认" : "已排除";
    }
  }
  return out;
}

Result<std::vector<Bucket>> FindingsByMonth(store::Database& db) {
  return Buckets(
      db,
      "SELECT substr(period, 1, 7), substr(period, 1, 7), COUNT(*), "
      "COALESCE(SUM(amount), 0) FROM findings WHERE status != 'gone' AND "
      "length(period) >= 7 AND substr(period, 5, 1) = '-' AND substr(period, 6, 1) != 'Q' "
      "GROUP BY 1 ORDER BY 1");
}

Result<std::vector<Bucket>> Communities(store::Database& db) {
  return Buckets(db,
                 "SELECT community, community, COUNT(*), 0 FROM enrolments GROUP BY community "
                 "ORDER BY community");
}

Result<std::vector<Bucket>> Programs(store::Database& db) {
  return Buckets(db, "SELECT code, name, 0, 0 FROM programs ORDER BY code");
}

std::string MaskIdsInText(std::string_view text) {
  std::string out(text);
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  while (i + 18 <= out.size()) {
    bool match = (i == 0 || !is_digit(out[i - 1]));
    for (size_t k = 0; match && k < 17; ++k) match = is_digit(out[i + k]);
    if (match) match = is_digit(out[i + 17]) || out[i + 17] == 'X' || out[i + 17] == 'x';
    if (match && i + 18 < out.size()) match = !is_digit(out[i + 18]);
    if (match) {
      for (size_t k = 6; k < 14; ++k) out[i + k] = '*';
      i += 18;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace qf::web::internal
