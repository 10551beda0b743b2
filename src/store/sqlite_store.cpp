// The embedded store: real relational tables, one per record kind, mapped from the same JSON
// field names as the documents (one mapping, json.cpp). Each apply() is one BEGIN IMMEDIATE
// transaction that writes only the records it names; WAL; synchronous=FULL.
#include <sqlite3.h>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "access_chain.hpp"
#include "outbox.hpp"
#include "json_io.hpp"
#include "store_records.hpp"
#include "typed_read.hpp"
#include "store_schema.hpp"
#include "typed_write.hpp"

namespace laycoach {

using jsonio::Json;

namespace {

using store_schema::kApplicationId;  // 'LAYK': marks a file as a laycoach store

// A store file the library creates is readable and writable by its owner only (0600, whatever
// the umask: fchmod is not masked); SQLite creates the -wal and -shm files with the database
// file's permissions. A file that exists already is left as it is (O_EXCL), and so is one that
// cannot be created here (sqlite3_open_v2 then reports why).
void create_private(const std::string& path) {
#if defined(__unix__) || defined(__APPLE__)
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return;
  (void)::fchmod(fd, S_IRUSR | S_IWUSR);
  ::close(fd);
#else
  (void)path;
#endif
}

bool is_memory_path(const std::string& path) { return path == ":memory:"; }

bool file_exists(const std::string& path) {
#if defined(__unix__) || defined(__APPLE__)
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
#else
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
#endif
}

/// SQLITE_BUSY / SQLITE_LOCKED (any extended code): another connection held the lock longer
/// than the busy timeout.
bool is_busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

class Db {
 public:
  Db(const std::string& path, const OpenOptions& options) : path_(path) {
    // The options are checked before anything touches the file system: a typo never creates a store.
    if (path.empty())
      throw ValidationError("", "path", "path_required"_rule,
                            "a store path is required (\":memory:\" for a store in memory)");
    if (options.busy_timeout_ms < 0)
      throw ValidationError(path, "busy_timeout_ms", "busy_timeout_range"_rule,
                            "the busy timeout is a number of milliseconds >= 0, not " +
                                std::to_string(options.busy_timeout_ms));
    // ":memory:" is always a new store: nothing to mistype, so MustExist opens it; ReadOnly cannot.
    const bool memory = is_memory_path(path);
    if (options.mode == OpenMode::ReadOnly ? (memory || !file_exists(path))
                                           : (options.mode == OpenMode::MustExist && !memory && !file_exists(path)))
      throw NotFoundError(path, "path",
                          "no store file at '" + path + "' (open mode " +
                              (options.mode == OpenMode::ReadOnly ? "read_only" : "must_exist") +
                              "; nothing was created: open in create mode to make a new store)",
                          "store_exists"_rule);
    // No SQLite mutex per call (a lock and unlock around every sqlite3_column_*: 3% of opening a
    // large store): SqliteStore uses this connection only under its own mutex (mu_).
    int flags = SQLITE_OPEN_NOMUTEX;
    if (options.mode == OpenMode::ReadOnly) {
      flags |= SQLITE_OPEN_READONLY;
    } else {
      flags |= SQLITE_OPEN_READWRITE;
      if (options.mode == OpenMode::Create) {
        flags |= SQLITE_OPEN_CREATE;
        create_private(path);
      }
    }
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw IoError(path, "cannot open SQLite store: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  }
  ~Db() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  [[noreturn]] void fail(const std::string& what) const {
    if (is_busy(sqlite3_extended_errcode(db_)))
      throw BusyError(path_, "the store stayed locked by another connection (" + what + "): " + sqlite3_errmsg(db_));
    throw IoError(path_, what + ": " + sqlite3_errmsg(db_));
  }
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      if (is_busy(rc))
        throw BusyError(path_, "the store stayed locked by another connection (" + sql.substr(0, 40) + "): " + msg);
      throw IoError(path_, "SQL failed (" + sql.substr(0, 60) + "...): " + msg);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail("cannot prepare '" + sql + "'");
    cache_[sql] = st;
    return st;
  }
  void step_done(sqlite3_stmt* st) {
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
      sqlite3_reset(st);
      fail("write failed");
    }
  }
  /// Steps an INSERT of a new record: a key already taken is a ConflictError, never an update.
  void step_insert(sqlite3_stmt* st, const std::string& table, const std::string& id) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return;
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
      throw ConflictError(id, "id", "unique_id"_rule,
                          "a record with this id already exists in '" + table + "' (committed through another handle)");
    fail("write failed");
  }
  long long pragma_int(const char* name) {
    sqlite3_stmt* st = prepare(std::string("PRAGMA ") + name);
    if (sqlite3_step(st) != SQLITE_ROW) fail(std::string("PRAGMA ") + name);
    const long long v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);  // a statement left mid-step holds a read transaction open
    return v;
  }
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> cache_;
};

/// RAII transaction: BEGIN IMMEDIATE (WAL: avoids SQLITE_BUSY_SNAPSHOT on upgrade) or a
/// deferred read transaction, rolled back unless committed. `nested`: a transaction is already
/// open on the connection (Store::begin), so this one does nothing.
class Tx {
 public:
  explicit Tx(Db& db, bool nested = false, bool write = true) : db_(db), done_(nested) {
    if (!nested) db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  void commit() {
    if (done_) return;
    db_.exec("COMMIT");
    done_ = true;
  }
  ~Tx() {
    if (!done_) sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  Db& db_;
  bool done_ = false;
};

// ---- JSON value <-> SQL column ------------------------------------------------------------------

/// Binds a statement's parameters: where the typed path (typed_write.hpp) and the document path
/// (typed_write::put_json) put a row's values.
class Binder final : public typed_write::Out {
 public:
  Binder(Db& db, sqlite3_stmt* st) : db_(db), st_(st) {}
  void null(int i) override { check(sqlite3_bind_null(st_, i), i); }
  void integer(int i, long long v) override { check(sqlite3_bind_int64(st_, i, v), i); }
  void real(int i, double v) override { check(sqlite3_bind_double(st_, i, v), i); }
  void text(int i, std::string_view s, bool stable) override {
    check(sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), stable ? SQLITE_STATIC : SQLITE_TRANSIENT), i);
  }

 private:
  void check(int rc, int i) {
    if (rc != SQLITE_OK) db_.fail("cannot bind parameter " + std::to_string(i));
  }
  Db& db_;
  sqlite3_stmt* st_;
};

/// Binds parameter i to `v` (nullptr: absent, NULL) as column `c` stores it. Text is bound
/// without a copy: `v` must outlive the statement's next step.
void bind_value(Db& db, sqlite3_stmt* st, int i, const Json* v, const store_schema::Column& c) {
  Binder b(db, st);
  typed_write::put_json(b, i, v, c);
}

Json column_value(sqlite3_stmt* st, int i, const store_schema::Column& c) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) return c.nullable_empty ? Json("") : Json(nullptr);
  switch (c.type) {
    case 'B': return Json(sqlite3_column_int(st, i) != 0);
    case 'I': return Json(static_cast<long long>(sqlite3_column_int64(st, i)));
    case 'R': return Json(sqlite3_column_double(st, i));
    case 'J': {
      // A document kept whole (a setting such as the triage rules); text that is not JSON (edited
      // by hand) reads as absent, so the store still opens with the setting's default.
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      try {
        return jsonio::parse_text(std::string_view(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
      } catch (const Error&) {
        return Json(nullptr);
      }
    }
    default: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      return Json(std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
    }
  }
}

/// A column's (or an array's) place in a record's document, parsed once per table, never per cell.
struct Place {
  bool self = true;  ///< "" = the element itself
  std::string key;   ///< a one-token pointer ("/id"): the key itself, looked up without a pointer walk
  Json::json_pointer ptr;
  Place() = default;
  explicit Place(const char* p) : self(*p == '\0'), ptr(self ? Json::json_pointer() : Json::json_pointer(p)) {
    const std::string_view v(p);
    if (!self && v.find_first_of("/~", 1) == std::string_view::npos) key = v.substr(1);
  }
  const Json* find(const Json& o) const {
    if (self) return &o;
    if (!key.empty()) {
      if (!o.is_object()) return nullptr;
      const auto it = o.find(key);
      return it == o.end() ? nullptr : &*it;
    }
    return o.contains(ptr) ? &o.at(ptr) : nullptr;
  }
  Json& at(Json& o) const { return self ? o : !key.empty() ? o[key] : o[ptr]; }
  void set(Json& o, Json v) const { at(o) = std::move(v); }
  /// Sets the value in `o`, an object being built whose places were marked by mark_fresh: a
  /// fresh place's key is appended without looking for it (no other place of the list names it).
  void put(Json& o, Json v) const {
    if (!fresh) return set(o, std::move(v));
    auto& obj = o.get_ref<Json::object_t&>();
    obj.Json::object_t::Container::emplace_back(key, std::move(v));
  }
  bool fresh = false;  ///< a one-token place no other place of its list shares a first token with
};

/// Marks the fresh places of a list (see Place::put) that fill one new object together.
void mark_fresh(const std::vector<Place*>& list) {
  std::vector<std::string> tokens;  // each place's first token ("" for the element itself)
  for (const Place* p : list) {
    if (p->self) tokens.emplace_back();
    else if (!p->key.empty()) tokens.push_back(p->key);
    else {
      const std::string whole = p->ptr.to_string();
      tokens.push_back(whole.substr(1, whole.find('/', 1) - 1));
    }
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    Place& p = *list[i];
    p.fresh = !p.self && !p.key.empty() && std::count(tokens.begin(), tokens.end(), tokens[i]) == 1;
  }
}

/// One child table of a record table: its places and SQL, built once.
struct ChildPlan {
  const store_schema::Child* child = nullptr;
  std::size_t depth = 0;             ///< enclosing arrays (0: an array of the record itself)
  std::vector<Place> parents;        ///< the enclosing arrays' places, outermost first
  Place array;                       ///< the array inside its parent element
  std::vector<Place> cols;
  bool scalar = false;               ///< elements are the one column itself (no object)
  std::vector<std::size_t> kids;     ///< nested child tables (indexes into TablePlan::children)
  std::string insert_sql, select_sql, select_by_owner_sql, delete_sql;
  std::string scan_sql;              ///< select_sql's columns in stored (rowid) order
};

/// A record table with its child tables (all of them, each nested one after its parent), their
/// places parsed and SQL built once for every connection.
struct TablePlan {
  const store_schema::Table* table = nullptr;
  std::vector<Place> cols;
  std::vector<ChildPlan> children;
  std::vector<std::size_t> top;      ///< the record's own arrays (indexes into children)
  std::string select_sql, select_by_key_sql, insert_sql, upsert_sql;
  std::string scan_sql;              ///< select_sql's columns in stored (rowid) order
};

/// A SELECT ... ORDER BY ... in rowid order instead (a plain scan of the table).
std::string in_rowid_order(const std::string& select) {
  return select.substr(0, select.rfind(" ORDER BY ")) + " ORDER BY rowid";
}

void add_child(TablePlan& p, const store_schema::Child& c, std::size_t depth, std::vector<std::size_t>* into) {
  ChildPlan cp;
  cp.child = &c;
  cp.depth = depth;
  for (const auto& pp : c.parent_pointers) cp.parents.emplace_back(pp.c_str());
  cp.array = Place(c.pointer);
  for (const auto& col : c.columns) cp.cols.emplace_back(col.pointer);
  cp.scalar = c.columns.size() == 1 && c.columns[0].pointer[0] == '\0';
  {
    std::vector<Place*> fill;
    for (auto& pl : cp.cols) fill.push_back(&pl);
    mark_fresh(fill);
  }
  cp.insert_sql = store_schema::insert_child_sql(c, depth);
  cp.select_sql = store_schema::select_child_sql(c, depth, false);
  cp.select_by_owner_sql = store_schema::select_child_sql(c, depth, true);
  cp.scan_sql = in_rowid_order(cp.select_sql);
  cp.delete_sql = std::string("DELETE FROM ") + c.table + " WHERE owner = ?";
  const std::size_t at = p.children.size();
  into->push_back(at);
  p.children.push_back(std::move(cp));
  for (const auto& g : c.children) {
    std::vector<std::size_t> kids;
    add_child(p, g, depth + 1, &kids);
    for (auto k : kids) p.children[at].kids.push_back(k);
  }
}

/// The plans of every table, parallel to store_schema::tables().
const std::vector<TablePlan>& plans() {
  static const std::vector<TablePlan> all = [] {
    std::vector<TablePlan> v;
    for (const auto& t : store_schema::tables()) {
      TablePlan p;
      p.table = &t;
      for (const auto& c : t.columns) p.cols.emplace_back(c.pointer);
      for (const auto& c : t.children) add_child(p, c, 0, &p.top);
      std::vector<Place*> fill;  // what stream() puts into a new record: its columns, then its arrays
      for (auto& pl : p.cols) fill.push_back(&pl);
      for (auto k : p.top) fill.push_back(&p.children[k].array);
      mark_fresh(fill);
      p.select_sql = store_schema::select_sql(t, false);
      p.select_by_key_sql = store_schema::select_sql(t, true);
      p.scan_sql = in_rowid_order(p.select_sql);
      p.insert_sql = store_schema::insert_sql(t);
      p.upsert_sql = store_schema::upsert_sql(t);
      v.push_back(std::move(p));
    }
    return v;
  }();
  return all;
}

/// Text of column i (a key or an owner).
std::string_view column_text(sqlite3_stmt* st, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
  return {p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i))};
}

/// Puts the elements of v[first..] in the order of their rowids (the order they were stored in),
/// moving each record once.
template <class T>
void order_by_rowid(std::vector<T>& v, std::size_t first, const std::vector<std::int64_t>& rowids) {
  if (std::is_sorted(rowids.begin(), rowids.end())) return;
  std::vector<std::size_t> perm(rowids.size());  // perm[k]: the element that belongs at k
  for (std::size_t k = 0; k < perm.size(); ++k) perm[k] = k;
  std::sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) { return rowids[a] < rowids[b]; });
  for (std::size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] == i) continue;
    T tmp = std::move(v[first + i]);
    std::size_t j = i;
    for (;;) {
      const std::size_t k = perm[j];
      perm[j] = j;
      if (k == i) {
        v[first + j] = std::move(tmp);
        break;
      }
      v[first + j] = std::move(v[first + k]);
      j = k;
    }
  }
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const OpenOptions& options)
      : db_(path, options), read_only_(options.mode == OpenMode::ReadOnly) {
    const bool in_memory = is_memory_path(path);
    long long app = 0, ver = 0, tables = 0;
    try {
      app = db_.pragma_int("application_id");
      ver = db_.pragma_int("user_version");
      tables = count_tables();
    } catch (const IoError&) {
      // A file that SQLite cannot read as a database is not a laycoach store either.
      if ((sqlite3_errcode(db_.raw()) & 0xff) == SQLITE_NOTADB)
        throw IoError(path, "not a laycoach store (not an SQLite database)", "", "store_format"_rule);
      throw;
    }
    if (app != kApplicationId && !(app == 0 && ver == 0 && tables == 0))
      throw IoError(path, "not a laycoach store (application_id " + std::to_string(app) + ")", "", "store_format"_rule);
    if (ver > store_schema::kVersion)
      throw IoError(path, "store schema version " + std::to_string(ver) + " is newer than this build reads (" +
                              std::to_string(store_schema::kVersion) + ")", "", "store_format"_rule);
    if (read_only_) {
      // This handle writes nothing: no WAL switch, no migration, so the store must be current.
      if (tables == 0)
        throw IoError(path, "not a laycoach store (an empty database); a read-only handle cannot create one", "",
                      "store_format"_rule);
      if (ver != store_schema::kVersion)
        throw IoError(path, "store schema version " + std::to_string(ver) + " must be migrated to " +
                                std::to_string(store_schema::kVersion) + " by a read-write open first", "",
                      "store_format"_rule);
      db_.exec("PRAGMA foreign_keys=ON");
      return;
    }
    if (!in_memory) {
      // WAL: readers never block the writer; each commit is atomic and survives a crash.
      sqlite3_stmt* st = db_.prepare("PRAGMA journal_mode=WAL");
      if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        db_.fail("cannot enable WAL");
      }
      sqlite3_reset(st);
    }
    // FULL: a committed transaction also survives power loss, not only an application crash.
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
    migrate(ver);
  }

  /// Tests: write records through their documents only (false) or typed where they can be.
  void set_typed_writes(bool on) {
    std::lock_guard lock(mu_);
    typed_writes_ = on;
  }

  /// Whether load() and catch_up() read records typed where they can (tests compare both paths).
  void typed_reads(bool on) {
    std::lock_guard lock(mu_);
    typed_reads_ = on;
  }

  /// How many records a typed read has sent through the document path so far (diagnostics).
  std::size_t document_reads() {
    std::lock_guard lock(mu_);
    return document_reads_;
  }

  /// PRAGMA `name` on this store's connection (diagnostics).
  long long pragma(const std::string& name) {
    std::lock_guard lock(mu_);
    return db_.pragma_int(name.c_str());
  }

  ProgrammeData load() override {
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_, false);  // one snapshot of every table and of the log position
    data_version_ = db_.pragma_int("data_version");
    // Table by table, record by record: each record is a small document of its own, read into
    // its typed form and freed before the next (never a document of the whole programme).
    ProgrammeData d;
    Json rest = Json::object();
    for (const auto& p : plans()) read_table(p, d, nullptr, rest);
    last_seq_ = max_seq();
    tx.commit();
    read_rest(rest, d);
    return d;
  }

  bool read_only() const noexcept override { return read_only_; }
  std::string location() const override { return db_.path(); }

  void apply(const ChangeSet& change) override {
    if (change.empty()) return;
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    std::unordered_set<std::string> created;
    for (const auto& [table, id] : change.created) created.insert(table + '\n' + id);
    Tx tx(db_, in_tx_);
    // One change-log entry per record; a change larger than other connections would catch up
    // with record by record is logged as one wholesale entry (they reload everything either way):
    // counted first, so a large import writes that one entry, not kIncrementalLimit rows before it.
    std::size_t logged = change.deletes.size();
    for (const auto& p : plans())
      store_schema::with_records(change.upserts, p.table->pointer, [&](const auto& v) {
        using X = std::remove_cv_t<std::remove_reference_t<decltype(v)>>;
        if constexpr (store_schema::is_vector<X>::value) logged += v.size();
      });
    const bool wholesale = logged > kIncrementalLimit;
    logged = 0;
    auto log = [&](const char* table, const std::string& id) {
      if (++logged <= kIncrementalLimit && !wholesale) log_change(table, id);
    };
    auto write = [&](const TablePlan& p, const Stmts& s, const Json& rec) {
      const std::string id = key_of(p, rec);
      // A record the change creates has no child rows yet: nothing to delete first.
      const bool create = created.count(std::string(p.table->table) + '\n' + id) > 0;
      write_record(p, s, rec, id, create, create);
      log(p.table->table, id);
    };
    std::optional<Json> whole;  // the change as one document: only for a kind store_records.hpp lacks
    for (const auto& p : plans()) {
      const auto& t = *p.table;
      if (t.singleton && !change.policy_changed) continue;
      const bool known = store_schema::with_records(change.upserts, t.pointer, [&](const auto& v) {
        using X = std::remove_cv_t<std::remove_reference_t<decltype(v)>>;
        if constexpr (store_schema::is_vector<X>::value) {
          if (v.empty()) return;
          const Stmts s = statements(p);
          using R = typename X::value_type;
          const auto& typed = typed_read::plan_of<R>(t);
          for (const auto& x : v) {
            if constexpr (typed_read::HasFields<R>) {
              if (typed.ok && typed_writes_) {
                const std::string id = typed_key(t, typed, x);
                const bool create = created.count(std::string(t.table) + '\n' + id) > 0;
                write_typed(p, s, typed, x, id, create, create);
                log(t.table, id);
                continue;
              }
            }
            write(p, s, jsonio::write(x));
          }
        } else {
          write_record(p, statements(p), jsonio::write(v), "", false, false);
          log(t.table, "");
        }
      });
      if (known) continue;
      if (!whole) whole = jsonio::write(change.upserts);
      const Json* v = Place(t.pointer).find(*whole);
      if (!v || v->is_null()) continue;
      const Stmts s = statements(p);
      if (t.singleton) {
        write_record(p, s, *v, "", false, false);
        log(t.table, "");
      } else {
        for (const auto& rec : *v) write(p, s, rec);
      }
    }
    for (const auto& [table, id] : change.deletes) {
      const auto* t = store_schema::find(table);
      if (!t) throw InternalError("no table '" + table + "'");
      sqlite3_stmt* st = db_.prepare(std::string("DELETE FROM ") + t->table + " WHERE " + t->columns[0].name + " = ?");
      sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      db_.step_done(st);
      log(t->table, id);
    }
    if (wholesale || logged > kIncrementalLimit) log_change("*", "*");
    seen_own_writes();
    prune_log();
    // The outbox: the change's events commit or roll back with it (events.hpp).
    for (const Event& e : change.events) append_event(e);
    tx.commit();
  }

  void replace_all(const ProgrammeData& data) override {
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_);
    const auto& ts = store_schema::tables();
    for (auto it = ts.rbegin(); it != ts.rend(); ++it) {
      for (const auto& c : it->children)
        for_each_table(c, [&](const store_schema::Child& x) { db_.exec(std::string("DELETE FROM ") + x.table); });
      db_.exec(std::string("DELETE FROM ") + it->table);
    }
    // Every table is empty now: each record is a plain INSERT, its child rows with it, record by
    // record (never a document of the whole programme).
    std::optional<Json> whole;  // only for a kind store_records.hpp does not list
    for (const auto& p : plans()) {
      const auto& t = *p.table;
      const bool known = store_schema::with_records(data, t.pointer, [&](const auto& v) {
        using X = std::remove_cv_t<std::remove_reference_t<decltype(v)>>;
        if constexpr (store_schema::is_vector<X>::value) {
          if (v.empty()) return;
          const Stmts s = statements(p);
          using R = typename X::value_type;
          const auto& typed = typed_read::plan_of<R>(t);
          for (const auto& x : v) {
            if constexpr (typed_read::HasFields<R>) {
              if (typed.ok && typed_writes_) {
                write_typed(p, s, typed, x, typed_key(t, typed, x), true, true);
                continue;
              }
            }
            const Json rec = jsonio::write(x);
            write_record(p, s, rec, key_of(p, rec), true, true);
          }
        } else {
          write_record(p, statements(p), jsonio::write(v), "", false, true);
        }
      });
      if (known) continue;
      if (!whole) whole = jsonio::write(data);
      const Json* v = Place(t.pointer).find(*whole);
      if (!v || v->is_null()) continue;
      const Stmts s = statements(p);
      if (t.singleton) write_record(p, s, *v, "", false, true);
      else
        for (const auto& rec : *v) write_record(p, s, rec, key_of(p, rec), true, true);
    }
    log_change("*", "*");  // other connections reload everything
    seen_own_writes();
    tx.commit();
  }

  void begin() override {
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    if (in_tx_) throw InternalError("a store transaction is already open on this connection");
    db_.exec("BEGIN IMMEDIATE");
    in_tx_ = true;
  }

  void commit() override {
    std::lock_guard lock(mu_);
    if (!in_tx_) return;
    try {
      db_.exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
      in_tx_ = false;
      throw;
    }
    in_tx_ = false;
  }

  void rollback() noexcept override {
    std::lock_guard lock(mu_);
    if (!in_tx_) return;
    sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    in_tx_ = false;
  }

  std::string service_secret() override {
    std::lock_guard lock(mu_);
    sqlite3_stmt* st = db_.prepare(std::string("SELECT secret FROM ") + store_schema::kServiceTable + " WHERE id = 1");
    std::string secret;
    if (sqlite3_step(st) == SQLITE_ROW) secret = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (secret.size() < 32) throw IoError(db_.path(), "the store has no service secret", "", "store_format"_rule);
    return secret;
  }

  AccessEntry append_access(const AccessEntry& entry) override {
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    // Inside another transaction the entry would share its fate (a rollback would lose it).
    if (in_tx_) throw InternalError("the access log is appended in a transaction of its own, not inside begin()");
    Tx tx(db_);  // BEGIN IMMEDIATE: the store's write lock, so the appends of every handle form one chain
    const std::string log = store_schema::kAccessLogTable;
    AccessEntry e = entry;
    std::string prev = access_chain::genesis();
    long long last = 0;
    sqlite3_stmt* st = db_.prepare("SELECT seq, hash FROM " + log + " ORDER BY seq DESC LIMIT 1");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      last = sqlite3_column_int64(st, 0);
      const auto* h = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
      prev = h ? h : "";
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_.fail("cannot read the access log");
    // AUTOINCREMENT remembers the highest seq ever used: after newest entries were deleted the
    // next one leaves a gap that verify_access_log reports, instead of quietly reusing their seqs.
    st = db_.prepare("SELECT seq FROM sqlite_sequence WHERE name = '" + log + "'");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) last = std::max(last, static_cast<long long>(sqlite3_column_int64(st, 0)));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_.fail("cannot read the access log's sequence");
    e.seq = last + 1;
    e.hash = access_chain::link(prev, e);
    Json ids = Json::array();
    for (const auto& r : e.records) ids.push_back(r);
    st = db_.prepare("INSERT INTO " + log +
                     " (seq, at, audience, viewer_id, operation, records, outcome, rule, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_bind_int64(st, 1, e.seq);
    int k = 2;
    for (const std::string& v : {format_instant(e.at), e.audience, e.viewer_id, e.operation, ids.dump(), e.outcome,
                                 e.rule, e.hash})
      if (sqlite3_bind_text(st, k++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        db_.fail("cannot bind an access log entry");
    db_.step_done(st);
    tx.commit();
    return e;
  }

  std::vector<AccessEntry> access_log() override {
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_, false);
    sqlite3_stmt* st = db_.prepare(std::string("SELECT seq, at, audience, viewer_id, operation, records, outcome, rule, "
                                               "hash FROM ") + store_schema::kAccessLogTable + " ORDER BY seq");
    std::vector<AccessEntry> out;
    auto text = [&](int i) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
    };
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      AccessEntry e;
      e.seq = sqlite3_column_int64(st, 0);
      // A row edited by hand is returned as well as it reads: a value that does not parse stays
      // visible (and cannot match its hash) rather than stopping the read.
      try {
        e.at = parse_instant(text(1));
      } catch (const Error&) {
        e.at = Instant(boost::posix_time::not_a_date_time);
      }
      e.audience = text(2);
      e.viewer_id = text(3);
      e.operation = text(4);
      const std::string ids = text(5);
      try {
        const Json j = jsonio::parse_text(ids, "access_log");
        if (!j.is_array()) throw ParseError("access_log", "records", "not an array");
        for (const auto& x : j) e.records.push_back(x.is_string() ? x.get<std::string>() : x.dump());
      } catch (const Error&) {
        e.records = {ids};
      }
      e.outcome = text(6);
      e.rule = text(7);
      e.hash = text(8);
      out.push_back(std::move(e));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) db_.fail("cannot read the access log");
    tx.commit();
    return out;
  }

  std::vector<Event> pending_events(std::size_t limit) override {
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_, false);  // the mark and the events from one snapshot
    const std::string ev = store_schema::kEventsTable;
    sqlite3_stmt* st = db_.prepare("SELECT seq, kind, at, records, payload FROM " + ev + " WHERE seq > (SELECT acked FROM " +
                                   store_schema::kEventAckTable + " WHERE id = 1) ORDER BY seq LIMIT ?");
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(limit));
    auto text = [&](int i) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
    };
    std::vector<Event> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      Event e;
      e.seq = sqlite3_column_int64(st, 0);
      const std::string kind = text(1);
      const auto k = parse_event_kind(kind);
      if (!k) {
        sqlite3_reset(st);
        throw IoError(db_.path(), "outbox event " + std::to_string(e.seq) + " has an unknown kind '" + kind + "'", "",
                      "store_format"_rule);
      }
      e.kind = *k;
      e.at = parse_instant(text(2));
      const Json ids = jsonio::parse_text(text(3), "events");
      for (const auto& x : ids) e.records.push_back(x.is_string() ? x.get<std::string>() : x.dump());
      e.payload = text(4);
      out.push_back(std::move(e));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) db_.fail("cannot read the outbox");
    tx.commit();
    return out;
  }

  void acknowledge_events(std::int64_t up_to_seq) override {
    std::lock_guard lock(mu_);
    // Inside another transaction the mark would share its fate.
    if (in_tx_) throw InternalError("events are acknowledged in a transaction of their own, not inside begin()");
    Tx tx(db_);  // BEGIN IMMEDIATE: the newest seq and the mark judged and moved under the write lock
    const std::string ev = store_schema::kEventsTable;
    // AUTOINCREMENT's high-water mark: events are never deleted, but it also counts any that were.
    sqlite3_stmt* st = db_.prepare("SELECT max(coalesce((SELECT max(seq) FROM " + ev +
                                   "), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '" + ev + "'), 0))");
    if (sqlite3_step(st) != SQLITE_ROW) {
      sqlite3_reset(st);
      db_.fail("cannot read the outbox");
    }
    const std::int64_t last = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    outbox::check_acknowledge(up_to_seq, last);
    st = db_.prepare(std::string("UPDATE ") + store_schema::kEventAckTable + " SET acked = max(acked, ?) WHERE id = 1");
    sqlite3_bind_int64(st, 1, up_to_seq);
    db_.step_done(st);
    tx.commit();
  }

  bool changed_elsewhere() override {
    std::lock_guard lock(mu_);
    return db_.pragma_int("data_version") != data_version_;
  }

  Catchup catch_up() override {
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_, false);
    Catchup out;
    // data_version first: a commit after this point is noticed next time, never missed. When it
    // has not moved, no other connection has committed since this one last looked.
    const long long dv = db_.pragma_int("data_version");
    if (dv == data_version_) return out;
    data_version_ = dv;
    sqlite3_stmt* lo = db_.prepare(std::string("SELECT min(seq) FROM ") + store_schema::kChangeLogTable);
    const int rc = sqlite3_step(lo);
    const long long first = rc == SQLITE_ROW && sqlite3_column_type(lo, 0) != SQLITE_NULL ? sqlite3_column_int64(lo, 0) : 0;
    sqlite3_reset(lo);
    if (rc != SQLITE_ROW) db_.fail("cannot read the change log");
    // Entries this connection has not seen were pruned: only a full reload is safe.
    if (first > last_seq_ + 1) {
      out.reload = true;
      return out;
    }
    std::map<std::string, std::set<std::string>> changed;  // table -> ids, each once
    sqlite3_stmt* st = db_.prepare(std::string("SELECT seq, tbl, id FROM ") + store_schema::kChangeLogTable +
                                   " WHERE seq > ? ORDER BY seq");
    sqlite3_bind_int64(st, 1, last_seq_);
    long long seq = last_seq_;
    std::size_t n = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
      seq = sqlite3_column_int64(st, 0);
      const auto* tbl = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
      const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
      const std::string table = tbl ? tbl : "";
      if (table == "*") out.reload = true;
      else if (changed[table].insert(id ? id : "").second) ++n;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE) db_.fail("cannot read the change log");
    if (out.reload || n > kIncrementalLimit) {
      out.reload = true;
      return out;  // last_seq_ moves on with the load() the caller now does
    }
    Json rest = Json::object();
    for (const auto& p : plans()) {
      const auto& t = *p.table;
      auto it = changed.find(t.table);
      if (it == changed.end()) continue;
      if (t.singleton) {
        read_table(p, out.changes.upserts, nullptr, rest);
        out.changes.policy_changed = true;
        continue;
      }
      for (const auto& id : it->second)
        if (read_table(p, out.changes.upserts, &id, rest) == 0) out.changes.deletes.emplace_back(t.table, id);
    }
    read_rest(rest, out.changes.upserts);
    last_seq_ = seq;
    tx.commit();
    return out;
  }

 private:
  /// A read-only handle writes nothing (records, settings, access log): ForbiddenError "read_only".
  void refuse_if_read_only() const {
    if (read_only_)
      throw ForbiddenError(db_.path(), "mode",
                           "the store was opened read-only: this handle changes nothing and writes no access-log entry",
                           "read_only"_rule);
  }

  /// More records changed elsewhere than this are caught up by reloading everything.
  static constexpr std::size_t kIncrementalLimit = 20000;
  /// The change log keeps at least this many entries; a connection further behind reloads.
  static constexpr long long kLogKeep = 200000;

  void append_event(const Event& e) {
    Json ids = Json::array();
    for (const auto& r : e.records) ids.push_back(r);
    sqlite3_stmt* st = db_.prepare(std::string("INSERT INTO ") + store_schema::kEventsTable +
                                   " (kind, at, records, payload) VALUES (?, ?, ?, ?)");
    int k = 1;
    for (const std::string& v : {std::string(to_string(e.kind)), format_instant(e.at), ids.dump(), e.payload})
      if (sqlite3_bind_text(st, k++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        db_.fail("cannot bind an outbox event");
    db_.step_done(st);
  }

  long long max_seq() {
    sqlite3_stmt* st = db_.prepare(std::string("SELECT coalesce(max(seq), 0) FROM ") + store_schema::kChangeLogTable);
    if (sqlite3_step(st) != SQLITE_ROW) {
      sqlite3_reset(st);
      db_.fail("cannot read the change log");
    }
    const long long v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
  }

  // Inside begin() this connection caught up first, so it has seen every entry before its own
  // (the last one written is the change log's newest: AUTOINCREMENT only grows).
  void seen_own_writes() {
    if (in_tx_) last_seq_ = std::max(last_seq_, static_cast<long long>(sqlite3_last_insert_rowid(db_.raw())));
  }

  void log_change(const char* table, const std::string& id) {
    sqlite3_stmt* st = db_.prepare(std::string("INSERT INTO ") + store_schema::kChangeLogTable + " (tbl, id) VALUES (?, ?)");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    db_.step_done(st);
  }

  void prune_log() {
    const long long last = sqlite3_last_insert_rowid(db_.raw());
    if (last % 10000 != 0 || last <= kLogKeep) return;
    db_.exec(std::string("DELETE FROM ") + store_schema::kChangeLogTable + " WHERE seq <= " + std::to_string(last - kLogKeep));
  }

  long long count_tables() {
    sqlite3_stmt* st = db_.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
    if (sqlite3_step(st) != SQLITE_ROW) db_.fail("cannot read the schema");
    const long long n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
  }

  void migrate(long long from) {
    if (from == store_schema::kVersion) return;
    Tx tx(db_);
    // Another connection may have migrated while this one waited for the write lock.
    const long long now = db_.pragma_int("user_version");
    if (now >= store_schema::kVersion) return;
    for (long long v = now; v < store_schema::kVersion; ++v)
      for (const auto& sql : store_schema::migration(static_cast<int>(v + 1))) db_.exec(sql);
    db_.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db_.exec("PRAGMA user_version=" + std::to_string(store_schema::kVersion));
    tx.commit();
  }

  /// `f` on a child table and on every table nested below it.
  template <class F>
  static void for_each_table(const store_schema::Child& c, F&& f) {
    f(c);
    for (const auto& g : c.children) for_each_table(g, f);
  }

  /// A table's statements for one operation, prepared once per connection (Db caches them).
  struct Stmts {
    sqlite3_stmt* insert = nullptr;
    sqlite3_stmt* upsert = nullptr;
    std::vector<sqlite3_stmt*> child_insert, child_delete;  // parallel to TablePlan::children
  };
  Stmts statements(const TablePlan& p) {
    Stmts s;
    s.insert = db_.prepare(p.insert_sql);
    s.upsert = db_.prepare(p.upsert_sql);
    for (const auto& c : p.children) {
      s.child_insert.push_back(db_.prepare(c.insert_sql));
      s.child_delete.push_back(db_.prepare(c.delete_sql));
    }
    return s;
  }

  /// The key of a record's document as text ("" when it has none).
  static std::string key_of(const TablePlan& p, const Json& rec) {
    const Json* k = p.cols[0].find(rec);
    if (!k || k->is_null()) return {};
    return k->is_string() ? k->get<std::string>() : k->dump();
  }

  /// The key of a record written typed, as text.
  template <class R>
  static std::string typed_key(const store_schema::Table& t, const typed_read::Plan<R>& typed, const R& r) {
    struct Key final : typed_write::Out {
      std::string text_;
      void null(int) override {}
      void integer(int, long long v) override { text_ = std::to_string(v); }
      void real(int, double) override {}
      void text(int, std::string_view s, bool) override { text_.assign(s); }
    } k;
    typed_read::Fields<R>::fields[typed.fields[0]].bind(r, k, 1, t.columns[0]);
    return std::move(k.text_);
  }

  /// write_record of a record bound straight from its struct (typed_write.hpp), no document.
  template <class R>
  void write_typed(const TablePlan& p, const Stmts& s, const typed_read::Plan<R>& typed, const R& r,
                   const std::string& id, bool create, bool fresh) {
    const auto& t = *p.table;
    sqlite3_stmt* st = create ? s.insert : s.upsert;
    sqlite3_reset(st);
    Binder b(db_, st);
    typed_read::bind_columns(r, t, typed, b);
    if (create) db_.step_insert(st, t.table, id);
    else db_.step_done(st);
    if (!fresh) delete_children(s, id);
    // The plan has no nested child tables: the record's arrays are p.top, in the table's order.
    struct Rows final : typed_write::ChildRows {
      Db& db;
      sqlite3_stmt* st;
      const std::string& owner;
      Binder b;
      Rows(Db& d, sqlite3_stmt* s, const std::string& o) : db(d), st(s), owner(o), b(d, s) {}
      typed_write::Out& row(std::size_t idx) override {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, owner.data(), static_cast<int>(owner.size()), SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(idx));
        return b;
      }
      int first() const override { return 3; }
      void done() override { db.step_done(st); }
    };
    for (std::size_t k = 0; k < typed.arrays.size(); ++k) {
      const std::size_t c = p.top[k];
      Rows rows(db_, s.child_insert[c], id);
      typed.arrays[k]->bind_rows(r, *p.children[c].child, typed.array_fields[k], rows);
    }
  }

  /// Deletes the child rows of record `id` (nested tables included: they are keyed by owner).
  void delete_children(const Stmts& s, const std::string& id) {
    for (auto* del : s.child_delete) {
      sqlite3_reset(del);
      sqlite3_bind_text(del, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
      db_.step_done(del);
    }
  }

  /// Writes one record (`id`: its key): a new one (`create`) with a plain INSERT (a key already
  /// taken is a ConflictError), else insert-or-update. `fresh`: the store holds no child rows of
  /// it (created, or every table was emptied), so none are deleted before its own are inserted.
  void write_record(const TablePlan& p, const Stmts& s, const Json& rec, const std::string& id, bool create,
                    bool fresh) {
    const auto& t = *p.table;
    sqlite3_stmt* st = create ? s.insert : s.upsert;
    sqlite3_reset(st);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.singleton && i == 0) sqlite3_bind_int(st, 1, 1);  // the one row
      else bind_value(db_, st, static_cast<int>(i + 1), p.cols[i].find(rec), t.columns[i]);
    }
    if (create) db_.step_insert(st, t.table, id);
    else db_.step_done(st);
    if (t.singleton) return;
    // Children are replaced wholesale for their owner: delete (nested tables included: they are
    // keyed by owner, not by their parent row), then insert in order.
    if (!fresh) delete_children(s, id);
    std::vector<int> idx;
    for (auto k : p.top) write_children(p, s, k, id, rec, idx);
  }

  void write_children(const TablePlan& p, const Stmts& s, std::size_t k, const std::string& owner, const Json& parent,
                      std::vector<int>& idx) {
    const ChildPlan& c = p.children[k];
    const Json* arr = c.array.find(parent);
    if (!arr || !arr->is_array()) return;
    sqlite3_stmt* st = s.child_insert[k];
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const Json& el = (*arr)[i];
      sqlite3_reset(st);
      int col = 1;
      sqlite3_bind_text(st, col++, owner.data(), static_cast<int>(owner.size()), SQLITE_STATIC);
      for (int pi : idx) sqlite3_bind_int(st, col++, pi);
      sqlite3_bind_int(st, col++, static_cast<int>(i));
      for (std::size_t j = 0; j < c.cols.size(); ++j) bind_value(db_, st, col++, c.cols[j].find(el), c.child->columns[j]);
      db_.step_done(st);
      if (c.kids.empty()) continue;
      idx.push_back(static_cast<int>(i));
      for (auto g : c.kids) write_children(p, s, g, owner, el, idx);
      idx.pop_back();
    }
  }

  /// Reads table p (key == nullptr) or its one record with that key into `d`, appending to what
  /// is there, in the order the records were stored (rowid); a kind store_records.hpp does not
  /// list goes into the document `rest` instead (read_rest). Returns the number of records.
  std::size_t read_table(const TablePlan& p, ProgrammeData& d, const std::string* key, Json& rest) {
    const auto& t = *p.table;
    std::size_t n = 0;
    const bool known = store_schema::with_records(d, t.pointer, [&](auto& target) {
      using X = std::remove_reference_t<decltype(target)>;
      if constexpr (store_schema::is_vector<X>::value) {
        const std::size_t first = target.size();
        std::vector<std::int64_t> rowids;
        using R = typename X::value_type;
        if constexpr (typed_read::HasFields<R>) {
          static const typed_read::Plan<R> typed = typed_read::plan<R>(t);  // one table per record type
          if (typed.ok && typed_reads_) {
            if constexpr (requires(R r) { { r.id } -> std::same_as<std::string&>; })
              if (!key && !p.children.empty() && std::string_view(t.columns[0].pointer) == "/id") {
                const auto scanned = scan_typed(p, typed, target);
                if (scanned) {
                  n = *scanned;
                  return;
                }
              }
            n = stream_typed(p, typed, key, target, rowids);
            order_by_rowid(target, first, rowids);
            return;
          }
        }
        n = stream(p, key, [&](const Json& rec, std::int64_t rowid) {
          typename X::value_type x{};
          jsonio::read(rec, std::string(t.pointer) + "/" + std::to_string(target.size()), "", x);
          target.push_back(std::move(x));
          rowids.push_back(rowid);
        });
        order_by_rowid(target, first, rowids);
      } else {
        // A null row (a document kept whole that is not JSON) keeps the default, as an absent one.
        n = stream(p, key, [&](const Json& rec, std::int64_t) {
          if (!rec.is_null()) jsonio::read(rec, t.pointer, "", target);
        });
      }
    });
    if (known) return n;
    std::vector<std::pair<std::int64_t, Json>> rows;
    n = stream(p, key, [&](Json& rec, std::int64_t rowid) { rows.emplace_back(rowid, std::move(rec)); });
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Json& at = Place(t.pointer).at(rest);
    if (t.singleton) {
      if (!rows.empty()) at = std::move(rows.front().second);
    } else {
      if (!at.is_array()) at = Json::array();
      for (auto& r : rows) at.push_back(std::move(r.second));
    }
    return n;
  }

  /// Reads table p's records (key == nullptr: all; else the one with that key) straight from
  /// their cells into `target` (typed_read.hpp), appending in key order, their rowids to
  /// `rowids`; child rows are merged as stream() merges them. A record with a cell that does not
  /// read typed is read again through the document path, in its place, which reports the error
  /// the document path always reported. Returns the number of records.
  template <class R>
  std::size_t stream_typed(const TablePlan& p, const typed_read::Plan<R>& tp, const std::string* key,
                           std::vector<R>& target, std::vector<std::int64_t>& rowids) {
    const auto& t = *p.table;
    std::vector<std::pair<std::size_t, std::string>> redo;  // (index in target, key)
    std::size_t n = 0;
    {
      RowWalk w(db_, p, key);
      if (!key) {
        const std::size_t rows = table_rows(t.table);
        target.reserve(target.size() + rows);
        rowids.reserve(rows);
      }
      while (w.next()) {
        R& r = target.emplace_back();
        bool ok = typed_read::read_cells(r, w.st, 1, t.columns, tp.fields);
        w.children([&](std::size_t k, sqlite3_stmt* cs) {
          if (ok) ok = tp.arrays[k]->append(r, cs, 2, *p.children[k].child, tp.array_fields[k]);  // after owner, idx
        });
        if (!ok) redo.emplace_back(target.size() - 1, std::string(column_text(w.st, 1)));
        rowids.push_back(static_cast<std::int64_t>(sqlite3_column_int64(w.st, 0)));
        ++n;
      }
    }
    document_reads_ += redo.size();
    for (const auto& [at, id] : redo)
      stream(p, &id, [&](const Json& rec, std::int64_t) {
        R x{};
        jsonio::read(rec, std::string(t.pointer) + "/" + std::to_string(at), "", x);
        target[at] = std::move(x);
      });
    return n;
  }

  /// Reads all of table p's records, and their child rows, as stream_typed does, but every table
  /// in stored (rowid) order: a plain scan of each, where the key order stream_typed walks costs
  /// a b-tree descent into the table per row. Each child row goes to its owner found by id (most
  /// often the record before's or the next one, else through a hash index built when first
  /// needed); an orphan row is skipped, as stream_typed skips it. The child rows of one owner must
  /// come in rising idx order, one run per owner (as the store writes them): otherwise the table
  /// is left as it was and nullopt returned, and the caller reads it in key order. A record with a
  /// cell that does not read typed is read again through the document path, as in stream_typed
  /// (in key order, named by its place in key order). The records are appended in rowid order.
  /// Returns the number of records.
  template <class R>
  std::optional<std::size_t> scan_typed(const TablePlan& p, const typed_read::Plan<R>& tp, std::vector<R>& target) {
    const auto& t = *p.table;
    const std::size_t first = target.size();
    std::vector<std::size_t> redo;  // indexes in target
    {
      sqlite3_stmt* st = db_.prepare(p.scan_sql);
      Reset reset{st};
      target.reserve(first + table_rows(t.table));
      int rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        R& r = target.emplace_back();
        if (!typed_read::read_cells(r, st, 1, t.columns, tp.fields)) {
          r.id = std::string(column_text(st, 1));  // the key the document path reads it by, and its children's owner
          redo.push_back(target.size() - 1);
        }
      }
      if (rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + t.table);
    }
    const std::size_t n = target.size() - first;
    std::unordered_map<std::string_view, std::size_t> by_id;  // built when a child row is not next to its owner
    auto owner_of = [&](std::string_view owner, std::size_t near) -> std::size_t {
      if (near < n && target[first + near].id == owner) return near;
      if (near + 1 < n && target[first + near + 1].id == owner) return near + 1;
      if (by_id.empty() && n) {
        by_id.reserve(n);
        for (std::size_t i = 0; i < n; ++i) by_id.emplace(target[first + i].id, i);
      }
      auto it = by_id.find(owner);
      return it == by_id.end() ? n : it->second;
    };
    std::vector<char> bad(n, 0);
    for (auto i : redo) bad[i - first] = 1;
    for (std::size_t k = 0; k < p.children.size(); ++k) {
      const ChildPlan& c = p.children[k];
      sqlite3_stmt* cs = db_.prepare(c.scan_sql);
      Reset reset{cs};
      std::vector<char> seen(n, 0);
      std::size_t at = 0, last = n;
      long long last_idx = 0;
      int rc;
      while ((rc = sqlite3_step(cs)) == SQLITE_ROW) {
        const std::size_t o = owner_of(column_text(cs, 0), at);
        if (o == n) continue;  // orphan
        if (sqlite3_column_type(cs, 1) != SQLITE_INTEGER) return give_up(target, first);
        const long long idx = sqlite3_column_int64(cs, 1);
        if (o == last) {
          if (idx <= last_idx) return give_up(target, first);
        } else {
          if (seen[o]) return give_up(target, first);
          seen[o] = 1;
        }
        at = last = o;
        last_idx = idx;
        if (!bad[o] && !tp.arrays[k]->append(target[first + o], cs, 2, *c.child, tp.array_fields[k])) {  // after owner, idx
          bad[o] = 1;
          redo.push_back(first + o);
        }
      }
      if (rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + c.child->table);
    }
    document_reads_ += redo.size();
    if (!redo.empty()) {
      // As stream_typed: in key order, each named by its place in key order (the first error
      // reported is the first such record's, with the same JSON pointer).
      std::vector<std::size_t> by_key(n), rank(n);
      for (std::size_t i = 0; i < n; ++i) by_key[i] = i;
      std::sort(by_key.begin(), by_key.end(),
                [&](std::size_t a, std::size_t b) { return target[first + a].id < target[first + b].id; });
      for (std::size_t j = 0; j < n; ++j) rank[by_key[j]] = j;
      std::sort(redo.begin(), redo.end(), [&](std::size_t a, std::size_t b) { return rank[a - first] < rank[b - first]; });
      for (auto at : redo) {
        const std::string id = target[at].id;
        stream(p, &id, [&](const Json& rec, std::int64_t) {
          R x{};
          jsonio::read(rec, std::string(t.pointer) + "/" + std::to_string(first + rank[at - first]), "", x);
          target[at] = std::move(x);
        });
      }
    }
    return n;
  }

  /// scan_typed's way out when child rows are not in the order it needs: target as it was.
  template <class R>
  static std::optional<std::size_t> give_up(std::vector<R>& target, std::size_t first) {
    target.erase(target.begin() + static_cast<std::ptrdiff_t>(first), target.end());
    return std::nullopt;
  }

  /// Resets a statement on the way out, error or not (one left mid-step keeps a read open).
  struct Reset {
    sqlite3_stmt* st;
    ~Reset() { sqlite3_reset(st); }
  };

  /// The number of rows of `table` (to reserve for them).
  std::size_t table_rows(const char* table) {
    sqlite3_stmt* st = db_.prepare(std::string("SELECT count(*) FROM \"") + table + "\"");
    std::size_t n = 0;
    if (sqlite3_step(st) == SQLITE_ROW) n = static_cast<std::size_t>(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    return n;
  }

  /// Reads what read_table left in `rest` into `d` (nothing when it is empty).
  static void read_rest(Json& rest, ProgrammeData& d) {
    if (rest.empty()) return;
    rest["schema_version"] = kDocumentSchemaVersion;
    jsonio::read(rest, "", "", d);
  }

  /// Streams table p's rows (key == nullptr: all; else the one with that key) in key order, each
  /// given to `sink` as its record's document (rowid too) with its child rows merged in: every
  /// child table is read alongside in (owner, parent indices, idx) order, so each row is visited
  /// once and only one record's document exists at a time. Returns the number of records.
  template <class Sink>
  std::size_t stream(const TablePlan& p, const std::string* key, Sink&& sink) {
    const auto& t = *p.table;
    RowWalk w(db_, p, key);
    std::size_t n = 0;
    while (w.next()) {
      Json rec = Json::object();
      rec.get_ref<Json::object_t&>().reserve(t.columns.size() + p.top.size());
      for (std::size_t i = t.singleton ? 1 : 0; i < t.columns.size(); ++i)
        p.cols[i].put(rec, column_value(w.st, static_cast<int>(i + 1), t.columns[i]));
      for (auto k : p.top) p.children[k].array.put(rec, Json::array());  // empty unless rows follow
      w.children([&](std::size_t k, sqlite3_stmt* cs) { attach(p.children[k], cs, rec); });
      sink(rec, static_cast<std::int64_t>(sqlite3_column_int64(w.st, 0)));
      ++n;
    }
    return n;
  }

  /// One walk over table p's rows (key == nullptr: all; else the one with that key) with its child
  /// tables read alongside, in (owner, parent indices, idx) order, so each row is visited once.
  /// Every statement is reset on the way out, error or not: one left mid-step keeps a read open.
  class RowWalk {
   public:
    RowWalk(Db& db, const TablePlan& p, const std::string* key) : db_(db), p_(p) {
      st = prepare(key ? p.select_by_key_sql : p.select_sql, key);
      for (const auto& cp : p.children) cursors_.push_back({&cp, prepare(key ? cp.select_by_owner_sql : cp.select_sql, key), false});
      for (auto& c : cursors_) advance(c);
    }
    ~RowWalk() {
      for (auto* s : sts_) sqlite3_reset(s);
    }
    RowWalk(const RowWalk&) = delete;
    RowWalk& operator=(const RowWalk&) = delete;
    /// Steps to the next record row (false at the end); IoError if SQLite fails.
    bool next() {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) return true;
      if (rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + p_.table->table);
      return false;
    }
    /// Calls f(child index, statement) for each child row of the current record, in order.
    template <class F>
    void children(F&& f) {
      const std::string_view id = column_text(st, 1);
      for (std::size_t k = 0; k < cursors_.size(); ++k) {
        Cursor& c = cursors_[k];
        while (c.row && column_text(c.st, 0) < id) advance(c);  // orphan rows cannot exist under foreign keys
        while (c.row && column_text(c.st, 0) == id) {
          f(k, c.st);
          advance(c);
        }
      }
    }
    sqlite3_stmt* st = nullptr;  ///< the record rows' statement (rowid, then the table's columns)

   private:
    struct Cursor {
      const ChildPlan* plan;
      sqlite3_stmt* st;
      bool row;
    };
    sqlite3_stmt* prepare(const std::string& sql, const std::string* key) {
      sqlite3_stmt* s = db_.prepare(sql);
      sts_.push_back(s);
      if (key) sqlite3_bind_text(s, 1, key->data(), static_cast<int>(key->size()), SQLITE_STATIC);
      return s;
    }
    void advance(Cursor& c) {
      const int rc = sqlite3_step(c.st);
      c.row = rc == SQLITE_ROW;
      if (!c.row && rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + c.plan->child->table);
    }
    Db& db_;
    const TablePlan& p_;
    std::vector<Cursor> cursors_;
    std::vector<sqlite3_stmt*> sts_;
  };

  /// Appends the child row `st` is on to its array in `rec` (inside the element its parent
  /// indices name, for a nested table; rows arrive in idx order).
  static void attach(const ChildPlan& c, sqlite3_stmt* st, Json& rec) {
    Json* target = &rec;
    int col = 1;
    for (std::size_t d = 0; d < c.depth; ++d) {
      const int pi = sqlite3_column_int(st, col++);
      target = &c.parents[d].at(*target)[static_cast<std::size_t>(pi)];
    }
    ++col;  // idx
    Json el = c.scalar ? Json() : Json::object();
    for (std::size_t j = 0; j < c.cols.size(); ++j) c.cols[j].put(el, column_value(st, col++, c.child->columns[j]));
    Json& arr = c.array.at(*target);
    if (!arr.is_array()) arr = Json::array();
    arr.push_back(std::move(el));
  }

  std::mutex mu_;
  Db db_;
  bool read_only_ = false;      ///< opened with OpenMode::ReadOnly
  bool in_tx_ = false;          ///< begin() opened a write transaction
  bool typed_writes_ = true;    ///< records bound straight from their structs where they can be (tests: false)
  long long last_seq_ = 0;      ///< the change log entries up to here are in this connection's view
  long long data_version_ = -1; ///< PRAGMA data_version when this connection last looked
  std::size_t document_reads_ = 0;  ///< records a typed read sent through the document path (diagnostics)
  bool typed_reads_ = true;     ///< records read typed where they can be (typed_read.hpp); tests turn it off
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

Programme Programme::open(const std::string& sqlite_path, const OpenOptions& options) {
  return open(open_sqlite_store(sqlite_path, options));
}
int sqlite_schema_version() noexcept { return store_schema::kVersion; }

bool store_schema::set_typed_writes(Store& store, bool on) {
  auto* s = dynamic_cast<SqliteStore*>(&store);
  if (!s) return false;
  s->set_typed_writes(on);
  return true;
}

std::optional<long long> store_schema::connection_pragma(Store& store, const std::string& name) {
  auto* s = dynamic_cast<SqliteStore*>(&store);
  if (!s) return std::nullopt;
  return s->pragma(name);
}

std::optional<std::size_t> store_schema::document_reads(Store& store) {
  auto* s = dynamic_cast<SqliteStore*>(&store);
  if (!s) return std::nullopt;
  return s->document_reads();
}

std::vector<std::string> store_schema::typed_tables() {
  std::vector<std::string> out;
  ProgrammeData d;
  for (const auto& t : tables())
    store_schema::with_records(d, t.pointer, [&](auto& target) {
      using X = std::remove_reference_t<decltype(target)>;
      if constexpr (is_vector<X>::value) {
        using R = typename X::value_type;
        if constexpr (typed_read::HasFields<R>)
          if (typed_read::plan<R>(t).ok) out.emplace_back(t.table);
      }
    });
  return out;
}

jsonio::Json typed_read::Cell::json() const { return column_value(st, col, *c); }

bool store_schema::set_typed_reads(Store& store, bool on) {
  auto* s = dynamic_cast<SqliteStore*>(&store);
  if (!s) return false;
  s->typed_reads(on);
  return true;
}

}  // namespace laycoach
