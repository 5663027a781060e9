#include "documents/formal_text.h"

#include <fmt/format.h>

#include <array>

namespace qf::documents {
namespace {

constexpr std::array<const char*, 10> kDigits = {"〇", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};

// 1..31 as counted: 六, 十, 十二, 二十, 二十一, 三十一.
std::string CountedNumber(int n) {
  if (n < 10) return kDigits[n];
  std::string out = n / 10 == 1 ? "" : kDigits[n / 10];
  out += "十";
  if (n % 10 != 0) out += kDigits[n % 10];
  return out;
}

}  // namespace

std::string ChineseDate(const Date& date) {
  std::string year;
  for (char c : std::to_string(date.year())) year += kDigits[c - '0'];
  return fmt::format("{}年{}月{}日", year, CountedNumber(date.month()), CountedNumber(date.day()));
}

std::string DocumentNumber(const std::string& prefix, int year, int64_t serial) {
  return fmt::format("{}〔{}〕{}号", prefix, year, serial);
}

}  // namespace qf::documents
