// The list of schema migrations, oldest first. A migration is SQL text per dialect: `sql` is what
// every backend runs unless it has its own text (today only `postgresql_sql`, empty = use `sql`).
// Adding a migration: write schema_vN.sql, embed it in CMakeLists.txt, append it to the list in
// migrations.cpp. Never edit a migration that has shipped.
#pragma once

#include <span>
#include <string_view>

namespace qf::store::internal {

struct Migration {
  int version;
  std::string_view name;  // what it does, for error messages
  std::string_view sql;
  std::string_view postgresql_sql;

  std::string_view SqlFor(std::string_view dialect) const {
    return dialect == "postgresql" && !postgresql_sql.empty() ? postgresql_sql : sql;
  }
};

// Every migration this build knows, in ascending version order without gaps, starting at 1.
std::span<const Migration> AllMigrations();

}  // namespace qf::store::internal
