#include "ingest/internal/rejected_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>

#include "core/spreadsheet_cell.h"

namespace qf::ingest::internal {
namespace {

// Neutralised for spreadsheets first: the value column repeats what an import file held.
std::string Quote(std::string_view text) {
  const std::string field = NeutraliseCell(text);
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

Result<std::unique_ptr<RejectedWriter>> RejectedWriter::Create(const std::string& path) {
  // Written beside `path` and renamed onto it by Finish: a half-written file is never seen.
  auto out = std::make_unique<AtomicFile>(path);
  std::FILE* file = std::fopen(out->temp_path().c_str(), "w+b");
  if (file == nullptr) {
    return Fail(ErrorCode::kIo,
                fmt::format("无法写入拒绝行文件 {}（{}）", path, std::strerror(errno)));
  }
  auto writer = std::unique_ptr<RejectedWriter>(new RejectedWriter(path, file));
  writer->out_ = std::move(out);
  std::fputs("\xEF\xBB\xBF" "file,line,column,value,reason\n", file);
  writer->header_end_ = std::ftell(file);
  return writer;
}

RejectedWriter::~RejectedWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void RejectedWriter::Write(const RowError& e) {
  std::string line = fmt::format("{},{},{},{},{}\n", Quote(e.file), e.line, Quote(e.column),
                                 Quote(e.value), Quote(e.reason));
  std::fwrite(line.data(), 1, line.size(), file_);
}

int64_t RejectedWriter::Position() {
  std::fflush(file_);
  return std::ftell(file_);
}

void RejectedWriter::RewindTo(int64_t position) {
  std::fflush(file_);
  if (ftruncate(fileno(file_), position) == 0) std::fseek(file_, position, SEEK_SET);
}

void RejectedWriter::Finish() {
  if (file_ == nullptr) return;
  bool empty = Position() <= header_end_;
  std::fclose(file_);
  file_ = nullptr;
  if (empty) {
    std::remove(path_.c_str());  // no stale file from an earlier run either
  } else {
    (void)out_->Commit();
  }
}

}  // namespace qf::ingest::internal
