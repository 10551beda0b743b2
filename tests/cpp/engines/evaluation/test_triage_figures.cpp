// The triage section of the evaluation report (triage_report.hpp): exact figures for the
// service manager against a hand computation, disclosure control for the commissioner
// (small cells withheld with their complements, times withheld with their rows), scoping of an
// employer, and the JSON section.
#include <catch2/catch.hpp>

#include <cmath>

#include "laycoach/evaluation.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

// The i-th valid NHS number of a run of nine-digit prefixes (those with check digit 10 skipped).
std::string nth_nhs(int i) {
  for (int k = 0;; ++k) {
    const std::string prefix = "40102" + std::to_string(1000 + k);
    int sum = 0;
    for (int d = 0; d < 9; ++d) sum += (prefix[static_cast<std::size_t>(d)] - '0') * (10 - d);
    if (11 - sum % 11 == 10) continue;
    if (i-- == 0) return nhs_number(prefix);
  }
}

// n patients referred by the GP and triaged `hours` after receipt to social prescribing, first
// contact a day later; a staff member of RXA01 referred by self left untriaged.
Programme spa_with(int n) {
  Programme p;
  add_people(p);
  for (int i = 0; i < n; ++i) {
    Client c = patient_client("q" + std::to_string(i), nth_nhs(i), 3);
    p.add_client(c);
    InboxReferral x;
    x.id = "in" + std::to_string(i);
    x.client_id = c.id;
    x.source = ReferralSource::Gp;
    x.received_at = at("2024-07-01T09:00:00Z");
    p.receive_referral(x);
    TriageDecision d;
    d.route = TriageRoute::SocialPrescribing;
    d.decided_by = "Sam";
    d.decided_at = x.received_at + boost::posix_time::hours(i + 1);  // 1, 2, ..., n hours
    p.triage(x.id, d);
    p.record_first_contact(x.id, d.decided_at + boost::posix_time::hours(24));
  }
  InboxReferral s;
  s.id = "staff-in";
  s.client_id = "s1";
  s.received_at = at("2024-07-02T09:00:00Z");
  p.receive_referral(s);
  return p;
}

const TriageSourceRow& row(const TriageReport& t, const std::string& source) {
  for (const auto& r : t.by_source)
    if (r.source == source) return r;
  FAIL("no row " << source);
  throw;
}

double v(const DisclosedValue& f) { return f.value ? *f.value : -1; }

}  // namespace

TEST_CASE("triage figures: exact for the service manager", "[evaluation][triage]") {
  Programme p = spa_with(4);
  EvaluationOptions o;
  o.viewer = {Audience::ServiceManager, ""};
  const TriageReport t = evaluate(p, o).triage;
  REQUIRE(t.routes.size() == 6);
  CHECK(t.routes[3] == "social_prescribing");
  const auto& all = row(t, "all");
  CHECK(v(all.received) == 5);
  CHECK(v(all.triaged) == 4);
  CHECK(v(all.untriaged) == 1);
  CHECK(v(all.routes[3]) == 4);
  const auto& gp = row(t, "gp");
  CHECK(v(gp.received) == 4);
  // Hours 1, 2, 3, 4: median 2.5, p25 1.75, p75 3.25, p90 3.7 (linear interpolation).
  CHECK(v(gp.to_triage.n) == 4);
  CHECK(v(gp.to_triage.median_hours) == Approx(2.5));
  CHECK(v(gp.to_triage.p25_hours) == Approx(1.75));
  CHECK(v(gp.to_triage.p75_hours) == Approx(3.25));
  CHECK(v(gp.to_triage.p90_hours) == Approx(3.7));
  CHECK(v(gp.to_first_contact.median_hours) == Approx(26.5));
  CHECK(v(row(t, "self").untriaged) == 1);
  CHECK(v(row(t, "self").to_triage.n) == 0);
  CHECK(std::isnan(v(row(t, "self").to_triage.median_hours)));
  // Nothing was proposed for these (PAM 3 patients: non-clinical proposed; triaged elsewhere).
  CHECK(v(t.proposed) == 4);
  CHECK(v(t.proposal_followed) == 0);
  // An employer sees only its own staff: none of the GP's patients, and its one member of staff
  // (a count of 1) withheld.
  o.viewer = {Audience::Employer, "RXA01"};
  const TriageReport e = evaluate(p, o).triage;
  CHECK(v(row(e, "gp").received) == 0);
  CHECK(row(e, "self").received.suppressed());
  CHECK(row(e, "all").untriaged.suppressed());
}

TEST_CASE("triage figures: disclosure-controlled for the commissioner", "[evaluation][triage]") {
  Programme p = spa_with(12);
  EvaluationOptions o;
  o.viewer = {Audience::Commissioner, ""};
  const EvaluationReport rep = evaluate(p, o);
  const TriageReport& t = rep.triage;
  const auto& self = row(t, "self");
  // One untriaged self-referral: withheld, and the row with it.
  CHECK(self.untriaged.suppressed());
  CHECK(self.suppressed);
  CHECK(self.to_triage.median_hours.suppressed());
  // The "all" column of untriaged (1 item) is withheld too.
  CHECK(row(t, "all").untriaged.suppressed());
  const auto& gp = row(t, "gp");
  REQUIRE(gp.received.value);
  CHECK(std::fmod(*gp.received.value, p.disclosure_floor().round_to) == 0);  // rounded
  CHECK(std::abs(*gp.received.value - 12) <= p.disclosure_floor().max_perturbation + p.disclosure_floor().round_to);
  // Times of 12 items: released, to 0.1 h.
  REQUIRE(gp.to_triage.median_hours.value);
  CHECK(*gp.to_triage.median_hours.value == Approx(6.5));
  const std::string doc = to_json(rep);
  CHECK(doc.find("\"triage\":{") != std::string::npos);
  CHECK(doc.find("\"suppressed_routes\"") != std::string::npos);
}

TEST_CASE("triage figures: a coaching route's first contact is its first session booked or attended",
          "[evaluation][triage]") {
  Programme p;
  add_people(p);
  InboxReferral x;
  x.id = "c1";
  x.client_id = "pt1";  // PAM 2
  x.source = ReferralSource::Gp;
  x.received_at = at("2024-07-01T09:00:00Z");
  p.receive_referral(x);
  TriageDecision d;
  d.route = TriageRoute::HwbcTargeted;
  d.decided_by = "Sam";
  d.decided_at = at("2024-07-01T10:00:00Z");
  d.offer_id = "hwbc_targeted_1to1";
  p.triage("c1", d);
  EvaluationOptions o;
  o.viewer = {Audience::ServiceManager, ""};
  CHECK(v(row(evaluate(p, o).triage, "gp").to_first_contact.n) == 0);  // no session yet: no contact
  // The first session, cancelled by the client, is no contact; the next one, booked, is.
  Session early = one_to_one("s-early", "h1", "pt1", at("2024-07-02T09:00:00Z"), "hwbc_targeted_1to1", Modality::FaceToFace);
  early.attendees[0].referral_id = "c1";
  p.book(early);
  p.record_outcome("s-early", SessionStatus::CancelledByClient);
  Session next = one_to_one("s-next", "h1", "pt1", at("2024-07-03T09:00:00Z"), "hwbc_targeted_1to1", Modality::FaceToFace);
  next.attendees[0].referral_id = "c1";
  p.book(next);
  const TriageReport t = evaluate(p, o).triage;
  CHECK(v(row(t, "gp").to_first_contact.n) == 1);
  CHECK(v(row(t, "gp").to_first_contact.median_hours) == Approx(48.0));  // 07-01 09:00 -> 07-03 09:00
  CHECK(v(row(t, "gp").to_triage.median_hours) == Approx(1.0));
  CHECK(v(t.proposal_followed) == 1);  // targeted was proposed and decided
  // The coach of the referral's sessions sees the item; another coach does not.
  o.viewer = {Audience::Coach, "h1"};
  CHECK(v(row(evaluate(p, o).triage, "all").received) == 1);
  o.viewer = {Audience::Coach, "c1"};
  CHECK(v(row(evaluate(p, o).triage, "all").received) == 0);
}
