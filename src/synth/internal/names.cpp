#include "synth/internal/names.h"

#include <array>
#include <string>
#include <utility>

namespace qf::synth::internal {
namespace {

// Frequencies roughly follow the 2020 census ranking (per ten thousand).
constexpr std::pair<const char*, int> kSurnames[] = {
    {"王", 720}, {"李", 710}, {"张", 680}, {"刘", 530}, {"陈", 460}, {"杨", 310}, {"黄", 230},
    {"赵", 200}, {"吴", 200}, {"周", 190}, {"徐", 170}, {"孙", 150}, {"马", 150}, {"朱", 140},
    {"胡", 130}, {"郭", 120}, {"何", 120}, {"林", 110}, {"高", 110}, {"罗", 100}, {"郑", 100},
    {"梁", 90},  {"谢", 80},  {"宋", 70},  {"唐", 70},  {"许", 70},  {"韩", 60},  {"冯", 60},
    {"邓", 60},  {"曹", 60},  {"彭", 50},  {"曾", 50},  {"沈", 60},  {"俞", 40},  {"章", 40},
    {"潘", 40},  {"姚", 40},  {"方", 40},  {"钱", 40},  {"汤", 30},  {"蒋", 40},  {"陆", 40},
    {"施", 30},  {"金", 40},  {"丁", 30},  {"傅", 30},  {"沃", 5},   {"褚", 10},  {"闻", 10},
    {"欧阳", 8}, {"司马", 3}, {"上官", 2}, {"诸葛", 2}, {"东方", 2}, {"皇甫", 2}};

constexpr const char* kMaleChars =
    "伟强磊军勇杰涛明超刚平辉建华国庆文斌宇浩凯鹏俊晨志海峰波兵东亮林金荣旭立新振祥永春德明成"
    "博睿轩泽宏毅嘉航";
constexpr const char* kFemaleChars =
    "芳娜敏静丽艳娟霞秀玲婷欣雪梅琳慧颖洁红英萍燕倩琴云莉兰凤佳怡晓雯婧馨悦菲瑶蕾薇";

constexpr const char* kMinorityFemale[] = {"阿依古丽", "古丽娜尔", "热孜万古丽", "帕提古丽",
                                           "迪丽娜尔", "阿依努尔", "米热古丽",   "祖丽胡玛尔"};
constexpr const char* kMinorityMale[] = {"买买提",   "艾力",   "吐尔逊",   "阿不都热合曼",
                                         "艾合买提", "努尔江", "伊力哈木", "热合曼"};

// Simplified → traditional for characters common in names (OpenCC t2s maps them back).
constexpr std::pair<const char*, const char*> kTraditional[] = {
    {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"黄", "黃"}, {"赵", "趙"},
    {"吴", "吳"}, {"孙", "孫"}, {"马", "馬"}, {"郑", "鄭"}, {"冯", "馮"}, {"许", "許"},
    {"邓", "鄧"}, {"韩", "韓"}, {"钱", "錢"}, {"汤", "湯"}, {"蒋", "蔣"}, {"陆", "陸"},
    {"罗", "羅"}, {"谢", "謝"}, {"伟", "偉"}, {"华", "華"}, {"国", "國"}, {"红", "紅"},
    {"军", "軍"}, {"东", "東"}, {"丽", "麗"}, {"兰", "蘭"}, {"凤", "鳳"}, {"庆", "慶"},
    {"荣", "榮"}, {"涛", "濤"}, {"刚", "剛"}, {"辉", "輝"}, {"鹏", "鵬"}, {"娟", "娟"},
    {"艳", "艷"}, {"玲", "玲"}, {"亮", "亮"}, {"志", "志"}, {"晓", "曉"}, {"雯", "雯"},
    {"欧", "歐"}, {"阳", "陽"}, {"诸", "諸"}, {"葛", "葛"}};

// Same toneless pinyin, different character.
constexpr std::pair<const char*, const char*> kHomophones[] = {
    {"伟", "玮"}, {"芳", "方"}, {"娜", "那"}, {"静", "婧"}, {"丽", "莉"}, {"军", "君"},
    {"勇", "永"}, {"杰", "洁"}, {"涛", "滔"}, {"明", "鸣"}, {"平", "萍"}, {"刚", "钢"},
    {"华", "桦"}, {"红", "虹"}, {"建", "健"}, {"文", "雯"}, {"辉", "晖"}, {"斌", "彬"},
    {"宇", "雨"}, {"浩", "昊"}, {"凯", "恺"}, {"鹏", "朋"}, {"俊", "骏"}, {"婷", "亭"},
    {"欣", "馨"}, {"晨", "辰"}, {"玲", "铃"}, {"霞", "侠"}, {"燕", "艳"}, {"峰", "锋"},
    {"波", "博"}, {"海", "凯"}, {"林", "琳"}, {"慧", "惠"}, {"梅", "玫"}, {"云", "芸"}};

int SurnameTotal() {
  int total = 0;
  for (const auto& s : kSurnames) total += s.second;
  return total;
}

}  // namespace

std::vector<std::string> SplitUtf8(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string RandomSurname(Rng& rng) {
  static const int total = SurnameTotal();
  int r = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (const auto& [name, weight] : kSurnames) {
    if (r < weight) return name;
    r -= weight;
  }
  return "王";
}

std::string RandomGivenName(Rng& rng, bool male) {
  static const std::vector<std::string> male_chars = SplitUtf8(kMaleChars);
  static const std::vector<std::string> female_chars = SplitUtf8(kFemaleChars);
  const auto& chars = male ? male_chars : female_chars;
  std::string out = rng.Pick(chars);
  if (rng.Chance(700)) out += rng.Pick(chars);
  return out;
}

std::string RandomMinorityOwnName(Rng& rng, bool male) {
  if (male) return kMinorityMale[rng.Below(std::size(kMinorityMale))];
  return kMinorityFemale[rng.Below(std::size(kMinorityFemale))];
}

std::string ClericalVariant(Rng& rng, std::string_view name) {
  std::vector<std::string> chars = SplitUtf8(name);
  const int kind = static_cast<int>(rng.Below(4));
  std::string out;
  bool changed = false;
  if (name.find("·") != std::string_view::npos) {
    // Minority names: another separator, or spaces around it.
    // ・ U+30FB and ･ U+FF65 are what Japanese input methods type (the boundary review).
    const char* seps[] = {"•", "．", ".", " · ", "\u30FB", "\uFF65"};
    for (const auto& ch : chars) out += ch == "·" ? seps[rng.Below(6)] : ch;
    return out;
  }
  if (kind == 0) {  // a space or a zero-width character pasted in: "王 伟", "王\u200B伟"
    const char* gaps[] = {" ", " ", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};
    const char* gap = gaps[rng.Below(7)];
    for (size_t i = 0; i < chars.size(); ++i) {
      if (i == 1) out += gap;
      out += chars[i];
    }
    return out;
  }
  if (kind == 1) {  // traditional characters
    for (const auto& ch : chars) {
      std::string mapped = ch;
      for (const auto& [s, t] : kTraditional) {
        if (ch == s) {
          mapped = t;
          changed = changed || mapped != ch;
        }
      }
      out += mapped;
    }
    return changed ? out : std::string(name);
  }
  // Homophone in the given name (never the surname: the first character).
  for (size_t i = 0; i < chars.size(); ++i) {
    std::string mapped = chars[i];
    if (i > 0 && !changed) {
      for (const auto& [a, b] : kHomophones) {
        if (chars[i] == a) {
          mapped = b;
          changed = true;
          break;
        }
      }
    }
    out += mapped;
  }
  return changed ? out : std::string(name);
}

std::vector<std::string> CommunityWords(Rng& rng, size_t count) {
  static const std::vector<std::string> first = SplitUtf8(
      "葛永高连灵太宝金新东西南青长安石竹梅桃柳杨凤龙云溪双白黄沙塘港湾陈上下前后里大小仙鹤"
      "莲荷桑枫松柏");
  static const std::vector<std::string> second =
      SplitUtf8("巷桥塘溪山湖岭坞港湾庄浜埠园家田墩荡林泉河");
  std::vector<std::string> all;
  for (const auto& a : first) {
    for (const auto& b : second) {
      if (a != b) all.push_back(a + b);
    }
  }
  rng.Shuffle(all);
  if (all.size() > count) all.resize(count);
  return all;
}

std::vector<std::string> StreetNames() {
  return {"仓前街道", "五常街道", "闲林街道", "余杭街道", "中泰街道", "良渚街道",
          "瓶窑镇",   "径山镇",   "黄湖镇",   "鸬鸟镇",   "百丈镇",   "仁和街道"};
}

}  // namespace qf::synth::internal
