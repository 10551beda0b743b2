#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file store.hpp
/// Where a programme is kept. SqliteStore (the embedded default) writes real relational tables,
/// one transaction per operation, WAL, synchronous=FULL. The in-memory store is for tests and
/// what-if work.

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "laycoach/programme.hpp"

namespace laycoach {

/// What one operation changes: records to insert or update, and records to delete.
struct ChangeSet {
  ProgrammeData upserts;                                   ///< inserted or updated records
  std::vector<std::pair<std::string, std::string>> deletes;  ///< (table, id) pairs to remove
  bool policy_changed = false;                             ///< upserts.supervision_policy is to be written
  bool empty() const noexcept;
};

/// A place where a programme is kept. Implementations apply each call in one transaction.
class Store {
 public:
  virtual ~Store() = default;
  /// Everything committed so far; throws IoError / ParseError.
  virtual ProgrammeData load() = 0;
  /// Apply a change in one transaction, all or nothing; throws IoError.
  virtual void apply(const ChangeSet& change) = 0;
  /// Replace everything in one transaction; throws IoError.
  virtual void replace_all(const ProgrammeData& data) = 0;
};

/// A store kept in memory (tests, notebooks, what-if work).
std::unique_ptr<Store> make_memory_store();
/// Open or create an SQLite store at `path` (":memory:" allowed); migrates older schemas.
/// Throws IoError naming the path when it cannot be opened or is not a laycoach store.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);
/// The store schema version this build writes.
int sqlite_schema_version() noexcept;

/// One column of a store table: its SQL name and what it holds ("text", "integer", "real",
/// "boolean", "instant" = ISO 8601 UTC text, "date" = YYYY-MM-DD text).
struct StoreColumn {
  std::string name;
  std::string kind;
};
/// A cell of a store table: null, an integer, a real, a boolean or text.
using StoreCell = std::variant<std::monostate, long long, double, bool, std::string>;
/// One table's rows, column by column (cells[column][row]); child tables start with owner, idx.
struct StoreTableData {
  std::vector<StoreColumn> columns;
  std::vector<std::vector<StoreCell>> cells;
};
/// Names of the store's tables: each record table, then its top-level child tables.
std::vector<std::string> store_table_names();
/// The columns of a table. Throws NotFoundError (no such table), ForbiddenError (notes, goals:
/// confidential, read them through Programme::notes / goals as the coach or client).
std::vector<StoreColumn> store_table_columns(const std::string& table);
/// A table's contents from a snapshot of records, as the SQLite table holds them. Throws as
/// store_table_columns.
StoreTableData store_table_data(const ProgrammeData& data, const std::string& table);
/// The tables documented as Markdown (docs/store.md is generated from it).
std::string store_schema_markdown();

}  // namespace laycoach
