// 万元 rounding.
#include "report/wan_yuan.h"

#include <fmt/format.h>

namespace qf::report {

int64_t WanYuanHundredths(Money amount) {
  // 0.01 万元 = 100 元 = 10 000 fen.
  constexpr int64_t kFenPerHundredth = 10000;
  int64_t fen = amount.fen();
  if (fen >= 0) return (fen + kFenPerHundredth / 2) / kFenPerHundredth;
  return -((-fen + kFenPerHundredth / 2) / kFenPerHundredth);
}

std::string FormatWanYuan(Money amount) {
  int64_t h = WanYuanHundredths(amount);
  int64_t abs = h < 0 ? -h : h;
  return fmt::format("{}{}.{:02}", h < 0 ? "-" : "", abs / 100, abs % 100);
}

}  // namespace qf::report
