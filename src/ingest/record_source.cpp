#include "ingest/record_source.h"

#include <fmt/format.h>

#include <filesystem>

#include "ingest/csv_reader.h"
#include "ingest/xlsx_reader.h"

namespace qf::ingest {

Result<std::unique_ptr<RecordSource>> OpenRecordSource(const std::string& path,
                                                       const ReaderLimits& limits) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (ext == ".xlsx") {
    auto reader = XlsxReader::Open(path, limits);
    if (!reader) return std::unexpected(reader.error());
    return std::unique_ptr<RecordSource>(std::move(*reader));
  }
  if (ext == ".csv") {
    auto reader = CsvReader::Open(path, limits);
    if (!reader) return std::unexpected(reader.error());
    return std::unique_ptr<RecordSource>(std::move(*reader));
  }
  return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：只能导入 .csv 或 .xlsx 文件", path));
}

}  // namespace qf::ingest
