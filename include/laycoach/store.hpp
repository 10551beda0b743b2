#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file store.hpp
/// Where a programme is kept. SqliteStore (the embedded default) writes real relational tables,
/// one transaction per operation, WAL, synchronous=FULL. The in-memory store is for tests and
/// what-if work.
///
/// The file is the truth. Several handles and processes may open one SQLite store. Every write
/// of a Programme runs as: begin() (BEGIN IMMEDIATE: from here no other connection writes),
/// catch_up() (what other connections committed since this one last looked, from the store's
/// change log), validation against that committed state, apply(), commit(). Reads catch up
/// first when changed_elsewhere() says another connection has committed (PRAGMA data_version).
/// A record that a change creates is inserted, never upserted: an id already taken is a
/// ConflictError, never an update of someone else's record.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "laycoach/access_log.hpp"
#include "laycoach/programme.hpp"

namespace laycoach {

/// What one operation changes: records to insert or update, and records to delete.
struct ChangeSet {
  ProgrammeData upserts;                                   ///< inserted or updated records
  std::vector<std::pair<std::string, std::string>> deletes;  ///< (table, id) pairs to remove
  /// The settings rows (upserts.supervision_policy and upserts.disclosure_floor, both filled
  /// in) are to be written.
  bool policy_changed = false;
  /// (table, id) of the upserts that are new records: inserted, and a ConflictError
  /// (rule "unique_id") when the id is already taken in the store. Filled in by the Programme.
  std::vector<std::pair<std::string, std::string>> created;
  /// Events for the outbox (events.hpp), appended in the same transaction, in order (seq 0:
  /// the store numbers them). Filled in by the Programme from the change itself.
  std::vector<Event> events;
  bool empty() const noexcept;
};

/// What other connections committed since this connection last looked (Store::catch_up).
struct Catchup {
  bool reload = false;  ///< too much or a wholesale replace: reload everything with load()
  ChangeSet changes;    ///< else: the current versions of the records changed, and those deleted
};

/// A place where a programme is kept. Implementations apply each call in one transaction.
class Store {
 public:
  virtual ~Store() = default;
  /// Everything committed so far, as one consistent snapshot; this connection is then up to
  /// date (catch_up starts from here). Throws IoError / ParseError.
  virtual ProgrammeData load() = 0;
  /// Apply a change, all or nothing: inside begin()/commit() when begun, else in a transaction
  /// of its own. Throws IoError, or ConflictError "unique_id" for a created id already taken.
  virtual void apply(const ChangeSet& change) = 0;
  /// Replace everything, all or nothing (inside begin()/commit() when begun); throws IoError.
  virtual void replace_all(const ProgrammeData& data) = 0;
  /// True when this store refuses every write (OpenMode::ReadOnly): begin(), apply(),
  /// replace_all() and append_access() throw ForbiddenError rule "read_only".
  virtual bool read_only() const noexcept { return false; }
  /// Where the records are kept, for display: the SQLite path as given (":memory:" for an
  /// SQLite store in memory), "" for the in-memory store.
  virtual std::string location() const { return {}; }
  /// Start a write transaction: until commit() or rollback() no other connection writes
  /// (SQLite: BEGIN IMMEDIATE, waiting up to the busy timeout). Throws BusyError when the store
  /// stayed locked, IoError. The in-memory store has no other connections: a no-op.
  virtual void begin() {}
  /// Commit the transaction begin() started (no-op when none); throws IoError.
  virtual void commit() {}
  /// Abandon the transaction begin() started (no-op when none). Never throws.
  virtual void rollback() noexcept {}
  /// True when another connection may have committed since this one last looked (cheap).
  virtual bool changed_elsewhere() { return false; }
  /// The records other connections changed since this one last looked; inside begin() for a
  /// write. Throws IoError / ParseError.
  virtual Catchup catch_up() { return {}; }
  /// The service's secret (hex text): the key of record keys (disclosure control) and of
  /// pseudonyms. Made once with the store and kept there, never in a document; the in-memory
  /// store makes a random one per store. Throws IoError.
  virtual std::string service_secret() = 0;
  /// Append `entry` to the access log (access_log.hpp) as its next entry, in a transaction of its
  /// own that holds the store's write lock (SQLite: BEGIN IMMEDIATE), so appends through several
  /// handles and processes form one chain: sets seq and hash (chained to the newest entry) and
  /// returns the stored entry. Never inside begin() (the Programme appends outside its write
  /// transactions). Throws IoError; then nothing is appended.
  virtual AccessEntry append_access(const AccessEntry& entry) = 0;
  /// Every entry of the access log in seq order, as stored (unverified). Throws IoError.
  virtual std::vector<AccessEntry> access_log() = 0;
  /// Up to `limit` outbox events with seq above the acknowledged mark, in seq order, as
  /// committed by any connection. Throws IoError.
  virtual std::vector<Event> pending_events(std::size_t limit) = 0;
  /// Raise the acknowledged mark to up_to_seq (never lower it), in a transaction of its own;
  /// never inside begin(). Throws ValidationError "event_seq_known" (events.hpp), IoError.
  virtual void acknowledge_events(std::int64_t up_to_seq) = 0;
};

/// A store kept in memory (tests, notebooks, what-if work).
std::unique_ptr<Store> make_memory_store();
/// Open an SQLite store at `path` (":memory:" allowed) as `options` say (programme.hpp:
/// OpenMode, busy timeout); migrates older schemas (not when read-only). Throws ValidationError
/// (empty path, negative timeout), NotFoundError (missing file unless OpenMode::Create), IoError
/// naming the path when it cannot be opened or is not a laycoach store, BusyError.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options = {});
/// The store schema version this build writes.
int sqlite_schema_version() noexcept;

/// One column of a store table: its SQL name and what it holds ("text", "integer", "real",
/// "boolean", "instant" = ISO 8601 UTC text, "date" = YYYY-MM-DD text). A text column that holds
/// the names of an enumeration (a session's status, modality, ...) says which in `enumeration`
/// (e.g. "SessionStatus") and lists every name in the enumeration's order in `categories`; an
/// open vocabulary (a client's staff group) has enumeration "" and open_categories true.
struct StoreColumn {
  std::string name;
  std::string kind;
  std::string enumeration = {};
  std::vector<std::string> categories = {};
  bool open_categories = false;
};
/// A cell of a store table: null, an integer, a real, a boolean or text.
using StoreCell = std::variant<std::monostate, long long, double, bool, std::string>;
/// One column's values, typed (no object per cell): `valid[r]` is 0 where the SQLite cell is
/// NULL. By the column's kind: integer and boolean (0/1) in `ints`; instant in `ints` as
/// microseconds since 1970-01-01T00:00:00Z; date in `ints` as days since 1970-01-01; real in
/// `reals` (NaN where null); text as UTF-8 bytes text[offsets[r], offsets[r+1]) (offsets has
/// rows + 1 entries, Arrow's layout).
struct StoreColumnData {
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
  std::string text;
  std::vector<std::int64_t> offsets{0};
  std::vector<std::uint8_t> valid;
  /// Number of rows.
  std::size_t size() const noexcept { return valid.size(); }
  /// Row r's text (text columns; "" where null).
  std::string_view text_at(std::size_t r) const noexcept {
    return std::string_view(text).substr(static_cast<std::size_t>(offsets[r]),
                                         static_cast<std::size_t>(offsets[r + 1] - offsets[r]));
  }
};
/// One table's rows, column by column (data[column]); child tables start with owner, idx.
/// Analyst tables hold no NHS number, person's name or free text: the SQLite table's columns
/// marked "withheld" in docs/store.md are left out.
struct StoreTableData {
  std::vector<StoreColumn> columns;
  std::vector<StoreColumnData> data;
  /// Number of rows.
  std::size_t rows() const noexcept { return data.empty() ? 0 : data[0].size(); }
  /// One cell as the SQLite table holds it (instants as ISO 8601 UTC text, dates YYYY-MM-DD);
  /// for text output and tests, not bulk work. Throws std::out_of_range for a bad index.
  StoreCell cell(std::size_t column, std::size_t row) const;
  /// Appends a cell to column `column` (a table built by hand, e.g. for store_table_to_csv):
  /// instants and dates as ISO 8601 text. Throws ValidationError (rule "cell_kind") when the
  /// cell does not fit the column's kind, or as parse_instant / parse_date; std::out_of_range.
  void append(std::size_t column, const StoreCell& cell);
};
/// Names of the store's tables: each record table, then its top-level child tables.
std::vector<std::string> store_table_names();
/// The columns of a table that analysts see (the SQLite table's, less the withheld ones). Throws NotFoundError (no such table), ForbiddenError (notes, goals:
/// confidential, read them through Programme::notes / goals as the coach or client).
std::vector<StoreColumn> store_table_columns(const std::string& table);
/// A table's contents from a snapshot of records, as the SQLite table holds them less the
/// withheld columns: only that table's records are read, one record at a time. Throws as
/// store_table_columns.
StoreTableData store_table_data(const ProgrammeData& data, const std::string& table);
/// The same from a programme's current records, under its read lock, without copying the other
/// record kinds (what Python's frame() uses). Throws as store_table_columns.
StoreTableData store_table_data(const Programme& programme, const std::string& table);
/// The same table read straight from a store file (SQLite, read-only), without loading the
/// programme: the columns and row order of store_table_data. Throws as store_table_columns;
/// NotFoundError (field "path", rule "store_exists") for a missing file; IoError rule
/// "store_format" for a file that is not a laycoach store of this schema version (open it
/// read-write once to migrate), rule "io" when SQLite cannot read it.
StoreTableData read_store_table(const std::string& sqlite_path, const std::string& table);
/// The tables analysts may read (store_table_data) and extracts may hold: every table of
/// store_table_names() but the confidential notes, goals, care plans (and their child tables)
/// and care plan shares.
std::vector<std::string> analyst_table_names();

/// A pseudonymised extract of one table, for data leaving the service (docs/extracts.md): the
/// analyst table (store_table_data: no NHS number, no person's name, no free text) in which every
/// id naming a person (client, coach, trainee) or a record of one (referral, session, waiting-list
/// place, safeguarding concern, response, supervision) is replaced by its keyed pseudonym for
/// `recipient`: 32 hex characters of HMAC-SHA-256 under a key derived from the service's secret.
/// The same id gets the same pseudonym in every table and call for one recipient (joins work) and
/// unrelated ones for another (two recipients cannot link their extracts); without the secret a
/// pseudonym cannot be computed or reversed. Throws ValidationError for a bad recipient
/// (validate_recipient, limits.hpp), and as store_table_columns (notes, goals, unknown table).
StoreTableData extract(const Programme& programme, const std::string& table, const std::string& recipient);

/// Columns given to import, cell by cell: names (kind may be left empty) and cells[column][row],
/// every column as long as the first; cells of any kind the column accepts (records_from_tables).
struct ImportColumns {
  std::vector<StoreColumn> columns;
  std::vector<std::vector<StoreCell>> cells;
  ImportColumns() = default;
  /// A table as store_table_data gives it (so an analyst table imports back): cell by cell.
  ImportColumns(const StoreTableData& t);  // NOLINT(google-explicit-constructor): a table converts
};
/// One table given as columns, to import: its name (a record table or a top-level child table
/// of store_table_names()) and its columns.
struct ImportTable {
  std::string name;
  ImportColumns data;
};
/// Records from tables given as columns, the reverse of store_table_data (so its output imports
/// back): each row of a record table becomes a record (in row order), each row of a child table
/// an element of its owner's array at position idx (0, 1, ... per owner; row order without idx),
/// through the one column mapping of docs/store.md. Any column of docs/store.md is accepted
/// (withheld ones too); a column left out is missing in every row (text: ""; other kinds: the
/// record's default). Cells: text as text (null: ""); integer as integer or an integral real
/// (NaN, null: missing); real as real or integer; boolean as boolean or 0/1; instant as ISO 8601
/// text or integer seconds since the Unix epoch (UTC); date as YYYY-MM-DD text. Throws
/// ValidationError with record = the table (or the row's id) and field "<table>/<column>" or
/// "<table>/<row>/<column>": rule "import_table" (unknown, a settings table, or given twice),
/// "import_column" (unknown or repeated column), "column_length", "column_required" (the key,
/// a child's owner, or a column the record needs), "column_type" (a cell of the wrong kind),
/// "column_value" (a value the record refuses: an unknown status, a bad instant ...),
/// "child_idx" (idx not 0..n-1 per owner); NotFoundError (field "<table>/<row>/owner") for a
/// child row whose owner is not in the batch.
ProgrammeData records_from_tables(const std::vector<ImportTable>& tables);
/// Import tables given as columns: programme.import_records(records_from_tables(tables)), all
/// or nothing in one store transaction. Throws as both.
void import_tables(Programme& programme, const std::vector<ImportTable>& tables);

/// The tables documented as Markdown (docs/store.md is generated from it).
std::string store_schema_markdown();

}  // namespace laycoach
