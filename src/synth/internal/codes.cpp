#include "synth/internal/codes.h"

#include <fmt/format.h>

#include "core/citizen_id.h"
#include "core/credit_code.h"
#include "core/date.h"

namespace qf::synth::internal {

std::string MakeCitizenId(std::string_view region, int32_t birth_days, int sequence) {
  Date birth = Date::FromDays(birth_days);
  std::string id = fmt::format("{}{:04d}{:02d}{:02d}{:03d}", region, birth.year(), birth.month(),
                               birth.day(), sequence);
  id.push_back(CitizenId::CheckCharacter(id));
  return id;
}

std::string BreakCheckCharacter(std::string_view id) {
  std::string out(id);
  const char right = CitizenId::CheckCharacter(id.substr(0, 17));
  // Any other character except '0': an 18-digit number ending in zeros that fails the check
  // counts as mangled by Excel (spec/dataset.md), which is a row error, not an R11 finding.
  out[17] = right == '7' ? '3' : '7';
  return out;
}

std::string LegacyFifteen(std::string_view id18) {
  return std::string(id18.substr(0, 6)) + std::string(id18.substr(8, 9));
}

std::string MakeCreditCode(std::string_view region, int64_t serial) {
  constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  std::string org = fmt::format("{:08d}", (serial * 7919 + 31337) % 100000000);
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (org[i] - '0') * kOrgWeights[i];
  int c = 11 - sum % 11;
  org.push_back(c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c));
  std::string code = fmt::format("91{}{}", region, org);
  code.push_back(CreditCode::CheckCharacter(code));
  return code;
}

std::string MakePlate(int64_t serial) {
  // Letters of Chinese plates skip I and O.
  static constexpr char kLetters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const int64_t letters = 24;
  std::string plate = "浙A";
  plate.push_back(kLetters[serial % letters]);
  plate += fmt::format("{:04d}", (serial / letters) % 10000);
  if (serial >= letters * 10000)
    plate.insert(plate.size() - 4, 1, kLetters[(serial / (letters * 10000)) % letters]);
  return plate;
}

std::string MakeCertificate(int year, int64_t serial) {
  return fmt::format("浙({})杭州市余杭区不动产权第{:07d}号", year, serial);
}

std::string MakeAccount(std::string_view bank, int64_t serial, Rng& rng) {
  std::string_view prefix = "622858";
  if (bank == "中国农业银行") prefix = "622848";
  if (bank == "中国邮政储蓄银行") prefix = "621799";
  if (bank == "中国建设银行") prefix = "621700";
  if (bank == "中国工商银行") prefix = "622202";
  return fmt::format("{}{:04d}{:09d}", prefix, rng.Below(10000), serial);
}

}  // namespace qf::synth::internal
