// 三为主一报告: the reports each 派驻纪检监察组 owes the commission (report_schedule.h), submitted
// by the group's staff and read (已阅) or returned (退回) by the commission.
//
//   StationedReportBook book(db, clock, cipher);
//   book.Schedule(commission_clerk, 2026);                 // the year's rows for every group
//   book.Submit(group_staff, id, "本季度……", {});            // text, optional attachment
//   book.Review(leader, id, /*accept=*/true, "");           // 已阅
//
// Who: the commission's staff (a business role in the unit of kind 区纪委监委) schedule the year,
// see every report and — 承办人 or 审核领导 — mark one 已阅 or 退回 (with a reason). A group's
// staff (any business role of the group's own unit) see their group's reports and submit them: a
// report still 待报送 or 退回, never another group's (kPermissionDenied) — a report outside the
// actor's unit subtree is kNotFound. Every change is audited in its transaction:
// stationed_report.schedule, stationed_report.submit, stationed_report.read,
// stationed_report.return; a download of the attachment is audited (stationed_report.download)
// before the bytes leave.
//
// Status, computed against Beijing today: 待报送 (pending, not yet due), 逾期未报 (overdue: not
// submitted and past its due day, a 退回 one included), 退回 (returned, not yet overdue), 已报送
// (submitted), 已阅 (read). A report is on time when it was (last) submitted on or before its due
// day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casework/roles.h"
#include "core/clock.h"
#include "core/result.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::oversight {

inline constexpr size_t kMaxReportFileBytes = 10 * 1024 * 1024;

struct ReportFile {
  std::string name;
  std::string content_type = "application/octet-stream";
  std::string bytes;
  std::string sha256 = {};  // lower-case hex, set by the book
};

struct StationedReport {
  int64_t id = 0;
  std::string unit_code, unit_name;
  std::string period, period_name, period_kind;  // "2026-Q1", "2026年第一季度报告", "quarter"
  std::string due_on;
  std::string state;         // stored: pending, submitted, read, returned
  std::string status;        // computed: pending, overdue, returned, submitted, read
  std::string status_label;  // 待报送, 逾期未报, 退回, 已报送, 已阅
  bool overdue = false;      // 逾期未报
  bool on_time = false;      // submitted on or before the due day
  std::string body, submitted_by, submitted_on;
  std::string reviewed_by, reviewed_on, review_note;
  std::string file_name, file_sha256;
};

// The status of a report in state `state`, due `due_on`, as of `today` (see above).
std::string ReportStatus(const std::string& state, const std::string& due_on, Date today);
std::string ReportStatusLabel(const std::string& status);

class StationedReportBook {
 public:
  // All are borrowed and must outlive the book.
  StationedReportBook(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher)
      : db_(db), clock_(clock), cipher_(cipher) {}

  // Creates the rows of `year` (ReportsDue) missing for each stationed group; returns how many
  // were created (0 the second time: idempotent). Commission staff only.
  Result<int> Schedule(const casework::Actor& actor, int year);
  // The reports the actor may see, newest due first.
  Result<std::vector<StationedReport>> List(const casework::Actor& actor);
  Result<StationedReport> Get(const casework::Actor& actor, int64_t id);
  // The group's staff submit (or resubmit a 退回 one); `body` must not be empty; the file, when
  // given, at most kMaxReportFileBytes.
  Result<void> Submit(const casework::Actor& actor, int64_t id, const std::string& body,
                      const std::optional<ReportFile>& file);
  // 承办人 / 审核领导 of the commission: 已阅 (accept) or 退回 with a non-empty note; only a
  // submitted report (kConflict otherwise).
  Result<void> Review(const casework::Actor& actor, int64_t id, bool accept,
                      const std::string& note);
  // The attachment, its SHA-256 verified, the download audited first.
  Result<ReportFile> Download(const casework::Actor& actor, int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
  const crypto::FieldCipher& cipher_;
};

}  // namespace qf::oversight
