// The data behind the public 码上行动 pages: places (community, program, service window), what is
// disclosed at a place, and citizens' reports with their receipt codes and follow-up messages
// (the self-check of one's own payments: self_check.h).
//
// Reports live in the web layer's own tables (store migration v3, src/store/schema_v3_web.sql):
//   public_reports          one row per report; receipt_hash = SM3 of the receipt code (the code
//                           itself is shown once and never stored); the text and a real-name
//                           reporter's name and phone are SM4-encrypted; an anonymous report has
//                           no name or phone, and no table anywhere holds an address or a header
//                           of its sender.
//   public_report_messages  the citizen's follow-ups and the commission's replies (encrypted).
//   public_report_photos    photos (JPEG/PNG, base64).
// Each report becomes a clue (source 群众举报) registered at the district commission, never
// only at the unit it is about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casework/casework_service.h"
#include "core/clock.h"
#include "crypto/crypto.h"
#include "core/result.h"
#include "store/database.h"
#include "web/internal/place_directory.h"
#include "web/masking.h"

namespace qf::web::internal {

struct DisclosureRow {
  std::string program, name_masked, community, start_date, end_date, periods;
  int64_t household_size = 0;
  int64_t last_amount = 0;  // fen, the latest payment
};
struct Disclosure {
  std::vector<DisclosureRow> rows;
  int64_t total = 0;
  std::vector<Place> programs;  // for a service window: its programs
};
Result<Disclosure> LoadDisclosure(store::Database& db, const Place& place, MaskPolicy policy,
                                  int64_t page, int64_t page_size);

struct ReportInput {
  std::string category, place_key, place_name, content;
  bool anonymous = true;
  std::string reporter_name, reporter_phone;
  struct Photo {
    std::string mime, data;
  };
  std::vector<Photo> photos;
};
// Stores the report (text SM4-encrypted) and its photos, registers its clue at the commission and
// links them, all in one transaction; returns the 16-digit receipt code (shown once). An
// anonymous report's clue and audit entry are time-stamped to the day (Beijing).
Result<std::string> CreateReport(store::Database& db, const qf::Clock& clock,
                                 const crypto::FieldCipher& cipher,
                                 const casework::CaseworkOptions& options,
                                 const ReportInput& input);

// Inside the caller's transaction: stores `input` as a report answering to a clue registered
// elsewhere (a 公示 objection's) and links it to `clue_id`, so that the citizen follows it with
// the returned receipt code at /m/receipt and the clue page can reply, as for any report.
Result<std::string> AttachReport(store::Database& db, const crypto::FieldCipher& cipher,
                                 const ReportInput& input, int64_t clue_id,
                                 const std::string& today);

struct ReportView {
  int64_t report_id = 0;
  std::string category, place_name, content, created_on, status;
  bool anonymous = true;
  int64_t clue_id = 0;
  int64_t photos = 0;
  struct Message {
    std::string author, body, created_on;
  };
  std::vector<Message> messages;
  // The reporter's ratings of the commission's answers (issue 15 point 5), oldest first.
  struct Rating {
    std::string rating, comment, created_on;
    bool reopened = false;
  };
  std::vector<Rating> ratings;
  // The newest answer of the commission (author 受理单位) when it is not rated yet, else 0: the
  // receipt page offers the rating form only then.
  int64_t unrated_answer = 0;
};
// nullopt for an unknown receipt code. Text comes back decrypted.
Result<std::optional<ReportView>> LoadReportByReceipt(store::Database& db,
                                                      const crypto::FieldCipher& cipher,
                                                      const std::string& code);
Result<std::optional<ReportView>> LoadReportForClue(store::Database& db,
                                                    const crypto::FieldCipher& cipher,
                                                    int64_t clue_id);
// Adds a message to a report's thread — a reply of the handling unit (`actor` the staff user) or
// the reporter's follow-up (`actor` "public") — with its audit entry (report.reply /
// report.follow_up), in one transaction. The body is stored SM4-encrypted and kept out of the
// audit entry; the reporter's entry is time-stamped to the day, like their report.
Result<void> AddReportMessage(store::Database& db, const crypto::FieldCipher& cipher,
                              const qf::Clock& clock, int64_t report_id,
                              const std::string& author, const std::string& actor,
                              const std::string& body, const std::string& today);

// 满意, 基本满意, 不满意: what a reporter may say of an answer.
inline constexpr const char* kRatings[] = {"满意", "基本满意", "不满意"};
// The reporter rates the newest answer to report `report_id` (issue 15 point 5): one rating per
// answer (kConflict when there is no answer yet or it is rated already; a newer answer may be
// rated again), kInvalidArgument for a rating not in kRatings or a comment over 2000 bytes. The
// comment is stored SM4-encrypted with its ID numbers sealed. Audited "report.rate" by
// "码上行动回执" — the receipt channel, never the reporter — stamped to the Beijing day. 不满意
// calls CaseworkService::ReopenDissatisfiedInTransaction in the same transaction (a concluded clue
// goes back to 处置中, the clue's unit gets a 待办). True when the clue was reopened.
Result<bool> RateReport(store::Database& db, const qf::Clock& clock,
                        const crypto::FieldCipher& cipher, const casework::CaseworkOptions& options,
                        int64_t report_id, const std::string& rating, const std::string& comment,
                        const std::string& today);

// One month of the public board (/m/board): reports received (受理) that month, how many of them
// are 办结 now (their clue 已了结 or 已立案调查 — a clue reopened by 不满意 no longer counts), and
// the ratings made that month: 满意 + 基本满意 of all. Counts only, never a report.
struct BoardMonth {
  std::string month;  // "2025-12", Beijing
  int64_t received = 0, closed = 0, rated = 0, satisfied = 0;
};
// The 12 months up to `today`'s (a Beijing "YYYY-MM-DD"), oldest first, months without reports
// included. Two grouped queries over the report tables (public_reports_created, migration v15).
Result<std::vector<BoardMonth>> LoadBoard(store::Database& db, const std::string& today);

// A real-name reporter's name and phone, decrypted. kNotFound for an anonymous report. Callers
// authorise and audit the read (casework_routes.cpp: 查看联系方式).
struct ReporterContact {
  std::string name, phone;
};
Result<ReporterContact> LoadReporterContact(store::Database& db,
                                            const crypto::FieldCipher& cipher,
                                            int64_t report_id);
// (mime, bytes) of the n-th photo (0-based), nullopt when absent.
Result<std::optional<std::pair<std::string, std::string>>> LoadReportPhoto(store::Database& db,
                                                                           int64_t report_id,
                                                                           int64_t n);

// "jpeg"/"png" from the first bytes; "" for anything else.
std::string SniffImage(std::string_view bytes);
// True when `code` is 16 digits.
bool IsReceiptCode(std::string_view code);

}  // namespace qf::web::internal
