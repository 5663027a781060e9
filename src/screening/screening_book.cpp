#include "screening/screening_book.h"

#include <fmt/format.h>

#include <filesystem>
#include <sstream>

#include "casework/sealed_text.h"
#include "core/money.h"
#include "core/result_macros.h"
#include "store/query.h"

namespace qf::screening {
namespace {

using casework::Actor;
using casework::Role;

constexpr std::string_view kRowColumns =
    "r.seq, r.payment_id, r.program_code, r.id_number_enc, r.name, r.period, r.amount, r.held, "
    "r.rules, r.evidence, r.released_by, r.release_reason, r.released_at, p.name";

bool SeesAll(const Actor& actor) { return actor.unit_code == "commission"; }

std::string JoinRules(const std::vector<std::string>& rules) {
  std::string out;
  for (const std::string& r : rules) out += (out.empty() ? "" : "+") + r;
  return out;
}

// Why a batch was refused, naming the file as the user uploaded it.
std::string RefusalMessage(const ingest::TableReport& batch, const std::string& path,
                           const std::string& file_name) {
  std::string message = batch.file_error;
  for (size_t i = 0; i < batch.errors.size() && i < 20; ++i) {
    message += (message.empty() ? "" : "\n") + ingest::DescribeRowError(batch.errors[i]);
  }
  for (size_t at; (at = message.find(path)) != std::string::npos;) {
    message.replace(at, path.size(), file_name);
  }
  return fmt::format("批次被拒绝（{} 行有误），未做比对：\n{}", batch.rows_rejected, message);
}

Result<void> Append(const audit::Recorder& recorder, store::Database& db, const Actor& actor,
                    std::string action, int64_t screening_id, const Json& after) {
  QF_ASSIGN_OR_RETURN(int64_t seq,
                      recorder.Append(db, {.actor = actor.username,
                                           .action = std::move(action),
                                           .entity = "screening",
                                           .entity_id = std::to_string(screening_id),
                                           .before = "",
                                           .after = after.dump()}));
  (void)seq;
  return {};
}

Result<void> InsertRows(store::Database& db, const crypto::FieldCipher& cipher, int64_t id,
                        const Screening& s) {
  QF_ASSIGN_OR_RETURN(auto st, db.Prepare(fmt::format(
                                   "INSERT INTO screening_rows (screening_id, seq, payment_id, "
                                   "program_code, id_number_enc, name, period, amount, held, "
                                   "rules, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  for (size_t i = 0; i < s.rows.size(); ++i) {
    const RowDecision& r = s.rows[i];
    st->Bind(1, id);
    st->Bind(2, static_cast<int64_t>(i + 1));
    st->Bind(3, r.payment_id);
    st->Bind(4, r.program_code);
    st->Bind(5, cipher.Encrypt(r.id_number));
    st->Bind(6, r.name);
    st->Bind(7, r.period);
    st->Bind(8, r.amount);
    st->Bind(9, int64_t{r.held ? 1 : 0});
    st->Bind(10, JoinRules(r.rules));
    st->Bind(11, casework::SealIds(cipher, r.evidence));
    QF_RETURN_IF_ERROR(st->Run());
  }
  return {};
}

// The screening's header row, or kNotFound when `actor` may not see it.
Result<Json> VisibleHeader(store::Database& db, const Actor& actor, int64_t id) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db,
                                            "SELECT file, sha256, unit_code, screened_by, "
                                            "screened_at, as_of, rows_total, rows_held, "
                                            "amount_held, skipped FROM screenings WHERE "
                                            "screening_id = ?",
                                            id));
  QF_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found || (!SeesAll(actor) && st->Text(2) != actor.unit_code)) {
    return Fail(ErrorCode::kNotFound, fmt::format("发放前比对 {} 不存在", id));
  }
  return Json{{"id", id},
              {"file", st->Text(0)},
              {"sha256", st->Text(1)},
              {"unit", st->Text(2)},
              {"screened_by", st->Text(3)},
              {"screened_at", st->Text(4)},
              {"as_of", st->Text(5)},
              {"rows_total", st->Int(6)},
              {"rows_held", st->Int(7)},
              {"amount_held", st->Int(8)},
              {"skipped", st->Text(9)}};
}

Json RowJson(const store::Statement& st, const crypto::FieldCipher& cipher, bool full) {
  auto id = cipher.Decrypt(st.Text(3));
  std::string shown = id ? (full ? *id : casework::MaskIds(*id)) : std::string("（无法解密）");
  Json row = {{"seq", st.Int(0)},
              {"payment_id", st.Text(1)},
              {"program_code", st.Text(2)},
              {"program", st.IsNull(13) ? st.Text(2) : st.Text(13)},
              {"id_number", shown},
              {"name", st.Text(4)},
              {"period", st.Text(5)},
              {"amount", st.Int(6)},
              {"held", st.Int(7) != 0 && st.IsNull(10)},
              {"released", !st.IsNull(10)},
              {"rules", st.Text(8)},
              {"evidence", casework::OpenIds(cipher, st.Text(9), full)}};
  if (!st.IsNull(10)) {
    row["released_by"] = st.Text(10);
    row["release_reason"] = st.Text(11);
    row["released_at"] = st.Text(12);
  }
  return row;
}

}  // namespace

bool CanScreen(const Actor& actor) {
  return actor.Has(Role::kLiaison) || actor.Has(Role::kHandler) || actor.Has(Role::kApprover);
}

bool CanRelease(const Actor& actor) { return actor.Has(Role::kApprover); }

Result<int64_t> ScreeningBook::Screen(const Actor& actor, const LedgerSnapshot& ledger,
                                      const std::string& path, const std::string& file_name,
                                      const ScreenOptions& options) {
  if (!CanScreen(actor)) return Fail(ErrorCode::kPermissionDenied, "您的角色无权进行发放前比对");
  QF_ASSIGN_OR_RETURN(Screening s, ScreenBatch(ledger, path, options));
  if (s.Refused()) {
    return Fail(ErrorCode::kInvalidArgument, RefusalMessage(s.batch, path, file_name));
  }
  std::string skipped;
  for (const std::string& reason : s.skipped) skipped += (skipped.empty() ? "" : "\n") + reason;
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(
      int64_t id,
      store::Insert(db_,
                    "INSERT INTO screenings (file, sha256, unit_code, screened_by, screened_at, "
                    "as_of, rows_total, rows_held, amount_held, skipped) VALUES (?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?)",
                    file_name, s.batch.sha256, actor.unit_code, actor.username,
                    IsoUtc(clock_.NowSeconds()), Date::FromDays(s.as_of).ToString(),
                    static_cast<int64_t>(s.rows.size()), s.HeldRows(), s.HeldAmount(), skipped));
  QF_RETURN_IF_ERROR(InsertRows(db_, cipher_, id, s));
  QF_RETURN_IF_ERROR(Append(recorder_, db_, actor, "screen.run", id,
                            {{"file", file_name},
                             {"sha256", s.batch.sha256},
                             {"rows", s.rows.size()},
                             {"held", s.HeldRows()},
                             {"held_amount_fen", s.HeldAmount()},
                             {"findings", s.findings.size()}}));
  QF_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<Json> ScreeningBook::List(const Actor& actor) {
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT screening_id, file, screened_by, screened_at, "
                                            "rows_total, rows_held, amount_held, unit_code FROM "
                                            "screenings ORDER BY screening_id DESC LIMIT 200"));
  Json list = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (!SeesAll(actor) && st->Text(7) != actor.unit_code) continue;
    list.push_back({{"id", st->Int(0)},
                    {"file", st->Text(1)},
                    {"screened_by", st->Text(2)},
                    {"screened_at", st->Text(3)},
                    {"rows", st->Int(4)},
                    {"held", st->Int(5)},
                    {"amount_held", st->Int(6)}});
  }
  return Json{{"screenings", list}};
}

Result<Json> ScreeningBook::Get(const Actor& actor, int64_t screening_id) {
  QF_ASSIGN_OR_RETURN(Json out, VisibleHeader(db_, actor, screening_id));
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            fmt::format("SELECT {} FROM screening_rows r LEFT "
                                                        "JOIN programs p ON p.code = "
                                                        "r.program_code WHERE r.screening_id = ? "
                                                        "ORDER BY r.seq",
                                                        kRowColumns),
                                            screening_id));
  Json rows = Json::array();
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    rows.push_back(RowJson(*st, cipher_, casework::ShowsFullIds(actor)));
  }
  out["rows"] = std::move(rows);
  return out;
}

Result<void> ScreeningBook::Release(const Actor& actor, int64_t screening_id, int64_t seq,
                                    const std::string& reason) {
  if (!CanRelease(actor)) return Fail(ErrorCode::kPermissionDenied, "只有审核领导可以放行暂停的发放");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "放行须填写理由");
  }
  QF_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  QF_ASSIGN_OR_RETURN(Json header, VisibleHeader(db_, actor, screening_id));
  (void)header;
  QF_ASSIGN_OR_RETURN(auto st, store::Query(db_,
                                            "SELECT payment_id, rules FROM screening_rows WHERE "
                                            "screening_id = ? AND seq = ? AND held = 1 AND "
                                            "released_by IS NULL",
                                            screening_id, seq));
  QF_ASSIGN_OR_RETURN(bool held, st->Step());
  if (!held) return Fail(ErrorCode::kConflict, fmt::format("第 {} 笔不是暂停状态，无需放行", seq));
  Json after = {{"seq", seq},
                {"payment_id", st->Text(0)},
                {"rules", st->Text(1)},
                {"reason", casework::MaskIds(reason)}};
  st.reset();
  QF_RETURN_IF_ERROR(store::Exec(db_,
                                 "UPDATE screening_rows SET released_by = ?, release_reason = ?, "
                                 "released_at = ? WHERE screening_id = ? AND seq = ?",
                                 actor.username, casework::SealIds(cipher_, reason),
                                 IsoUtc(clock_.NowSeconds()), screening_id, seq));
  QF_RETURN_IF_ERROR(Append(recorder_, db_, actor, "screen.release", screening_id, after));
  return tx->Commit();
}

Result<std::string> ScreeningBook::DecisionsCsv(const Actor& actor, int64_t screening_id) {
  QF_ASSIGN_OR_RETURN(Json screening, Get(actor, screening_id));
  Screening file;
  for (const Json& r : screening["rows"]) {
    RowDecision row;
    row.payment_id = r["payment_id"];
    row.held = r["held"];
    std::string rules = r["rules"];
    for (size_t from = 0; from < rules.size();) {
      size_t plus = std::min(rules.find('+', from), rules.size());
      row.rules.push_back(rules.substr(from, plus - from));
      from = plus + 1;
    }
    row.evidence = r["evidence"];
    if (r["released"].get<bool>()) {
      row.evidence = fmt::format("已放行（{}，理由：{}）；{}", r["released_by"].get<std::string>(),
                                 casework::OpenIds(cipher_, r["release_reason"].get<std::string>(),
                                                   casework::ShowsFullIds(actor)),
                                 row.evidence);
    }
    file.rows.push_back(std::move(row));
  }
  std::ostringstream out;
  WriteDecisionsCsv(out, file);
  std::string bytes = std::move(out).str();
  QF_ASSIGN_OR_RETURN(int64_t seq,
                      recorder_.AppendAlone(db_, {.actor = actor.username,
                                                  .action = "screen.download",
                                                  .entity = "screening",
                                                  .entity_id = std::to_string(screening_id),
                                                  .before = "",
                                                  .after = Json{{"sha256", crypto::Sha256Hex(bytes)},
                                                                {"rows", file.rows.size()}}
                                                               .dump()}));
  (void)seq;
  return bytes;
}

}  // namespace qf::screening
