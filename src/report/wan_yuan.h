// Money in 万元 (ten thousand yuan), the unit of the work report: "追缴赃款12.35万元".
//
// The rounding rule (stated in the report and docs/report.md): an amount in fen is shown in 万元
// with two decimals, rounded half away from zero on the integer fen — that is, to the nearest
// 100 元: 1 234 549.99 元 → 123.45 万元, 1 234 550.00 元 → 123.46 万元. Sums are taken in fen
// first and rounded once, so a total never differs from its parts by accumulated rounding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/money.h"

namespace qf::report {

// The rule in one sentence, for the report's notes.
inline constexpr std::string_view kWanYuanRule =
    "金额以万元为单位，保留两位小数，按分累加后一次四舍五入（即精确到百元：不足50元舍去，50元及以上"
    "进一）";

// Hundredths of 万元 (units of 100 元), rounded half away from zero.
int64_t WanYuanHundredths(Money amount);
// "123.46"; "0.00" for zero.
std::string FormatWanYuan(Money amount);

}  // namespace qf::report
