// Public pages' data: places, disclosure, self-check, reports.
#include "web/internal/public_store.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "audit/audit_log.h"
#include "casework/sealed_text.h"
#include "casework/state_machines.h"
#include "core/result_macros.h"
#include "crypto/crypto.h"
#include "taxonomy/taxonomy.h"

namespace qf::web::internal {
namespace {

using Stmt = std::unique_ptr<store::Statement>;

template <typename... Args>
Result<Stmt> Query(store::Database& db, std::string_view sql, const Args&... args) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  int i = 1;
  ((*st)->Bind(i++, args), ...);
  return std::move(*st);
}

template <typename... Args>
Result<void> Exec(store::Database& db, std::string_view sql, const Args&... args) {
  auto st = Query(db, sql, args...);
  if (!st) return std::unexpected(st.error());
  return (*st)->Run();
}

std::string ReceiptHash(std::string_view code) {
  return crypto::Sm3Hex(std::string("qingfeng-receipt:") + std::string(code));
}

std::string PublicStatus(std::string_view clue_status) {
  auto state = casework::ParseClueState(clue_status);
  if (!state) return "已受理";
  switch (*state) {
    case casework::ClueState::kRegistered:
      return "已受理，待分办";
    case casework::ClueState::kConcluded:
      return "已办结";
    case casework::ClueState::kCaseFiled:
      return "已立案调查";
    default:
      return "办理中";
  }
}

}  // namespace

Result<Disclosure> LoadDisclosure(store::Database& db, const Place& place, MaskPolicy policy,
                                  int64_t page, int64_t page_size) {
  Disclosure out;
  if (place.key.starts_with("w-")) {
    auto st = Query(db, "SELECT code, name FROM programs WHERE department = ? ORDER BY code",
                    place.detail);
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = (*st)->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      out.programs.push_back({"p-" + (*st)->Text(0), "项目", (*st)->Text(1), place.detail});
    }
    return out;
  }
  bool community = place.key.starts_with("c-");
  std::string where = community ? "e.community = ?" : "e.program_code = ?";
  std::string value = community ? place.name : place.key.substr(2);
  {
    auto st = Query(db, "SELECT COUNT(*) FROM enrolments e WHERE " + where, value);
    if (!st) return std::unexpected(st.error());
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    out.total = (*st)->Int(0);
  }
  // One page of enrolments; per row the household size and the latest payment come from
  // indexed look-ups (persons by household, payments by person and program).
  std::string sql =
      "SELECT pr.name, e.name, e.community, e.start_date, COALESCE(e.end_date, ''), "
      " (SELECT COUNT(*) FROM persons h WHERE h.household_id = p.household_id), "
      " (SELECT amount FROM payments pay WHERE pay.id_number = e.id_number AND "
      "   pay.program_code = e.program_code ORDER BY pay.paid_date DESC LIMIT 1), "
      " (SELECT MIN(period) || ' 至 ' || MAX(period) FROM payments pay WHERE "
      "   pay.id_number = e.id_number AND pay.program_code = e.program_code) "
      "FROM enrolments e JOIN programs pr ON pr.code = e.program_code "
      "LEFT JOIN persons p ON p.id_number = e.id_number WHERE " +
      where + " ORDER BY e.program_code, e.community, e.name, e.start_date LIMIT ? OFFSET ?";
  auto st = Query(db, sql, value, page_size, (std::max<int64_t>(page, 1) - 1) * page_size);
  if (!st) return std::unexpected(st.error());
  while (true) {
    auto row = (*st)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    DisclosureRow r;
    r.program = (*st)->Text(0);
    r.name_masked = MaskName((*st)->TextView(1), policy);
    r.community = (*st)->Text(2);
    r.start_date = (*st)->Text(3);
    r.end_date = (*st)->Text(4);
    r.household_size = (*st)->Int(5);
    r.last_amount = (*st)->Int(6);
    r.periods = (*st)->Text(7);
    out.rows.push_back(std::move(r));
  }
  return out;
}

std::string SniffImage(std::string_view b) {
  if (b.size() > 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    return "jpeg";
  }
  if (b.size() > 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "png";
  return "";
}

bool IsReceiptCode(std::string_view code) {
  if (code.size() != 16) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {

// An anonymous report's clock: the start of the Beijing day. The clue, its audit entry and
// everything else written while registering the report carry the day, never the minute, so a
// time cannot be matched against a door camera or a phone log.
class DayClock final : public qf::Clock {
 public:
  explicit DayClock(const qf::Clock& inner) : inner_(inner) {}
  int64_t NowSeconds() const override {
    constexpr int64_t kBeijing = 8 * 3600, kDay = 86400;
    int64_t local = inner_.NowSeconds() + kBeijing;
    return local - ((local % kDay) + kDay) % kDay - kBeijing;
  }

 private:
  const qf::Clock& inner_;
};

// Report text at rest: SM4 like the casework ID numbers. Rows written before it hold plain
// text and are read as they are.
std::string Reveal(const crypto::FieldCipher& cipher, const std::string& stored) {
  if (!stored.starts_with("sm4:")) return stored;
  auto plain = cipher.Decrypt(stored);
  return plain ? *plain : std::string("（内容无法解密）");
}

Result<int64_t> InsertReport(store::Database& db, const crypto::FieldCipher& cipher,
                             const ReportInput& input, const std::string& code,
                             const std::string& today) {
  std::optional<std::string> name_enc, phone_enc;
  if (!input.anonymous) {
    name_enc = cipher.Encrypt(input.reporter_name);
    phone_enc = cipher.Encrypt(input.reporter_phone);
  }
  auto ok = Exec(db,
                 "INSERT INTO public_reports(receipt_hash, category, place_key, place_name, "
                 "content, anonymous, reporter_name_enc, reporter_phone_enc, created_on) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 ReceiptHash(code), input.category, input.place_key, input.place_name,
                 cipher.Encrypt(input.content), int64_t{input.anonymous ? 1 : 0}, name_enc,
                 phone_enc, today);
  if (!ok) return std::unexpected(ok.error());
  int64_t report_id = db.LastInsertId();
  for (const ReportInput::Photo& photo : input.photos) {
    auto saved = Exec(db,
                      "INSERT INTO public_report_photos(report_id, mime, data_base64) "
                      "VALUES (?, ?, ?)",
                      report_id, photo.mime, crypto::ToBase64(photo.data));
    if (!saved) return std::unexpected(saved.error());
  }
  return report_id;
}

// The clue's body. The report's text stays in the encrypted report (shown on the clue page to
// whoever may see the clue), never in the clue's summary, which is stored in clear.
casework::Json ClueBody(const ReportInput& input, int64_t report_id) {
  std::string place_note =
      input.place_name.empty() ? "" : fmt::format("反映地点/对象：{}。", input.place_name);
  return {{"source", "群众举报"},
          {"source_ref", fmt::format("码上行动#{}", report_id)},
          {"domain", taxonomy::Active().DomainForPublicCategory(input.category)},
          {"title", fmt::format("群众举报：{}{}", input.category,
                                input.place_name.empty() ? "" : "（" + input.place_name + "）")},
          {"summary", fmt::format("{}{}反映内容加密保存，见本线索的群众举报记录。", place_note,
                                  input.anonymous ? "匿名举报。" : "实名举报。")},
          {"unit", "commission"}};
}

}  // namespace

namespace {

std::string NewCode() {
  std::string code;
  for (int i = 0; i < 16; ++i) code.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  return code;
}

}  // namespace

Result<std::string> AttachReport(store::Database& db, const crypto::FieldCipher& cipher,
                                 const ReportInput& input, int64_t clue_id,
                                 const std::string& today) {
  std::string code = NewCode();
  auto report_id = InsertReport(db, cipher, input, code, today);
  if (!report_id) return std::unexpected(report_id.error());
  auto linked =
      Exec(db, "UPDATE public_reports SET clue_id = ? WHERE report_id = ?", clue_id, *report_id);
  if (!linked) return std::unexpected(linked.error());
  return code;
}

Result<std::string> CreateReport(store::Database& db, const qf::Clock& clock,
                                 const crypto::FieldCipher& cipher,
                                 const casework::CaseworkOptions& options,
                                 const ReportInput& input) {
  std::string code = NewCode();
  DayClock day_clock(clock);
  const qf::Clock& report_clock =
      input.anonymous ? static_cast<const qf::Clock&>(day_clock) : clock;
  casework::CaseworkService service(db, report_clock, cipher, options);
  // The clue is registered by the channel itself at the district commission: whatever unit the
  // report is about, it is never the only one to see it.
  casework::Actor channel{.user_id = 0,
                          .username = "码上行动",
                          .roles = {casework::Role::kIntake},
                          .unit_code = "commission"};
  // Report, photos, clue, its audit entry and the link commit together or not at all.
  auto tx = db.Begin();
  if (!tx) return std::unexpected(tx.error());
  auto report_id = InsertReport(db, cipher, input, code, qf::Today(clock).ToString());
  if (!report_id) return std::unexpected(report_id.error());
  auto clue_id = service.CreateClueInTransaction(channel, ClueBody(input, *report_id));
  if (!clue_id) return std::unexpected(clue_id.error());
  auto linked =
      Exec(db, "UPDATE public_reports SET clue_id = ? WHERE report_id = ?", *clue_id, *report_id);
  if (!linked) return std::unexpected(linked.error());
  if (auto committed = (*tx)->Commit(); !committed) return std::unexpected(committed.error());
  return code;
}

namespace {

// The newest answer (author 受理单位) of a report when no rating names it, else 0.
Result<int64_t> NewestUnratedAnswer(store::Database& db, int64_t report_id) {
  auto st = Query(db,
                  "SELECT m.message_id, (SELECT COUNT(*) FROM public_report_ratings g WHERE "
                  "g.message_id = m.message_id) FROM public_report_messages m WHERE "
                  "m.report_id = ? AND m.author = '受理单位' ORDER BY m.message_id DESC LIMIT 1",
                  report_id);
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row || (*st)->Int(1) != 0) return int64_t{0};
  return (*st)->Int(0);
}

Result<std::optional<ReportView>> LoadReport(store::Database& db, const crypto::FieldCipher& cipher,
                                             std::string_view where, const std::string& value) {
  auto st = Query(db,
                  "SELECT r.report_id, r.category, r.place_name, r.content, r.created_on, "
                  "r.anonymous, COALESCE(r.clue_id, 0), COALESCE(c.status, ''), "
                  "(SELECT COUNT(*) FROM public_report_photos ph WHERE ph.report_id = r.report_id) "
                  "FROM public_reports r LEFT JOIN clues c ON c.clue_id = r.clue_id WHERE " +
                      std::string(where),
                  value);
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<ReportView>();
  ReportView v;
  v.report_id = (*st)->Int(0);
  v.category = (*st)->Text(1);
  v.place_name = (*st)->Text(2);
  v.content = Reveal(cipher, (*st)->Text(3));
  v.created_on = (*st)->Text(4);
  v.anonymous = (*st)->Int(5) != 0;
  v.clue_id = (*st)->Int(6);
  v.status = PublicStatus((*st)->Text(7));
  v.photos = (*st)->Int(8);
  auto messages = Query(db,
                        "SELECT author, body, created_on FROM public_report_messages WHERE "
                        "report_id = ? ORDER BY message_id",
                        v.report_id);
  if (!messages) return std::unexpected(messages.error());
  while (true) {
    auto m = (*messages)->Step();
    if (!m) return std::unexpected(m.error());
    if (!*m) break;
    v.messages.push_back(
        {(*messages)->Text(0), Reveal(cipher, (*messages)->Text(1)), (*messages)->Text(2)});
  }
  auto ratings = Query(db,
                       "SELECT rating, comment, created_on, reopened FROM public_report_ratings "
                       "WHERE report_id = ? ORDER BY rating_id",
                       v.report_id);
  if (!ratings) return std::unexpected(ratings.error());
  while (true) {
    auto m = (*ratings)->Step();
    if (!m) return std::unexpected(m.error());
    if (!*m) break;
    v.ratings.push_back({(*ratings)->Text(0),
                         casework::OpenIds(cipher, Reveal(cipher, (*ratings)->Text(1)), false),
                         (*ratings)->Text(2), (*ratings)->Int(3) != 0});
  }
  auto unrated = NewestUnratedAnswer(db, v.report_id);
  if (!unrated) return std::unexpected(unrated.error());
  v.unrated_answer = *unrated;
  return std::optional<ReportView>(std::move(v));
}

}  // namespace

Result<std::optional<ReportView>> LoadReportByReceipt(store::Database& db,
                                                      const crypto::FieldCipher& cipher,
                                                      const std::string& code) {
  if (!IsReceiptCode(code)) return std::optional<ReportView>();
  return LoadReport(db, cipher, "r.receipt_hash = ?", ReceiptHash(code));
}

Result<std::optional<ReportView>> LoadReportForClue(store::Database& db,
                                                    const crypto::FieldCipher& cipher,
                                                    int64_t clue_id) {
  return LoadReport(db, cipher, "r.clue_id = ?", std::to_string(clue_id));
}

Result<void> AddReportMessage(store::Database& db, const crypto::FieldCipher& cipher,
                              const qf::Clock& clock, int64_t report_id, const std::string& author,
                              const std::string& actor, const std::string& body,
                              const std::string& today) {
  const bool from_reporter = actor == "public";
  DayClock day(clock);
  QF_ASSIGN_OR_RETURN(auto tx, db.Begin());
  QF_RETURN_IF_ERROR(Exec(db,
                          "INSERT INTO public_report_messages(report_id, author, body, "
                          "created_on) VALUES (?, ?, ?, ?)",
                          report_id, author, cipher.Encrypt(body), today));
  casework::Json after = {{"author", author}};
  QF_RETURN_IF_ERROR(audit::Append(db, from_reporter ? static_cast<const qf::Clock&>(day) : clock,
                                   cipher.chain_key(),
                                   {.actor = actor,
                                    .action = from_reporter ? "report.follow_up" : "report.reply",
                                    .entity = "public_report",
                                    .entity_id = std::to_string(report_id),
                                    .after = after.dump()}));
  return tx->Commit();
}

Result<bool> RateReport(store::Database& db, const qf::Clock& clock,
                        const crypto::FieldCipher& cipher, const casework::CaseworkOptions& options,
                        int64_t report_id, const std::string& rating, const std::string& comment,
                        const std::string& today) {
  if (std::find(std::begin(kRatings), std::end(kRatings), rating) == std::end(kRatings)) {
    return Fail(ErrorCode::kInvalidArgument, "请选择满意、基本满意或不满意");
  }
  if (comment.size() > 2000) {
    return Fail(ErrorCode::kInvalidArgument, "评价说明不超过 2000 字");
  }
  DayClock day(clock);
  QF_ASSIGN_OR_RETURN(auto tx, db.Begin());
  QF_ASSIGN_OR_RETURN(int64_t answer, NewestUnratedAnswer(db, report_id));
  if (answer == 0) return Fail(ErrorCode::kConflict, "暂无可评价的答复，或该答复已评价");
  auto clue =
      Query(db, "SELECT COALESCE(clue_id, 0) FROM public_reports WHERE report_id = ?", report_id);
  if (!clue) return std::unexpected(clue.error());
  auto clue_row = (*clue)->Step();
  if (!clue_row) return std::unexpected(clue_row.error());
  const int64_t clue_id = *clue_row ? (*clue)->Int(0) : 0;
  const std::string actor = "码上行动回执";
  bool reopened = false;
  if (rating == "不满意" && clue_id != 0) {
    casework::CaseworkService service(db, day, cipher, options);
    QF_ASSIGN_OR_RETURN(reopened, service.ReopenDissatisfiedInTransaction(clue_id, actor));
  }
  QF_RETURN_IF_ERROR(
      Exec(db,
           "INSERT INTO public_report_ratings(report_id, message_id, rating, "
           "comment, created_on, reopened) VALUES (?, ?, ?, ?, ?, ?)",
           report_id, answer, rating,
           comment.empty() ? std::string() : cipher.Encrypt(casework::SealIds(cipher, comment)),
           today, int64_t{reopened ? 1 : 0}));
  casework::Json after = {{"rating", rating},
                          {"answer", answer},
                          {"commented", !comment.empty()},
                          {"reopened", reopened},
                          {"clue", clue_id}};
  QF_RETURN_IF_ERROR(audit::Append(db, day, cipher.chain_key(),
                                   {.actor = actor,
                                    .action = "report.rate",
                                    .entity = "public_report",
                                    .entity_id = std::to_string(report_id),
                                    .after = after.dump()}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return reopened;
}

Result<std::vector<BoardMonth>> LoadBoard(store::Database& db, const std::string& today) {
  int year = std::stoi(today.substr(0, 4));
  int month = std::stoi(today.substr(5, 2));
  std::vector<BoardMonth> months(12);
  for (int i = 11; i >= 0; --i) {
    months[static_cast<size_t>(i)].month = fmt::format("{:04d}-{:02d}", year, month);
    if (--month == 0) {
      month = 12;
      --year;
    }
  }
  const std::string from = months.front().month + "-01";
  auto at = [&](const std::string& m) -> BoardMonth* {
    for (BoardMonth& b : months) {
      if (b.month == m) return &b;
    }
    return nullptr;
  };
  auto received = Query(db,
                        "SELECT substr(r.created_on, 1, 7), COUNT(*), SUM(CASE WHEN c.status IN "
                        "('concluded', 'case_filed') THEN 1 ELSE 0 END) FROM public_reports r "
                        "LEFT JOIN clues c ON c.clue_id = r.clue_id WHERE r.created_on >= ? "
                        "GROUP BY substr(r.created_on, 1, 7)",
                        from);
  if (!received) return std::unexpected(received.error());
  while (true) {
    auto row = (*received)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (BoardMonth* b = at((*received)->Text(0))) {
      b->received = (*received)->Int(1);
      b->closed = (*received)->Int(2);
    }
  }
  auto rated = Query(db,
                     "SELECT substr(created_on, 1, 7), COUNT(*), SUM(CASE WHEN rating IN ('满意', "
                     "'基本满意') THEN 1 ELSE 0 END) FROM public_report_ratings WHERE "
                     "created_on >= ? GROUP BY substr(created_on, 1, 7)",
                     from);
  if (!rated) return std::unexpected(rated.error());
  while (true) {
    auto row = (*rated)->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (BoardMonth* b = at((*rated)->Text(0))) {
      b->rated = (*rated)->Int(1);
      b->satisfied = (*rated)->Int(2);
    }
  }
  return months;
}

Result<ReporterContact> LoadReporterContact(store::Database& db, const crypto::FieldCipher& cipher,
                                            int64_t report_id) {
  auto st = Query(db,
                  "SELECT reporter_name_enc, reporter_phone_enc FROM public_reports WHERE "
                  "report_id = ? AND anonymous = 0",
                  report_id);
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "该举报为匿名举报，没有联系方式");
  auto name = cipher.Decrypt((*st)->Text(0));
  auto phone = cipher.Decrypt((*st)->Text(1));
  if (!name || !phone) return Fail(ErrorCode::kInternal, "联系方式无法解密（密钥文件不符）");
  return ReporterContact{*name, *phone};
}

Result<std::optional<std::pair<std::string, std::string>>> LoadReportPhoto(store::Database& db,
                                                                           int64_t report_id,
                                                                           int64_t n) {
  auto st = Query(db,
                  "SELECT mime, data_base64 FROM public_report_photos WHERE report_id = ? "
                  "ORDER BY photo_id LIMIT 1 OFFSET ?",
                  report_id, n);
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::pair<std::string, std::string>>();
  QF_ASSIGN_OR_RETURN(std::string bytes, crypto::FromBase64((*st)->Text(1)));
  return std::optional(std::pair{(*st)->Text(0), std::move(bytes)});
}

}  // namespace qf::web::internal
