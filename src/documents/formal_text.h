// How dates and numbers are written on a formal document (公文): the date in Chinese numerals
// (二〇二六年十二月六日) and the 文号 with its hexagonal brackets (清监立〔2026〕3号).
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"

namespace qf::documents {

// 2026-12-06 → "二〇二六年十二月六日"; the 10th is 十日, the 21st 二十一日.
std::string ChineseDate(const Date& date);
// ("清监立", 2026, 3) → "清监立〔2026〕3号".
std::string DocumentNumber(const std::string& prefix, int year, int64_t serial);

}  // namespace qf::documents
