// The store's tables column by column (store.hpp): read one record kind at a time, from a
// snapshot or from the live programme, they hold exactly what the SQLite tables hold, less the
// columns withheld from analysts (names, NHS numbers, free text).
#include <cmath>
#include <algorithm>
#include <type_traits>
#include <variant>

#include <sqlite3.h>

#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

bool same_cell(const StoreCell& a, const StoreCell& b) {
  if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b)) {
    const double x = std::get<double>(a), y = std::get<double>(b);
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  return a == b;
}

// A table as cells[column][row].
struct Cells {
  std::vector<StoreColumn> columns;
  std::vector<std::vector<StoreCell>> cells;
};
Cells cells_of(const StoreTableData& t) {
  Cells c{t.columns, std::vector<std::vector<StoreCell>>(t.columns.size())};
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    REQUIRE(t.data[i].size() == t.rows());
    for (std::size_t r = 0; r < t.rows(); ++r) c.cells[i].push_back(t.cell(i, r));
  }
  return c;
}

// The table as SQLite holds it, as StoreCells of the kinds store_table_columns names (an instant
// or date stored as '' is no instant: null).
Cells from_sqlite(sqlite3* db, const std::string& table) {
  Cells t;
  t.columns = store_table_columns(table);
  t.cells.resize(t.columns.size());
  sqlite3_stmt* st = nullptr;
  // The analyst columns of the SQLite table (the withheld ones stay in the system of record).
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) sql += (i ? ", " : "") + t.columns[i].name;
  REQUIRE(sqlite3_prepare_v2(db, (sql + " FROM " + table).c_str(), -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    REQUIRE(sqlite3_column_count(st) == static_cast<int>(t.columns.size()));
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const std::string& kind = t.columns[static_cast<std::size_t>(i)].kind;
      StoreCell c;
      if (sqlite3_column_type(st, i) == SQLITE_NULL) c = std::monostate{};
      else if (kind == "integer") c = static_cast<long long>(sqlite3_column_int64(st, i));
      else if (kind == "real") c = sqlite3_column_double(st, i);
      else if (kind == "boolean") c = sqlite3_column_int(st, i) != 0;
      else c = std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
      if ((kind == "instant" || kind == "date") && c == StoreCell(std::string())) c = std::monostate{};
      t.cells[static_cast<std::size_t>(i)].push_back(c);
    }
  }
  sqlite3_finalize(st);
  return t;
}

}  // namespace

TEST_CASE("store tables: one record kind at a time, the same as the SQLite tables", "[store][tables]") {
  // The columns withheld from analysts are not in the tables (the SQLite file keeps them).
  auto names = [](const std::string& table) {
    std::vector<std::string> v;
    for (const auto& c : store_table_columns(table)) v.push_back(c.name);
    return v;
  };
  auto lacks = [&](const std::string& table, const std::string& column) {
    const auto v = names(table);
    return std::find(v.begin(), v.end(), column) == v.end();
  };
  for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
           {"clients", "nhs_number"}, {"clients", "ethnicity"}, {"coaches", "name"}, {"coaches", "safeguarding_lead"},
           {"coaches", "first_point_of_contact"}, {"referrals", "adjustments"}, {"sessions", "adjustments"},
           {"sessions", "override_by"}, {"sessions", "override_reason"}, {"supervision", "supervisor"},
           {"safeguarding", "escalated_to"}}) {
    INFO(table << "." << column);
    CHECK(lacks(table, column));
  }
  CHECK_FALSE(lacks("clients", "ethnicity_group"));
  CHECK_FALSE(lacks("organisations", "name"));
  TempDir dir;
  const std::string path = dir.file("t.sqlite");
  {
    Programme p = Programme::open(path);
    p.replace(every_kind_data());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    const ProgrammeData data = p.data();
    std::size_t rows = 0;
    for (const std::string& name : store_table_names()) {
      const auto analyst = analyst_table_names();
      if (std::find(analyst.begin(), analyst.end(), name) == analyst.end()) {  // notes, goals, care plans, shares
        CHECK_THROWS_AS(store_table_data(p, name), ForbiddenError);
        continue;
      }
      INFO("table " << name);
      const Cells live = cells_of(store_table_data(p, name)), snap = cells_of(store_table_data(data, name));
      const Cells sql = from_sqlite(db, name);
      REQUIRE(live.columns.size() == sql.columns.size());
      for (std::size_t i = 0; i < live.columns.size(); ++i) {
        CHECK(live.columns[i].name == sql.columns[i].name);
        REQUIRE(live.cells[i].size() == sql.cells[i].size());
        REQUIRE(snap.cells[i].size() == sql.cells[i].size());
        // Same rows, possibly in another order: compare as sorted text of each row.
      }
      auto rows_of = [](const Cells& t) {
        std::vector<std::string> out(t.cells.empty() ? 0 : t.cells[0].size());
        for (const auto& col : t.cells)
          for (std::size_t r = 0; r < col.size(); ++r)
            out[r] += std::visit(
                [](const auto& v) -> std::string {
                  using V = std::decay_t<decltype(v)>;
                  if constexpr (std::is_same_v<V, std::monostate>) return "null|";
                  else if constexpr (std::is_same_v<V, std::string>) return v + "|";
                  else return std::to_string(v) + "|";
                },
                col[r]);
        std::sort(out.begin(), out.end());
        return out;
      };
      CHECK(rows_of(live) == rows_of(sql));
      for (std::size_t i = 0; i < live.cells.size(); ++i)
        for (std::size_t r = 0; r < live.cells[i].size(); ++r) CHECK(same_cell(live.cells[i][r], snap.cells[i][r]));
      rows += live.cells.empty() ? 0 : live.cells[0].size();
    }
    CHECK(rows > 50);
    sqlite3_close(db);
  }
  CHECK_THROWS_AS(store_table_data(Programme(), "no_such_table"), NotFoundError);
}
