// The list of schema migrations, oldest first. A migration is SQL text per dialect: `sql` is what
// every backend runs unless it has its own text (today only `postgresql_sql`, empty = `sql`
// translated mechanically, see SqlFor).
// Adding a migration: write schema_vN.sql, embed it in CMakeLists.txt, append it to the list in
// migrations.cpp. Never edit a migration that has shipped.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "store/internal/postgres_sql.h"

namespace qf::store::internal {

struct Migration {
  int version;
  std::string_view name;  // what it does, for error messages
  std::string_view sql;
  std::string_view postgresql_sql;

  // PostgreSQL without its own text runs `sql` translated by TranslateDdlForPostgres
  // (postgres_sql.h): rowid aliases become identity columns, INTEGER BIGINT, TEXT byte-ordered.
  std::string SqlFor(std::string_view dialect) const {
    if (dialect != "postgresql") return std::string(sql);
    return postgresql_sql.empty() ? TranslateDdlForPostgres(sql) : std::string(postgresql_sql);
  }
};

// Every migration this build knows, in ascending version order without gaps, starting at 1.
std::span<const Migration> AllMigrations();

}  // namespace qf::store::internal
