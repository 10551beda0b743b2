// The coach's Agenda for Change band (value.hpp costs coach time by it): validated by the domain,
// written to documents, kept in the store, and a version 5 store gains the column on open.
#include "laycoach/error.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace laycoach;
using namespace laycoach::test;

TEST_CASE("coach band: validated, in documents, and a v5 store gains the column", "[domain][store][value]") {
  Programme p = people_programme();
  Coach c = workforce_coach("c9");
  c.band = "8z";
  require_rejected(p, [&] { p.add_coach(c); }, ErrorCode::InvalidArgument, "c9", "band", "afc_band");
  c.band = "8a";
  p.add_coach(c);
  CHECK(p.coach("c9").band == "8a");
  CHECK(nlohmann::json::parse(element_to_json(p.coach("c9")))["band"] == "8a");

  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    Programme s = Programme::open(path);
    add_people(s);
  }
  // What a version 5 build wrote: no band column.
  sql(path, "BEGIN; " + record_schema_before(6) + "PRAGMA user_version = 5; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM pragma_table_info('coaches') WHERE name = 'band'") == "0");
  {
    Programme s = Programme::open(path);
    CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
    CHECK(s.coach("c1").band.empty());
    Coach up = s.coach("c1");
    up.band = "7";
    s.update_coach(up);
  }
  CHECK(scalar(path, "SELECT band FROM coaches WHERE id = 'c1'") == "7");
  CHECK(Programme::open(path).coach("c1").band == "7");
}
