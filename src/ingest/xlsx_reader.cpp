#include "ingest/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <pugixml.hpp>

namespace qf::ingest {
namespace {

constexpr size_t kChunkBytes = 1 << 16;

Result<std::string> ReadEntry(zip_t* zip, const std::string& name, const std::string& path) {
  zip_stat_t stat;
  if (zip_stat(zip, name.c_str(), 0, &stat) != 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("{}：XLSX 中缺少 {}", path, name));
  }
  if (stat.size > (256u << 20)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：{} 太大", path, name));
  }
  zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
  if (file == nullptr) {
    return Fail(ErrorCode::kIo, fmt::format("{}：无法读取 XLSX 中的 {}", path, name));
  }
  std::string data(stat.size, '\0');
  zip_int64_t n = zip_fread(file, data.data(), stat.size);
  zip_fclose(file);
  if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) {
    return Fail(ErrorCode::kIo, fmt::format("{}：XLSX 中的 {} 已损坏", path, name));
  }
  return data;
}

// Appends `text` with the five XML entities and numeric character references decoded.
void AppendDecoded(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      return;
    }
    out.append(text.substr(i, amp - i));
    size_t semi = text.find(';', amp);
    if (semi == std::string_view::npos) {
      out.append(text.substr(amp));
      return;
    }
    std::string_view entity = text.substr(amp + 1, semi - amp - 1);
    if (entity == "amp") {
      out += '&';
    } else if (entity == "lt") {
      out += '<';
    } else if (entity == "gt") {
      out += '>';
    } else if (entity == "quot") {
      out += '"';
    } else if (entity == "apos") {
      out += '\'';
    } else if (entity.starts_with('#')) {
      unsigned long cp = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X')
                             ? std::strtoul(std::string(entity.substr(2)).c_str(), nullptr, 16)
                             : std::strtoul(std::string(entity.substr(1)).c_str(), nullptr, 10);
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      out.append(text.substr(amp, semi - amp + 1));
    }
    i = semi + 1;
  }
}

// The value of attribute `name` inside a tag's text (`<c r="B2" t="s">`), or "".
std::string_view Attribute(std::string_view tag, std::string_view name) {
  size_t at = 0;
  while ((at = tag.find(name, at)) != std::string_view::npos) {
    bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' ||
                             tag[at - 1] == '\r');
    size_t eq = at + name.size();
    if (starts && eq < tag.size() && tag[eq] == '=' && eq + 1 < tag.size()) {
      char quote = tag[eq + 1];
      size_t end = tag.find(quote, eq + 2);
      if (end == std::string_view::npos) return {};
      return tag.substr(eq + 2, end - eq - 2);
    }
    at = eq;
  }
  return {};
}

// "BC12" → column index 54 (0-based); -1 when there are no letters.
int ColumnIndex(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
    if (col > 1 << 20) return -1;
  }
  return i == 0 ? -1 : col - 1;
}

std::string_view TagName(std::string_view tag) {
  size_t end = tag.find_first_of(" \t\r\n/>");
  std::string_view name = tag.substr(0, end);
  if (size_t colon = name.find(':'); colon != std::string_view::npos) {
    name = name.substr(colon + 1);  // namespace prefixes (x:row)
  }
  return name;
}

}  // namespace

struct XlsxReader::Impl {
  std::string path;
  ReaderLimits limits;
  zip_t* zip = nullptr;
  zip_file_t* sheet = nullptr;
  int64_t sheet_size = 0;
  int64_t read = 0;
  bool eof = false;
  std::vector<std::string> shared;

  std::string buf;  // sheet XML not yet scanned, from pos
  size_t pos = 0;

  std::vector<std::string> cells;
  std::vector<uint8_t> numeric;
  size_t width = 0;  // header width
  bool header_done = false;

  ~Impl() {
    if (sheet != nullptr) zip_fclose(sheet);
    if (zip != nullptr) zip_discard(zip);
  }

  bool Fill() {
    if (eof) return false;
    if (pos > 0) {
      buf.erase(0, pos);
      pos = 0;
    }
    size_t old = buf.size();
    buf.resize(old + kChunkBytes);
    zip_int64_t n = zip_fread(sheet, buf.data() + old, kChunkBytes);
    if (n <= 0) {
      buf.resize(old);
      eof = true;
      return false;
    }
    buf.resize(old + static_cast<size_t>(n));
    read += n;
    return true;
  }

  Result<bool> Next(Record& record);
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;
int64_t XlsxReader::bytes_read() const { return impl_->read; }
int64_t XlsxReader::bytes_total() const { return impl_->sheet_size; }
Result<bool> XlsxReader::Next(Record& record) { return impl_->Next(record); }

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path,
                                                     const ReaderLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->limits = limits;
  int error = 0;
  impl->zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (impl->zip == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：不是有效的 XLSX 文件（无法作为 zip 打开）", path));
  }
  // The first sheet: workbook.xml lists the sheets in order, its rels file names their parts.
  std::string sheet_path = "xl/worksheets/sheet1.xml";
  auto workbook = ReadEntry(impl->zip, "xl/workbook.xml", path);
  auto rels = ReadEntry(impl->zip, "xl/_rels/workbook.xml.rels", path);
  if (workbook && rels) {
    pugi::xml_document wb, rl;
    if (wb.load_buffer(workbook->data(), workbook->size()) &&
        rl.load_buffer(rels->data(), rels->size())) {
      pugi::xml_node first = wb.document_element().child("sheets").first_child();
      std::string id = first.attribute("r:id").value();
      for (pugi::xml_node r : rl.document_element().children("Relationship")) {
        if (id == r.attribute("Id").value()) {
          std::string target = r.attribute("Target").value();
          sheet_path = target.starts_with('/') ? target.substr(1) : "xl/" + target;
        }
      }
    }
  } else if (!workbook) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：不是有效的 XLSX 文件（缺少 xl/workbook.xml）", path));
  }
  if (zip_name_locate(impl->zip, "xl/sharedStrings.xml", 0) >= 0) {
    auto shared = ReadEntry(impl->zip, "xl/sharedStrings.xml", path);
    if (!shared) return std::unexpected(shared.error());
    pugi::xml_document doc;
    if (!doc.load_buffer(shared->data(), shared->size())) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}：XLSX 的共享字符串表已损坏", path));
    }
    for (pugi::xml_node si : doc.document_element().children("si")) {
      std::string text;
      // Plain <t>, or rich-text runs <r><t>; phonetic hints <rPh> are not part of the value.
      if (pugi::xml_node t = si.child("t")) text = t.text().get();
      for (pugi::xml_node r : si.children("r")) text += r.child("t").text().get();
      impl->shared.push_back(std::move(text));
    }
  }
  zip_stat_t stat;
  if (zip_stat(impl->zip, sheet_path.c_str(), 0, &stat) != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：XLSX 中找不到第一个工作表 {}", path, sheet_path));
  }
  impl->sheet_size = static_cast<int64_t>(stat.size);
  impl->sheet = zip_fopen(impl->zip, sheet_path.c_str(), 0);
  if (impl->sheet == nullptr) {
    return Fail(ErrorCode::kIo, fmt::format("{}：无法读取工作表 {}", path, sheet_path));
  }
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

Result<bool> XlsxReader::Impl::Next(Record& record) {
  bool in_row = false;
  int64_t row_number = 0;
  int next_col = 0;
  int cell_col = -1;
  std::string cell_type;
  bool capture = false;  // inside <v>, or a <t> of an inline string outside <rPh>
  bool in_phonetic = false;
  std::string text;  // raw (entity-encoded) text of the current cell
  size_t used = 0;   // cells in use this row
  auto too_big = [&]() {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} 第 {} 行：单元格内容超过 {} MB，无法读取", path, row_number,
                            limits.max_record_bytes >> 20));
  };
  while (true) {
    size_t lt = buf.find('<', pos);
    while (lt == std::string::npos) {
      if (capture) text.append(buf, pos, std::string::npos);
      pos = buf.size();
      if (static_cast<int64_t>(text.size()) > limits.max_record_bytes) return too_big();
      if (!Fill()) return false;
      lt = buf.find('<', pos);
    }
    if (capture) text.append(buf, pos, lt - pos);
    size_t gt = buf.find('>', lt);
    while (gt == std::string::npos) {
      size_t offset = lt - pos;
      if (buf.size() - pos > static_cast<size_t>(limits.max_record_bytes)) return too_big();
      if (!Fill()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} 第 {} 行：工作表 XML 在文件末尾被截断", path, row_number));
      }
      lt = pos + offset;
      gt = buf.find('>', lt);
    }
    std::string_view tag(buf.data() + lt + 1, gt - lt - 1);
    pos = gt + 1;
    bool closing = tag.starts_with('/');
    bool self_closing = tag.ends_with('/');
    std::string_view name = TagName(closing ? tag.substr(1) : tag);
    if (name == "row") {
      if (!closing) {
        in_row = true;
        next_col = 0;
        used = 0;
        std::string_view r = Attribute(tag, "r");
        row_number = r.empty() ? row_number + 1 : std::strtoll(std::string(r).c_str(), nullptr, 10);
        for (auto& c : cells) c.clear();
        std::fill(numeric.begin(), numeric.end(), 0);
      }
      if (closing || self_closing) {
        in_row = false;
        bool any = false;
        for (size_t i = 0; i < used; ++i) any = any || !cells[i].empty();
        if (!any) continue;  // blank row
        if (!header_done) {
          while (used > 0 && cells[used - 1].empty()) --used;
          width = used;
          header_done = true;
        }
        size_t n = std::max(used, width);
        if (cells.size() < n) {
          cells.resize(n);
          numeric.resize(n, 0);
        }
        record.line = row_number;
        record.undecodable_field = -1;
        record.fields.clear();
        record.numeric.assign(numeric.begin(), numeric.begin() + static_cast<ptrdiff_t>(n));
        for (size_t i = 0; i < n; ++i) record.fields.emplace_back(cells[i]);
        return true;
      }
    } else if (name == "c" && in_row) {
      if (!closing) {
        int col = ColumnIndex(Attribute(tag, "r"));
        cell_col = col >= 0 ? col : next_col;
        if (cell_col >= limits.max_fields) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{} 第 {} 行：列数超过 {}，不是标准表格", path, row_number,
                                  limits.max_fields));
        }
        next_col = cell_col + 1;
        cell_type.assign(Attribute(tag, "t"));
        text.clear();
      }
      if (closing || self_closing) {
        if (cells.size() <= static_cast<size_t>(cell_col)) {
          cells.resize(cell_col + 1);
          numeric.resize(cell_col + 1, 0);
        }
        std::string& cell = cells[cell_col];
        cell.clear();
        if (cell_type == "s") {
          size_t index = std::strtoul(text.c_str(), nullptr, 10);
          if (!text.empty() && index < shared.size()) cell = shared[index];
        } else {
          AppendDecoded(text, cell);
        }
        numeric[cell_col] = (cell_type.empty() || cell_type == "n") && !cell.empty();
        used = std::max(used, static_cast<size_t>(cell_col) + 1);
        text.clear();
      }
    } else if (name == "v" || name == "t") {
      capture = !closing && !self_closing && !in_phonetic && cell_col >= 0;
    } else if (name == "rPh") {
      in_phonetic = !closing && !self_closing;
    } else if (name == "sheetData" && closing) {
      eof = true;
      return false;
    }
  }
}

}  // namespace qf::ingest
