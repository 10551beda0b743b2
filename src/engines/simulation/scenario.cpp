// Scenarios: built from a programme, checked against the live rules, and the what-if edits
// (simulate.hpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "laycoach/error.hpp"
#include "sim_detail.hpp"

namespace laycoach::simulation {

namespace {

const Offer* find_offer(const Catalogue& c, const std::string& id) {
  for (const Offer& o : c.offers)
    if (o.id == id) return &o;
  return nullptr;
}

bool is_group(const Offer& o) { return o.format == Format::Group || o.format == Format::Team; }

// A Modulus 11 valid NHS number for the representative patient of stream i (the domain refuses a
// patient without one): 999 000 000 + i with its check digit, skipping bases whose check is 10.
std::string representative_nhs_number(std::size_t i) {
  for (long long base = 999000000LL + static_cast<long long>(i) * 11;; ++base) {
    const std::string d = std::to_string(base);
    int sum = 0;
    for (int k = 0; k < 9; ++k) sum += (d[static_cast<std::size_t>(k)] - '0') * (10 - k);
    const int check = 11 - sum % 11;
    if (check == 10) continue;
    return d + std::to_string(check == 11 ? 0 : check);
  }
}

}  // namespace

void validate(const Scenario& s) {
  if (s.start.is_special()) throw ValidationError("scenario", "start", "instant_required"_rule, "the scenario's start is required");
  if (s.days < 1 || s.days > kMaxScenarioDays)
    throw ValidationError("scenario", "days", "scenario_days_range"_rule,
                          "a scenario of 1.." + std::to_string(kMaxScenarioDays) + " days");
  for (std::size_t i = 0; i < s.options.within_hours.size(); ++i) {
    const double h = s.options.within_hours[i];
    if (!(h > 0 && std::isfinite(h)))
      throw ValidationError("scenario", ErrorField("options/within_hours/" + std::to_string(i)), "threshold_range"_rule,
                            "a threshold in hours must be finite and > 0");
  }
  validate(s.options.office);
  validate(s.demand);
  for (std::size_t i = 0; i < s.demand.streams.size(); ++i)
    if (!find_offer(s.catalogue, s.demand.streams[i].offer_id))
      throw NotFoundError("demand", ErrorField("/streams/" + std::to_string(i) + "/offer_id"), "no offer '" + s.demand.streams[i].offer_id + "' in the scenario's catalogue");
  std::set<std::string> coach_ids;
  for (const Coach& c : s.coaches) coach_ids.insert(c.id);
  std::set<std::string> group_ids;
  for (std::size_t i = 0; i < s.group_sessions.size(); ++i) {
    const Session& g = s.group_sessions[i];
    const std::string at = "group_sessions/" + std::to_string(i);
    const Offer* o = find_offer(s.catalogue, g.offer_id);
    if (!o) throw NotFoundError(g.id, ErrorField(at + "/offer_id"), "no offer '" + g.offer_id + "'");
    if (!is_group(*o)) throw ValidationError(g.id, ErrorField(at + "/offer_id"), "group_offer"_rule, "a group or team offer");
    if (!coach_ids.count(g.coach_id))
      throw NotFoundError(g.id, ErrorField(at + "/coach_id"), "no coach '" + g.coach_id + "'");
    if (g.start.is_special()) throw ValidationError(g.id, ErrorField(at + "/start"), "instant_required"_rule, "a start is required");
    if (!group_ids.insert(g.id).second) throw ValidationError(g.id, ErrorField(at + "/id"), "unique_id"_rule, "listed twice");
  }

  // The live rules: a programme in memory from the scenario's data (every coach and offer checked
  // as a document load checks them), and a representative client of each stream referred to its
  // offer (eligibility) and, for a 1:1 offer, searched for (search checks its best slot with the
  // programme's check_session: consent, eligibility, referral).
  ProgrammeData data;
  data.catalogue = s.catalogue;
  data.coaches = s.coaches;
  Programme p(data);
  for (std::size_t i = 0; i < s.demand.streams.size(); ++i) {
    const DemandStream& st = s.demand.streams[i];
    const Offer& o = *find_offer(s.catalogue, st.offer_id);
    const ClientProfile prof = st.client ? *st.client : default_profile(o);
    Client c;
    c.id = "sim-client-" + std::to_string(i);
    c.kind = prof.kind;
    c.ethnically_diverse = prof.ethnically_diverse;
    c.leader = prof.leader;
    c.pam_level = prof.pam_level;
    if (prof.kind == ClientKind::Patient) c.nhs_number = representative_nhs_number(i);
    c.consent.coaching = true;
    c.consent.evaluation = true;
    c.consent.gp_record = prof.kind == ClientKind::Patient;
    c.consent.recorded_at = s.start;
    p.add_client(c);
    Referral r;
    r.id = "sim-referral-" + std::to_string(i);
    r.client_id = c.id;
    r.offer_id = o.id;
    r.requested_at = s.start;
    p.add_referral(r);
    if (!is_group(o)) {
      booking::SlotRequest q;
      q.client_id = c.id;
      q.offer_id = o.id;
      q.referral_id = r.id;
      q.modality = st.modality;
      q.now = q.earliest = s.start;
      q.latest = s.start + boost::posix_time::hours(24 * st.window_days);
      q.max_results = 1;
      (void)booking::search(p, q);
    }
  }
}

Scenario scenario_from(const Programme& p, const DemandModel& demand, Instant start, int days, const Options& options) {
  Scenario s;
  s.catalogue = p.catalogue();
  s.coaches = p.coaches();
  s.demand = demand;
  s.start = start;
  s.days = days;
  s.options = options;
  if (!start.is_special() && days >= 1 && days <= kMaxScenarioDays) {
    const Instant end = start + boost::posix_time::hours(24 * days);
    for (const Session& x : p.sessions()) {
      if (x.status != SessionStatus::Booked || x.start < start || x.start >= end) continue;
      const Offer* o = find_offer(s.catalogue, x.offer_id);
      if (o && is_group(*o)) s.group_sessions.push_back(x);
    }
  }
  validate(s);
  return s;
}

std::vector<RotaBlock> weekly_blocks(int from_min, int to_min, std::uint8_t weekdays) {
  if (!(from_min >= 0 && from_min < to_min && to_min <= 1440))
    throw ValidationError("", "from_min", "time_of_day_range"_rule, "0 <= from_min < to_min <= 1440");
  if (weekdays == 0 || weekdays > 0x7F) throw ValidationError("", "weekdays", "weekdays_range"_rule, "at least one day of Monday..Sunday");
  std::vector<RotaBlock> out;
  for (int d = 0; d < 7; ++d)
    if (weekdays & (1U << d)) out.push_back({d, from_min, to_min});
  return out;
}

Scenario add_coaches(const Scenario& s, const std::string& template_coach_id, int n, const std::vector<RotaBlock>& weekly,
                     const std::string& id_prefix) {
  if (n < 0) throw ValidationError("scenario", "n", "count_range"_rule, "the number of coaches to add must be >= 0");
  auto it = std::find_if(s.coaches.begin(), s.coaches.end(), [&](const Coach& c) { return c.id == template_coach_id; });
  if (it == s.coaches.end())
    throw NotFoundError(template_coach_id, "template_coach_id", "no coach '" + template_coach_id + "'");
  std::set<std::string> ids;
  for (const Coach& c : s.coaches) ids.insert(c.id);
  Scenario out = s;
  const Coach tmpl = *it;
  for (int k = 1; k <= n; ++k) {
    Coach c = tmpl;
    c.id = id_prefix + std::to_string(k);
    if (!ids.insert(c.id).second) throw ValidationError(c.id, "id", "unique_id"_rule, "a coach '" + c.id + "' exists already");
    c.name = c.id;
    c.rota.leave.clear();
    c.rota.exceptions.clear();
    if (!weekly.empty()) c.rota.weekly = weekly;
    out.coaches.push_back(std::move(c));
  }
  return out;
}

namespace {
std::vector<std::size_t> chosen_coaches(const Scenario& s, const std::vector<std::string>& ids) {
  std::vector<std::size_t> out;
  if (ids.empty()) {
    for (std::size_t i = 0; i < s.coaches.size(); ++i) out.push_back(i);
    return out;
  }
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto it = std::find_if(s.coaches.begin(), s.coaches.end(), [&](const Coach& c) { return c.id == ids[k]; });
    if (it == s.coaches.end())
      throw NotFoundError(ids[k], ErrorField("coach_ids/" + std::to_string(k)), "no coach '" + ids[k] + "'");
    out.push_back(static_cast<std::size_t>(it - s.coaches.begin()));
  }
  return out;
}
}  // namespace

Scenario add_hours(const Scenario& s, const std::vector<RotaBlock>& blocks, const std::vector<std::string>& coach_ids) {
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    const RotaBlock& b = blocks[k];
    if (b.weekday < 0 || b.weekday > 6 || !(b.start_min >= 0 && b.start_min < b.end_min && b.end_min <= 1440))
      throw ValidationError("scenario", ErrorField("blocks/" + std::to_string(k)), "rota_block_range"_rule,
                            "weekday 0..6 and 0 <= start_min < end_min <= 1440");
  }
  Scenario out = s;
  for (std::size_t i : chosen_coaches(s, coach_ids))
    out.coaches[i].rota.weekly.insert(out.coaches[i].rota.weekly.end(), blocks.begin(), blocks.end());
  return out;
}

Scenario open_offer(const Scenario& s, const std::string& offer_id, const std::vector<std::string>& coach_ids) {
  const Offer* o = find_offer(s.catalogue, offer_id);
  if (!o) throw NotFoundError(offer_id, "offer_id", "no offer '" + offer_id + "'");
  Scenario out = s;
  for (std::size_t i : chosen_coaches(s, coach_ids)) {
    Coach& c = out.coaches[i];
    if (o->ethnically_diverse_pathway) {
      if (!c.ethnically_diverse) continue;
      c.ethnically_diverse_pathway = true;
    }
    if (std::find(c.offers.begin(), c.offers.end(), offer_id) == c.offers.end()) c.offers.push_back(offer_id);
  }
  return out;
}

}  // namespace laycoach::simulation
