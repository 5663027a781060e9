#include "ingest/internal/table_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/result_macros.h"
#include "core/strings.h"
#include "ingest/csv_reader.h"
#include "ingest/internal/delivered_keys.h"
#include "ingest/internal/field_parser.h"
#include "ingest/internal/import_record.h"
#include "ingest/internal/plausibility.h"
#include "ingest/internal/sha256.h"

namespace qf::ingest::internal {
namespace {

using Clock = std::chrono::steady_clock;

// A full extract (--replace) with a rejected row is never applied in part: the rejected row's
// stored counterpart would be removed as "absent".
bool SkipsInvalidRows(const ImportOptions& options) {
  return options.skip_invalid && !options.replace;
}

// Rows per INSERT on PostgreSQL: 256 × at most 13 columns stays far below its 65,535 parameters.
constexpr size_t kPostgresRowsPerStatement = 256;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// `rows` > 1: one statement inserting that many rows (VALUES (...), (...)). A file never holds
// one key twice (ReadRows rejects it), so ON CONFLICT DO UPDATE meets each row at most once.
std::string UpsertSql(const TableProfile& profile, std::string_view dialect, size_t rows = 1) {
  std::string columns, params, updates, differs;
  for (const ColumnProfile& c : profile.columns) {
    if (!columns.empty()) {
      columns += ", ";
      params += ", ";
    }
    columns += c.name;
    params += '?';
    if (std::find(profile.key.begin(), profile.key.end(), c.name) != profile.key.end()) continue;
    if (!updates.empty()) {
      updates += ", ";
      differs += " OR ";
    }
    updates += fmt::format("{0} = excluded.{0}", c.name);
    differs += fmt::format("{}.{} {} excluded.{}", profile.name, c.name,
                           dialect == "postgresql" ? "IS DISTINCT FROM" : "IS NOT", c.name);
  }
  std::string key;
  for (auto k : profile.key) {
    if (!key.empty()) key += ", ";
    key += k;
  }
  std::string values = "(" + params + ")";
  for (size_t r = 1; r < rows; ++r) values += ", (" + params + ")";
  if (updates.empty()) {
    return fmt::format("INSERT INTO {} ({}) VALUES {} ON CONFLICT ({}) DO NOTHING", profile.name,
                       columns, values, key);
  }
  return fmt::format("INSERT INTO {} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {} WHERE {}",
                     profile.name, columns, values, key, updates, differs);
}

std::string_view DelimiterName(std::string_view header) {
  if (header.find('\t') != std::string_view::npos) return "制表符";
  if (header.find(';') != std::string_view::npos) return "分号";
  if (header.find('|') != std::string_view::npos) return "竖线";
  return {};
}

// Parsed rows on their way from the reading thread to the writing thread.
struct Batch {
  size_t rows = 0;
  std::vector<internal::FieldValue> values;  // rows × columns, row-major
  std::vector<int64_t> lines;
};

// A fixed pool of batches cycling between the reader (Free → fill → Push) and the writer
// (Pop → write → Recycle), so memory stays bounded and values keep their string capacity.
class BatchQueue {
 public:
  static constexpr size_t kRows = 2048;
  static constexpr int kBatches = 4;

  explicit BatchQueue(size_t columns) {
    for (int i = 0; i < kBatches; ++i) {
      pool_.emplace_back(std::make_unique<Batch>());
      pool_.back()->values.resize(kRows * columns);
      pool_.back()->lines.resize(kRows);
      free_.push_back(pool_.back().get());
    }
  }
  // A batch to fill. The writer recycles every batch it pops, even after a store error.
  Batch* Free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty(); });
    Batch* b = free_.front();
    free_.pop_front();
    b->rows = 0;
    return b;
  }
  void Push(Batch* b) {
    std::lock_guard lock(mutex_);
    full_.push_back(b);
    changed_.notify_all();
  }
  // The next filled batch; null when the reader has closed and everything was taken.
  Batch* Pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return nullptr;
    Batch* b = full_.front();
    full_.pop_front();
    return b;
  }
  void Recycle(Batch* b) {
    std::lock_guard lock(mutex_);
    free_.push_back(b);
    changed_.notify_all();
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  std::vector<std::unique_ptr<Batch>> pool_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch*> free_;  // Guarded by mutex_
  std::deque<Batch*> full_;  // Guarded by mutex_
  bool closed_ = false;      // Guarded by mutex_
};

// One read of the file. A table is read a second time only when its first read saw the same key
// hash twice, to tell real duplicate keys (reported with the line of the first) from collisions.
class Pass {
 public:
  Pass(store::Database& db, const TableProfile& profile, const std::string& path,
       const ImportOptions& options, RejectedWriter* rejected)
      : db_(db),
        profile_(profile),
        path_(path),
        options_(options),
        rejected_(rejected),
        as_of_(ResolveAsOf(options)) {}

  // `suspicious`: key hashes seen more than once by the previous pass (null on the first pass).
  // `hashes`: collects the key hash of every valid row (first pass only).
  bool Run(const std::unordered_set<uint64_t>* suspicious, std::vector<uint64_t>* hashes);

  // The first pass's write failure when a second pass may explain it as a repeated key.
  bool FailDeferred() {
    if (deferred_write_error_.empty()) return true;
    return FailFile(std::move(deferred_write_error_));
  }

  // --replace: removes the stored rows the delivery lacks (in the import's transaction).
  Result<void> RemoveAbsent() {
    if (delivered_ == nullptr) return {};
    QF_ASSIGN_OR_RETURN(report_.rows_removed, delivered_->RemoveAbsent());
    return {};
  }

  TableReport& report() { return report_; }
  std::unique_ptr<store::Transaction>& transaction() { return tx_; }
  const std::string& sha256() const { return sha256_; }

 private:
  bool FailFile(std::string message) {
    report_.outcome = TableOutcome::kFailed;
    report_.file_error = std::move(message);
    return false;
  }
  bool MapHeader(const Record& header);
  void Reject(int64_t line, int field, std::string_view value, std::string reason);
  void Progress(const RecordSource& source, bool force);
  // The helper thread's part: reads, validates and hands valid rows to `queue`. Returns the
  // fatal error of the file, or "".
  std::string ReadRows(RecordSource& source, BatchQueue& queue, std::atomic<bool>& stop,
                       const std::unordered_set<uint64_t>* suspicious,
                       std::vector<uint64_t>* hashes);

  store::Database& db_;
  const TableProfile& profile_;
  const std::string& path_;
  const ImportOptions& options_;
  RejectedWriter* rejected_;
  const Date as_of_;  // dates after it are implausible (plausibility.h)

  TableReport report_;
  std::unique_ptr<store::Transaction> tx_;
  std::unique_ptr<DeliveredKeys> delivered_;  // --replace only
  std::string sha256_;
  std::string deferred_write_error_;
  std::vector<std::string> header_;   // as written
  std::vector<int> field_of_column_;  // profile column → field index, -1 when absent
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_progress_ = start_;
};

bool Pass::MapHeader(const Record& header) {
  for (auto f : header.fields) header_.emplace_back(f);
  field_of_column_.assign(profile_.columns.size(), -1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = HalfWidth(TrimSpaces(header.fields[i]));
    for (size_t c = 0; c < profile_.columns.size(); ++c) {
      const ColumnProfile& column = profile_.columns[c];
      if (!EqualsIgnoreCase(name, column.name) && name != column.chinese) continue;
      if (field_of_column_[c] >= 0) {
        return FailFile(fmt::format("{} 第 {} 行，列 {}：与列“{}”重复（都对应 {}）", path_,
                                    header.line, header_[i], header_[field_of_column_[c]],
                                    column.name));
      }
      field_of_column_[c] = static_cast<int>(i);
    }
  }
  std::vector<std::string> missing;
  for (size_t c = 0; c < profile_.columns.size(); ++c) {
    const ColumnProfile& column = profile_.columns[c];
    if (field_of_column_[c] < 0 && !column.optional) {
      missing.push_back(fmt::format("“{}”（{}）", column.chinese, column.name));
    }
  }
  if (missing.empty()) return true;
  if (header_.size() == 1) {
    if (auto delimiter = DelimiterName(header_[0]); !delimiter.empty()) {
      return FailFile(fmt::format(
          "{} 第 {} 行，列 {}：表头只有一列，看起来是用{}分隔的；标准格式要求用逗号分隔", path_,
          header.line, header_[0], delimiter));
    }
  }
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
  std::string written;
  for (const auto& h : header_) written += (written.empty() ? "" : ", ") + h;
  return FailFile(fmt::format("{} 第 {} 行：缺少必需的列 {}（文件的表头是：{}）", path_,
                              header.line, list, written));
}

void Pass::Reject(int64_t line, int field, std::string_view value, std::string reason) {
  RowError error;
  error.file = path_;
  error.line = line;
  if (field >= 0 && field < static_cast<int>(header_.size())) {
    error.column = header_[field];
  } else if (field >= 0) {
    error.column = fmt::format("第 {} 列", field + 1);
  }
  error.value.assign(value);
  error.reason = std::move(reason);
  if (rejected_ != nullptr) rejected_->Write(error);
  if (report_.errors.size() < options_.max_errors_kept) report_.errors.push_back(std::move(error));
}

void Pass::Progress(const RecordSource& source, bool force) {
  if (!options_.on_progress) return;
  auto now = Clock::now();
  if (!force && now - last_progress_ < std::chrono::milliseconds(200)) return;
  last_progress_ = now;
  ImportProgress p;
  p.file = path_;
  p.rows = report_.rows_read;
  p.bytes_read = source.bytes_read();
  p.bytes_total = source.bytes_total();
  p.seconds = std::chrono::duration<double>(now - start_).count();
  options_.on_progress(p);
}

bool Pass::Run(const std::unordered_set<uint64_t>* suspicious, std::vector<uint64_t>* hashes) {
  report_.table = profile_.name;
  report_.file = path_;
  auto source = OpenRecordSource(path_, options_.limits);
  if (!source) return FailFile(source.error().message());
  report_.encoding = (*source)->encoding();

  Record record;
  auto more = (*source)->Next(record);
  if (!more) return FailFile(more.error().message());
  if (!*more) return FailFile(fmt::format("{}：文件为空，没有表头行", path_));
  if (!MapHeader(record)) return false;

  auto tx = db_.Begin();
  if (!tx) return FailFile(fmt::format("{}：{}", path_, tx.error().message()));
  tx_ = std::move(*tx);
  auto statement = db_.Prepare(UpsertSql(profile_, db_.Dialect()));
  if (!statement) return FailFile(fmt::format("{}：{}", path_, statement.error().message()));
  if (options_.replace) {
    auto delivered = DeliveredKeys::Begin(db_, profile_);
    if (!delivered) return FailFile(fmt::format("{}：{}", path_, delivered.error().message()));
    delivered_ = std::move(*delivered);
  }

  // Reading and validating run on a helper thread, the store on this one: on two cores the
  // import then takes about as long as the slower of the two instead of their sum.
  const size_t ncols = profile_.columns.size();
  BatchQueue queue(ncols);
  std::atomic<bool> stop{false};
  std::string read_error;
  std::thread reader([&] {
    read_error = ReadRows(**source, queue, stop, suspicious, hashes);
    queue.Close();
  });
  std::string write_error;
  // PostgreSQL: many rows per statement, since a network round trip per row would dominate the
  // import; SQLite: one row per statement, which is fastest there.
  const size_t rows_per_run = db_.Dialect() == "postgresql" ? kPostgresRowsPerStatement : 1;
  if (rows_per_run > 1) {
    statement = db_.Prepare(UpsertSql(profile_, db_.Dialect(), rows_per_run));
    if (!statement) return FailFile(fmt::format("{}：{}", path_, statement.error().message()));
  }
  store::Statement& upsert = **statement;
  std::unique_ptr<store::Statement> shorter;  // for a last run of fewer rows
  size_t shorter_rows = 0;
  while (Batch* batch = queue.Pop()) {
    for (size_t r = 0; r < batch->rows && write_error.empty(); r += rows_per_run) {
      const size_t n = std::min(rows_per_run, batch->rows - r);
      store::Statement* st = &upsert;
      if (n != rows_per_run) {
        if (shorter_rows != n) {
          auto prepared = db_.Prepare(UpsertSql(profile_, db_.Dialect(), n));
          if (!prepared) {
            write_error = fmt::format("{}：{}", path_, prepared.error().message());
            stop = true;
            break;
          }
          shorter = std::move(*prepared);
          shorter_rows = n;
        }
        st = shorter.get();
      }
      const FieldValue* values = &batch->values[r * ncols];
      for (size_t c = 0; c < n * ncols; ++c) {
        const int index = static_cast<int>(c) + 1;
        switch (values[c].type) {
          case FieldValue::Type::kNull:
            st->BindNull(index);
            break;
          case FieldValue::Type::kText:
            st->Bind(index, std::string_view(values[c].text));
            break;
          case FieldValue::Type::kInt:
            st->Bind(index, values[c].number);
            break;
        }
      }
      auto run = st->Run();
      if (!run) {
        write_error =
            n == 1 ? fmt::format("{} 第 {} 行：写入数据库失败：{}", path_, batch->lines[r],
                                 run.error().message())
                   : fmt::format("{} 第 {} 至 {} 行之间：写入数据库失败：{}", path_,
                                 batch->lines[r], batch->lines[r + n - 1], run.error().message());
        // A key twice in one multi-row statement fails it; the first pass then reads on, so
        // that the duplicate is found and the second pass rejects it by line.
        if (n == 1 || hashes == nullptr) stop = true;
        break;
      }
      report_.rows_imported += static_cast<int64_t>(n);
      report_.rows_changed += st->Changes();
      if (delivered_ != nullptr) {
        if (auto added = delivered_->Add(values, n); !added) {
          write_error = fmt::format("{}：{}", path_, added.error().message());
          stop = true;
          break;
        }
      }
    }
    queue.Recycle(batch);
  }
  reader.join();
  if (!read_error.empty()) return FailFile(read_error);
  if (!write_error.empty() && !stop) {
    deferred_write_error_ = std::move(write_error);  // FailDeferred() unless a key repeats
    return true;
  }
  if (!write_error.empty()) return FailFile(write_error);
  Progress(**source, true);
  if (auto* csv = dynamic_cast<CsvReader*>(source->get())) sha256_ = csv->Sha256Hex();
  return true;
}

std::string Pass::ReadRows(RecordSource& source, BatchQueue& queue, std::atomic<bool>& stop,
                           const std::unordered_set<uint64_t>* suspicious,
                           std::vector<uint64_t>* hashes) {
  std::vector<int> key_columns;
  for (auto k : profile_.key) {
    for (size_t c = 0; c < profile_.columns.size(); ++c) {
      if (profile_.columns[c].name == k) key_columns.push_back(static_cast<int>(c));
    }
  }
  const size_t ncols = profile_.columns.size();
  std::unordered_map<std::string, int64_t> first_line;  // exact keys of suspicious hashes
  std::string key;
  std::string reason;
  const size_t width = header_.size();
  Record record;
  Batch* batch = nullptr;

  while (!stop) {
    auto more = source.Next(record);
    if (!more) {
      if (batch != nullptr) queue.Push(batch);
      return more.error().message();
    }
    if (!*more) break;
    ++report_.rows_read;
    if ((report_.rows_read & 4095) == 0) Progress(source, false);
    if (batch == nullptr) {
      batch = queue.Free();
    }
    FieldValue* values = &batch->values[batch->rows * ncols];
    const auto& fields = record.fields;
    bool ok = true;
    bool extra_empty = fields.size() > width;
    for (size_t i = width; i < fields.size() && extra_empty; ++i) {
      extra_empty = TrimSpaces(fields[i]).empty();
    }
    if (fields.size() != width && !extra_empty) {
      int field = static_cast<int>(std::min(fields.size(), width));
      Reject(record.line, field, field < static_cast<int>(fields.size()) ? fields[field] : "",
             fields.size() > width
                 ? fmt::format("该行有 {} 个字段，而表头只有 {} 列（含逗号的值要用双引号括起来）",
                               fields.size(), width)
                 : fmt::format("该行只有 {} 个字段，而表头有 {} 列", fields.size(), width));
      ok = false;
    } else if (record.undecodable_field >= 0) {
      Reject(record.line, record.undecodable_field, fields[record.undecodable_field],
             fmt::format("字节不是有效的 {} 编码：同一文件中混用了编码？请将整个文件统一保存为 "
                         "UTF-8 或 GB18030",
                         report_.encoding));
      ok = false;
    } else {
      for (size_t c = 0; c < ncols; ++c) {
        int field = field_of_column_[c];
        if (field < 0) {
          values[c].type = FieldValue::Type::kNull;
          continue;
        }
        bool numeric = !record.numeric.empty() && record.numeric[field] != 0;
        if (!ParseField(profile_.columns[c], profile_.ledger, fields[field], numeric, values[c],
                        reason)) {
          Reject(record.line, field, fields[field], reason);
          ok = false;
        }
      }
    }
    if (ok) {
      for (const Implausible& bad : CheckPlausibility(profile_, values, as_of_)) {
        const int field = field_of_column_[bad.column];
        Reject(record.line, field, fields[field], bad.reason);
        ok = false;
      }
    }
    if (ok) {
      key.clear();
      for (int c : key_columns) {
        key += values[c].text;
        key += '\x1f';
      }
      uint64_t hash = std::hash<std::string>{}(key);
      if (hashes != nullptr) hashes->push_back(hash);
      if (suspicious != nullptr && suspicious->contains(hash)) {
        auto [it, inserted] = first_line.emplace(key, record.line);
        if (!inserted) {
          int field = field_of_column_[key_columns[0]];
          std::string shown = key;
          shown.pop_back();
          std::replace(shown.begin(), shown.end(), '\x1f', '|');
          Reject(record.line, field, shown,
                 fmt::format("与第 {} 行的主键重复（同一文件中同一记录出现了两次）", it->second));
          ok = false;
        }
      }
    }
    if (!ok) {
      ++report_.rows_rejected;
      continue;
    }
    // Once a row is rejected, a strict import will not be applied: validate only.
    if (report_.rows_rejected > 0 && !SkipsInvalidRows(options_)) continue;
    batch->lines[batch->rows] = record.line;
    if (++batch->rows == BatchQueue::kRows) {
      queue.Push(batch);
      batch = nullptr;
    }
  }
  if (batch != nullptr) queue.Push(batch);
  return {};
}

// Writes the trace of a file that was not applied, in a transaction of its own.
void RecordUnapplied(store::Database& db, const TableReport& report, const std::string& sha256,
                     const ImportOptions& options) {
  auto tx = db.Begin();
  if (!tx) return;
  if (RecordImport(db, report, sha256, options)) (void)(*tx)->Commit();
}

}  // namespace

TableReport ImportTable(store::Database& db, const TableProfile& profile, const std::string& path,
                        const ImportOptions& options, RejectedWriter* rejected) {
  const auto start = Clock::now();
  const int64_t rejected_start = rejected != nullptr ? rejected->Position() : 0;
  std::vector<uint64_t> hashes;
  auto pass = std::make_unique<Pass>(db, profile, path, options, rejected);
  bool ok = pass->Run(nullptr, &hashes);
  if (ok) {
    std::sort(hashes.begin(), hashes.end());
    std::unordered_set<uint64_t> repeated;
    for (size_t i = 1; i < hashes.size(); ++i) {
      if (hashes[i] == hashes[i - 1]) repeated.insert(hashes[i]);
    }
    hashes = {};
    if (!repeated.empty()) {
      pass.reset();  // rolls back
      if (rejected != nullptr) rejected->RewindTo(rejected_start);
      pass = std::make_unique<Pass>(db, profile, path, options, rejected);
      ok = pass->Run(&repeated, nullptr);
    } else {
      ok = pass->FailDeferred();
    }
  }
  TableReport& report = pass->report();
  std::string sha256 = pass->sha256();
  if (sha256.empty()) {  // the file failed before it was read through
    auto file_hash = Sha256File(path);
    if (file_hash) sha256 = *file_hash;
  }
  report.sha256 = sha256;
  bool recorded = false;
  if (ok) {
    if (options.replace && report.rows_read == 0) {
      report.outcome = TableOutcome::kFailed;
      report.file_error = fmt::format(
          "{}：全量替换（--replace）的文件没有数据行；为防误删整表，未执行替换", path);
    } else if (report.rows_rejected == 0 || SkipsInvalidRows(options)) {
      // The rows, their import_log row and their audit entry commit together or not at all.
      report.outcome = report.rows_rejected == 0 ? TableOutcome::kApplied : TableOutcome::kPartial;
      report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      auto commit = pass->RemoveAbsent();
      if (commit) commit = RecordImport(db, report, sha256, options);
      if (commit) commit = pass->transaction()->Commit();
      if (commit) {
        recorded = true;
      } else {
        report.outcome = TableOutcome::kFailed;
        report.file_error = fmt::format("{}：提交失败：{}", path, commit.error().message());
      }
    } else {
      report.outcome = TableOutcome::kRefused;
    }
  }
  pass->transaction().reset();
  if (report.outcome != TableOutcome::kApplied && report.outcome != TableOutcome::kPartial) {
    report.rows_imported = 0;
    report.rows_changed = 0;
    report.rows_removed = 0;
  }
  if (report.outcome == TableOutcome::kFailed && rejected != nullptr) {
    rejected->RewindTo(rejected_start);
  }
  if (!recorded) {
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    RecordUnapplied(db, report, sha256, options);
  }
  return std::move(report);
}

}  // namespace qf::ingest::internal
