#include "engine/finding.h"

#include <algorithm>
#include <tuple>

#include "core/money.h"
#include "core/spreadsheet_cell.h"

namespace qf::engine {
namespace {

__extension__ typedef unsigned __int128 UInt128;

}  // namespace

std::string_view SeverityText(Severity severity) {
  switch (severity) {
    case Severity::kHigh: return "高";
    case Severity::kMedium: return "中";
    case Severity::kLow: return "低";
  }
  return "中";
}

Severity SeverityFromText(std::string_view text) {
  if (text == "高") return Severity::kHigh;
  if (text == "低") return Severity::kLow;
  return Severity::kMedium;
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.rule, a.id_number, a.program_code, a.period, a.account_no, a.ref) <
         std::tie(b.rule, b.id_number, b.program_code, b.period, b.account_no, b.ref);
}

void SortFindings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), FindingLess);
}

std::string Fingerprint(const Finding& f) {
  // FNV-1a, 128 bits: offset basis and prime of the FNV specification.
  UInt128 hash = (static_cast<UInt128>(0x6c62272e07bb0142ULL) << 64) |
                           0x62b821756295c58dULL;
  const UInt128 prime = (static_cast<UInt128>(1) << 88) | 0x13b;
  auto feed = [&](std::string_view s) {
    for (unsigned char c : s) {
      hash ^= c;
      hash *= prime;
    }
    hash ^= 0x1f;  // unit separator: "a","bc" differs from "ab","c"
    hash *= prime;
  };
  feed(f.rule);
  feed(f.id_number);
  feed(f.program_code);
  feed(f.period);
  feed(f.account_no);
  feed(f.rule == "R09" ? std::string_view() : std::string_view(f.ref));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 31; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[static_cast<unsigned>(hash & 0xf)];
    hash >>= 4;
  }
  return out;
}

void WriteFindingsCsv(std::ostream& out, std::span<const Finding> findings) {
  out << "rule,id_number,program_code,period,account_no,ref,severity,amount,evidence\n";
  for (const Finding& f : findings) {
    for (std::string_view field : {std::string_view(f.rule), std::string_view(f.id_number),
                                   std::string_view(f.program_code), std::string_view(f.period),
                                   std::string_view(f.account_no), std::string_view(f.ref)}) {
      WriteCsvText(out, field);
      out << ',';
    }
    out << SeverityText(f.severity) << ',' << Money::FromFen(f.amount).ToYuanString() << ',';
    WriteCsvText(out, f.evidence);
    out << '\n';
  }
}

}  // namespace qf::engine
