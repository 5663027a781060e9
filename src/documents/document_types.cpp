#include "documents/document_types.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/result_macros.h"
#include "core/strings.h"

namespace qf::documents {
namespace {

namespace fs = std::filesystem;

std::string Trim(std::string_view s) { return std::string(TrimSpaces(s)); }

std::vector<std::string> CommaList(std::string_view text) {
  std::vector<std::string> out;
  for (size_t from = 0; from <= text.size();) {
    size_t comma = std::min(text.find(',', from), text.size());
    if (std::string item = Trim(text.substr(from, comma - from)); !item.empty()) {
      out.push_back(item);
    }
    from = comma + 1;
  }
  return out;
}

// The "key: value" lines between the two "---" lines, and the text after them.
Result<std::pair<std::map<std::string, std::string>, std::string>> SplitFrontMatter(
    std::string_view text) {
  if (!text.starts_with("---\n")) {
    return Fail(ErrorCode::kInvalidArgument, "文书模板缺少以 --- 开头的说明部分");
  }
  size_t end = text.find("\n---\n", 3);
  if (end == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "文书模板的说明部分没有以 --- 结束");
  }
  std::map<std::string, std::string> keys;
  std::istringstream lines{std::string(text.substr(4, end - 4))};
  for (std::string line; std::getline(lines, line);) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    keys[Trim(std::string_view(line).substr(0, colon))] =
        Trim(std::string_view(line).substr(colon + 1));
  }
  return std::pair{std::move(keys), std::string(text.substr(end + 5))};
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path CatalogDir(std::string_view dir) {
  if (!dir.empty()) return fs::path(dir);
  std::error_code ec;
  if (fs::is_directory("config/documents", ec)) return "config/documents";
  return fs::path(QF_SOURCE_DIR) / "config/documents";
}

}  // namespace

const DocumentType* DocumentCatalog::Find(std::string_view code) const {
  for (const DocumentType& t : types_) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

Result<DocumentType> ParseDocumentType(std::string_view code, std::string_view text) {
  QF_ASSIGN_OR_RETURN(auto split, SplitFrontMatter(text));
  auto& [keys, body] = split;
  DocumentType type{.code = std::string(code),
                    .name = keys["name"],
                    .prefix = keys["prefix"],
                    .entity = keys["entity"],
                    .disposal = keys["disposal"],
                    .states = CommaList(keys["states"]),
                    .shipped_body = body};
  if (type.name.empty() || type.prefix.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "文书模板须写明 name（文书名称）和 prefix（文号前缀）");
  }
  if (type.entity != "clue" && type.entity != "case") {
    return Fail(ErrorCode::kInvalidArgument, "文书模板的 entity 须为 clue（线索）或 case（案件）");
  }
  if (type.states.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "文书模板须写明 states（可制发的状态）");
  }
  return type;
}

Result<DocumentCatalog> LoadDocumentCatalog(std::string_view dir) {
  fs::path folder = CatalogDir(dir);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Fail(ErrorCode::kIo, fmt::format("文书模板目录 {} 不存在", folder.string()));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".mustache") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<DocumentType> types;
  std::set<std::string> prefixes;
  for (const fs::path& file : files) {
    std::string stem = file.stem().string();
    std::string code = stem.substr(stem.find('-') == std::string::npos ? 0 : stem.find('-') + 1);
    auto type = ParseDocumentType(code, ReadAll(file));
    if (!type) return std::unexpected(type.error().WithContext(file.string()));
    if (!prefixes.insert(type->prefix).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}：文号前缀 {} 与其他文书重复", file.string(), type->prefix));
    }
    types.push_back(std::move(*type));
  }
  if (types.empty()) {
    return Fail(ErrorCode::kIo, fmt::format("文书模板目录 {} 中没有模板", folder.string()));
  }
  return DocumentCatalog(std::move(types));
}

}  // namespace qf::documents
