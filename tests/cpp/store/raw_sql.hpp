// Test support for store tests: SQL run on a store file through a connection of its own, as
// another process or an attacker with the file would (header-only; link SQLite).
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "store_schema.hpp"

namespace laycoach::test {

/// Run SQL on the file; returns the SQLite result code and the message.
inline std::pair<int, std::string> raw(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  return {rc, msg};
}

/// Run SQL on the file; it must succeed.
inline void sql(const std::string& path, const std::string& statement) {
  const auto [rc, msg] = raw(path, statement);
  INFO(statement << ": " << msg);
  REQUIRE(rc == SQLITE_OK);
}

/// The first column of the first row of a query as text ("NULL" for none or a null).
inline std::string scalar(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  INFO(statement);
  REQUIRE(sqlite3_prepare_v2(db, statement.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::string out = "NULL";
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

/// DROP TABLE statements for a child table and its own children, innermost first.
inline void drop_child_tables_sql(const store_schema::Child& c, std::string& out) {
  for (const auto& g : c.children) drop_child_tables_sql(g, out);
  out += std::string("DROP TABLE ") + c.table + "; ";
}

/// SQL that takes a current store's record tables back to what version `v - 1` wrote: drops
/// every record table (with its child tables) made by version v or later and every column added
/// by version v or later to an older table, so a test can build an old store without listing
/// what each later version added. Bookkeeping tables (events, access log ...) are the caller's.
inline std::string record_schema_before(int v) {
  std::string out;
  for (const auto& t : store_schema::tables()) {
    if (t.since >= v) {
      for (const auto& c : t.children) drop_child_tables_sql(c, out);
      out += std::string("DROP TABLE ") + t.table + "; ";
    } else {
      for (const auto& c : t.columns)
        if (c.since >= v) out += std::string("ALTER TABLE ") + t.table + " DROP COLUMN " + c.name + "; ";
    }
  }
  return out;
}

}  // namespace laycoach::test
