// Internal: the SQLite schema as data. Each table maps columns to JSON pointers of the record's
// document form (json.cpp), so documents and store share one field mapping.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace laycoach {
class Store;
}

namespace laycoach::store_schema {

/// Current schema version (PRAGMA user_version).
inline constexpr int kVersion = 7;
/// PRAGMA application_id of a laycoach store ('LAYK').
inline constexpr int kApplicationId = 0x4C41594B;

struct Column {
  const char* name;        ///< SQL column name
  const char* pointer;     ///< JSON pointer inside the record ("" = the element itself)
  char type;               ///< 'T' text, 'I' integer, 'R' real, 'B' boolean (0/1), 'S' instant, 'D' date (both TEXT), 'J' a JSON document (TEXT)
  bool nullable_empty;     ///< "" is stored as NULL (optional references)
  const char* references = nullptr;  ///< "table(column)" foreign key, or nullptr
  int since = 1;           ///< schema version that added the column (later ones: ALTER TABLE ADD COLUMN)
  /// Why the column is kept out of analyst tables and extracts (a person's name, an NHS number,
  /// free text), or nullptr: analyst-facing. The SQLite table (the system of record) keeps it.
  const char* withheld = nullptr;
  /// The table whose ids the column holds when neither its key nor a foreign key says so.
  const char* ids_of = nullptr;
  /// Text holding names of an enumeration: its type name ("SessionStatus": every value, in order,
  /// from enum_value_names), "" for an open vocabulary (a staff group: categories as observed),
  /// nullptr for other columns. Python's frame() makes these categoricals.
  const char* enumeration = nullptr;
};

/// The change log: one row per record a committed transaction wrote or deleted, so another
/// connection catches up incrementally (Store::catch_up). tbl '*' means "everything replaced".
inline constexpr const char* kChangeLogTable = "change_log";
/// The service's secret (one row, made with the store; never in a document): Store::service_secret.
inline constexpr const char* kServiceTable = "service";
/// The access log (access_log.hpp): append-only (triggers refuse UPDATE and DELETE), one row per
/// entry, each hash-chained to the one before. Not a record table: replace_all leaves it alone.
inline constexpr const char* kAccessLogTable = "access_log";
/// The outbox (events.hpp): one row per event, seq AUTOINCREMENT, written in the transaction of
/// the change; kEventAckTable holds the acknowledged mark (one row). Not record tables.
inline constexpr const char* kEventsTable = "events";
inline constexpr const char* kEventAckTable = "event_ack";

struct Child {
  const char* table;                 ///< e.g. "session_attendees"
  const char* pointer;               ///< array pointer inside the parent element
  std::vector<Column> columns;       ///< element columns (after owner, parent indices, idx)
  std::vector<Child> children;       ///< nested arrays
  std::vector<std::string> parent_pointers;  ///< pointers of the enclosing arrays (filled in)
};

struct Table {
  const char* table;                 ///< e.g. "sessions"
  const char* pointer;               ///< where the records sit in the programme document
  std::vector<Column> columns;       ///< columns[0] is the primary key
  std::vector<Child> children;       ///< arrays kept in child tables
  bool singleton = false;            ///< one row (settings)
  const char* doc = "";              ///< one line for the schema documentation
  int since = 1;                     ///< schema version that created the table
  /// Its ids name a person or a record of one: extracts replace them, wherever they appear, by
  /// keyed pseudonyms per recipient (docs/extracts.md). Set from kPseudonymisedTables.
  bool pseudonymised = false;
};

/// The tables whose ids identify a person (clients, coaches, trainees) or a record that belongs
/// to one (their referrals, sessions, waiting-list places, safeguarding concerns, responses,
/// supervision, notes, goals, care plans, their shares, onward referrals).
inline constexpr const char* kPseudonymisedTables[] = {"clients", "coaches", "trainees", "referrals", "sessions",
                                                      "waiting_list", "safeguarding", "responses", "supervision",
                                                      "notes", "goals", "risk_flags", "inbox",
                                                      "usage_invitations", "care_plans",
                                                      "care_plan_shares", "onward_referrals"};

/// The table whose ids `c` holds ("" when none): `t` itself for its key, the referenced table for
/// a foreign key, else c.ids_of. For a child table's owner column, ask for t's key column.
std::string ids_of(const Table& t, const Column& c);

/// True when `table` names a table whose ids extracts pseudonymise.
bool pseudonymised(const std::string& table);

/// All tables, parents before children.
const std::vector<Table>& tables();
/// The table named `name`, or nullptr.
const Table* find(const std::string& name);
/// Statements that take a store from version v-1 to v.
std::vector<std::string> migration(int v);
std::string upsert_sql(const Table& t);
/// SELECT of a table's rowid then its columns: in key order when the table has child tables (the
/// order of their owner column, so a reader merges each record with its child rows as they
/// stream), else in rowid order; by_key: only the row whose key is the one parameter.
std::string select_sql(const Table& t, bool by_key = false);
std::string insert_child_sql(const Child& c, std::size_t depth);
/// SELECT of a child table in (owner, parent indices, idx) order; by_owner: one owner (parameter 1).
std::string select_child_sql(const Child& c, std::size_t depth, bool by_owner = false);
/// Plain INSERT of a table's row: fails on a key already taken (records a change creates).
std::string insert_sql(const Table& t);
/// Markdown documentation of the tables (docs/store.md is generated from it).
std::string describe();

/// Diagnostics (tests): the integer value of `PRAGMA <name>` on an SQLite store's own connection
/// (per-connection settings such as synchronous and foreign_keys are invisible to others);
/// nullopt when `store` is not an SQLite store. Defined in sqlite_store.cpp.
std::optional<long long> connection_pragma(Store& store, const std::string& name);
/// Tests: whether an SQLite store writes records straight from their structs where it can (the
/// default, typed_write.hpp) or always through each record's document; false when `store` is
/// not an SQLite store.
bool set_typed_writes(Store& store, bool on);
/// Tests: whether an SQLite store reads records straight from their cells where it can (the
/// default) or always through each record's document; false when `store` is not an SQLite store.
bool set_typed_reads(Store& store, bool on);
/// Tests: how many records an SQLite store's typed reads sent through their document (a cell
/// that did not read typed); nullopt when `store` is not an SQLite store.
std::optional<std::size_t> document_reads(Store& store);
/// Tests: whether records_from_tables reads record tables straight from their cells where it can
/// (the default, typed_read.hpp) or always through one document (defined in store_import.cpp).
void set_typed_imports(bool on);
/// Tests: how many records the last records_from_tables read typed (0: all through the document).
std::size_t typed_imported_records();
/// Tests: the tables whose records are read typed (every column matched to a field).
std::vector<std::string> typed_tables();

}  // namespace laycoach::store_schema
