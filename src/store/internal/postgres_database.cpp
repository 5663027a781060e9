// PostgreSQL backend: a connection (PgConnection) shared by its statements and transactions, which
// turns libpq results into qf::Error and keeps one server-side prepared statement per SQL text.
#include "store/internal/postgres_database.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/internal/postgres_sql.h"
#include "store/internal/sql_text.h"

namespace qf::store::internal {
namespace {

constexpr Oid kUnknownOid = 0;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
// pg_advisory_xact_lock key of the store's write lock ("qfstore" in ASCII).
constexpr std::string_view kBeginSql = "BEGIN; SELECT pg_advisory_xact_lock(31923480236192613)";
constexpr std::string_view kIndeterminateType = "42P18";
constexpr std::string_view kSyntaxError = "42601";

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string TrimmedMessage(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "未知错误" : text;
}

std::string_view SqlState(const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return state != nullptr ? state : "";
}

// What a caller can do about it: a lost race is kConflict (retry or refresh), the rest kDatabase.
ErrorCode CodeFor(std::string_view state) {
  if (state == "40001" || state == "40P01" || state == "23505" || state == "55P03") {
    return ErrorCode::kConflict;
  }
  return ErrorCode::kDatabase;
}

Error PgError(std::string_view what, PGconn* conn, const PGresult* result, std::string_view sql) {
  std::string reason =
      TrimmedMessage(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  std::string message = fmt::format("{}：{}", what, reason);
  if (!sql.empty()) message += fmt::format("（SQL：{}）", AbbreviateSql(sql));
  return Error(CodeFor(SqlState(result)), std::move(message));
}

bool Succeeded(const PGresult* r) {
  ExecStatusType s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_SINGLE_TUPLE;
}

class PgStatement;

// The connection and what its statements share. One thread at a time, like every Database.
class PgConnection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PGconn* get() const { return conn_; }

  // Makes the connection free for a new command: a statement still streaming rows buffers the
  // rest of them first.
  void Claim();
  void set_streaming(PgStatement* statement) { streaming_ = statement; }
  PgStatement* streaming() const { return streaming_; }

  // Runs a command without parameters (possibly several separated by ';').
  Result<void> Exec(std::string_view sql, std::string_view what) {
    Claim();
    ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
    if (!Succeeded(r.get())) return std::unexpected(PgError(what, conn_, r.get(), sql));
    return {};
  }

  // The server-side name of `sql` prepared with `types` (empty = all inferred by the server),
  // preparing it on first use. Inside a transaction a failed prepare is wrapped in a savepoint so
  // that it does not abort the caller's transaction. `sqlstate` receives the failure's SQLSTATE.
  Result<std::string> Prepared(const std::string& sql, int parameters,
                               const std::vector<Oid>& types, std::string* sqlstate) {
    std::string key = sql;
    key += '\x1f';
    for (Oid t : types) key += std::to_string(t) + ",";
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    Claim();
    std::string name = fmt::format("qf_{}", prepared_.size() + 1);
    const bool in_transaction = PQtransactionStatus(conn_) == PQTRANS_INTRANS;
    if (in_transaction) {
      ResultPtr sp(PQexec(conn_, "SAVEPOINT qf_prepare"));
      if (!Succeeded(sp.get())) {
        return std::unexpected(PgError("SQL 语句有误", conn_, sp.get(), sql));
      }
    }
    ResultPtr r(PQprepare(conn_, name.c_str(), sql.c_str(), types.empty() ? 0 : parameters,
                          types.empty() ? nullptr : types.data()));
    if (!Succeeded(r.get())) {
      if (sqlstate != nullptr) *sqlstate = SqlState(r.get());
      Error error = PgError("SQL 语句有误", conn_, r.get(), sql);
      if (in_transaction) {
        ResultPtr(PQexec(conn_, "ROLLBACK TO SAVEPOINT qf_prepare; RELEASE SAVEPOINT qf_prepare"));
      }
      return std::unexpected(std::move(error));
    }
    if (in_transaction) ResultPtr(PQexec(conn_, "RELEASE SAVEPOINT qf_prepare"));
    prepared_.emplace(std::move(key), name);
    return name;
  }

 private:
  PGconn* conn_;
  PgStatement* streaming_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL + types -> statement name
};

class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& conn, RewrittenSql sql, std::string name, bool typed_per_execution)
      : conn_(conn),
        sql_(std::move(sql)),
        name_(std::move(name)),
        typed_per_execution_(typed_per_execution),
        values_(static_cast<std::size_t>(sql_.parameters)),
        kinds_(static_cast<std::size_t>(sql_.parameters), Kind::kNull),
        views_(static_cast<std::size_t>(sql_.parameters), false) {}
  ~PgStatement() override { Discard(); }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  using Statement::Bind;

  void Bind(int index, int64_t value) override {
    if (!ReadyToBind(index)) return;
    std::string& slot = values_[index - 1];
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    slot.assign(buf, end);
    kinds_[index - 1] = Kind::kInt;
    views_[index - 1] = false;
  }
  void Bind(int index, std::string_view value) override {
    if (!ReadyToBind(index)) return;
    values_[index - 1].assign(value.data() != nullptr ? value.data() : "", value.size());
    kinds_[index - 1] = Kind::kText;
    views_[index - 1] = false;
  }
  // Text parameters must reach libpq NUL-terminated, so a view is copied too; it still reads NULL
  // after its one execution, as the interface promises.
  void BindView(int index, std::string_view value) override {
    Bind(index, value);
    if (index >= 1 && index <= sql_.parameters) views_[index - 1] = true;
  }
  void BindNull(int index) override {
    if (!ReadyToBind(index)) return;
    kinds_[index - 1] = Kind::kNull;
    views_[index - 1] = false;
  }

  Result<bool> Step() override {
    if (!executing_) {
      if (auto pending = TakeBindError(); !pending) return std::unexpected(pending.error());
      if (auto ok = Send(); !ok) return std::unexpected(ok.error());
    }
    current_.reset();
    ResultPtr r = NextResult();
    if (r == nullptr) {  // the stream ended without a final status: treat as done
      Finish();
      return false;
    }
    switch (PQresultStatus(r.get())) {
      case PGRES_SINGLE_TUPLE:
        current_ = std::move(r);
        return true;
      case PGRES_TUPLES_OK:
      case PGRES_COMMAND_OK:
        changes_ = CommandTuples(r.get());
        Finish();
        return false;
      default: {
        Error error = PgError("执行 SQL 语句失败", conn_.get(), r.get(), sql_.text);
        Finish();
        return std::unexpected(std::move(error));
      }
    }
  }

  Result<void> Run() override {
    if (executing_) Discard();
    if (auto pending = TakeBindError(); !pending) return std::unexpected(pending.error());
    auto name = NameForExecution();
    if (!name) return std::unexpected(name.error());
    conn_.Claim();
    Params p = BuildParams();
    ResultPtr r(PQexecPrepared(conn_.get(), name->c_str(), sql_.parameters, p.values.data(),
                               nullptr, nullptr, 0));
    ForgetViews();
    if (!Succeeded(r.get())) {
      return std::unexpected(PgError("执行 SQL 语句失败", conn_.get(), r.get(), sql_.text));
    }
    changes_ = CommandTuples(r.get());
    return {};
  }

  void Reset() override {
    Discard();
    for (auto& k : kinds_) k = Kind::kNull;
    for (std::size_t i = 0; i < views_.size(); ++i) views_[i] = false;
    bind_error_.reset();
  }

  bool IsNull(int column) const override {
    return current_ == nullptr || column < 0 || column >= PQnfields(current_.get()) ||
           PQgetisnull(current_.get(), 0, column) != 0;
  }
  int64_t Int(int column) const override {
    std::string_view text = TextView(column);
    if (text == "t") return 1;
    if (text == "f") return 0;
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::string Text(int column) const override { return std::string(TextView(column)); }
  std::string_view TextView(int column) const override {
    if (IsNull(column)) return {};
    return {PQgetvalue(current_.get(), 0, column),
            static_cast<std::size_t>(PQgetlength(current_.get(), 0, column))};
  }
  int64_t Changes() const override { return changes_; }

  // Called by the connection when another command needs it: keeps the rest of this statement's
  // rows (and its final status) in memory.
  void BufferRest() {
    while (PGresult* r = PQgetResult(conn_.get())) buffered_.emplace_back(r);
    conn_.set_streaming(nullptr);
  }

 private:
  enum class Kind : unsigned char { kNull, kInt, kText };
  struct Params {
    std::vector<const char*> values;
  };

  bool ReadyToBind(int index) {
    if (executing_) Discard();  // binding after a Step loop that stopped early: start afresh
    if (index < 1 || index > sql_.parameters) {
      if (!bind_error_) {
        bind_error_.emplace(
            ErrorCode::kDatabase,
            fmt::format("绑定第 {} 个参数失败：参数序号超出范围（共 {} 个）（SQL：{}）", index,
                        sql_.parameters, AbbreviateSql(sql_.text)));
      }
      return false;
    }
    return true;
  }

  Result<void> TakeBindError() {
    if (!bind_error_) return {};
    Error error = std::move(*bind_error_);
    bind_error_.reset();
    return std::unexpected(std::move(error));
  }

  // The prepared statement to execute with the current bindings. A statement whose parameter
  // types the server cannot infer (`? IS NULL`) is prepared per combination of bound types.
  Result<std::string> NameForExecution() {
    if (!typed_per_execution_) return name_;
    std::vector<Oid> types(static_cast<std::size_t>(sql_.parameters));
    for (std::size_t i = 0; i < types.size(); ++i) {
      types[i] = kinds_[i] == Kind::kInt    ? kInt8Oid
                 : kinds_[i] == Kind::kText ? kTextOid
                                            : kUnknownOid;
    }
    std::string state;
    auto name = conn_.Prepared(sql_.text, sql_.parameters, types, &state);
    if (name || state != kIndeterminateType) return name;
    // A NULL in a position the server cannot type: call it text.
    for (auto& t : types) {
      if (t == kUnknownOid) t = kTextOid;
    }
    return conn_.Prepared(sql_.text, sql_.parameters, types, nullptr);
  }

  Params BuildParams() const {
    Params p;
    p.values.resize(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      p.values[i] = kinds_[i] == Kind::kNull ? nullptr : values_[i].c_str();
    }
    return p;
  }

  Result<void> Send() {
    auto name = NameForExecution();
    if (!name) return std::unexpected(name.error());
    conn_.Claim();
    Params p = BuildParams();
    if (PQsendQueryPrepared(conn_.get(), name->c_str(), sql_.parameters, p.values.data(), nullptr,
                            nullptr, 0) == 0) {
      ForgetViews();
      return std::unexpected(PgError("执行 SQL 语句失败", conn_.get(), nullptr, sql_.text));
    }
    PQsetSingleRowMode(conn_.get());
    conn_.set_streaming(this);
    executing_ = true;
    return {};
  }

  ResultPtr NextResult() {
    if (!buffered_.empty()) {
      ResultPtr r = std::move(buffered_.front());
      buffered_.pop_front();
      return r;
    }
    if (conn_.streaming() == this) return ResultPtr(PQgetResult(conn_.get()));
    return nullptr;
  }

  // Ends this execution: reads what is left of it off the connection and drops it.
  void Finish() {
    if (conn_.streaming() == this) {
      while (PGresult* r = PQgetResult(conn_.get())) PQclear(r);
      conn_.set_streaming(nullptr);
    }
    buffered_.clear();
    executing_ = false;
    ForgetViews();
  }

  void Discard() {
    current_.reset();
    if (executing_ || conn_.streaming() == this) Finish();
  }

  void ForgetViews() {
    for (std::size_t i = 0; i < views_.size(); ++i) {
      if (views_[i]) {
        kinds_[i] = Kind::kNull;
        views_[i] = false;
      }
    }
  }

  static int64_t CommandTuples(const PGresult* r) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(r));
    int64_t value = 0;
    if (n != nullptr) std::from_chars(n, n + std::strlen(n), value);
    return value;
  }

  PgConnection& conn_;
  RewrittenSql sql_;
  std::string name_;
  bool typed_per_execution_;
  std::vector<std::string> values_;
  std::vector<Kind> kinds_;
  std::vector<bool> views_;
  std::optional<Error> bind_error_;
  bool executing_ = false;
  ResultPtr current_;
  std::deque<ResultPtr> buffered_;
  int64_t changes_ = 0;
};

void PgConnection::Claim() {
  if (streaming_ != nullptr) streaming_->BufferRest();
}

class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(PgConnection& conn) : conn_(conn) {}
  ~PgTransaction() override {
    if (!finished_ && PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      conn_.Claim();
      ResultPtr(PQexec(conn_.get(), "ROLLBACK"));
    }
  }
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;

  Result<void> Commit() override {
    if (finished_) return Fail(ErrorCode::kDatabase, "事务已经提交过了，不能再次提交");
    conn_.Claim();
    if (PQtransactionStatus(conn_.get()) == PQTRANS_INERROR) {
      // COMMIT would silently roll back: say so instead.
      ResultPtr(PQexec(conn_.get(), "ROLLBACK"));
      finished_ = true;
      return Fail(ErrorCode::kDatabase,
                  "提交事务失败，本事务的修改未保存：事务中有语句执行失败，事务已被数据库中止");
    }
    ResultPtr r(PQexec(conn_.get(), "COMMIT"));
    finished_ = PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
    if (!Succeeded(r.get())) {
      return std::unexpected(PgError("提交事务失败，本事务的修改未保存", conn_.get(), r.get(), {}));
    }
    if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0) {
      return Fail(ErrorCode::kDatabase, "提交事务失败，本事务的修改未保存：事务已被回滚");
    }
    return {};
  }

 private:
  PgConnection& conn_;
  bool finished_ = false;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(PGconn* conn) : conn_(conn) {}

  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    RewrittenSql rewritten = RewritePlaceholders(sql);
    std::string state;
    auto name = conn_.Prepared(rewritten.text, rewritten.parameters, {}, &state);
    bool typed_per_execution = false;
    if (!name) {
      if (state == kSyntaxError &&
          name.error().message().find("multiple commands") != std::string::npos) {
        return Fail(ErrorCode::kDatabase,
                    fmt::format("Prepare 只接受一条 SQL 语句，多条语句请用 Execute（SQL：{}）",
                                AbbreviateSql(sql)));
      }
      if (state != kIndeterminateType) return std::unexpected(name.error());
      typed_per_execution = true;
    }
    return std::make_unique<PgStatement>(
        conn_, std::move(rewritten), name ? std::move(*name) : std::string(), typed_per_execution);
  }

  Result<void> Execute(std::string_view sql) override { return conn_.Exec(sql, "执行 SQL 失败"); }

  Result<std::unique_ptr<Transaction>> Begin() override {
    conn_.Claim();
    if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      return Fail(ErrorCode::kDatabase,
                  "已有一个事务正在进行，不支持嵌套事务：请把写入放进外层事务，或先提交它");
    }
    ResultPtr r(PQexec(conn_.get(), std::string(kBeginSql).c_str()));
    if (!Succeeded(r.get())) {
      Error error = PgError("无法开始事务", conn_.get(), r.get(), {});
      if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE)
        ResultPtr(PQexec(conn_.get(), "ROLLBACK"));
      return std::unexpected(std::move(error));
    }
    return std::make_unique<PgTransaction>(conn_);
  }

  // lastval() fails when this session never drew from a sequence, and a failure would abort the
  // caller's transaction: inside one it runs under a savepoint (in the same round trip).
  int64_t LastInsertId() const override {
    conn_.Claim();
    const bool in_transaction = PQtransactionStatus(conn_.get()) == PQTRANS_INTRANS;
    const char* sql = in_transaction
                          ? "SAVEPOINT qf_lastval; SELECT lastval(); RELEASE SAVEPOINT qf_lastval"
                          : "SELECT lastval()";
    if (PQsendQuery(conn_.get(), sql) == 0) return 0;
    int64_t value = 0;
    while (PGresult* raw = PQgetResult(conn_.get())) {
      ResultPtr r(raw);
      if (PQresultStatus(r.get()) == PGRES_TUPLES_OK && PQntuples(r.get()) == 1) {
        const char* text = PQgetvalue(r.get(), 0, 0);
        std::from_chars(text, text + std::strlen(text), value);
      }
    }
    if (in_transaction && PQtransactionStatus(conn_.get()) == PQTRANS_INERROR) {
      ResultPtr(
          PQexec(conn_.get(), "ROLLBACK TO SAVEPOINT qf_lastval; RELEASE SAVEPOINT qf_lastval"));
    }
    return value;
  }

  std::string_view Dialect() const override { return "postgresql"; }

 private:
  mutable PgConnection conn_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url) {
  PGconn* conn = PQconnectdb(std::string(url).c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string reason = TrimmedMessage(conn != nullptr ? PQerrorMessage(conn) : "内存不足");
    PQfinish(conn);
    // The URL is not echoed: it may carry a password.
    return Fail(ErrorCode::kDatabase, fmt::format("无法连接 PostgreSQL 数据库：{}", reason));
  }
  auto db = std::make_unique<PgDatabase>(conn);
  if (auto ok = db->Execute("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; "
                            "SET TimeZone = 'UTC'; SET client_min_messages = 'warning'");
      !ok) {
    return std::unexpected(ok.error().WithContext("设置 PostgreSQL 会话"));
  }
  return db;
}

}  // namespace qf::store::internal
