// The self-check from the store or from the resident snapshot; see self_check.h.
#include "web/internal/self_check.h"

#include <algorithm>
#include <tuple>

#include "core/date.h"
#include "core/period.h"
#include "core/result_macros.h"
#include "store/query.h"
#include "text/names.h"

namespace qf::web::internal {
namespace {

// The date one year before an ISO date.
std::string YearBefore(const std::string& iso) {
  auto d = Date::Parse(iso);
  if (!d) return iso;
  return d->AddDays(-365).ToString();
}

SelfCheckResult Empty(const std::string& as_of) {
  SelfCheckResult out;
  out.to = as_of;
  out.from = YearBefore(as_of);
  return out;
}

std::string AccountTail(std::string_view account) {
  return account.size() > 4 ? "尾号 " + std::string(account.substr(account.size() - 4)) : "";
}

std::string IsoDay(int32_t days) { return Date::FromDays(days).ToString(); }

}  // namespace

Result<SelfCheckResult> SelfCheck(store::Database& db, const std::string& id_number,
                                  const std::string& name, const std::string& as_of) {
  SelfCheckResult out = Empty(as_of);
  const std::string wanted = text::NormalizeName(name);
  auto matches = [&](std::string_view held) {
    return !wanted.empty() && text::NormalizeName(held) == wanted;
  };
  std::optional<std::string> shown;
  QF_ASSIGN_OR_RETURN(auto persons,
                      store::Query(db, "SELECT name FROM persons WHERE id_number = ?", id_number));
  QF_RETURN_IF_ERROR(store::EachRow(*persons, [&](store::Statement& st) {
    if (matches(st.TextView(0))) shown = st.Text(0);
  }));
  QF_ASSIGN_OR_RETURN(auto enrolled, store::Query(db,
                                                  "SELECT DISTINCT name FROM enrolments WHERE "
                                                  "id_number = ? ORDER BY name",
                                                  id_number));
  QF_RETURN_IF_ERROR(store::EachRow(*enrolled, [&](store::Statement& st) {
    if (!shown && matches(st.TextView(0))) shown = st.Text(0);
  }));
  QF_ASSIGN_OR_RETURN(auto enrolments,
                      store::Query(db,
                                   "SELECT pr.name, e.community, e.start_date, "
                                   "COALESCE(e.end_date, '') FROM enrolments e JOIN programs pr "
                                   "ON pr.code = e.program_code WHERE e.id_number = ? "
                                   "ORDER BY e.start_date, e.program_code, e.community",
                                   id_number));
  QF_RETURN_IF_ERROR(store::EachRow(*enrolments, [&](store::Statement& st) {
    out.enrolments.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3)});
  }));
  QF_ASSIGN_OR_RETURN(
      auto payments,
      store::Query(db,
                   "SELECT pay.period, COALESCE(pr.name, pay.program_code), pay.paid_date, "
                   "pay.account_no, pay.amount FROM payments pay LEFT JOIN programs pr ON "
                   "pr.code = pay.program_code WHERE pay.id_number = ? AND pay.paid_date > ? AND "
                   "pay.paid_date <= ? ORDER BY pay.paid_date DESC, pay.period, pay.payment_id",
                   id_number, out.from, out.to));
  QF_RETURN_IF_ERROR(store::EachRow(*payments, [&](store::Statement& st) {
    const int64_t amount = st.Int(4);
    out.payments.push_back(
        {st.Text(0), st.Text(1), st.Text(2), AccountTail(st.TextView(3)), amount});
    out.total += amount;
  }));
  // Nothing of what was read leaves this function for a wrong name.
  if (!shown) return Empty(as_of);
  out.matched = true;
  out.name = std::move(*shown);
  return out;
}

namespace {

// The person's enrolments in programs the programs table lists, in the store's order; false
// when a date cannot be read back as the store's text (the store then answers).
bool EnrolmentsOf(const engine::Snapshot& snapshot, int32_t person, SelfCheckResult& out) {
  std::vector<int32_t> rows;
  for (int32_t row : snapshot.enrolments_of.Of(person)) {
    const engine::Enrolment& e = snapshot.enrolments[row];
    if (e.start == engine::kNoDate || e.end == engine::kNoDate) return false;
    if (snapshot.programs[e.program].listed) rows.push_back(row);
  }
  std::ranges::sort(rows, {}, [&](int32_t row) {
    const engine::Enrolment& e = snapshot.enrolments[row];
    return std::tuple(e.start, std::string_view(snapshot.programs[e.program].code),
                      std::string_view(snapshot.communities.Get(e.community)));
  });
  for (int32_t row : rows) {
    const engine::Enrolment& e = snapshot.enrolments[row];
    out.enrolments.push_back({snapshot.programs[e.program].name,
                              snapshot.communities.Get(e.community), IsoDay(e.start),
                              e.end == engine::kOpenEnd ? "" : IsoDay(e.end)});
  }
  return true;
}

// The person's payments paid in (from, to], in the store's order; false as above.
bool PaymentsOf(const engine::Snapshot& snapshot, int32_t person, Date from, Date to,
                SelfCheckResult& out) {
  const engine::Payments& pay = snapshot.payments;
  auto [begin, end] = pay.RowsOf(person);
  std::vector<int32_t> rows;
  for (int32_t row = begin; row < end; ++row) {
    if (pay.paid[row] == engine::kNoDate || pay.period[row] == engine::kNone) return false;
    if (pay.paid[row] > from.days() && pay.paid[row] <= to.days()) rows.push_back(row);
  }
  std::vector<std::string> periods(static_cast<size_t>(end - begin));  // as the store writes them
  auto period = [&](int32_t row) -> const std::string& {
    std::string& text = periods[static_cast<size_t>(row - begin)];
    if (text.empty()) text = Period::FromCode(pay.period[row]).ToString();
    return text;
  };
  std::ranges::sort(rows, [&](int32_t a, int32_t b) {
    if (pay.paid[a] != pay.paid[b]) return pay.paid[a] > pay.paid[b];
    return std::tuple(std::string_view(period(a)), pay.payment_id[a]) <
           std::tuple(std::string_view(period(b)), pay.payment_id[b]);
  });
  for (int32_t row : rows) {
    const engine::Program& program = snapshot.programs[pay.program[row]];
    out.payments.push_back({period(row), program.listed ? program.name : program.code,
                            IsoDay(pay.paid[row]),
                            AccountTail(snapshot.accounts.Get(pay.account[row])), pay.amount[row]});
    out.total += pay.amount[row];
  }
  return true;
}

}  // namespace

std::optional<SelfCheckResult> SelfCheckFromSnapshot(const engine::Snapshot& snapshot,
                                                     const std::string& id_number,
                                                     const std::string& name,
                                                     const std::string& as_of) {
  const int32_t person = snapshot.ids.Find(id_number);
  if (person == engine::kNone || !snapshot.InPersons(person)) return std::nullopt;
  const std::string wanted = text::NormalizeName(name);
  const std::string_view held = snapshot.PersonName(person);
  if (wanted.empty() || text::NormalizeName(held) != wanted) return std::nullopt;

  SelfCheckResult out = Empty(as_of);
  out.matched = true;
  out.name = std::string(held);
  const auto from = Date::Parse(out.from), to = Date::Parse(out.to);
  if (!from || !to) return std::nullopt;
  if (!EnrolmentsOf(snapshot, person, out) || !PaymentsOf(snapshot, person, *from, *to, out)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace qf::web::internal
