// WithStatementCache: a decorator over any Database that recycles prepared statements.
#include "store/statement_cache.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qf::store {
namespace {

class CachingDatabase;

// Forwards everything to the cached statement; gives it back to the cache when destroyed.
class RecycledStatement final : public Statement {
 public:
  RecycledStatement(CachingDatabase* owner, std::string sql, std::unique_ptr<Statement> inner)
      : owner_(owner), sql_(std::move(sql)), inner_(std::move(inner)) {}
  ~RecycledStatement() override;

  using Statement::Bind;
  void Bind(int index, int64_t value) override { inner_->Bind(index, value); }
  void Bind(int index, std::string_view value) override { inner_->Bind(index, value); }
  void BindNull(int index) override { inner_->BindNull(index); }
  void BindView(int index, std::string_view value) override { inner_->BindView(index, value); }
  Result<bool> Step() override { return inner_->Step(); }
  Result<void> Run() override { return inner_->Run(); }
  void Reset() override { inner_->Reset(); }
  bool IsNull(int column) const override { return inner_->IsNull(column); }
  int64_t Int(int column) const override { return inner_->Int(column); }
  std::string Text(int column) const override { return inner_->Text(column); }
  std::string_view TextView(int column) const override { return inner_->TextView(column); }
  int64_t Changes() const override { return inner_->Changes(); }

 private:
  CachingDatabase* owner_;
  std::string sql_;
  std::unique_ptr<Statement> inner_;
};

class CachingDatabase final : public Database {
 public:
  CachingDatabase(std::unique_ptr<Database> inner, std::size_t max_statements)
      : inner_(std::move(inner)), max_statements_(max_statements) {}
  // Idle statements go before the connection they belong to.
  ~CachingDatabase() override { idle_.clear(); }

  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    std::string key(sql);
    if (auto it = idle_.find(key); it != idle_.end() && !it->second.empty()) {
      std::unique_ptr<Statement> statement = std::move(it->second.back());
      it->second.pop_back();
      --idle_count_;
      return std::make_unique<RecycledStatement>(this, std::move(key), std::move(statement));
    }
    auto prepared = inner_->Prepare(sql);
    if (!prepared) return std::unexpected(prepared.error());
    return std::make_unique<RecycledStatement>(this, std::move(key), std::move(*prepared));
  }
  Result<void> Execute(std::string_view sql) override { return inner_->Execute(sql); }
  Result<std::unique_ptr<Transaction>> Begin() override { return inner_->Begin(); }
  int64_t LastInsertId() const override { return inner_->LastInsertId(); }
  std::string_view Dialect() const override { return inner_->Dialect(); }

  void GiveBack(std::string sql, std::unique_ptr<Statement> statement) {
    // Reset ends any read in progress (SQLite then holds no snapshot) and clears the bindings.
    statement->Reset();
    if (idle_count_ >= max_statements_) {
      idle_.clear();
      idle_count_ = 0;
    }
    idle_[std::move(sql)].push_back(std::move(statement));
    ++idle_count_;
  }

 private:
  std::unique_ptr<Database> inner_;
  const std::size_t max_statements_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<Statement>>> idle_;
  std::size_t idle_count_ = 0;
};

RecycledStatement::~RecycledStatement() { owner_->GiveBack(std::move(sql_), std::move(inner_)); }

}  // namespace

std::unique_ptr<Database> WithStatementCache(std::unique_ptr<Database> db,
                                             std::size_t max_statements) {
  return std::make_unique<CachingDatabase>(std::move(db), max_statements);
}

}  // namespace qf::store
