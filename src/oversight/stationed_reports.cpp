#include "oversight/stationed_reports.h"

#include <fmt/format.h>

#include <filesystem>

#include "casework/sealed_text.h"
#include "core/result_macros.h"
#include "crypto/crypto.h"
#include "oversight/internal/common.h"
#include "oversight/report_schedule.h"
#include "store/query.h"

namespace qf::oversight {
namespace {

using casework::Actor;
using casework::Role;
using casework::UnitTree;

constexpr std::string_view kColumns =
    "report_id, unit_code, period, period_kind, due_on, state, body, submitted_by, "
    "submitted_on, reviewed_by, reviewed_on, review_note, file_name, file_sha256";

// Texts are stored with their ID numbers sealed (casework/sealed_text.h) and shown by role.
StationedReport FromRow(store::Statement& st, const UnitTree& tree, Date today,
                        const crypto::FieldCipher& cipher, const Actor& actor) {
  const bool full = casework::ShowsFullIds(actor);
  StationedReport r;
  r.id = st.Int(0);
  r.unit_code = st.Text(1);
  r.unit_name = internal::UnitName(tree, r.unit_code);
  r.period = st.Text(2);
  r.period_name = ReportPeriodName(r.period);
  r.period_kind = st.Text(3);
  r.due_on = st.Text(4);
  r.state = st.Text(5);
  r.body = casework::OpenIds(cipher, st.Text(6), full);
  r.submitted_by = st.Text(7);
  r.submitted_on = st.Text(8);
  r.reviewed_by = st.Text(9);
  r.reviewed_on = st.Text(10);
  r.review_note = casework::OpenIds(cipher, st.Text(11), full);
  r.file_name = st.Text(12);
  r.file_sha256 = st.Text(13);
  r.status = ReportStatus(r.state, r.due_on, today);
  r.status_label = ReportStatusLabel(r.status);
  r.overdue = r.status == "overdue";
  r.on_time = !r.submitted_on.empty() && r.submitted_on <= r.due_on &&
              (r.state == "submitted" || r.state == "read");
  return r;
}

bool MaySee(const UnitTree& tree, const Actor& actor, const StationedReport& r) {
  return internal::IsCommissionStaff(tree, actor) ||
         internal::InActorSubtree(tree, actor, r.unit_code);
}

Result<void> CheckFile(const ReportFile& file) {
  if (file.name.empty() || file.bytes.empty()) {
    return std::unexpected(Error(ErrorCode::kInvalidArgument, "附件是空的").WithField("file"));
  }
  if (file.bytes.size() > kMaxReportFileBytes) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, fmt::format("附件超过 {} MB", kMaxReportFileBytes >> 20))
            .WithField("file"));
  }
  return {};
}

}  // namespace

std::string ReportStatus(const std::string& state, const std::string& due_on, Date today) {
  if (state == "submitted" || state == "read") return state;
  if (today.ToString() > due_on) return "overdue";
  return state == "returned" ? "returned" : "pending";
}

std::string ReportStatusLabel(const std::string& status) {
  if (status == "pending") return "待报送";
  if (status == "overdue") return "逾期未报";
  if (status == "returned") return "退回";
  if (status == "submitted") return "已报送";
  if (status == "read") return "已阅";
  return status;
}

Result<int> StationedReportBook::Schedule(const Actor& actor, int year) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  if (!internal::IsCommissionStaff(tree, actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有区纪委监委工作人员可以生成报送计划");
  }
  if (year < 2000 || year > 2100) {
    return std::unexpected(
        Error(ErrorCode::kInvalidArgument, "年度须在 2000—2100 之间").WithField("year"));
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  int created = 0;
  for (const auto& [code, unit] : tree.units()) {
    if (unit.kind != casework::UnitKind::kStationedGroup) continue;
    for (const ReportDue& due : ReportsDue(year)) {
      QF_ASSIGN_OR_RETURN(auto exists,
                          store::QueryInt(db_,
                                          "SELECT report_id FROM stationed_reports WHERE "
                                          "unit_code = ? AND period = ?",
                                          code, due.period));
      if (exists) continue;
      QF_RETURN_IF_ERROR(store::Exec(db_,
                                     "INSERT INTO stationed_reports (unit_code, period, "
                                     "period_kind, due_on) VALUES (?, ?, ?, ?)",
                                     code, due.period, due.kind, due.due.ToString()));
      ++created;
    }
  }
  if (created == 0) return 0;  // nothing changed: nothing to audit
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, "stationed_report.schedule", "stationed_report",
      std::to_string(year),
      {{"year", year},
       {"created", created},
       {"summary", fmt::format("生成 {} 年三为主一报告报送计划 {} 份", year, created)}}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return created;
}

Result<std::vector<StationedReport>> StationedReportBook::List(const Actor& actor) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_, fmt::format("SELECT {} FROM stationed_reports "
                                                             "ORDER BY due_on DESC, unit_code",
                                                             kColumns)));
  const Date today = Today(clock_);
  std::vector<StationedReport> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StationedReport r = FromRow(*st, tree, today, cipher_, actor);
    if (MaySee(tree, actor, r)) out.push_back(std::move(r));
  }
  return out;
}

Result<StationedReport> StationedReportBook::Get(const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  QF_ASSIGN_OR_RETURN(
      auto st,
      store::Query(
          db_, fmt::format("SELECT {} FROM stationed_reports WHERE report_id = ?", kColumns), id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  auto missing = Fail(ErrorCode::kNotFound, fmt::format("报告 {} 不存在", id));
  if (!found) return missing;
  StationedReport r = FromRow(*st, tree, Today(clock_), cipher_, actor);
  if (!MaySee(tree, actor, r)) return missing;
  return r;
}

Result<void> StationedReportBook::Submit(const Actor& actor, int64_t id, const std::string& body,
                                         const std::optional<ReportFile>& file) {
  QF_ASSIGN_OR_RETURN(StationedReport r, Get(actor, id));
  if (actor.unit_code != r.unit_code || !internal::HasBusinessRole(actor)) {
    return Fail(ErrorCode::kPermissionDenied,
                fmt::format("只有{}的工作人员可以报送本报告", r.unit_name));
  }
  if (r.state != "pending" && r.state != "returned") {
    return Fail(ErrorCode::kConflict, fmt::format("报告已{}，不能重复报送", r.status_label));
  }
  QF_ASSIGN_OR_RETURN(std::string text, internal::RequireText(body, "body", "报告内容"));
  ReportFile stored;
  if (file) {
    stored = *file;
    stored.name = std::filesystem::path(file->name).filename().string();
    QF_RETURN_IF_ERROR(CheckFile(stored));
    stored.sha256 = crypto::Sha256Hex(stored.bytes);
  }
  const std::string today = Today(clock_).ToString();
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_RETURN_IF_ERROR(store::Exec(
      db_,
      "UPDATE stationed_reports SET state = 'submitted', body = ?, submitted_by = ?, "
      "submitted_on = ?, file_name = ?, file_sha256 = ?, file_base64 = ? WHERE report_id = ?",
      casework::SealIds(cipher_, text), actor.username, today, stored.name, stored.sha256,
      file ? crypto::ToBase64(stored.bytes) : std::string(), id));
  const bool late = today > r.due_on;
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, "stationed_report.submit", "stationed_report",
      std::to_string(id),
      {{"unit", r.unit_code},
       {"period", r.period},
       {"due_on", r.due_on},
       {"submitted_on", today},
       {"file_sha256", stored.sha256},
       {"summary",
        fmt::format("{}报送{}{}", r.unit_name, r.period_name, late ? "（逾期）" : "")}}));
  return tx->Commit();
}

Result<void> StationedReportBook::Review(const Actor& actor, int64_t id, bool accept,
                                         const std::string& note) {
  QF_ASSIGN_OR_RETURN(UnitTree tree, internal::LoadUnits(db_));
  if (!internal::IsCommissionStaff(tree, actor) ||
      !(actor.Has(Role::kApprover) || actor.Has(Role::kHandler))) {
    return Fail(ErrorCode::kPermissionDenied, "只有区纪委监委的承办人、审核领导可以审阅报告");
  }
  QF_ASSIGN_OR_RETURN(StationedReport r, Get(actor, id));
  if (r.state != "submitted") {
    return Fail(ErrorCode::kConflict, fmt::format("报告{}，不能审阅", r.status_label));
  }
  std::string reason;
  if (!accept) {
    QF_ASSIGN_OR_RETURN(reason, internal::RequireText(note, "note", "退回理由"));
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "UPDATE stationed_reports SET state = ?, reviewed_by = ?, "
                                 "reviewed_on = ?, review_note = ? WHERE report_id = ?",
                                 accept ? "read" : "returned", actor.username,
                                 Today(clock_).ToString(), casework::SealIds(cipher_, reason), id));
  QF_RETURN_IF_ERROR(internal::Audit(
      db_, clock_, cipher_, actor, accept ? "stationed_report.read" : "stationed_report.return",
      "stationed_report", std::to_string(id),
      {{"unit", r.unit_code},
       {"period", r.period},
       {"reason", casework::MaskIds(reason)},
       {"summary", fmt::format("{}{}：{}", r.unit_name, r.period_name,
                               accept ? "已阅" : "退回（" + casework::MaskIds(reason) + "）")}}));
  return tx->Commit();
}

Result<ReportFile> StationedReportBook::Download(const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(StationedReport r, Get(actor, id));
  if (r.file_name.empty()) return Fail(ErrorCode::kNotFound, "该报告没有附件");
  QF_ASSIGN_OR_RETURN(auto encoded,
                      store::QueryText(db_,
                                       "SELECT file_base64 FROM stationed_reports WHERE "
                                       "report_id = ?",
                                       id));
  QF_ASSIGN_OR_RETURN(std::string bytes, crypto::FromBase64(encoded.value_or("")));
  if (crypto::Sha256Hex(bytes) != r.file_sha256) {
    return Fail(ErrorCode::kInternal,
                fmt::format("附件「{}」的内容与登记的 SHA-256 不符，未予下载", r.file_name));
  }
  QF_RETURN_IF_ERROR(internal::Audit(db_, clock_, cipher_, actor, "stationed_report.download",
                                     "stationed_report", std::to_string(id),
                                     {{"name", r.file_name},
                                      {"sha256", r.file_sha256},
                                      {"summary", fmt::format("下载附件 {}", r.file_name)}},
                                     /*alone=*/true));
  return ReportFile{.name = r.file_name,
                    .content_type = "application/octet-stream",
                    .bytes = std::move(bytes),
                    .sha256 = r.file_sha256};
}

}  // namespace qf::oversight
