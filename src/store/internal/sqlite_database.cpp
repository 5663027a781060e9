// SQLite backend: thin RAII wrappers over sqlite3 and sqlite3_stmt that turn result codes into
// qf::Error. Statements are compiled once and re-run; nothing here allocates per row except what
// SQLite itself does for a text binding (SQLITE_TRANSIENT copies, so callers may bind temporaries).
#include "store/internal/sqlite_database.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "store/internal/sql_text.h"

namespace qf::store::internal {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// Negative = KiB. The importer's upserts probe large primary-key indexes; the 2 MiB default
// thrashes on a district's 10 M payments.
constexpr std::string_view kCacheSizePragma = "PRAGMA cache_size=-65536";

Error SqliteError(std::string_view what, sqlite3* db, std::string_view sql) {
  std::string message = fmt::format("{}：{}", what, db != nullptr ? sqlite3_errmsg(db) : "未知错误");
  if (!sql.empty()) message += fmt::format("（SQL：{}）", AbbreviateSql(sql));
  return Error(ErrorCode::kDatabase, std::move(message));
}

// The statement at the start of `text` that SQLite failed to compile: up to the first ';' at or
// after `tail`, where its parser gave up (nullptr: unknown).
std::string_view StatementText(std::string_view text, const char* tail) {
  if (tail == nullptr || tail < text.data() || tail > text.data() + text.size()) return text;
  std::size_t end = text.find(';', static_cast<std::size_t>(tail - text.data()));
  return end == std::string_view::npos ? text : text.substr(0, end + 1);
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != ';') return false;
  }
  return true;
}

class SqliteStatement final : public Statement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  using Statement::Bind;

  void Bind(int index, int64_t value) override {
    ReadyToBind();
    CheckBind(sqlite3_bind_int64(stmt_, index, value), index);
  }
  void Bind(int index, std::string_view value) override {
    ReadyToBind();
    // A default-constructed string_view has data() == nullptr, which SQLite would bind as NULL.
    const char* data = value.data() != nullptr ? value.data() : "";
    CheckBind(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
              index);
  }
  void BindView(int index, std::string_view value) override {
    ReadyToBind();
    const char* data = value.data() != nullptr ? value.data() : "";
    int rc = sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (rc == SQLITE_OK) view_indices_.push_back(index);
    CheckBind(rc, index);
  }
  void BindNull(int index) override {
    ReadyToBind();
    CheckBind(sqlite3_bind_null(stmt_, index), index);
  }

  Result<bool> Step() override {
    if (auto pending = TakeBindError(); !pending) return std::unexpected(pending.error());
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      mid_run_ = true;
      return true;
    }
    if (rc == SQLITE_DONE) {
      // Reset at once so the statement holds no read snapshot and can be re-bound.
      sqlite3_reset(stmt_);
      mid_run_ = false;
      ForgetViews();
      return false;
    }
    return Failed();
  }

  Result<void> Run() override {
    if (auto pending = TakeBindError(); !pending) return std::unexpected(pending.error());
    if (mid_run_) {
      sqlite3_reset(stmt_);
      mid_run_ = false;
    }
    int rc;
    while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return std::unexpected(Failed().error());
    changes_ = sqlite3_changes64(sqlite3_db_handle(stmt_));
    sqlite3_reset(stmt_);  // keeps the bindings: re-bind what changes and Run again
    ForgetViews();
    return {};
  }

  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    mid_run_ = false;
    view_indices_.clear();
    bind_error_.reset();
  }

  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const override { return std::string(TextView(column)); }
  std::string_view TextView(int column) const override {
    // sqlite3_column_text first, then _bytes: the documented order that yields the UTF-8 length.
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
  }
  int64_t Changes() const override { return changes_; }

 private:
  // SQLite refuses to bind to a statement that has started running: resetting here lets a caller
  // bind right after a Step loop that stopped early.
  void ReadyToBind() {
    if (mid_run_) {
      sqlite3_reset(stmt_);
      mid_run_ = false;
      ForgetViews();
    }
  }

  // Ends the BindView bindings of the execution that just finished: the caller's buffers may be
  // gone by the next one, so SQLite must not keep pointers to them.
  void ForgetViews() {
    for (int index : view_indices_) sqlite3_bind_null(stmt_, index);
    view_indices_.clear();  // keeps its capacity: no allocation per row
  }

  void CheckBind(int rc, int index) {
    if (rc == SQLITE_OK || bind_error_) return;
    bind_error_.emplace(ErrorCode::kDatabase,
                        fmt::format("绑定第 {} 个参数失败：{}（SQL：{}）", index, sqlite3_errstr(rc),
                                    AbbreviateSql(sqlite3_sql(stmt_))));
  }

  Result<void> TakeBindError() {
    if (!bind_error_) return {};
    Error error = std::move(*bind_error_);
    bind_error_.reset();
    return std::unexpected(std::move(error));
  }

  std::unexpected<Error> Failed() {
    Error error = SqliteError("执行 SQL 语句失败", sqlite3_db_handle(stmt_), sqlite3_sql(stmt_));
    sqlite3_reset(stmt_);
    mid_run_ = false;
    ForgetViews();
    return std::unexpected(std::move(error));
  }

  sqlite3_stmt* stmt_;
  bool mid_run_ = false;  // stepped to a row but not to the end: must be reset before binding
  int64_t changes_ = 0;
  std::vector<int> view_indices_;  // parameters bound by BindView in the current execution
  std::optional<Error> bind_error_;
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(sqlite3* db) : db_(db) {}
  ~SqliteTransaction() override {
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); only roll back
    // what is still open.
    if (!finished_ && sqlite3_get_autocommit(db_) == 0) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  Result<void> Commit() override {
    if (finished_) return Fail(ErrorCode::kDatabase, "事务已经提交过了，不能再次提交");
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Error error = SqliteError("提交事务失败，本事务的修改未保存", db_, {});
      finished_ = sqlite3_get_autocommit(db_) != 0;
      return std::unexpected(std::move(error));
    }
    finished_ = true;
    return {};
  }

 private:
  sqlite3* db_;
  bool finished_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  // close_v2: a statement that outlives the database by mistake stays safe to finalize.
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail) !=
        SQLITE_OK) {
      return std::unexpected(SqliteError("SQL 语句有误", db_, sql));
    }
    if (stmt == nullptr) {
      return Fail(ErrorCode::kDatabase, fmt::format("SQL 语句为空（SQL：{}）", AbbreviateSql(sql)));
    }
    auto statement = std::make_unique<SqliteStatement>(stmt);
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!IsBlank(rest)) {
      // Only comments may follow; a second statement would silently never run.
      sqlite3_stmt* second = nullptr;
      sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &second, nullptr);
      if (second != nullptr) {
        sqlite3_finalize(second);
        return Fail(ErrorCode::kDatabase,
                    fmt::format("Prepare 只接受一条 SQL 语句，多条语句请用 Execute（SQL：{}）",
                                AbbreviateSql(sql)));
      }
    }
    return statement;
  }

  // Runs the script statement by statement (rather than sqlite3_exec) so that an error quotes the
  // statement that failed, not the start of the script.
  Result<void> Execute(std::string_view sql) override {
    const char* next = sql.data();
    const char* end = sql.data() + sql.size();
    while (next != nullptr && next < end) {
      sqlite3_stmt* stmt = nullptr;
      const char* tail = nullptr;
      const std::string_view rest(next, static_cast<std::size_t>(end - next));
      if (sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &stmt, &tail) !=
          SQLITE_OK) {
        return std::unexpected(SqliteError("执行 SQL 失败", db_, StatementText(rest, tail)));
      }
      if (stmt == nullptr) break;  // only whitespace or comments were left
      int rc;
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc != SQLITE_DONE) {
        Error error = SqliteError("执行 SQL 失败", db_, sqlite3_sql(stmt));
        sqlite3_finalize(stmt);
        return std::unexpected(std::move(error));
      }
      sqlite3_finalize(stmt);
      next = tail;
    }
    return {};
  }

  Result<std::unique_ptr<Transaction>> Begin() override {
    if (sqlite3_get_autocommit(db_) == 0) {
      return Fail(ErrorCode::kDatabase,
                  "已有一个事务正在进行，不支持嵌套事务：请把写入放进外层事务，或先提交它");
    }
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return std::unexpected(SqliteError("无法开始事务（数据库可能正被其他程序写入）", db_, {}));
    }
    return std::make_unique<SqliteTransaction>(db_);
  }

  int64_t LastInsertId() const override { return sqlite3_last_insert_rowid(db_); }

  std::string_view Dialect() const override { return "sqlite"; }

 private:
  sqlite3* db_;
};

// The folders it creates are 0700: the store holds the ledger and the case book.
Result<void> CreateParentDirectory(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return {};
  std::vector<fs::path> created;
  std::error_code ec;
  for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    created.push_back(p);
    if (p == p.parent_path()) break;
  }
  fs::create_directories(parent, ec);
  if (ec) {
    return Fail(ErrorCode::kIo,
                fmt::format("无法创建数据库目录 '{}'：{}", parent.string(), ec.message()));
  }
  for (const fs::path& p : created) fs::permissions(p, fs::perms::owner_all, ec);
  return {};
}

// The database file is 0600 before SQLite opens it: SQLite gives its -wal and -shm files the
// database file's mode, so they are 0600 too. A store created by an older build is tightened.
//
// An existing file is changed by path, never opened: closing any descriptor of a file drops every
// POSIX lock this process holds on it, SQLite's locks of the process's other connections included
// — a second process (`qingfeng user add` beside `serve`) could then checkpoint and delete the WAL
// under those connections, and they would read the store as malformed.
Result<void> MakePrivate(const std::string& path) {
  if (::chmod(path.c_str(), 0600) != 0 && errno == ENOENT) {
    // A new file: no connection can hold a lock on it yet.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Fail(ErrorCode::kIo,
                  fmt::format("无法创建数据库文件 '{}'：{}", path, std::strerror(errno)));
    }
    ::close(fd);
  }
  // Any other failure (someone else's or a read-only store): SQLite decides what it can do.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    ::chmod((path + suffix).c_str(), 0600);  // absent files: nothing to do
  }
  return {};
}

Result<void> Configure(Database& db, sqlite3* handle, bool in_memory) {
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  if (auto ok = db.Execute("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL"); !ok) return ok;
  if (auto ok = db.Execute(kCacheSizePragma); !ok) return ok;
  if (in_memory) return {};  // an in-memory database has no journal file; WAL does not apply
  auto journal = db.Prepare("PRAGMA journal_mode=WAL");
  if (!journal) return std::unexpected(journal.error());
  auto row = (*journal)->Step();
  if (!row) return std::unexpected(row.error());
  std::string mode = *row ? (*journal)->Text(0) : "";
  if (mode != "wal") {
    return Fail(ErrorCode::kDatabase,
                fmt::format("无法把数据库切换到 WAL 模式（当前模式：{}）；请把数据库放在本地磁盘上",
                            mode));
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path) {
  // SQLite's global memory statistics take a mutex on every allocation, and a text binding
  // allocates: about a sixth of the cost of a bulk insert. Only possible before SQLite starts.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    if (auto ok = CreateParentDirectory(path); !ok) return std::unexpected(ok.error());
    if (auto ok = MakePrivate(path); !ok) return std::unexpected(ok.error());
  }
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string reason = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close_v2(handle);
    return Fail(ErrorCode::kDatabase,
                fmt::format("无法打开 SQLite 数据库 '{}'：{}", path, reason));
  }
  auto db = std::make_unique<SqliteDatabase>(handle);
  if (auto ok = Configure(*db, handle, in_memory); !ok) {
    return std::unexpected(ok.error().WithContext(fmt::format("打开 SQLite 数据库 '{}'", path)));
  }
  return db;
}

}  // namespace qf::store::internal
