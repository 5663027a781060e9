#include "activities/activity_import.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit_log.h"
#include "core/result_macros.h"
#include "ingest/xlsx_reader.h"
#include "taxonomy/taxonomy.h"

namespace qf::activities {
namespace {

constexpr int64_t kMaxRows = 5000;

// A file of its own under the temp directory, removed with the object.
class TempFile {
 public:
  TempFile() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "qf-activities-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern + ".xlsx";
      std::filesystem::rename(pattern, path_);
    }
  }
  ~TempFile() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法读取临时文件");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The example row of the template: a 座谈会 in the first street of the demo district.
std::vector<std::string> ExampleRow() {
  const taxonomy::Taxonomy& t = taxonomy::Active();
  std::string campaign = t.campaigns.empty() ? "" : t.campaigns.front().name;
  return {"座谈会",
          "2026-03-05",
          "民生领域群众座谈会",
          "区纪委监委",
          "民生",
          campaign,
          "25",
          "",
          "",
          "",
          "",
          "听取群众对低保、医保经办的意见",
          "",
          ""};
}

Result<void> WriteTemplate(const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return Fail(ErrorCode::kIo, "无法创建活动台账模板");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "活动台账");
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDE4EE);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(workbook);
  format_set_num_format(text, "@");  // dates and 文号 stay as typed
  std::vector<std::string> example = ExampleRow();
  for (size_t c = 0; c < Fields().size(); ++c) {
    const FieldSpec& f = Fields()[c];
    std::string label = std::string(f.label) + (f.required ? "*" : "");
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, 18, text);
    worksheet_write_string(sheet, 0, col, label.c_str(), header);
    if (!example[c].empty()) worksheet_write_string(sheet, 1, col, example[c].c_str(), text);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return Fail(ErrorCode::kIo, "无法写出活动台账模板");
  }
  return {};
}

// Column index → field key, from the header row; an unknown header is refused.
Result<std::vector<std::string>> HeaderKeys(const ingest::Record& header,
                                            const std::string& file_name) {
  std::vector<std::string> keys;
  for (std::string_view cell : header.fields) {
    std::string name(cell);
    while (!name.empty() && name.back() == '*') name.pop_back();
    if (name.empty()) {
      keys.emplace_back();
      continue;
    }
    auto it = std::find_if(Fields().begin(), Fields().end(),
                           [&](const FieldSpec& f) { return f.label == name; });
    if (it == Fields().end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} 第 1 行：列“{}”不是活动台账模板的列", file_name, name));
    }
    keys.emplace_back(it->key);
  }
  for (const FieldSpec& f : Fields()) {
    if (f.required && std::find(keys.begin(), keys.end(), f.key) == keys.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} 第 1 行：缺少列“{}”", file_name, f.label));
    }
  }
  return keys;
}

struct Row {
  int64_t line = 0;
  ActivityInput input;
};

Result<Row> ParseRow(const ingest::Record& record, const std::vector<std::string>& keys,
                     const casework::UnitTree& tree, const std::string& file_name) {
  ActivityFields fields;
  bool serial = false;
  for (size_t i = 0; i < keys.size() && i < record.fields.size(); ++i) {
    if (keys[i].empty()) continue;
    fields[keys[i]] = std::string(record.fields[i]);
    if (keys[i] == "held_on") serial = i < record.numeric.size() && record.numeric[i];
  }
  auto input = ParseActivity(fields, tree, serial);
  if (!input) {
    return Fail(input.error().code(),
                fmt::format("{} 第 {} 行，列“{}”：{}", file_name, record.line,
                            FieldLabel(input.error().field()), input.error().message()));
  }
  return Row{record.line, std::move(*input)};
}

bool Blank(const ingest::Record& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](std::string_view f) { return f.find_first_not_of(" \t") == f.npos; });
}

Result<std::vector<Row>> ReadRows(const std::string& path, const casework::UnitTree& tree,
                                  const std::string& file_name) {
  auto reader = ingest::XlsxReader::Open(path);
  if (!reader) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：不是可读的 XLSX 文件（{}）", file_name, reader.error().message()));
  }
  ingest::Record record;
  QF_ASSIGN_OR_RETURN(bool any, (*reader)->Next(record));
  if (!any) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：文件是空的", file_name));
  QF_ASSIGN_OR_RETURN(auto keys, HeaderKeys(record, file_name));
  std::vector<Row> rows;
  while (true) {
    QF_ASSIGN_OR_RETURN(bool more, (*reader)->Next(record));
    if (!more) break;
    if (Blank(record)) continue;
    if (static_cast<int64_t>(rows.size()) >= kMaxRows) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}：一次至多导入 {} 行", file_name, kMaxRows));
    }
    QF_ASSIGN_OR_RETURN(Row row, ParseRow(record, keys, tree, file_name));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：没有数据行", file_name));
  }
  return rows;
}

Result<void> AuditImport(store::Database& db, const Clock& clock, const crypto::FieldCipher& cipher,
                         const casework::Actor& actor, const std::string& file_name,
                         const ImportResult& result) {
  nlohmann::json after = {{"file", file_name},
                          {"sha256", result.sha256},
                          {"rows", result.ids.size()},
                          {"activity_ids", result.ids},
                          {"summary", fmt::format("{}，{} 行（SHA-256 {}…）", file_name,
                                                  result.ids.size(), result.sha256.substr(0, 16))}};
  audit::Entry entry{.actor = actor.username,
                     .action = "activity.import",
                     .entity = "activity",
                     .entity_id = std::to_string(result.ids.front()),
                     .before = "",
                     .after = after.dump()};
  audit::Recorder recorder(clock, cipher.chain_key());
  QF_RETURN_IF_ERROR(recorder.Append(db, entry));
  return {};
}

}  // namespace

Result<std::string> TemplateXlsx() {
  TempFile file;
  if (file.path().empty()) return Fail(ErrorCode::kIo, "无法创建临时文件");
  QF_RETURN_IF_ERROR(WriteTemplate(file.path()));
  return ReadAll(file.path());
}

Result<ImportResult> ImportActivities(store::Database& db, const Clock& clock,
                                      const crypto::FieldCipher& cipher,
                                      casework::CaseworkService& service,
                                      const casework::Actor& actor, const std::string& file_name,
                                      const std::string& bytes) {
  if (!CanRecordActivities(actor)) {
    return Fail(ErrorCode::kPermissionDenied, "只有受理员、承办人可以导入活动台账");
  }
  TempFile file;
  if (file.path().empty()) return Fail(ErrorCode::kIo, "无法创建临时文件");
  {
    std::ofstream out(file.path(), std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Fail(ErrorCode::kIo, "无法写入临时文件");
  }
  QF_ASSIGN_OR_RETURN(casework::UnitTree tree, casework::LoadUnitTree(db));
  QF_ASSIGN_OR_RETURN(auto rows, ReadRows(file.path(), tree, file_name));
  ImportResult result{.ids = {}, .sha256 = crypto::Sha256Hex(bytes)};
  ActivityBook book(db, clock, cipher, service);
  QF_ASSIGN_OR_RETURN(auto tx, db.Begin());
  for (const Row& row : rows) {
    auto id = book.CreateInTransaction(actor, row.input, /*audit=*/false);
    if (!id) {
      const Error& e = id.error();
      std::string column = e.field().empty() ? "" : fmt::format("，列“{}”", FieldLabel(e.field()));
      return Fail(e.code(),
                  fmt::format("{} 第 {} 行{}：{}", file_name, row.line, column, e.message()));
    }
    result.ids.push_back(*id);
  }
  QF_RETURN_IF_ERROR(AuditImport(db, clock, cipher, actor, file_name, result));
  QF_RETURN_IF_ERROR(tx->Commit());
  return result;
}

}  // namespace qf::activities
