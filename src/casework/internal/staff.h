// The commission's own staff, as the 灯下黑 rule sees them: every account of the system (its ID
// number decrypted, its display name) and every active official of a 纪委 / 监委 / 纪检监察 body
// in the `officials` registry. Clues, case persons and findings that name one of them are
// restricted to 干部监督室.
//
//   QF_ASSIGN_OR_RETURN(StaffDirectory staff, StaffDirectory::Load(env));
//   staff.Matches("張 三", std::nullopt);         // by name equality (spec/rules.md) without an ID
//   staff.Matches("李四", CitizenId::Parse(...)); // by ID number
//
// Matching: a person with an ID number matches a staff member with that number, or one who has
// no number on file and the same name; a person without an ID number matches any staff member of
// the same name. Names are compared as spec/rules.md defines name equality (NFKC, spaces and
// zero-width characters removed, separators unified, traditional → simplified) and clerical
// variants (same toneless pinyin) count as the same name: a false restriction costs little, a
// missed one lets staff read about themselves.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "casework/internal/records.h"

namespace qf::casework::internal {

class StaffDirectory {
 public:
  static Result<StaffDirectory> Load(const Env& env);
  // A directory of one person (a new account).
  static StaffDirectory Of(std::string_view name, const std::optional<CitizenId>& id);

  bool Matches(std::string_view name, const std::optional<CitizenId>& id) const;
  bool HasId(std::string_view id_number) const { return ids_.contains(std::string(id_number)); }
  // True when the name equals a staff member's name (any staff member when `only_without_id`
  // is false, else only those without an ID number on file).
  bool HasName(std::string_view name, bool only_without_id = false) const;
  // Changes whenever the directory does (SM3 over its content): a cache key.
  std::string key() const;

 private:
  struct Member {
    std::string name;    // normalised
    std::string pinyin;  // text::PinyinKey of name, computed once
    bool has_id = false;
  };
  void Add(std::string_view name, const std::optional<std::string>& id);

  std::set<std::string> ids_;
  std::vector<Member> members_;
  std::string content_;  // what key() is the hash of
};

// Marks the case (when given), its clue, the clue (when given) and every rectification item issued
// on them restricted, with one audit entry per newly restricted clue or case. The caller owns the
// transaction.
Result<void> RestrictClueAndCase(const Env& env, const Actor& actor, std::optional<int64_t> clue_id,
                                 std::optional<int64_t> case_id);

// Restricts every clue and case that names the holder of a new account (`name`, `id`): a clue
// registered before its subject became staff must not stay readable to their colleagues. Reads
// the subjects and persons with that ID number's index or with none (those are matched by name).
// Returns how many clues and cases it restricted.
Result<int> RestrictItemsAbout(const Env& env, const Actor& actor, std::string_view name,
                               const std::optional<CitizenId>& id);

}  // namespace qf::casework::internal
