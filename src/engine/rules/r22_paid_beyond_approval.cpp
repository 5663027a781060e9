// R22 超额拨付: a project's payments (the signed sum: reversals subtract) exceed its
// approved_amount, or its approved_amount exceeds investment × max_ratio when max_ratio is set.
// The ratio is kept as exact decimal text, so the cap is compared as a fraction, never rounded.
// amount = what was paid beyond the approval plus what was approved beyond the cap (the cap's
// excess rounded half up to the fen).
#include "engine/internal/rules.h"

namespace qf::engine::internal {
namespace {

struct Ratio {
  int64_t numerator = 0;
  int64_t denominator = 1;  // a power of ten
};

// "0.3" → 3/10; the import stored the canonical form (at most 9 decimals, 0..1).
bool ParseRatio(std::string_view text, Ratio& out) {
  if (text.empty()) return false;
  out = {};
  bool after_dot = false;
  for (char c : text) {
    if (c == '.') {
      after_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    out.numerator = out.numerator * 10 + (c - '0');
    if (after_dot) out.denominator *= 10;
  }
  return true;
}

std::string RatioText(const Ratio& r) {
  // As a percentage with up to 7 decimals, trailing zeros dropped: 3/10 → "30%".
  Int128 hundred = static_cast<Int128>(r.numerator) * 100;
  auto whole = static_cast<int64_t>(hundred / r.denominator);
  auto rest = static_cast<int64_t>(hundred % r.denominator);
  std::string text = std::to_string(whole);
  if (rest != 0) {
    std::string frac;
    for (int64_t d = r.denominator / 10; d > 0 && rest != 0; d /= 10) {
      frac += static_cast<char>('0' + rest / d);
      rest %= d;
    }
    text += "." + frac;
  }
  return text + "%";
}

void Run(const RuleContext& ctx, std::vector<Finding>& out) {
  const Snapshot& s = ctx.snap;
  for (const ProjectRow& p : s.projects) {
    int64_t paid = 0;
    auto payments = PaymentsOfProject(s, p.project_id);
    for (const ProjectPaymentRow& r : payments) paid += r.amount;
    int64_t over_paid = paid > p.approved_amount ? paid - p.approved_amount : 0;
    Ratio ratio;
    bool cap_exceeded = false;
    int64_t over_cap = 0;  // may stay 0 when the excess is below half a fen: it still fires
    if (ParseRatio(p.max_ratio, ratio)) {
      Int128 scaled = static_cast<Int128>(p.approved_amount) * ratio.denominator -
                      static_cast<Int128>(p.investment) * ratio.numerator;
      cap_exceeded = scaled > 0;
      if (cap_exceeded) {
        over_cap = static_cast<int64_t>((scaled * 2 + ratio.denominator) / (2 * ratio.denominator));
      }
    }
    if (over_paid == 0 && !cap_exceeded) continue;
    Finding f = MakeFinding(kR22);
    f.ref = p.project_id;
    f.amount = over_paid + over_cap;
    std::string why;
    if (over_paid > 0) {
      why = "累计拨付 " + Yuan(paid) + "（" + std::to_string(payments.size()) +
            " 笔，冲销已抵减）超过核定补助 " + Yuan(p.approved_amount) + " 共 " + Yuan(over_paid);
    }
    if (cap_exceeded) {
      if (!why.empty()) why += "；";
      why += "核定补助 " + Yuan(p.approved_amount) + " 超过申报总投资 " + Yuan(p.investment) +
             " × 补助比例上限 " + RatioText(ratio);
      if (over_cap > 0) why += " 共 " + Yuan(over_cap);
    }
    f.evidence = ProjectLabel(p) + "：" + why;
    out.push_back(std::move(f));
  }
}

}  // namespace

extern const RuleSpec kR22 = {
    "R22", "超额拨付", Severity::kHigh, Bit(Table::kEnterpriseProjects), 0, "ref", Run};

}  // namespace qf::engine::internal
