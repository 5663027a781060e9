// The anchor file: append-only lines outside the database.
#include "audit/anchor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace qf::audit {
namespace {

constexpr std::string_view kMagic = "qingfeng-anchor";
constexpr std::string_view kVersion = "v1";

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Parses "key=value" into `value` when the word's key is `key`.
bool Field(std::string_view word, std::string_view key, std::string* value) {
  if (!word.starts_with(key) || word.size() <= key.size() || word[key.size()] != '=') return false;
  *value = std::string(word.substr(key.size() + 1));
  return true;
}

std::optional<Anchor> ParseAnchor(const std::string& line) {
  std::istringstream in(line);
  std::string magic, version, seq, hash, entry_at, anchored_at, extra;
  in >> magic >> version >> seq >> hash >> entry_at >> anchored_at;
  if (magic != kMagic || version != kVersion || (in >> extra)) return std::nullopt;
  Anchor anchor;
  std::string seq_text;
  if (!Field(seq, "seq", &seq_text) || !Field(hash, "hash", &anchor.hash) ||
      !Field(entry_at, "entry_at", &anchor.entry_at) ||
      !Field(anchored_at, "anchored_at", &anchor.anchored_at)) {
    return std::nullopt;
  }
  char* end = nullptr;
  anchor.seq = std::strtoll(seq_text.c_str(), &end, 10);
  if (seq_text.empty() || *end != '\0' || anchor.seq < 0) return std::nullopt;
  if (anchor.seq > 0 ? !IsHex64(anchor.hash) : anchor.hash != "-") return std::nullopt;
  return anchor;
}

Result<void> WriteAll(int fd, const std::string& text, const std::string& path) {
  if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
      ::fsync(fd) != 0) {
    return Fail(ErrorCode::kIo, fmt::format("写入审计锚点文件 {} 失败", path));
  }
  return {};
}

}  // namespace

std::string FormatAnchor(const Anchor& anchor) {
  return fmt::format("{} {} seq={} hash={} entry_at={} anchored_at={}", kMagic, kVersion,
                     anchor.seq, anchor.seq > 0 ? anchor.hash : "-",
                     anchor.entry_at.empty() ? "-" : anchor.entry_at, anchor.anchored_at);
}

Result<std::string> AppendAnchor(const std::string& path, Anchor head, const Clock& clock) {
  std::filesystem::path p(path);
  if (p.has_parent_path() && !std::filesystem::exists(p.parent_path())) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    std::filesystem::permissions(p.parent_path(), std::filesystem::perms::owner_all, ec);
  }
  head.anchored_at = IsoUtc(clock.NowSeconds());
  std::string line = FormatAnchor(head);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kIo, fmt::format("无法打开审计锚点文件 {}", path));
  auto written = WriteAll(fd, line + "\n", path);
  ::close(fd);
  if (!written) return std::unexpected(written.error());
  return line;
}

Result<std::vector<Anchor>> ReadAnchors(const std::string& path) {
  std::vector<Anchor> anchors;
  if (!std::filesystem::exists(path)) return anchors;
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取审计锚点文件 {}", path));
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto anchor = ParseAnchor(line);
    if (!anchor) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("审计锚点文件 {} 第 {} 行不是锚点记录：锚点文件被改动过", path, number));
    }
    anchor->line = number;
    anchors.push_back(std::move(*anchor));
  }
  return anchors;
}

std::string DefaultAnchorFilePath(const std::string& key_file) {
  if (const char* env = std::getenv("QINGFENG_ANCHOR_FILE"); env != nullptr && *env != '\0') {
    return env;
  }
  return (std::filesystem::path(key_file).parent_path() / "qingfeng.anchors").string();
}

}  // namespace qf::audit
