// The commissioner's tables as CSV (csv.hpp): the same figures as the released report document,
// cell by cell; a suppressed figure is "*" and never a number, even in a document that carries
// one; RFC 4180 quoting of labels; a bad document is refused naming the JSON pointer.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "laycoach/csv.hpp"
#include "laycoach/demo.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using Json = nlohmann::json;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader (strict: CRLF row ends, quoted fields with doubled quotes).
Rows parse_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  bool quoted_field = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty() && !quoted_field) {
      quoted_field = true;
      ++i;
      while (true) {
        REQUIRE(i < text.size());  // an unterminated quote
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      quoted_field = false;
      ++i;
    } else if (c == '\r') {
      REQUIRE(i + 1 < text.size());
      REQUIRE(text[i + 1] == '\n');  // CR only as part of CRLF outside quotes
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      quoted_field = false;
      i += 2;
    } else {
      REQUIRE(c != '\n');  // a bare LF outside quotes
      REQUIRE(!quoted_field);  // text after a closing quote
      field += c;
      ++i;
    }
  }
  REQUIRE(row.empty());
  REQUIRE(field.empty());  // the last row ends with CRLF
  return rows;
}

std::map<std::string, Rows> tables_by_name(const std::vector<CsvTable>& tables) {
  std::map<std::string, Rows> out;
  for (const auto& t : tables) out[t.name] = parse_csv(t.csv);
  return out;
}

std::size_t column(const Rows& t, const std::string& name) {
  for (std::size_t i = 0; i < t.at(0).size(); ++i)
    if (t[0][i] == name) return i;
  FAIL("no column " << name);
  return 0;
}

bool listed(const Json& row, const std::string& field) {
  for (const auto& s : row.at("suppressed_fields"))
    if (s.get<std::string>() == field) return true;
  return false;
}

// One CSV cell against the document's figure: "*" exactly when suppressed, empty exactly when
// null, else the same double.
void same_cell(const std::string& cell, const Json& row, const std::string& field, std::size_t& stars) {
  INFO("field " << field << " cell '" << cell << "' json " << row.at(field).dump());
  const bool suppressed = listed(row, field) || (row.contains("suppressed") && row.at("suppressed").get<bool>());
  if (suppressed) {
    CHECK(row.at(field).is_null());  // the document withholds it too
    CHECK(cell == "*");
    ++stars;
    return;
  }
  const Json& v = row.at(field);
  if (v.is_null()) {
    CHECK(cell.empty());
  } else if (v.is_boolean()) {
    CHECK(cell == (v.get<bool>() ? "1" : "0"));
  } else if (v.is_string()) {
    CHECK(cell == v.get<std::string>());
  } else {
    REQUIRE_FALSE(cell.empty());
    CHECK(std::stod(cell) == v.get<double>());
  }
}

// Every column of `rows` (from `first` on) against the document's rows, in order.
void same_rows(const Rows& t, const std::vector<const Json*>& doc_rows, std::size_t first, std::size_t& stars) {
  REQUIRE(t.size() == doc_rows.size() + 1);
  for (std::size_t r = 0; r < doc_rows.size(); ++r) {
    REQUIRE(t[r + 1].size() == t[0].size());
    for (std::size_t c = first; c < t[0].size(); ++c) same_cell(t[r + 1][c], *doc_rows[r], t[0][c], stars);
  }
}

EvaluationOptions for_audience(Audience a) {
  EvaluationOptions o;
  o.viewer = {a, ""};
  return o;
}

}  // namespace

TEST_CASE("evaluation CSV: a commissioner's tables hold the report's released figures, cell by cell", "[csv]") {
  const ProgrammeData d = demo::make_evaluation_demo(400, 3);
  const EvaluationReport report = evaluate(d, for_audience(Audience::Commissioner));
  REQUIRE(report.disclosure_controlled);
  const Json doc = Json::parse(to_json(report));
  const std::vector<CsvTable> tables = evaluation_report_csv(report);

  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"report", "access", "pairing", "outcomes", "differences", "omnibus", "trends",
                                          "histograms", "proportions", "coaches", "usage",
                                          "usage_figures", "onward"});
  // The same tables from the document (another face's copy of the report).
  const std::vector<CsvTable> again = evaluation_report_csv_from_json(to_json(report, 2));
  REQUIRE(again.size() == tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) CHECK(again[i].csv == tables[i].csv);

  auto t = tables_by_name(tables);
  std::size_t stars = 0;

  // access: figure, value
  {
    const Rows& a = t["access"];
    REQUIRE(a[0] == std::vector<std::string>{"figure", "value"});
    REQUIRE(a.size() > 20);
    for (std::size_t r = 1; r < a.size(); ++r) {
      Json row = doc["access"];
      row["value"] = row.at(a[r][0]);
      if (listed(row, a[r][0])) row["suppressed_fields"].push_back("value");
      same_cell(a[r][1], row, "value", stars);
    }
  }
  // outcomes: the overall row then each breakdown's rows; pairing; differences, omnibus, trends, histograms.
  std::vector<const Json*> change, diffs, omni, trends, bins, outcomes;
  std::vector<Json> pairing_rows;
  for (const auto& o : doc["outcomes"]) {
    outcomes.push_back(&o);
    change.push_back(&o["overall"]);
    for (const auto& b : o["breakdowns"]) {
      for (const auto& r : b["rows"]) change.push_back(&r);
      for (const auto& x : b["differences"]) diffs.push_back(&x);
      omni.push_back(&b["welch_anova"]);
      if (!b["trend"].is_null()) trends.push_back(&b["trend"]);
    }
    for (const auto& x : o["histogram"]["bins"]) bins.push_back(&x);
    Json p = o;
    p["paired"] = o["overall"]["n"];
    if (listed(o["overall"], "n") || o["overall"]["suppressed"].get<bool>()) p["suppressed_fields"].push_back("paired");
    pairing_rows.push_back(std::move(p));
  }
  REQUIRE(change.size() > 20);
  const std::size_t first_figure = column(t["outcomes"], "n");
  CHECK(column(t["outcomes"], "group") == 4);
  same_rows(t["outcomes"], change, first_figure, stars);
  for (std::size_t r = 1; r < t["outcomes"].size(); ++r) {
    CHECK(t["outcomes"][r][4] == change[r - 1]->at("group").get<std::string>());
    for (const char* flag : {"suppressed", "below_recommended", "wilcoxon_exact"})  // flags, not figures
      CHECK(t["outcomes"][r][column(t["outcomes"], flag)] == (change[r - 1]->at(flag).get<bool>() ? "1" : "0"));
  }
  same_rows(t["differences"], diffs, column(t["differences"], "n_group"), stars);
  same_rows(t["omnibus"], omni, column(t["omnibus"], "groups"), stars);
  same_rows(t["trends"], trends, column(t["trends"], "n"), stars);
  same_rows(t["histograms"], bins, column(t["histograms"], "before"), stars);
  std::vector<const Json*> pairing;
  for (const auto& p : pairing_rows) pairing.push_back(&p);
  same_rows(t["pairing"], pairing, column(t["pairing"], "name"), stars);

  std::vector<const Json*> props;
  for (const auto& p : doc["proportions"]) {
    props.push_back(&p["overall"]);
    for (const auto& b : p["breakdowns"])
      for (const auto& r : b["rows"]) props.push_back(&r);
  }
  REQUIRE(!props.empty());
  same_rows(t["proportions"], props, column(t["proportions"], "n"), stars);

  // The demo has small groups: some figures are withheld, and are "*" in the CSV.
  CHECK(stars > 50);
  // Per-coach figures are not released to a commissioner.
  CHECK(t["coaches"].size() == 1);
  // The report table says what the figures are.
  std::map<std::string, std::string> items;
  for (std::size_t r = 1; r < t["report"].size(); ++r) items[t["report"][r][0]] = t["report"][r][1];
  CHECK(items["audience"] == "commissioner");
  CHECK(items["disclosure_controlled"] == "1");
  CHECK(items["policy.min_count"] == std::to_string(report.policy.min_count));
}

TEST_CASE("evaluation CSV: no exact count leaks from a commissioner's tables", "[csv]") {
  const ProgrammeData d = demo::make_evaluation_demo(400, 3);
  const EvaluationReport exact = evaluate(d, for_audience(Audience::ServiceManager));
  const EvaluationReport released = evaluate(d, for_audience(Audience::Commissioner));
  auto t = tables_by_name(evaluation_report_csv(released));
  auto te = tables_by_name(evaluation_report_csv(exact));
  // The same rows (same groups) in both; wherever the exact figure is a small count the
  // commissioner's cell is "*".
  const Rows& r = t["outcomes"];
  const Rows& e = te["outcomes"];
  REQUIRE(r.size() == e.size());
  const std::size_t n = column(r, "n");
  std::size_t small = 0;
  for (std::size_t i = 1; i < r.size(); ++i) {
    REQUIRE(r[i][4] == e[i][4]);
    const double exact_n = e[i][n].empty() ? 0 : std::stod(e[i][n]);
    if (exact_n >= 1 && exact_n < released.policy.min_count) {
      ++small;
      INFO(r[i][3] << "/" << r[i][4] << " exact n " << exact_n);
      for (std::size_t c = n; c < r[i].size(); ++c) CHECK(r[i][c] == "*");
    }
  }
  CHECK(small > 0);
  // Every exact per-coach figure is absent from the commissioner's tables.
  CHECK(te["coaches"].size() > 1);
  CHECK(t["coaches"].size() == 1);

  // A document that carries a number in a withheld cell (an edited or faulty copy) still gives
  // "*": the marker wins, never the number.
  Json doc = Json::parse(to_json(released));
  Json& overall = doc["outcomes"][0]["overall"];
  overall["n"] = 97531864;
  overall["suppressed_fields"].push_back("n");
  doc["access"]["referrals"] = 86420975;
  doc["access"]["suppressed_fields"].push_back("referrals");
  auto tampered = tables_by_name(evaluation_report_csv_from_json(doc.dump()));
  CHECK(tampered["outcomes"][1][n] == "*");
  for (const auto& row : tampered["access"])
    if (row[0] == "referrals") CHECK(row[1] == "*");
  for (const auto& tb : evaluation_report_csv_from_json(doc.dump())) {
    CHECK(tb.csv.find("97531864") == std::string::npos);
    CHECK(tb.csv.find("86420975") == std::string::npos);
  }
}

TEST_CASE("evaluation CSV: labels are quoted as RFC 4180 says", "[csv]") {
  ProgrammeData d = demo::make_evaluation_demo(200, 5);
  const std::string label = "Nurses, \"senior\"";
  for (std::size_t i = 0; i < d.clients.size(); i += 2) d.clients[i].staff_group = label;
  EvaluationOptions o = for_audience(Audience::Commissioner);
  o.breakdowns = {Dimension::StaffGroup};
  const auto tables = evaluation_report_csv(evaluate(d, o));
  const std::string& text = tables.at(3).csv;
  REQUIRE(tables.at(3).name == "outcomes");
  CHECK(text.find(",\"Nurses, \"\"senior\"\"\",") != std::string::npos);
  const Rows rows = parse_csv(text);
  bool found = false;
  for (const auto& r : rows) {
    CHECK(r.size() == rows[0].size());
    if (r[4] == label) {
      found = true;
      CHECK(r[3] == "staff_group");
      CHECK(r[column(rows, "n")] != "*");  // a large group: shown
    }
  }
  CHECK(found);
  // Rows end with CRLF, and nothing else does outside quotes (parse_csv checks).
  CHECK(text.substr(text.size() - 2) == "\r\n");
}

TEST_CASE("evaluation CSV: a document that is not an evaluation report is refused, naming where", "[csv]") {
  using laycoach::test::require_error;
  const ProgrammeData d = demo::make_evaluation_demo(60, 2);
  const std::string good = to_json(evaluate(d, for_audience(Audience::Commissioner)));
  require_error([] { (void)evaluation_report_csv_from_json("{"); }, ErrorCode::Parse, "report", "", "json_syntax");
  auto edited = [&](auto&& edit) {
    Json j = Json::parse(good);
    edit(j);
    return j.dump();
  };
  require_error([&] { (void)evaluation_report_csv_from_json(edited([](Json& j) { j["kind"] = "programme"; })); },
                ErrorCode::Parse, "report", "/kind", "document_schema");
  require_error([&] { (void)evaluation_report_csv_from_json(edited([](Json& j) { j["schema_version"] = 2; })); },
                ErrorCode::Parse, "report", "/schema_version", "document_schema");
  require_error([&] { (void)evaluation_report_csv_from_json(edited([](Json& j) { j.erase("outcomes"); })); },
                ErrorCode::Parse, "report", "/outcomes", "document_schema");
  require_error(
      [&] { (void)evaluation_report_csv_from_json(edited([](Json& j) { j["outcomes"][0]["overall"]["n"] = "many"; })); },
      ErrorCode::Parse, "report", "/outcomes/0/overall/n", "document_schema");
  require_error([&] {
    (void)evaluation_report_csv_from_json(edited([](Json& j) { j["outcomes"][0]["overall"].erase("suppressed_fields"); }));
  }, ErrorCode::Parse, "report", "/outcomes/0/overall/suppressed_fields", "document_schema");
}
