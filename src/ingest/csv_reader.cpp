#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <cstring>

#include "ingest/internal/sha256.h"

namespace qf::ingest {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

bool HasHighBytes(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

std::string DescribeBytes(std::string_view bytes) {
  std::string out = "（无法解码的字节：";
  size_t n = std::min<size_t>(bytes.size(), 24);
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80 && c >= 0x20) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02X}", c);
    }
  }
  if (n < bytes.size()) out += "…";
  out += "）";
  return out;
}

// text::DetectEncoding calls a sample that is not entirely valid UTF-8 GB18030. A file that is
// mostly UTF-8 with a few GB18030 lines pasted in is UTF-8 with mixed encodings, and must be
// reported line by line rather than decoded wholesale into nonsense: so count lines.
text::Encoding DetectFileEncoding(std::string_view sample) {
  text::Encoding detected = text::DetectEncoding(sample);
  if (detected != text::Encoding::kGb18030) return detected;
  int64_t utf8_lines = 0, other_lines = 0;
  size_t start = 0;
  while (start < sample.size()) {
    size_t end = sample.find('\n', start);
    if (end == std::string_view::npos) break;  // the last line may be cut inside a character
    std::string_view line = sample.substr(start, end - start);
    if (HasHighBytes(line)) ++(text::IsValidUtf8(line) ? utf8_lines : other_lines);
    start = end + 1;
  }
  return utf8_lines > other_lines ? text::Encoding::kUtf8 : detected;
}

// A GB18030 record whose non-ASCII bytes form valid UTF-8 of at least four 3-byte characters
// is UTF-8 text in a GB18030 file: by chance that happens too rarely to matter.
bool LooksLikeUtf8(std::string_view raw) {
  int64_t high = 0;
  for (unsigned char c : raw) high += c >= 0x80;
  return high >= 12 && text::IsValidUtf8(raw);
}

}  // namespace

struct CsvReader::HashState {
  internal::Sha256 sha;
};

CsvReader::CsvReader(std::string path, std::FILE* file, int64_t total, ReaderLimits limits)
    : path_(std::move(path)),
      file_(file),
      total_(total),
      limits_(limits),
      hash_(std::make_unique<HashState>()) {}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                   const ReaderLimits& limits) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Fail(ErrorCode::kIo, fmt::format("{}：无法打开文件（{}）", path, std::strerror(errno)));
  }
  int64_t total = 0;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    total = std::ftell(file);
    std::fseek(file, 0, SEEK_SET);
  }
  auto reader =
      std::unique_ptr<CsvReader>(new CsvReader(path, file, total < 0 ? 0 : total, limits));
  reader->Fill();
  std::string_view sample = reader->buf_;
  if (sample.empty() || sample == "\xEF\xBB\xBF") {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：文件为空，没有表头行", path));
  }
  if (sample.find('\0') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：不是文本表格文件（含有二进制字节 \\x00）；请提供 CSV 或 XLSX 文件",
                            path));
  }
  reader->encoding_ = DetectFileEncoding(sample);
  if (sample.starts_with("\xEF\xBB\xBF")) {
    reader->encoding_ = text::Encoding::kUtf8Bom;
    reader->pos_ = 3;
  }
  return reader;
}

bool CsvReader::Fill() {
  if (eof_) return false;
  buf_.resize(kChunkBytes);
  size_t n = std::fread(buf_.data(), 1, kChunkBytes, file_);
  buf_.resize(n);
  pos_ = 0;
  consumed_ += static_cast<int64_t>(n);
  hash_->sha.Update(buf_);
  if (n < kChunkBytes) {
    eof_ = true;
    sha256_hex_ = hash_->sha.FinishHex();
  }
  return n > 0;
}

Result<bool> CsvReader::Next(Record& record) {
  while (true) {
    raw_.clear();
    ends_.clear();
    const int64_t start_line = line_;
    int64_t quote_line = 0;
    bool in_quotes = false;
    bool quote_pending = false;  // saw '"' inside quotes: an escape or the closing quote
    bool field_open = false;     // something (even "") was read for the current field
    bool ended = false;
    bool any = false;            // the record had any byte at all
    while (!ended) {
      if (pos_ >= buf_.size()) {
        if (!Fill()) break;
        if (buf_.empty()) break;
      }
      // A CR at the end of the previous chunk was already taken as the line end.
      if (skip_lf_) {
        skip_lf_ = false;
        if (buf_[pos_] == '\n') {
          ++pos_;
          continue;
        }
      }
      const char* p = buf_.data() + pos_;
      const char* end = buf_.data() + buf_.size();
      while (p < end) {
        if (in_quotes) {
          if (quote_pending) {
            quote_pending = false;
            if (*p == '"') {
              raw_ += '"';
              ++p;
              continue;
            }
            in_quotes = false;
            continue;  // handle *p as unquoted
          }
          const char* q = p;
          while (q < end && *q != '"' && *q != '\n') ++q;
          raw_.append(p, q);
          p = q;
          if (p == end) break;
          if (*p == '\n') {
            raw_ += '\n';
            ++line_;
          } else {
            quote_pending = true;
          }
          ++p;
          continue;
        }
        char c = *p;
        if (c == ',') {
          ends_.push_back(raw_.size());
          field_open = false;
          any = true;
          ++p;
          continue;
        }
        if (c == '\n' || c == '\r') {
          ++p;
          if (c == '\r') {
            if (p < end) {
              if (*p == '\n') ++p;
            } else {
              skip_lf_ = true;
            }
          }
          ++line_;
          ended = true;
          break;
        }
        any = true;
        if (c == '"' && !field_open) {
          size_t field_start = ends_.empty() ? 0 : ends_.back();
          if (raw_.size() == field_start) {
            in_quotes = true;
            field_open = true;
            quote_line = line_;
            ++p;
            continue;
          }
        }
        const char* q = p + 1;
        while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"') ++q;
        raw_.append(p, q);
        field_open = true;
        p = q;
      }
      pos_ = static_cast<size_t>(p - buf_.data());
      if (static_cast<int64_t>(raw_.size()) > limits_.max_record_bytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} 第 {} 行：记录超过 {} MB，无法读取（文件缺少换行、引号未闭合，"
                                "或不是表格文件）",
                                path_, start_line, limits_.max_record_bytes >> 20));
      }
      if (static_cast<int>(ends_.size()) >= limits_.max_fields) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} 第 {} 行：字段超过 {} 个，不是标准表格", path_, start_line,
                                limits_.max_fields));
      }
    }
    if (in_quotes && !quote_pending) {
      std::string column = fmt::format("第 {} 列", ends_.size() + 1);
      if (ends_.size() < header_.size()) column = "“" + header_[ends_.size()] + "”";
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} 第 {} 行，列 {}：引号从第 {} 行开始直到文件末尾都没有闭合"
                              "（文件被截断或引号不成对）",
                              path_, start_line, column, quote_line));
    }
    if (!ended && !any && raw_.empty()) return false;  // end of file
    if (!any && raw_.empty()) continue;                 // blank line
    ends_.push_back(raw_.size());
    record.line = start_line;
    record.numeric.clear();
    auto decoded = DecodeFields(record);
    if (!decoded) return std::unexpected(decoded.error());
    if (header_.empty()) {
      for (auto f : record.fields) header_.emplace_back(f);
    }
    return true;
  }
}

Result<bool> CsvReader::DecodeFields(Record& record) {
  record.fields.clear();
  record.undecodable_field = -1;
  const size_t n = ends_.size();
  if (!HasHighBytes(raw_)) {
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
      record.fields.emplace_back(raw_.data() + start, ends_[i] - start);
      start = ends_[i];
    }
    return true;
  }
  const bool utf8_in_gb = encoding_ == text::Encoding::kGb18030 && LooksLikeUtf8(raw_);
  // Decode into decoded_, remembering offsets: views are made once decoded_ stops growing.
  decoded_.clear();
  std::vector<size_t>& offsets = offsets_;
  offsets.assign(n + 1, 0);
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string_view field(raw_.data() + start, ends_[i] - start);
    start = ends_[i];
    offsets[i] = decoded_.size();
    if (!HasHighBytes(field)) {
      decoded_.append(field);
    } else if (utf8_in_gb) {
      if (record.undecodable_field < 0) record.undecodable_field = static_cast<int>(i);
      decoded_.append(field);
    } else if (encoding_ == text::Encoding::kGb18030) {
      auto utf8 = text::Gb18030ToUtf8(field);
      if (utf8) {
        decoded_.append(*utf8);
      } else {
        if (record.undecodable_field < 0) record.undecodable_field = static_cast<int>(i);
        decoded_.append(DescribeBytes(field));
      }
    } else if (text::IsValidUtf8(field)) {
      decoded_.append(field);
    } else {
      if (record.undecodable_field < 0) record.undecodable_field = static_cast<int>(i);
      decoded_.append(DescribeBytes(field));
    }
  }
  offsets[n] = decoded_.size();
  for (size_t i = 0; i < n; ++i) {
    record.fields.emplace_back(decoded_.data() + offsets[i], offsets[i + 1] - offsets[i]);
  }
  return true;
}

}  // namespace qf::ingest
