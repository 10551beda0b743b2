// The single point of access (pathway.hpp): a referral arrives untriaged with the rules'
// proposal; a named person triages it once, a coaching route opening a referral under the one
// referral rule in the same change; every rule has a case that passes and one that fails with
// its exact error, and a rejected call changes nothing.
#include <catch2/catch.hpp>

#include "laycoach/document.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

InboxReferral item(std::string id, std::string client, ReferralSource source, const char* received) {
  InboxReferral x;
  x.id = std::move(id);
  x.client_id = std::move(client);
  x.source = source;
  x.received_at = at(received);
  x.reason = "long-term condition, low confidence";
  return x;
}

TriageDecision decide(TriageRoute route, const char* when, std::string offer = {}, std::string by = "Link worker Sam") {
  TriageDecision d;
  d.route = route;
  d.decided_by = std::move(by);
  d.decided_at = at(when);
  d.offer_id = std::move(offer);
  return d;
}

Programme spa() {
  Programme p;
  add_people(p);  // pt1: patient PAM 2; pt2: patient PAM 3; s1..s4 staff
  return p;
}

}  // namespace

TEST_CASE("triage: a referral arrives untriaged with the default rules' proposal", "[domain][triage]") {
  Programme p = spa();
  InboxReferral x = item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z");
  x.proposed_route = TriageRoute::CareCoordination;  // the caller's guess is replaced by the rules'
  const InboxReferral got = p.receive_referral(x);
  CHECK(got.status == InboxStatus::Untriaged);
  CHECK(got.proposed_route == TriageRoute::HwbcTargeted);
  CHECK(got.proposed_by_rule == "patient_pam_1_2");
  CHECK(p.inbox_item("in1") == got);
  CHECK(p.receive_referral(item("in2", "pt2", ReferralSource::Self, "2024-07-01T08:00:00Z")).proposed_route ==
        TriageRoute::HwbcNonClinical);
  const InboxReferral staff = p.receive_referral(item("in3", "s1", ReferralSource::Self, "2024-07-01T10:00:00Z"));
  CHECK_FALSE(staff.proposed_route.has_value());  // staff: a person decides
  CHECK(staff.proposed_by_rule == "staff");
  // Oldest first.
  const auto all = p.inbox();
  REQUIRE(all.size() == 3);
  CHECK(all[0].id == "in2");
  CHECK(all[1].id == "in1");
  CHECK(all[2].id == "in3");
}

TEST_CASE("triage: receiving refuses bad items with the exact error and changes nothing", "[domain][triage]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  require_rejected(p, [&] { p.receive_referral(item("in1", "pt2", ReferralSource::Gp, "2024-07-01T09:00:00Z")); },
                   ErrorCode::Conflict, "in1", "id", "unique_id");
  require_rejected(p, [&] { p.receive_referral(item("in2", "nobody", ReferralSource::Gp, "2024-07-01T09:00:00Z")); },
                   ErrorCode::NotFound, "in2", "client_id", "reference_resolves");
  InboxReferral no_time = item("in3", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z");
  no_time.received_at = Instant(boost::posix_time::not_a_date_time);
  require_rejected(p, [&] { p.receive_referral(no_time); }, ErrorCode::InvalidArgument, "in3", "received_at",
                   "instant_required");
  InboxReferral pre_triaged = item("in4", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z");
  pre_triaged.route = TriageRoute::SocialPrescribing;
  require_rejected(p, [&] { p.receive_referral(pre_triaged); }, ErrorCode::InvalidArgument, "in4", "status",
                   "new_item_untriaged");
}

TEST_CASE("triage: a coaching route opens a referral on the offer in the same change", "[domain][triage]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  TriageDecision d = decide(TriageRoute::HwbcTargeted, "2024-07-02T09:00:00Z", "hwbc_targeted_1to1");
  d.preferred_modality = Modality::Telephone;
  const InboxReferral x = p.triage("in1", d);
  CHECK(x.status == InboxStatus::Triaged);
  CHECK(x.route == TriageRoute::HwbcTargeted);
  CHECK(x.decided_by == "Link worker Sam");
  CHECK(x.referral_id == "in1");
  const Referral r = p.referral("in1");
  CHECK(r.client_id == "pt1");
  CHECK(r.offer_id == "hwbc_targeted_1to1");
  CHECK(r.source == ReferralSource::Gp);
  CHECK(r.requested_at == at("2024-07-01T09:00:00Z"));
  CHECK(r.preferred_modality == Modality::Telephone);
  CHECK(p.inbox(true).empty());
  // A named referral id.
  p.receive_referral(item("in2", "pt2", ReferralSource::Self, "2024-07-01T09:00:00Z"));
  TriageDecision d2 = decide(TriageRoute::HwbcClinical, "2024-07-01T09:30:00Z", "hwbc_clinical_1to1");
  d2.referral_id = "ref-pt2";
  CHECK(p.triage("in2", d2).referral_id == "ref-pt2");
  CHECK(p.referral("ref-pt2").offer_id == "hwbc_clinical_1to1");
}

TEST_CASE("triage: each rule refuses with its exact error and a refused triage changes nothing", "[domain][triage]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  p.receive_referral(item("in2", "pt2", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  const char* t = "2024-07-02T09:00:00Z";
  require_rejected(p, [&] { p.triage("nope", decide(TriageRoute::SocialPrescribing, t)); }, ErrorCode::NotFound, "nope",
                   "id", "reference_resolves");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::SocialPrescribing, t, "", "")); },
                   ErrorCode::InvalidArgument, "in1", "decided_by", "named_person");
  TriageDecision no_time = decide(TriageRoute::SocialPrescribing, t);
  no_time.decided_at = Instant(boost::posix_time::not_a_date_time);
  require_rejected(p, [&] { p.triage("in1", no_time); }, ErrorCode::InvalidArgument, "in1", "decided_at",
                   "instant_required");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::SocialPrescribing, "2024-07-01T08:59:59Z")); },
                   ErrorCode::InvalidArgument, "in1", "decided_at", "triage_time");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::NotAccepted, t)); }, ErrorCode::InvalidArgument, "in1",
                   "not_accepted_reason", "reason_required");
  TriageDecision reason_elsewhere = decide(TriageRoute::CareCoordination, t);
  reason_elsewhere.not_accepted_reason = "not needed";
  require_rejected(p, [&] { p.triage("in1", reason_elsewhere); }, ErrorCode::InvalidArgument, "in1",
                   "not_accepted_reason", "reason_not_accepted_only");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::HwbcTargeted, t)); }, ErrorCode::InvalidArgument, "in1",
                   "offer_id", "offer_required");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::HwbcTargeted, t, "no_such_offer")); },
                   ErrorCode::NotFound, "in1", "offer_id", "reference_resolves");
  // Route and offer must agree: targeted needs a PatientTargeted line.
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::HwbcTargeted, t, "hwbc_non_clinical_1to1")); },
                   ErrorCode::InvalidArgument, "in1", "offer_id", "route_matches_offer");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::HwbcNonClinical, t, "lay_too_1to1")); },
                   ErrorCode::InvalidArgument, "in1", "offer_id", "route_matches_offer");
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::SocialPrescribing, t, "hwbc_targeted_1to1")); },
                   ErrorCode::InvalidArgument, "in1", "offer_id", "coaching_route_only");
  // The referral rule itself: pt2 (PAM 3) is not eligible for the targeted offer; nothing opened.
  require_rejected(p, [&] { p.triage("in2", decide(TriageRoute::HwbcTargeted, t, "hwbc_targeted_1to1")); },
                   ErrorCode::InvalidArgument, "in2", "client_id", "eligibility");
  // A referral id already taken: the triage is refused whole.
  p.add_referral(referral("taken", "pt1", "hwbc_clinical_1to1", at("2024-06-01T09:00:00Z")));
  TriageDecision clash = decide(TriageRoute::HwbcClinical, t, "hwbc_clinical_1to1");
  clash.referral_id = "taken";
  require_rejected(p, [&] { p.triage("in1", clash); }, ErrorCode::Conflict, "taken", "id", "unique_id");
  CHECK(p.inbox(true).size() == 2);
  // Triage once.
  p.triage("in1", decide(TriageRoute::SocialPrescribing, t));
  require_rejected(p, [&] { p.triage("in1", decide(TriageRoute::CareCoordination, t)); }, ErrorCode::Conflict, "in1",
                   "decided_by", "triage_once");
  // Not accepted with a reason passes.
  TriageDecision no = decide(TriageRoute::NotAccepted, t);
  no.not_accepted_reason = "needs urgent mental health care: referred back to GP";
  CHECK(p.triage("in2", no).not_accepted_reason == no.not_accepted_reason);
}

TEST_CASE("triage: first contact of social prescribing and care coordination", "[domain][triage]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  require_rejected(p, [&] { p.record_first_contact("in1", at("2024-07-03T09:00:00Z")); }, ErrorCode::InvalidArgument,
                   "in1", "route", "first_contact_route");
  p.triage("in1", decide(TriageRoute::CareCoordination, "2024-07-02T09:00:00Z"));
  require_rejected(p, [&] { p.record_first_contact("in1", at("2024-07-02T08:00:00Z")); }, ErrorCode::InvalidArgument,
                   "in1", "first_contact_at", "first_contact_time");
  require_rejected(p, [&] { p.record_first_contact("in1", Instant(boost::posix_time::not_a_date_time)); },
                   ErrorCode::InvalidArgument, "in1", "first_contact_at", "instant_required");
  CHECK(p.record_first_contact("in1", at("2024-07-03T09:00:00Z")).first_contact_at == at("2024-07-03T09:00:00Z"));
  require_rejected(p, [&] { p.record_first_contact("in1", at("2024-07-04T09:00:00Z")); }, ErrorCode::Conflict, "in1",
                   "first_contact_at", "first_contact_once");
}

TEST_CASE("triage rules: ordered, first match wins, a default, validated", "[domain][triage]") {
  Programme p = spa();
  CHECK(p.triage_rules() == default_triage_rules());
  TriageRules r;
  r.rules.clear();
  TriageRule lw;
  lw.id = "link_worker_referrals";
  lw.sources = {ReferralSource::SocialPrescribingLinkWorker};
  lw.route = TriageRoute::SocialPrescribing;
  TriageRule low;
  low.id = "pam_low";
  low.pam_max = 2;
  low.route = TriageRoute::HwbcTargeted;
  r.rules = {lw, low};
  r.default_route = TriageRoute::HwbcClinical;
  p.set_triage_rules(r);
  CHECK(p.triage_rules() == r);
  // pt1 (PAM 2) from the link worker: the first rule wins over the second.
  CHECK(p.receive_referral(item("in1", "pt1", ReferralSource::SocialPrescribingLinkWorker, "2024-07-01T09:00:00Z"))
            .proposed_by_rule == "link_worker_referrals");
  CHECK(p.propose_route("in1") == TriageProposal{TriageRoute::SocialPrescribing, "link_worker_referrals"});
  p.receive_referral(item("in2", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  CHECK(p.propose_route("in2") == TriageProposal{TriageRoute::HwbcTargeted, "pam_low"});
  p.receive_referral(item("in3", "s1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));  // staff: no PAM level
  CHECK(p.propose_route("in3") == TriageProposal{TriageRoute::HwbcClinical, "default"});
  // The proposal recorded at receipt stays when the rules change.
  p.set_triage_rules(TriageRules{});
  CHECK(p.inbox_item("in3").proposed_route == TriageRoute::HwbcClinical);
  CHECK(p.propose_route("in3") == TriageProposal{std::nullopt, "staff"});

  TriageRules bad = r;
  bad.rules[1].pam_min = 5;
  require_rejected(p, [&] { p.set_triage_rules(bad); }, ErrorCode::InvalidArgument, "triage_rules", "rules/1/pam_min",
                   "pam_level_range");
  bad = r;
  bad.rules[1].pam_min = 3;
  require_rejected(p, [&] { p.set_triage_rules(bad); }, ErrorCode::InvalidArgument, "triage_rules", "rules/1/pam_max",
                   "pam_level_order");
  bad = r;
  bad.rules[1].id = bad.rules[0].id;
  require_rejected(p, [&] { p.set_triage_rules(bad); }, ErrorCode::InvalidArgument, "triage_rules", "rules/1/id",
                   "unique_id");
  bad = r;
  bad.rules[0].id.clear();
  require_rejected(p, [&] { p.set_triage_rules(bad); }, ErrorCode::InvalidArgument, "triage_rules", "rules/0/id",
                   "id_required");
}

TEST_CASE("triage rules document: strict, with the JSON pointer of what is wrong", "[domain][triage][documents]") {
  const std::string good =
      R"({"schema_version": 1, "kind": "triage_rules", "rules": [
           {"id": "low", "when": {"client_kinds": ["patient"], "pam_min": 1, "pam_max": 2}, "route": "hwbc_targeted"},
           {"id": "staff", "when": {"client_kinds": ["staff"]}, "route": null}],
         "default": "hwbc_non_clinical"})";
  const TriageRules r = record_from_json<TriageRules>(good);
  REQUIRE(r.rules.size() == 2);
  CHECK(r.rules[0].pam_max == 2);
  CHECK_FALSE(r.rules[1].route.has_value());
  CHECK(r.default_route == TriageRoute::HwbcNonClinical);
  CHECK(record_from_json<TriageRules>(record_to_json(r)) == r);
  require_error([] { record_from_json<TriageRules>(R"({"rules": [{"id": "a", "route": "somewhere"}]})"); },
                ErrorCode::Parse, "triage_rules", "/rules/0/route", "document_schema");
  require_error([] { record_from_json<TriageRules>(R"({"rules": [{"id": "a", "route": null, "when": {"pam": 1}}]})"); },
                ErrorCode::Parse, "triage_rules", "/rules/0/when/pam", "document_schema");
  require_error([] { record_from_json<TriageRules>(R"({"rules": [], "colour": 1})"); }, ErrorCode::Parse, "triage_rules",
                "/colour", "document_schema");
  require_error([] { record_from_json<TriageRules>(R"({"rules": [{"id": "a"}]})"); }, ErrorCode::Parse, "triage_rules",
                "/rules/0/route", "document_schema");
  require_error([] { record_from_json<TriageRules>(R"({"rules": [], "kind": "evaluation_options"})"); }, ErrorCode::Parse,
                "triage_rules", "/kind", "document_schema");
}

TEST_CASE("triage: the inbox travels in the programme document and is validated on load", "[domain][triage][documents]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  p.triage("in1", decide(TriageRoute::HwbcTargeted, "2024-07-02T09:00:00Z", "hwbc_targeted_1to1"));
  TriageRules r;
  r.default_route = TriageRoute::CareCoordination;
  p.set_triage_rules(r);
  const ProgrammeData d = p.data();
  const ProgrammeData back = programme_data_from_json(to_json(d));
  CHECK(back == d);
  CHECK(Programme(back).inbox() == p.inbox());
  // A document whose triage names a referral of another client is refused with its pointer.
  ProgrammeData broken = d;
  broken.inbox[0].client_id = "pt2";
  require_error([&] { Programme{broken}; }, ErrorCode::InvalidArgument, "in1", "/inbox/0/referral_id",
                "referral_matches");
  broken = d;
  broken.inbox[0].decided_by.clear();
  require_error([&] { Programme{broken}; }, ErrorCode::InvalidArgument, "in1", "/inbox/0/decided_by", "named_person");
}

TEST_CASE("triage: a mutated inbox item or rules document is refused with a field, never an internal error",
          "[domain][triage][documents]") {
  Programme p = spa();
  p.receive_referral(item("in1", "pt1", ReferralSource::Gp, "2024-07-01T09:00:00Z"));
  p.triage("in1", decide(TriageRoute::HwbcTargeted, "2024-07-02T09:00:00Z", "hwbc_targeted_1to1"));
  const ProgrammeData good = p.data();
  const std::string doc = to_json(good);
  // Each member of the item and of the rules replaced by values of every other kind.
  const char* members[] = {"\"id\":\"in1\"", "\"client_id\":\"pt1\"", "\"source\":\"gp\"",
                           "\"received_at\":\"2024-07-01T09:00:00Z\"", "\"status\":\"triaged\"",
                           "\"route\":\"hwbc_targeted\"", "\"decided_by\":\"Link worker Sam\"",
                           "\"decided_at\":\"2024-07-02T09:00:00Z\"", "\"referral_id\":\"in1\"",
                           "\"proposed_route\":\"hwbc_targeted\"", "\"pam_min\":1", "\"default\":null"};
  const char* values[] = {"42", "-1.5", "true", "null", "[]", "{}", "\"\"", "\"zz\"", "\"2024-13-45T99:00:00Z\""};
  int refused = 0;
  for (const char* m : members) {
    const std::string member(m);
    const auto at_ = doc.find(member);
    REQUIRE(at_ != std::string::npos);
    const std::string key = member.substr(0, member.find(':') + 1);
    for (const char* v : values) {
      const std::string mutated = doc.substr(0, at_) + key + v + doc.substr(at_ + member.size());
      INFO(key << v);
      try {
        Programme q(programme_data_from_json(mutated));
      } catch (const Error& e) {
        ++refused;
        CHECK(e.code() != ErrorCode::Internal);
        CHECK_FALSE(e.field().empty());
        CHECK_FALSE(e.rule().empty());
        // And replacing a programme's records with it changes nothing.
        if (e.code() != ErrorCode::Parse) {
          const ProgrammeData d = programme_data_from_json(mutated);
          require_rejected(p, [&] { p.replace(d); }, e.code(), e.record(), e.field(), e.rule());
        }
      }
    }
  }
  CHECK(refused > 80);
  CHECK(p.data() == good);
}
