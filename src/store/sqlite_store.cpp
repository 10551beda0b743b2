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
#include <map>
#include <mutex>
#include <set>

#include "access_chain.hpp"
#include "outbox.hpp"
#include "json_io.hpp"
#include "store_schema.hpp"

namespace laycoach {

using jsonio::Json;

namespace {

constexpr int kApplicationId = 0x4C41594B;  // 'LAYK': marks a file as a laycoach store

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
    int flags = SQLITE_OPEN_FULLMUTEX;
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

void bind_value(Db& db, sqlite3_stmt* st, int i, const Json& v, const store_schema::Column& c) {
  int rc = SQLITE_OK;
  if (v.is_null() || (c.nullable_empty && v.is_string() && v.get_ref<const std::string&>().empty()))
    rc = sqlite3_bind_null(st, i);
  else if (v.is_boolean()) rc = sqlite3_bind_int(st, i, v.get<bool>() ? 1 : 0);
  else if (v.is_number_integer()) rc = sqlite3_bind_int64(st, i, v.get<long long>());
  else if (v.is_number()) rc = sqlite3_bind_double(st, i, v.get<double>());
  else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    rc = sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  } else {
    const std::string s = v.dump();
    rc = sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  if (rc != SQLITE_OK) db.fail(std::string("cannot bind column ") + c.name);
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

Json get_at(const Json& obj, const std::string& pointer) {
  if (pointer.empty()) return obj;
  const Json::json_pointer ptr(pointer);
  return obj.contains(ptr) ? obj.at(ptr) : Json(nullptr);
}

void set_at(Json& obj, const std::string& pointer, Json v) {
  if (pointer.empty()) obj = std::move(v);
  else obj[Json::json_pointer(pointer)] = std::move(v);
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

  /// PRAGMA `name` on this store's connection (diagnostics).
  long long pragma(const std::string& name) {
    std::lock_guard lock(mu_);
    return db_.pragma_int(name.c_str());
  }

  ProgrammeData load() override {
    std::lock_guard lock(mu_);
    Tx tx(db_, in_tx_, false);  // one snapshot of every table and of the log position
    data_version_ = db_.pragma_int("data_version");
    Json doc = Json::object();
    doc["schema_version"] = kDocumentSchemaVersion;
    for (const auto& t : store_schema::tables()) load_table(t, doc, nullptr);
    last_seq_ = max_seq();
    tx.commit();
    ProgrammeData d;
    jsonio::read(doc, "", "", d);
    return d;
  }

  bool read_only() const noexcept override { return read_only_; }
  std::string location() const override { return db_.path(); }

  void apply(const ChangeSet& change) override {
    if (change.empty()) return;
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    const Json doc = jsonio::write(change.upserts);
    std::set<std::pair<std::string, std::string>> created(change.created.begin(), change.created.end());
    Tx tx(db_, in_tx_);
    for (const auto& t : store_schema::tables()) {
      if (t.singleton) {
        if (change.policy_changed) {
          upsert(t, get_at(doc, t.pointer), false);
          log_change(t.table, "");
        }
        continue;
      }
      const Json arr = get_at(doc, t.pointer);
      for (const auto& rec : arr) {
        const Json key = get_at(rec, t.columns[0].pointer);
        const std::string id = key.is_string() ? key.get<std::string>() : key.dump();
        upsert(t, rec, created.count({t.table, id}) > 0);
        log_change(t.table, id);
      }
    }
    for (const auto& [table, id] : change.deletes) {
      const auto* t = store_schema::find(table);
      if (!t) throw InternalError("no table '" + table + "'");
      sqlite3_stmt* st = db_.prepare(std::string("DELETE FROM ") + t->table + " WHERE " + t->columns[0].name + " = ?");
      sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      db_.step_done(st);
      log_change(t->table, id);
    }
    seen_own_writes();
    prune_log();
    // The outbox: the change's events commit or roll back with it (events.hpp).
    for (const Event& e : change.events) append_event(e);
    tx.commit();
  }

  void replace_all(const ProgrammeData& data) override {
    refuse_if_read_only();
    std::lock_guard lock(mu_);
    const Json doc = jsonio::write(data);
    Tx tx(db_, in_tx_);
    const auto& ts = store_schema::tables();
    for (auto it = ts.rbegin(); it != ts.rend(); ++it) {
      for (const auto& c : it->children)
        for_each_table(c, [&](const store_schema::Child& x) { db_.exec(std::string("DELETE FROM ") + x.table); });
      db_.exec(std::string("DELETE FROM ") + it->table);
    }
    for (const auto& t : ts) {
      const Json v = get_at(doc, t.pointer);
      if (t.singleton) upsert(t, v, false);
      else for (const auto& rec : v) upsert(t, rec, false);
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
    Json doc = Json::object();
    doc["schema_version"] = kDocumentSchemaVersion;
    for (const auto& t : store_schema::tables()) {
      auto it = changed.find(t.table);
      if (it == changed.end()) continue;
      if (t.singleton) {
        load_table(t, doc, nullptr);
        out.changes.policy_changed = true;
        continue;
      }
      for (const auto& id : it->second) {
        const Json key(id);
        if (!load_table(t, doc, &key)) out.changes.deletes.emplace_back(t.table, id);
      }
    }
    jsonio::read(doc, "", "", out.changes.upserts);
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

  /// Writes one record: a new one (`create`) with a plain INSERT, else insert-or-update.
  void upsert(const store_schema::Table& t, const Json& rec, bool create) {
    sqlite3_stmt* st = db_.prepare(create ? store_schema::insert_sql(t) : store_schema::upsert_sql(t));
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.singleton && i == 0) sqlite3_bind_int(st, 1, 1);  // the one row
      else bind_value(db_, st, static_cast<int>(i + 1), get_at(rec, t.columns[i].pointer), t.columns[i]);
    }
    const Json key = get_at(rec, t.columns[0].pointer);
    if (create) db_.step_insert(st, t.table, key.is_string() ? key.get<std::string>() : key.dump());
    else db_.step_done(st);
    if (t.singleton) return;
    for (const auto& c : t.children) write_children(c, key, rec, {});
  }

  /// `f` on a child table and on every table nested below it.
  template <class F>
  static void for_each_table(const store_schema::Child& c, F&& f) {
    f(c);
    for (const auto& g : c.children) for_each_table(g, f);
  }

  // Children are replaced wholesale for their owner: delete (nested tables included: they are
  // keyed by owner, not by their parent row), then insert in order.
  void write_children(const store_schema::Child& c, const Json& owner, const Json& parent_rec,
                      const std::vector<int>& parent_idx) {
    if (parent_idx.empty()) {
      for_each_table(c, [&](const store_schema::Child& x) {
        sqlite3_stmt* del = db_.prepare(std::string("DELETE FROM ") + x.table + " WHERE owner = ?");
        bind_value(db_, del, 1, owner, {"owner", "", 'T', false});
        db_.step_done(del);
      });
    }
    const Json arr = get_at(parent_rec, c.pointer);
    if (!arr.is_array()) return;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      sqlite3_stmt* st = db_.prepare(store_schema::insert_child_sql(c, parent_idx.size()));
      int k = 1;
      bind_value(db_, st, k++, owner, {"owner", "", 'T', false});
      for (int pi : parent_idx) sqlite3_bind_int(st, k++, pi);
      sqlite3_bind_int(st, k++, static_cast<int>(i));
      for (const auto& col : c.columns) bind_value(db_, st, k++, get_at(arr[i], col.pointer), col);
      db_.step_done(st);
      auto idx = parent_idx;
      idx.push_back(static_cast<int>(i));
      for (const auto& g : c.children) write_children(g, owner, arr[i], idx);
    }
  }

  /// Reads a table (key == nullptr) or the one record with that key (returns false when none)
  /// into `doc`, appending to what is already there.
  bool load_table(const store_schema::Table& t, Json& doc, const Json* key) {
    sqlite3_stmt* st = db_.prepare(store_schema::select_sql(t, key != nullptr));
    if (key) bind_value(db_, st, 1, *key, t.columns[0]);
    std::vector<Json> rows;
    std::map<std::string, std::size_t> by_key;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      Json rec = Json::object();
      for (std::size_t i = t.singleton ? 1 : 0; i < t.columns.size(); ++i)
        set_at(rec, t.columns[i].pointer, column_value(st, static_cast<int>(i), t.columns[i]));
      for (const auto& c : t.children) set_at(rec, c.pointer, Json::array());  // empty unless rows follow
      if (!t.singleton) by_key[get_at(rec, t.columns[0].pointer).dump()] = rows.size();
      rows.push_back(std::move(rec));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + t.table);
    if (rows.empty() && key) return false;
    for (const auto& c : t.children) load_children(c, rows, by_key, 0, key);
    if (t.singleton) {
      if (!rows.empty()) set_at(doc, t.pointer, rows.front());
      return !rows.empty();
    }
    Json arr = get_at(doc, t.pointer);
    if (!arr.is_array()) arr = Json::array();
    for (auto& r : rows) arr.push_back(std::move(r));
    set_at(doc, t.pointer, std::move(arr));
    return true;
  }

  void load_children(const store_schema::Child& c, std::vector<Json>& rows,
                     const std::map<std::string, std::size_t>& by_key, std::size_t depth, const Json* owner_key) {
    sqlite3_stmt* st = db_.prepare(store_schema::select_child_sql(c, depth, owner_key != nullptr));
    if (owner_key) bind_value(db_, st, 1, *owner_key, {"owner", "", 'T', false});
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const Json owner = column_value(st, 0, {"owner", "", 'T', false});
      auto it = by_key.find(owner.dump());
      if (it == by_key.end()) continue;  // orphan rows cannot exist under foreign keys
      Json* target = &rows[it->second];
      // Walk down to the parent element of this (grand)child.
      int col = 1;
      for (std::size_t d = 0; d < depth; ++d) {
        const int pi = sqlite3_column_int(st, col++);
        target = &(*target)[Json::json_pointer(c.parent_pointers[d])][static_cast<std::size_t>(pi)];
      }
      ++col;  // idx: rows arrive in order
      Json el = c.columns.size() == 1 && c.columns[0].pointer[0] == '\0' ? Json() : Json::object();
      for (const auto& cc : c.columns) set_at(el, cc.pointer, column_value(st, col++, cc));
      Json& arr = (*target)[Json::json_pointer(c.pointer)];
      if (!arr.is_array()) arr = Json::array();
      arr.push_back(std::move(el));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) db_.fail(std::string("cannot read ") + c.table);
    for (const auto& g : c.children) load_children(g, rows, by_key, depth + 1, owner_key);
  }

  std::mutex mu_;
  Db db_;
  bool read_only_ = false;      ///< opened with OpenMode::ReadOnly
  bool in_tx_ = false;          ///< begin() opened a write transaction
  long long last_seq_ = 0;      ///< the change log entries up to here are in this connection's view
  long long data_version_ = -1; ///< PRAGMA data_version when this connection last looked
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

Programme Programme::open(const std::string& sqlite_path, const OpenOptions& options) {
  return open(open_sqlite_store(sqlite_path, options));
}
int sqlite_schema_version() noexcept { return store_schema::kVersion; }

std::optional<long long> store_schema::connection_pragma(Store& store, const std::string& name) {
  auto* s = dynamic_cast<SqliteStore*>(&store);
  if (!s) return std::nullopt;
  return s->pragma(name);
}

}  // namespace laycoach
