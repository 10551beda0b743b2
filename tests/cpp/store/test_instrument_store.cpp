// A programme's own questionnaires in the SQLite store: the definition survives a reopen, a
// second handle sees it (and is judged by it), externally scored responses keep their scores, and
// a version 6 store gains the table and column when it opens.
#include <catch2/catch.hpp>

#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "instrument_support.hpp"
#include "raw_sql.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

TEST_CASE("instrument store: registered definitions persist, a second handle sees and uses them", "[store][instruments]") {
  TempDir dir;
  const std::string path = dir.file("i.db");
  Programme a = Programme::open(path);
  Programme b = Programme::open(path);
  add_people(a);
  a.register_instrument_json(kTeamClimate);
  // b catches up: it scores with the instrument and refuses another definition under the id.
  Response r = climate_response("q1", "s1", "2024-07-01T09:00:00Z");
  r.answers = {4, 2, 5};
  CHECK(b.add_response(r).total == climate_total(4, 2, 5));
  InstrumentDef other = a.instrument("team_climate").definition();
  other.name = "changed";
  require_error([&] { b.register_instrument(other); }, ErrorCode::Conflict, "team_climate", "id",
                "instrument_immutable");
  Response e = climate_response("q2", "s1", "2024-07-02T09:00:00Z");
  e.scores = {{"total", 7.5}};
  a.add_response(e);
  CHECK(scalar(path, "SELECT count(*) FROM instruments") == "1");
  CHECK(scalar(path, "SELECT json_extract(definition, '$.validation') FROM instruments WHERE id = 'team_climate'") ==
        "local");
  CHECK(scalar(path, "SELECT json_extract(scores, '$.total') FROM responses WHERE id = 'q2'") == "7.5");
  CHECK(scalar(path, "SELECT scores IS NULL FROM responses WHERE id = 'q1'") == "1");
  Programme c = Programme::open(path);
  CHECK(c.data() == a.data());
  CHECK(c.instruments().size() == 1);
  CHECK(c.instrument("team_climate").to_json() == a.instrument("team_climate").to_json());
  for (const auto& x : c.responses())
    if (x.id == "q2") CHECK(x.scores.at("total") == 7.5);
}

TEST_CASE("instrument store: a definition edited by hand into nonsense is a breach, the store still opens", "[store][instruments]") {
  TempDir dir;
  const std::string path = dir.file("b.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
    p.register_instrument_json(kTeamClimate);
  }
  sql(path, "UPDATE instruments SET definition = json_set(definition, '$.scales[0].items', json('[0, 7]'))");
  Programme p = Programme::open(path);
  CHECK(p.instruments().empty());
  bool listed = false;
  for (const auto& x : p.audit(at("2024-07-01T09:00:00Z"))) listed = listed || x.record == "team_climate";
  CHECK(listed);
}

TEST_CASE("instrument store: a version 6 store migrates and gains the instruments table", "[store][instruments]") {
  TempDir dir;
  const std::string path = dir.file("v6.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
  }
  // What a version 6 build wrote: none of the record tables or columns of version 7.
  sql(path, "BEGIN; " + record_schema_before(7) + "PRAGMA user_version = 6; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'instruments'") == "0");
  Programme p = Programme::open(path);
  CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'instruments'") == "1");
  CHECK(scalar(path, "SELECT count(*) FROM pragma_table_info('responses') WHERE name = 'scores'") == "1");
  p.register_instrument_json(kTeamClimate);
  Response r = climate_response("q1", "s1", "2024-07-01T09:00:00Z");
  r.scores = {{"total", 6.0}};
  p.add_response(r);
  Programme q = Programme::open(path);
  CHECK(q.instruments().size() == 1);
  CHECK(q.responses().size() == 1);
}
