// Loading the staff directory and matching persons against it.
#include "casework/internal/staff.h"

#include <algorithm>

#include "casework/internal/sql.h"
#include "text/names.h"

namespace qf::casework::internal {
namespace {

// Active officials of the commission's own bodies, as the officials registry names them.
constexpr std::string_view kCommissionOfficials =
    "SELECT id_number, name FROM officials WHERE (end_date IS NULL OR end_date = '' OR end_date "
    ">= ?) AND (unit LIKE '%纪委%' OR unit LIKE '%监委%' OR unit LIKE '%纪检%' OR unit LIKE "
    "'%监察委%' OR unit LIKE '%监察办%')";

}  // namespace

void StaffDirectory::Add(std::string_view name, const std::optional<std::string>& id) {
  std::string normalized = text::NormalizeName(name);
  std::string pinyin = text::PinyinKey(normalized);
  content_ += normalized + '\x1f' + id.value_or("") + '\x1e';
  members_.push_back({std::move(normalized), std::move(pinyin), id.has_value()});
  if (id) ids_.insert(*id);
}

std::string StaffDirectory::key() const { return crypto::Sm3Hex(content_); }

StaffDirectory StaffDirectory::Of(std::string_view name, const std::optional<CitizenId>& id) {
  StaffDirectory dir;
  dir.Add(name, id ? std::optional<std::string>(id->value()) : std::nullopt);
  return dir;
}

Result<StaffDirectory> StaffDirectory::Load(const Env& env) {
  StaffDirectory dir;
  {
    QF_ASSIGN_OR_RETURN(auto st, Query(env.db,
                                       "SELECT display_name, id_number_enc FROM users ORDER BY "
                                       "user_id"));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      std::optional<std::string> id;
      // An ID that no longer decrypts (another key file) cannot be matched by number; the name
      // still is.
      if (!st->IsNull(1) && !st->Text(1).empty()) {
        if (auto plain = env.cipher.Decrypt(st->Text(1))) id = *plain;
      }
      dir.Add(st->Text(0), id);
    }
  }
  {
    QF_ASSIGN_OR_RETURN(
        auto st, Query(env.db, std::string(kCommissionOfficials), Today(env.clock).ToString()));
    while (true) {
      QF_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      std::optional<std::string> id;
      if (auto parsed = CitizenId::Parse(st->Text(0))) id = parsed->value();
      dir.Add(st->Text(1), id);
    }
  }
  return dir;
}

bool StaffDirectory::HasName(std::string_view name, bool only_without_id) const {
  std::string normalized = text::NormalizeName(name);
  if (normalized.empty()) return false;
  std::string pinyin;  // computed on the first staff member whose name is not byte-equal
  return std::any_of(members_.begin(), members_.end(), [&](const Member& m) {
    if (only_without_id && m.has_id) return false;
    if (m.name == normalized) return true;
    if (pinyin.empty()) pinyin = text::PinyinKey(normalized);
    return !m.pinyin.empty() && m.pinyin == pinyin;
  });
}

bool StaffDirectory::Matches(std::string_view name, const std::optional<CitizenId>& id) const {
  if (id) return HasId(id->value()) || HasName(name, /*only_without_id=*/true);
  return HasName(name);
}

Result<void> RestrictClueAndCase(const Env& env, const Actor& actor, std::optional<int64_t> clue_id,
                                 std::optional<int64_t> case_id) {
  if (case_id) {
    QF_ASSIGN_OR_RETURN(auto row, LoadCase(env.db, *case_id));
    if (row && !clue_id) clue_id = row->clue_id;
    if (row && !row->restricted) {
      QF_RETURN_IF_ERROR(
          Exec(env.db, "UPDATE cases SET restricted = 1 WHERE case_id = ?", *case_id));
      QF_RETURN_IF_ERROR(Audit(env, actor, "case.restrict", "case", *case_id,
                               Json{{"restricted", false}}, Json{{"restricted", true}}));
    }
    QF_RETURN_IF_ERROR(
        Exec(env.db, "UPDATE rectifications SET restricted = 1 WHERE case_id = ?", *case_id));
  }
  if (clue_id) {
    QF_ASSIGN_OR_RETURN(auto row, LoadClue(env.db, *clue_id));
    if (row && !row->restricted) {
      QF_RETURN_IF_ERROR(
          Exec(env.db, "UPDATE clues SET restricted = 1 WHERE clue_id = ?", *clue_id));
      QF_RETURN_IF_ERROR(Audit(env, actor, "clue.restrict", "clue", *clue_id,
                               Json{{"restricted", false}}, Json{{"restricted", true}}));
    }
    QF_RETURN_IF_ERROR(
        Exec(env.db, "UPDATE rectifications SET restricted = 1 WHERE clue_id = ?", *clue_id));
    QF_RETURN_IF_ERROR(Exec(env.db, "UPDATE cases SET restricted = 1 WHERE clue_id = ?", *clue_id));
  }
  return {};
}

namespace {

// (clue_id or case_id, name, encrypted ID) of every person a table names.
struct NamedPerson {
  int64_t owner = 0;
  std::string name, id_enc;
};

// The persons of `sql` (owner, name, id_number_enc), filtered to those with the ID number index
// `index` or without an ID when `index` is given.
Result<std::vector<NamedPerson>> PersonsOf(const Env& env, std::string sql,
                                           const std::optional<std::string>& index) {
  if (index) sql += " AND (id_number_index = ? OR id_number_index IS NULL)";
  auto st = index ? Query(env.db, sql, *index) : Query(env.db, sql);
  if (!st) return std::unexpected(st.error());
  std::vector<NamedPerson> out;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool row, (*st)->Step());
    if (!row) break;
    out.push_back(
        {(*st)->Int(0), (*st)->Text(1), (*st)->IsNull(2) ? std::string() : (*st)->Text(2)});
  }
  return out;
}

Result<bool> NamesStaff(const Env& env, const StaffDirectory& staff, const NamedPerson& person) {
  std::optional<CitizenId> id;
  if (!person.id_enc.empty()) {
    QF_ASSIGN_OR_RETURN(std::string plain, env.cipher.Decrypt(person.id_enc));
    if (auto parsed = CitizenId::Parse(plain)) id = *parsed;
  }
  return staff.Matches(person.name, id);
}

}  // namespace

Result<int> RestrictItemsAbout(const Env& env, const Actor& actor, std::string_view name,
                               const std::optional<CitizenId>& id) {
  StaffDirectory staff = StaffDirectory::Of(name, id);
  std::optional<std::string> index;
  if (id) index = env.cipher.Index(id->value());
  int restricted = 0;
  QF_ASSIGN_OR_RETURN(auto subjects,
                      PersonsOf(env,
                                "SELECT clue_id, name, id_number_enc FROM clue_subjects WHERE "
                                "clue_id IN (SELECT clue_id FROM clues WHERE restricted = 0)",
                                index));
  for (const NamedPerson& person : subjects) {
    QF_ASSIGN_OR_RETURN(bool match, NamesStaff(env, staff, person));
    if (!match) continue;
    QF_RETURN_IF_ERROR(RestrictClueAndCase(env, actor, person.owner, std::nullopt));
    ++restricted;
  }
  QF_ASSIGN_OR_RETURN(auto persons,
                      PersonsOf(env,
                                "SELECT case_id, name, id_number_enc FROM case_persons WHERE "
                                "case_id IN (SELECT case_id FROM cases WHERE restricted = 0)",
                                index));
  for (const NamedPerson& person : persons) {
    QF_ASSIGN_OR_RETURN(bool match, NamesStaff(env, staff, person));
    if (!match) continue;
    QF_RETURN_IF_ERROR(RestrictClueAndCase(env, actor, std::nullopt, person.owner));
    ++restricted;
  }
  return restricted;
}

}  // namespace qf::casework::internal
