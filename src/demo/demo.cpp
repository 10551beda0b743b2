// Synthetic demo services (see demo.hpp): make_demo books a whole service through a Programme,
// make_evaluation_demo builds evaluation-shaped data directly (fast for large n).
#include "laycoach/demo.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "laycoach/error.hpp"
#include "laycoach/instrument.hpp"

namespace laycoach::demo {
namespace {

using boost::gregorian::days;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;

// ============================================================================ randomness

std::uint64_t mix64(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// A seed for one independent part of a generator, so that parts do not shift each other.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream) { return mix64(seed ^ mix64(stream)); }

/// std::mt19937_64 (output fixed by the standard) with distributions written out here, so that
/// a seed gives the same data with every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  /// Uniform in [0, n), n > 0 (modulo bias below 2^-40 for the small n used here).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(g_() % n); }
  /// Uniform integer in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo) + 1)); }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  /// Approximately normal: Irwin-Hall sum of 12 uniforms (plain arithmetic, no libm).
  double normal(double mean, double sd) {
    double s = 0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return mean + sd * (s - 6.0);
  }
  /// An index drawn with the given (unnormalised) weights.
  std::size_t weighted(std::initializer_list<double> w) { return weighted(w.begin(), w.size()); }
  std::size_t weighted(const double* w, std::size_t n) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) total += w[i];
    double u = uniform() * total;
    for (std::size_t i = 0; i < n; ++i) {
      if (u < w[i]) return i;
      u -= w[i];
    }
    return n - 1;
  }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& v) { return v[below(N)]; }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::mt19937_64 g_;
};

// ============================================================================ small helpers

std::string make_id(std::string_view prefix, long long n, int width) {
  std::string d = std::to_string(n);
  if (static_cast<int>(d.size()) < width) d.insert(0, static_cast<std::size_t>(width) - d.size(), '0');
  return std::string(prefix) + d;
}

int weekday0(Date d) { return (d.day_of_week().as_number() + 6) % 7; }  // Monday = 0
long day_no(Date d) { return static_cast<long>(d.day_number()); }
long week_key(Date d) { return day_no(d) - weekday0(d); }  // day number of the week's Monday

/// The instant of a UK wall-clock reading (demo times avoid the 01:00-02:00 transition hour).
Instant local_instant(Date d, int minute_of_day) {
  auto r = from_uk_local(LocalDateTime(d, minutes(minute_of_day)));
  if (!r) throw InternalError("demo: nonexistent UK local time " + format_date(d));
  return *r;
}

struct LocalTime {
  Date date;
  int minute = 0;
};
LocalTime local_of(Instant t) {
  const LocalDateTime l = to_uk_local(t);
  return {l.date(), minutes_of_day(l)};
}

int round_int(double x) { return static_cast<int>(std::floor(x + 0.5)); }
double round1(double x) { return std::floor(x * 10.0 + 0.5) / 10.0; }

// ============================================================================ scores

// SWEMWBS raw 7..35 -> metric score: the instrument library's conversion table (one copy).
const std::vector<std::pair<int, double>>& swemwbs_table() {
  static const std::vector<std::pair<int, double>> t = InstrumentLibrary::builtin().get("swemwbs").scale().conversion;
  return t;
}
double swemwbs_metric(int raw) { return swemwbs_table()[static_cast<std::size_t>(raw - swemwbs_table().front().first)].second; }
int swemwbs_raw_near(double metric) {
  int best = 7;
  double best_d = std::numeric_limits<double>::infinity();
  for (int r = 7; r <= 35; ++r) {
    const double d = std::abs(metric - swemwbs_metric(r));
    if (d < best_d) { best_d = d; best = r; }
  }
  return best;
}
double identity_score(int raw) { return raw; }

/// k answers in [lo, hi] whose sum is `total` (clamped to what is reachable), spread at random.
std::vector<std::optional<int>> items_summing(Rng& rng, int total, int k, int lo, int hi) {
  total = std::clamp(total, k * lo, k * hi);
  std::vector<int> v(static_cast<std::size_t>(k), lo);
  int rest = total - k * lo;
  while (rest > 0) {
    auto i = rng.below(static_cast<std::size_t>(k));
    if (v[i] < hi) { ++v[i]; --rest; }
  }
  return {v.begin(), v.end()};
}

/// Moves raw scores of the people in `who` one step at a time (random person, towards the
/// target) while that brings the mean reported score closer to `target`; afterwards the mean is
/// within half the smallest available step / |who| of it.
template <class Value>
void calibrate_mean(std::vector<int>& raw, const std::vector<std::size_t>& who, double target, int lo, int hi,
                    Value value, Rng& rng) {
  if (who.empty()) return;
  double gap = target * static_cast<double>(who.size());
  for (auto i : who) gap -= value(raw[i]);
  int misses = 0;
  while (misses < 400) {
    const std::size_t i = who[rng.below(who.size())];
    const int next = raw[i] + (gap > 0 ? 1 : -1);
    if (next < lo || next > hi) { ++misses; continue; }
    const double delta = value(next) - value(raw[i]);
    if (std::abs(gap - delta) < std::abs(gap)) {
      raw[i] = next;
      gap -= delta;
      misses = 0;
    } else {
      ++misses;
    }
  }
}

std::vector<std::optional<int>> experience_answers(Rng& rng) {
  std::vector<std::optional<int>> a;
  for (int i = 0; i < 3; ++i) a.push_back(5 - static_cast<int>(rng.weighted({0.66, 0.31, 0.02, 0.008, 0.002})));
  return a;
}

// ============================================================================ organisations, people

struct OrgSet {
  std::vector<Organisation> all;
  std::vector<std::string> pcns;                    // PCN ODS codes
  std::vector<std::string> pcn_names;
  std::vector<std::vector<std::string>> practices;  // GP practices of each PCN
  std::string acute, community, mental_health, ambulance, council, charity;
};

// Synthetic organisations with well-formed ODS codes (Z9 practices, U9 PCNs, RZ trusts: invented).
OrgSet make_organisations() {
  OrgSet s;
  s.acute = "RZA";
  s.community = "RZB";
  s.mental_health = "RZC";
  s.ambulance = "RZD";
  s.council = "LA901";
  s.charity = "VS901";
  s.all = {
      {s.acute, "Northbridge Teaching Hospitals NHS Foundation Trust", OrgKind::Trust, ""},
      {s.community, "Riverside Community Health NHS Trust", OrgKind::Trust, ""},
      {s.mental_health, "Eastvale Mental Health NHS Foundation Trust", OrgKind::Trust, ""},
      {s.ambulance, "Three Counties Ambulance Service NHS Trust", OrgKind::Trust, ""},
      {s.council, "Northbridge City Council Adult Social Care", OrgKind::SocialCare, ""},
      {s.charity, "Riverside Carers and Wellbeing Trust", OrgKind::VoluntarySector, ""},
  };
  const std::array<const char*, 3> pcn_names = {"Northbridge Central PCN", "Riverside and Millbrook PCN",
                                                "Eastvale Rural PCN"};
  const std::array<std::array<const char*, 4>, 3> practice_names = {{
      {"Market Street Surgery", "Canal View Medical Centre", "St Anne's Health Centre", "Victoria Road Practice"},
      {"Riverside Medical Practice", "Millbrook Surgery", "Weir Lane Health Centre", "Bridgefoot Family Practice"},
      {"Eastvale Village Surgery", "Hollins Moor Practice", "Kingsford Medical Group", "Ashby Dale Surgery"},
  }};
  for (int p = 0; p < 3; ++p) {
    const std::string pcn = make_id("U9000", p + 1, 1);
    s.pcns.push_back(pcn);
    s.pcn_names.push_back(pcn_names[static_cast<std::size_t>(p)]);
    s.all.push_back({pcn, pcn_names[static_cast<std::size_t>(p)], OrgKind::Pcn, ""});
    s.practices.emplace_back();
    for (int k = 0; k < 4; ++k) {
      const std::string code = "Z90" + std::to_string(p + 1) + std::to_string(k + 1) + "1";
      s.practices.back().push_back(code);
      s.all.push_back({code, practice_names[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)],
                       OrgKind::GpPractice, pcn});
    }
  }
  return s;
}

constexpr std::array<const char*, 36> kFirstNames = {
    "Aisha", "Ben", "Chloe", "David", "Emeka", "Fatima", "George", "Hannah", "Imran", "Jade", "Kwame", "Laura",
    "Mohammed", "Nadia", "Oliver", "Priya", "Rachel", "Samuel", "Tariq", "Uma", "Victoria", "Wei", "Yusuf", "Zoe",
    "Grace", "Daniel", "Amara", "Tom", "Sophie", "Ravi", "Niamh", "Gareth", "Ama", "Harpreet", "Joanna", "Kofi"};
constexpr std::array<const char*, 34> kSurnames = {
    "Adeyemi", "Brown", "Chen", "Davies", "Evans", "Fernandes", "Green", "Hussain", "Iqbal", "Jones", "Khan",
    "Lewis", "Mensah", "Nguyen", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Walker", "Williams",
    "Wilson", "Wright", "Ahmed", "Kaur", "Murphy", "Osei", "Clarke", "Hughes", "Begum", "Kowalski", "Morgan",
    "Campbell"};

std::string person_name(Rng& rng) {
  std::string name = rng.pick(kFirstNames);  // one draw per statement: argument order is unspecified
  name += " ";
  name += rng.pick(kSurnames);
  return name;
}

/// A date in [from_year, to_year] (day 1..28), drawing year, month, day in that order.
Date random_date(Rng& rng, int from_year, int to_year) {
  const int y = rng.between(from_year, to_year);
  const int m = rng.between(1, 12);
  const int d = rng.between(1, 28);
  return Date(y, m, d);
}

struct EthnicityRow {
  const char* group;
  const char* text;
  double weight;
};
constexpr std::array<EthnicityRow, 16> kEthnicity = {{
    {"white", "White British", 0.52}, {"white", "White Irish", 0.03}, {"white", "Any other White background", 0.09},
    {"asian", "Indian", 0.07}, {"asian", "Pakistani", 0.04}, {"asian", "Bangladeshi", 0.02},
    {"asian", "Chinese", 0.01}, {"asian", "Any other Asian background", 0.02}, {"black", "African", 0.07},
    {"black", "Caribbean", 0.03}, {"mixed", "White and Black Caribbean", 0.015},
    {"mixed", "White and Asian", 0.015}, {"mixed", "Any other mixed background", 0.01}, {"other", "Arab", 0.01},
    {"other", "Any other ethnic group", 0.02}, {"", "", 0.04},  // not stated
}};

void draw_ethnicity(Rng& rng, Client& c) {
  std::array<double, kEthnicity.size()> w{};
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = kEthnicity[i].weight;
  const auto& row = kEthnicity[rng.weighted(w.data(), w.size())];
  c.ethnicity = row.text;
  c.ethnicity_group = row.group;
  c.ethnically_diverse = !c.ethnicity_group.empty() && c.ethnicity_group != "white";
}

/// Sector, staff group, organisation, leadership and ethnicity of a member of staff.
void draw_staff(Rng& rng, const OrgSet& orgs, double primary_care_share, Client& c) {
  c.kind = ClientKind::Staff;
  const double rest = 1.0 - primary_care_share;
  const std::size_t sector =
      rng.weighted({primary_care_share, rest * 0.38, rest * 0.22, rest * 0.22, rest * 0.07, rest * 0.11});
  struct Group {
    const char* name;
    double w;
  };
  std::vector<Group> groups;
  switch (sector) {
    case 0:
      c.sector = "primary_care";
      c.organisation = rng.chance(0.12) ? rng.pick(orgs.pcns) : rng.pick(rng.pick(orgs.practices));
      groups = {{"medical", 0.15}, {"nursing", 0.20}, {"admin", 0.30}, {"healthcare_support", 0.10},
                {"pharmacy", 0.07}, {"ahp", 0.08}, {"management", 0.10}};
      break;
    case 1:
      c.sector = "acute";
      c.organisation = orgs.acute;
      groups = {{"nursing", 0.35}, {"medical", 0.15}, {"ahp", 0.12}, {"healthcare_support", 0.15},
                {"admin", 0.13}, {"scientific", 0.05}, {"management", 0.05}};
      break;
    case 2:
      c.sector = "mental_health";
      c.organisation = orgs.mental_health;
      groups = {{"nursing", 0.35}, {"medical", 0.10}, {"ahp", 0.10}, {"healthcare_support", 0.20},
                {"admin", 0.15}, {"management", 0.10}};
      break;
    case 3:
      c.sector = "community";
      c.organisation = orgs.community;
      groups = {{"nursing", 0.40}, {"ahp", 0.20}, {"healthcare_support", 0.15}, {"admin", 0.15},
                {"management", 0.10}};
      break;
    case 4:
      c.sector = "ambulance";
      c.organisation = orgs.ambulance;
      groups = {{"paramedic", 0.55}, {"admin", 0.15}, {"healthcare_support", 0.20}, {"management", 0.10}};
      break;
    default:
      c.sector = "social_care";
      c.organisation = rng.chance(0.8) ? orgs.council : orgs.charity;
      groups = {{"social_care", 0.70}, {"admin", 0.15}, {"management", 0.15}};
      break;
  }
  std::vector<double> w;
  for (const auto& g : groups) w.push_back(g.w);
  c.staff_group = groups[rng.weighted(w.data(), w.size())].name;
  c.leader = rng.chance(c.staff_group == "management" ? 0.7 : c.staff_group == "medical" ? 0.3 : 0.12);
  draw_ethnicity(rng, c);
}

/// A synthetic NHS number in the 999 range reserved for testing, with a valid Modulus 11 check digit.
std::string synthetic_nhs_number(Rng& rng) {
  for (;;) {
    int d[10] = {9, 9, 9, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 3; i < 9; ++i) d[i] = rng.between(0, 9);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += d[i] * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;  // no valid check digit: draw again
    d[9] = check;
    std::string s;
    for (int x : d) s.push_back(static_cast<char>('0' + x));
    return s;
  }
}

TrainingRecord workforce_training(Rng& rng, std::vector<ProfessionalBody>& memberships) {
  struct Prog {
    const char* name;
    ProfessionalBody body;
  };
  static constexpr std::array<Prog, 4> kProgs = {{
      {"ICF-accredited coach training programme (ACTP)", ProfessionalBody::Icf},
      {"EMCC-accredited Diploma in Coaching and Mentoring", ProfessionalBody::Emcc},
      {"ILM Level 7 Certificate in Executive Coaching and Mentoring", ProfessionalBody::Emcc},
      {"Association for Coaching accredited Certificate in Coaching", ProfessionalBody::AssociationForCoaching},
  }};
  const auto& p = rng.pick(kProgs);
  TrainingRecord t;
  t.programme = p.name;
  t.days = rng.between(10, 24);
  t.practice_hours = 10.0 * rng.between(15, 120);
  t.skills_assessed = true;
  t.pci_accredited = false;
  t.completed = random_date(rng, 2012, 2021);
  memberships.push_back(p.body);
  if (rng.chance(0.3)) {
    const ProfessionalBody other =
        p.body == ProfessionalBody::Icf ? ProfessionalBody::AssociationForCoaching : ProfessionalBody::Icf;
    memberships.push_back(other);
  }
  return t;
}

std::vector<RotaBlock> weekly_blocks(const std::vector<int>& weekdays, int start_min, int end_min) {
  std::vector<RotaBlock> v;
  for (int d : weekdays) v.push_back({d, start_min, end_min});
  return v;
}

/// `n` distinct weekdays (0..6) drawn from `from`, ascending.
std::vector<int> some_days(Rng& rng, std::vector<int> from, std::size_t n) {
  rng.shuffle(from);
  from.resize(std::min(n, from.size()));
  std::sort(from.begin(), from.end());
  return from;
}

constexpr std::array<const char*, 5> kAdjustments = {
    "Captioned video calls (hearing impairment)", "Telephone sessions only, no camera",
    "Written summary after each session (dyslexia)", "Short break every 20 minutes",
    "Sessions outside shift hours only"};

// ============================================================================ make_demo

struct DemoCoach {
  Coach c;
  int pcn = -1;  // PCN of a health and wellbeing coach, -1 for workforce coaches
  std::unordered_map<long, std::vector<std::pair<int, int>>> busy;  // day -> [start, end) local minutes
  std::unordered_map<long, int> week_count;                          // week -> sessions
};

struct DemoClient {
  Client c;
  int pref = 0;   // time preference: 0 any, 1 weekday daytime, 2 evenings, 3 weekends
  int pcn = -1;   // patients: PCN of their practice
  Modality modality = Modality::Video;
  std::unordered_map<long, std::vector<std::pair<int, int>>> busy;
};

struct Slot {
  std::size_t coach = 0;
  Date date{boost::gregorian::not_a_date_time};
  int minute = 0;
};

struct PlannedSession {
  Slot slot;
  SessionStatus outcome = SessionStatus::Booked;  // Booked: still to come at as_of
  std::optional<Slot> moved_to;                   // rescheduled: the replacement slot
  SessionStatus moved_outcome = SessionStatus::Booked;
};

/// One referral (episode) and what became of it.
struct Episode {
  Referral ref;
  std::size_t client = 0;
  std::optional<std::size_t> coach;
  std::vector<std::string> held;   // ids of attended sessions, in order
  Instant last_held_end{boost::posix_time::not_a_date_time};
  bool booked_any = false;
  bool group = false;              // peer group / team episode
};

class DemoBuilder {
 public:
  explicit DemoBuilder(const DemoOptions& o)
      : opt_(o), as_of_(as_of(o)), as_of_date_(to_uk_local(as_of_).date()),
        end_date_(o.start + days(7L * o.weeks)) {
    for (const auto& offer : p_.catalogue().offers) offers_[offer.id] = offer;
  }

  ProgrammeData build() {
    organisations();
    coaches();
    clients();
    one_to_one_episodes();
    peer_groups();
    teams();
    notes_and_goals();
    responses();
    supervision();
    safeguarding();
    training();
    return p_.data();
  }

 private:
  // ---- ids --------------------------------------------------------------------------------
  std::string next_session_id() { return make_id("S", ++n_sessions_, 5); }

  // ---- time and availability ----------------------------------------------------------------
  std::vector<std::pair<int, int>> blocks_on(const Coach& c, Date d) const {
    for (const auto& l : c.rota.leave)
      if (l.first <= d && d <= l.last) return {};
    std::vector<std::pair<int, int>> v;
    for (const auto& e : c.rota.exceptions)
      if (e.date == d) {
        for (const auto& b : e.blocks) v.push_back({b.start_min, b.end_min});
        return v;
      }
    const int wd = weekday0(d);
    for (const auto& b : c.rota.weekly)
      if (b.weekday == wd) v.push_back({b.start_min, b.end_min});
    return v;
  }

  static bool offer_open(const Offer& o, Date d) {
    const DayHours& h = o.hours.days[static_cast<std::size_t>(weekday0(d))];
    if (h.open_min >= h.close_min) return false;
    return o.hours.open_on_bank_holidays || !is_bank_holiday_england_wales(d);
  }

  bool coach_free(const DemoCoach& k, Date d, int s, int e) const {
    const auto& r = k.c.rota;
    const long dn = day_no(d);
    if (auto it = k.week_count.find(week_key(d)); it != k.week_count.end() && it->second >= r.max_sessions_per_week)
      return false;
    auto it = k.busy.find(dn);
    if (it == k.busy.end()) return true;
    if (static_cast<int>(it->second.size()) >= r.max_sessions_per_day) return false;
    for (const auto& [bs, be] : it->second)
      if (s < be + r.buffer_minutes && bs < e + r.buffer_minutes) return false;
    return true;
  }

  bool client_free(const DemoClient& c, Date d, int s, int e) const {
    auto it = c.busy.find(day_no(d));
    if (it == c.busy.end()) return true;
    for (const auto& [bs, be] : it->second)
      if (s < be + 15 && bs < e + 15) return false;  // a quarter of an hour between two sessions
    return true;
  }

  /// Start minutes (15-minute grid) on day d when the coach and every client are free, the
  /// coach is on the rota and the offer is open, starting no earlier than earliest_min.
  std::vector<int> candidates(std::size_t coach, const std::vector<std::size_t>& who, const Offer& o, Date d,
                              int earliest_min) const {
    std::vector<int> out;
    if (d >= end_date_ || !offer_open(o, d)) return out;
    const DemoCoach& k = coaches_[coach];
    const DayHours& h = o.hours.days[static_cast<std::size_t>(weekday0(d))];
    for (const auto& [bs, be] : blocks_on(k.c, d)) {
      int lo = std::max({bs, h.open_min, earliest_min});
      lo = (lo + 14) / 15 * 15;
      const int hi = std::min(be, h.close_min) - o.session_minutes;
      for (int t = lo; t <= hi; t += 15) {
        if (!coach_free(k, d, t, t + o.session_minutes)) continue;
        bool ok = true;
        for (auto c : who)
          if (!client_free(clients_[c], d, t, t + o.session_minutes)) { ok = false; break; }
        if (ok) out.push_back(t);
      }
    }
    return out;
  }

  void occupy(const Slot& s, const std::vector<std::size_t>& who, int length) {
    DemoCoach& k = coaches_[s.coach];
    k.busy[day_no(s.date)].push_back({s.minute, s.minute + length});
    ++k.week_count[week_key(s.date)];
    for (auto c : who) clients_[c].busy[day_no(s.date)].push_back({s.minute, s.minute + length});
  }

  static bool fits_pref(int pref, Date d, int m) {
    const int wd = weekday0(d);
    switch (pref) {
      case 1: return wd < 5 && m >= 9 * 60 && m < 17 * 60;
      case 2: return m >= 17 * 60;
      case 3: return wd >= 5;
      default: return true;
    }
  }

  /// A start among candidates, preferring the client's time preference.
  int choose(const std::vector<int>& cands, int pref, Date d) {
    std::vector<int> liked;
    for (int t : cands)
      if (fits_pref(pref, d, t)) liked.push_back(t);
    return liked.empty() ? rng_.pick(cands) : rng_.pick(liked);
  }

  /// The coach's first day in [from, from+span) with a liked slot (else any slot), for the clients.
  std::optional<Slot> next_slot(std::size_t coach, const std::vector<std::size_t>& who, const Offer& o, Date from,
                                int span, int pref) {
    std::optional<Slot> fallback;
    for (int i = 0; i < span; ++i) {
      const Date d = from + days(i);
      if (d >= end_date_) break;
      auto c = candidates(coach, who, o, d, 0);
      if (c.empty()) continue;
      std::vector<int> liked;
      for (int t : c)
        if (fits_pref(pref, d, t)) liked.push_back(t);
      if (!liked.empty()) return Slot{coach, d, rng_.pick(liked)};
      if (!fallback) fallback = Slot{coach, d, rng_.pick(c)};
    }
    return fallback;
  }

  SessionStatus draw_outcome(bool patient, bool allow_reschedule) {
    const double dna = patient ? 0.04 : 0.06;
    const std::size_t k =
        rng_.weighted({0.82, dna, 0.015, 0.045, 0.02, allow_reschedule ? 0.04 : 0.0});
    static constexpr std::array<SessionStatus, 6> kOut = {
        SessionStatus::Attended,          SessionStatus::ClientDidNotAttend, SessionStatus::CoachDidNotAttend,
        SessionStatus::CancelledByClient, SessionStatus::CancelledByCoach,   SessionStatus::Rescheduled};
    return kOut[k];
  }

  Instant end_of(const Slot& s, const Offer& o) const {
    return local_instant(s.date, s.minute) + minutes(o.session_minutes);
  }

  // ---- organisations and coaches ------------------------------------------------------------------
  void organisations() {
    orgs_ = make_organisations();
    for (const auto& o : orgs_.all) p_.add_organisation(o);  // parents come first in make_organisations
  }

  void coaches() {
    Rng rng(stream_seed(opt_.seed, 1));
    const int n = opt_.coaches;
    const int hwbc = opt_.patients > 0 ? std::max(n >= 3 ? 3 : 0, round_int(n * 0.3)) : 0;
    const int workforce = n - std::min(hwbc, n);
    const std::array<const char*, 3> pcn_offers = {"hwbc_targeted_1to1", "hwbc_clinical_1to1",
                                                   "hwbc_non_clinical_1to1"};
    // A few coaches lack a named safeguarding lead or first contact (found by audit).
    std::set<int> no_lead, no_contact;
    if (n >= 10) {
      no_lead = {n / 3, (2 * n) / 3 + 1};
      no_contact = {n / 2};
    }
    for (int i = 0; i < n; ++i) {
      DemoCoach k;
      Coach& c = k.c;
      c.id = make_id("C", i + 1, 3);
      c.name = person_name(rng);
      c.rota.buffer_minutes = 15;
      const bool is_hwbc = i >= workforce;
      if (!is_hwbc) {
        const int w = i;  // index among workforce coaches
        c.training.push_back(workforce_training(rng, c.memberships));
        c.clinical_background = rng.pick(std::vector<std::string>{
            "", "", "", "", "nurse", "GP", "AHP", "psychologist", "paramedic", "midwife", "pharmacist"});
        const bool edp = w % 5 == 4 || (workforce >= 2 && workforce < 5 && w == workforce - 1);
        c.ethnically_diverse = edp || rng.chance(0.15);
        c.ethnically_diverse_pathway = edp;
        c.offers.push_back("lay_too_1to1");
        if (edp) c.offers.push_back("lay_too_edp_1to1");
        if (w % 2 == 0 || rng.chance(0.2)) c.offers.push_back("lay_team_leader");
        if (w % 5 == 3) {
          c.offers.push_back("lay_team_team");
          c.offers.push_back("lay_team_away_day");
        }
        if (w % 3 == 1 || rng.chance(0.15)) c.offers.push_back("lay_career_1to1");
        if (w % 4 == 2 || rng.chance(0.1)) c.offers.push_back("lay_too_peer");
        c.modalities = {Modality::Video, Modality::Telephone};
        // Rota patterns spread the service over 08:00-22:00, weekdays and weekends.
        auto& wk = c.rota.weekly;
        switch (w % 5) {
          case 0: {
            const int from = rng.chance(0.5) ? 9 * 60 : 8 * 60;
            const auto on = some_days(rng, {0, 1, 2, 3, 4}, static_cast<std::size_t>(rng.between(3, 5)));
            wk = weekly_blocks(on, from, from + 8 * 60);
            break;
          }
          case 1:
            wk = weekly_blocks(some_days(rng, {0, 1, 2, 3, 4}, static_cast<std::size_t>(rng.between(3, 4))), 17 * 60,
                               22 * 60);
            if (rng.chance(0.5)) wk.push_back({6, 18 * 60, 22 * 60});
            break;
          case 2:
            wk = {{5, 8 * 60, 15 * 60}, {6, 10 * 60, 18 * 60}};
            wk.push_back({rng.between(0, 4), 14 * 60, 22 * 60});
            break;
          case 3: {
            // Split shifts on three weekdays, and one long day for team coaching and away days.
            const auto on = some_days(rng, {0, 1, 2, 3, 4}, 4);
            const std::size_t long_day = rng.below(on.size());
            for (std::size_t j = 0; j < on.size(); ++j) {
              if (j == long_day) {
                wk.push_back({on[j], 9 * 60, 17 * 60});
              } else {
                wk.push_back({on[j], 8 * 60, 12 * 60});
                wk.push_back({on[j], 18 * 60, 22 * 60});
              }
            }
            break;
          }
          default:
            wk = weekly_blocks(some_days(rng, {0, 1, 2, 3, 4}, 2), 8 * 60, 20 * 60);
            wk.push_back({5, 9 * 60, 13 * 60});
            break;
        }
        // Patterns that add a block to a day already worked: keep the first of overlapping blocks.
        std::vector<RotaBlock> clean;
        for (const auto& b : wk) {
          bool overlaps = false;
          for (const auto& x : clean)
            if (x.weekday == b.weekday && b.start_min < x.end_min && x.start_min < b.end_min) overlaps = true;
          if (!overlaps) clean.push_back(b);
        }
        wk = clean;
        c.rota.max_sessions_per_day = 6;
        c.rota.max_sessions_per_week = 22;
        c.safeguarding_lead = "Dr Helen Marsh, lead provider clinical safeguarding lead";
        c.first_point_of_contact = "Coaching service duty manager, Looking After You";
      } else {
        const int h = i - workforce;
        k.pcn = h % 3;
        TrainingRecord t;
        t.programme = "PCI-accredited health and wellbeing coaching programme (4 days)";
        t.days = 4;
        t.practice_hours = rng.between(12, 60);
        t.skills_assessed = true;
        t.pci_accredited = true;
        t.completed = random_date(rng, 2020, 2023);
        if (rng.chance(0.4)) {
          TrainingRecord s;
          s.programme = "Health coaching skills (2 days)";
          s.days = 2;
          s.pci_accredited = true;
          s.completed = t.completed - days(rng.between(90, 700));
          c.training.push_back(s);
        }
        c.training.push_back(t);
        if (rng.chance(0.5)) c.memberships.push_back(ProfessionalBody::Ukhca);
        c.clinical_background = rng.pick(std::vector<std::string>{
            "", "", "", "nurse", "AHP", "healthcare assistant", "social prescribing link worker"});
        c.ethnically_diverse = rng.chance(0.25);
        c.offers.push_back(pcn_offers[static_cast<std::size_t>(k.pcn)]);
        c.modalities = {Modality::FaceToFace, Modality::Telephone, Modality::Video};
        const int start = rng.pick(std::vector<int>{8 * 60 + 30, 9 * 60, 10 * 60});
        const int end = start == 10 * 60 ? 18 * 60 + 30 : start + 8 * 60;
        c.rota.weekly = weekly_blocks(some_days(rng, {0, 1, 2, 3, 4}, rng.chance(0.6) ? 5 : 4), start, end);
        c.rota.max_sessions_per_day = 7;
        c.rota.max_sessions_per_week = 30;
        c.safeguarding_lead = "Dr " + person_name(rng) + ", GP safeguarding lead, " +
                              orgs_.pcn_names[static_cast<std::size_t>(k.pcn)];
        c.first_point_of_contact = person_name(rng) + ", PCN personalised care lead";
      }
      if (no_lead.count(i)) c.safeguarding_lead.clear();
      if (no_contact.count(i)) c.first_point_of_contact.clear();
      // Leave and dated changes inside the period.
      const int period_days = 7 * opt_.weeks;
      if (rng.chance(0.35) && period_days > 14) {
        const Date first = opt_.start + days(rng.between(7, period_days - 8));
        c.rota.leave.push_back({first, first + days(rng.between(4, 8))});
      } else if (rng.chance(0.2)) {
        const Date d = opt_.start + days(rng.between(0, period_days - 1));
        c.rota.leave.push_back({d, d});
      }
      if (rng.chance(0.2)) {
        RotaException e;
        e.date = opt_.start + days(rng.between(0, period_days - 1));
        if (rng.chance(0.5)) e.blocks.push_back({0, is_hwbc ? 10 * 60 : 12 * 60, is_hwbc ? 14 * 60 : 20 * 60});
        c.rota.exceptions.push_back(e);
      }
      p_.add_coach(c);
      coaches_.push_back(std::move(k));
    }
  }

  // ---- clients --------------------------------------------------------------------------------------
  void add_client(DemoClient dc) {
    p_.add_client(dc.c);
    clients_.push_back(std::move(dc));
  }

  Instant draw_request(Rng& rng, bool gp_hours, int last_day) {
    for (;;) {
      const Date d = opt_.start + days(rng.between(0, std::max(0, last_day)));
      if (gp_hours && (weekday0(d) >= 5 || is_bank_holiday_england_wales(d))) continue;
      const int m = gp_hours ? rng.between(8 * 60, 18 * 60) : rng.between(7 * 60, 22 * 60 + 30);
      return local_instant(d, m) + boost::posix_time::seconds(rng.between(0, 59));
    }
  }

  void clients() {
    Rng rng(stream_seed(opt_.seed, 2));
    const int history_days = static_cast<int>((as_of_date_ - opt_.start).days());
    for (int i = 0; i < opt_.staff_clients; ++i) {
      DemoClient dc;
      Client& c = dc.c;
      c.id = make_id("ST", i + 1, 4);
      draw_staff(rng, orgs_, 0.35, c);
      c.referral_source = rng.chance(0.9) ? ReferralSource::Self : ReferralSource::Other;
      dc.pref = static_cast<int>(rng.weighted({0.35, 0.25, 0.25, 0.15}));
      dc.modality = rng.chance(0.7) ? Modality::Video : Modality::Telephone;
      const Instant asked = draw_request(rng, false, history_days - 1);
      c.consent.coaching = rng.chance(0.98);
      c.consent.evaluation = rng.chance(0.9);
      c.consent.recorded_at = asked;
      first_request_.push_back(asked);
      add_client(std::move(dc));
    }
    std::set<std::string> nhs_numbers;
    for (int i = 0; i < opt_.patients; ++i) {
      DemoClient dc;
      Client& c = dc.c;
      c.id = make_id("PT", i + 1, 4);
      c.kind = ClientKind::Patient;
      do c.nhs_number = synthetic_nhs_number(rng);
      while (!nhs_numbers.insert(c.nhs_number).second);
      dc.pcn = static_cast<int>(rng.below(orgs_.pcns.size()));
      c.organisation = rng.pick(orgs_.practices[static_cast<std::size_t>(dc.pcn)]);
      const bool targeted = dc.pcn % 3 == 0;
      const int level = targeted ? (rng.chance(0.45) ? 1 : 2) : 1 + static_cast<int>(rng.weighted({0.2, 0.3, 0.3, 0.2}));
      static constexpr std::array<std::pair<double, double>, 4> kRange = {
          {{32.0, 47.0}, {47.1, 55.1}, {55.2, 67.0}, {67.1, 86.0}}};
      const auto [lo, hi] = kRange[static_cast<std::size_t>(level - 1)];
      c.pam_level = level;
      c.pam_score = round1(lo + (hi - lo) * rng.uniform());
      c.pam_score = std::clamp(*c.pam_score, lo, hi);
      c.referral_source = static_cast<ReferralSource>(rng.weighted({0.15, 0.40, 0.35, 0.10}));
      if (rng.chance(0.6)) draw_ethnicity(rng, c);
      dc.pref = rng.chance(0.5) ? 1 : 0;
      dc.modality = static_cast<Modality>(rng.weighted({0.2, 0.3, 0.5}));  // video, telephone, face to face
      const Instant asked = draw_request(rng, c.referral_source != ReferralSource::Self,
                                         std::max(0, history_days * 3 / 5));
      c.consent.coaching = rng.chance(0.98);
      c.consent.evaluation = rng.chance(0.85);
      c.consent.gp_record = rng.chance(0.9);
      c.consent.recorded_at = asked;
      first_request_.push_back(asked);
      add_client(std::move(dc));
    }
  }

  // ---- 1:1 episodes -----------------------------------------------------------------------------------
  std::string staff_offer(const DemoClient& dc) {
    const Client& c = dc.c;
    if (c.ethnically_diverse && rng_.chance(0.45)) return "lay_too_edp_1to1";
    if (c.leader && rng_.chance(0.4)) return "lay_team_leader";
    const std::size_t k = rng_.weighted({0.74, 0.14, 0.12});
    return k == 0 ? "lay_too_1to1" : k == 1 ? "lay_career_1to1" : "lay_too_peer";
  }

  std::vector<std::size_t> coaches_for(const Offer& o, const DemoClient& dc, Modality m) const {
    std::vector<std::size_t> v;
    for (std::size_t k = 0; k < coaches_.size(); ++k) {
      const Coach& c = coaches_[k].c;
      if (std::find(c.offers.begin(), c.offers.end(), o.id) == c.offers.end()) continue;
      if (std::find(c.modalities.begin(), c.modalities.end(), m) == c.modalities.end()) continue;
      if (dc.pcn >= 0 && coaches_[k].pcn != dc.pcn) continue;
      v.push_back(k);
    }
    return v;
  }

  void one_to_one_episodes() {
    for (std::size_t i = 0; i < clients_.size(); ++i) {
      const DemoClient& dc = clients_[i];
      Episode ep;
      ep.client = i;
      ep.ref.id = make_id("R", ++n_referrals_, 4);
      ep.ref.client_id = dc.c.id;
      ep.ref.source = dc.c.referral_source;
      ep.ref.requested_at = first_request_[i];
      if (dc.c.kind == ClientKind::Patient) {
        static constexpr std::array<const char*, 3> kPcnOffer = {"hwbc_targeted_1to1", "hwbc_clinical_1to1",
                                                                 "hwbc_non_clinical_1to1"};
        ep.ref.offer_id = kPcnOffer[static_cast<std::size_t>(dc.pcn % 3)];
        ep.ref.sessions_wanted = rng_.chance(0.5) ? 6 : rng_.between(3, 5);  // agreed six; some choose fewer
      } else {
        ep.ref.offer_id = staff_offer(dc);
        ep.ref.sessions_wanted = 1 + static_cast<int>(rng_.weighted({0.2, 0.22, 0.22, 0.16, 0.12, 0.08}));
      }
      if (rng_.chance(0.35)) ep.ref.preferred_modality = dc.modality;
      if (rng_.chance(0.05)) ep.ref.adjustments = rng_.pick(kAdjustments);
      if (ep.ref.offer_id == "lay_too_peer") {
        ep.group = true;
        peer_.push_back(std::move(ep));
        continue;
      }
      plan_and_book(ep);
      episodes_.push_back(std::move(ep));
    }
  }

  void plan_and_book(Episode& ep) {
    const DemoClient& dc = clients_[ep.client];
    const Offer& o = offers_.at(ep.ref.offer_id);
    const bool patient = dc.c.kind == ClientKind::Patient;
    const Modality mod = dc.modality;
    const std::vector<std::size_t> who = {ep.client};
    std::vector<std::size_t> eligible = dc.c.consent.coaching ? coaches_for(o, dc, mod) : std::vector<std::size_t>{};
    rng_.shuffle(eligible);

    // First session: the earliest slot any coach can offer (rapid access), usually taken.
    const LocalTime asked = local_of(ep.ref.requested_at);
    const Date first_day = patient ? asked.date + days(2) : asked.date;
    const int first_min = patient ? 0 : asked.minute + 30;
    std::optional<Slot> best;
    std::vector<Slot> firsts;
    for (auto k : eligible) {
      for (int i = 0; i < 14; ++i) {
        const Date d = first_day + days(i);
        if (best && d > best->date) break;
        auto c = candidates(k, who, o, d, i == 0 ? first_min : 0);
        if (c.empty()) continue;
        firsts.push_back({k, d, c.front()});
        if (!best || d < best->date || (d == best->date && c.front() < best->minute)) best = firsts.back();
        break;
      }
    }
    std::vector<PlannedSession> plan;
    Instant first_offered{boost::posix_time::not_a_date_time};
    bool future = false, stuck = !best;
    if (best) {
      Slot s = *best;
      if (!rng_.chance(0.7)) {  // the client picks another coach's or day's slot
        const Slot& alt = rng_.pick(firsts);
        auto c = candidates(alt.coach, who, o, alt.date, alt.date == first_day ? first_min : 0);
        s = {alt.coach, alt.date, choose(c, dc.pref, alt.date)};
      }
      ep.coach = s.coach;
      first_offered = local_instant(best->date, best->minute);
      int attended = 0;
      const int wanted = *ep.ref.sessions_wanted;
      for (int n = 0; attended < wanted && n < wanted + 3; ++n) {
        if (n > 0) {
          const Slot& last = plan.back().moved_to ? *plan.back().moved_to : plan.back().slot;
          const int gap = patient ? 7 * (1 + static_cast<int>(rng_.weighted({0.5, 0.45, 0.05})))
                                  : 7 * (1 + static_cast<int>(rng_.weighted({0.4, 0.4, 0.2})));
          auto next = next_slot(*ep.coach, who, o, last.date + days(gap), 7, dc.pref);
          if (!next) { stuck = true; break; }
          s = *next;
        }
        PlannedSession ps;
        ps.slot = s;
        occupy(s, who, o.session_minutes);
        if (end_of(s, o) > as_of_) {
          plan.push_back(ps);
          future = true;
          break;
        }
        ps.outcome = draw_outcome(patient, true);
        SessionStatus effective = ps.outcome;
        if (ps.outcome == SessionStatus::Rescheduled) {
          auto moved = next_slot(s.coach, who, o, s.date + days(1), 8, dc.pref);
          if (!moved) {
            ps.outcome = effective = SessionStatus::CancelledByClient;
          } else {
            ps.moved_to = moved;
            occupy(*moved, who, o.session_minutes);
            if (end_of(*moved, o) > as_of_) {
              plan.push_back(ps);
              future = true;
              break;
            }
            ps.moved_outcome = effective = draw_outcome(patient, false);
          }
        }
        plan.push_back(ps);
        if (effective == SessionStatus::Attended) ++attended;
        // Some clients stop after a missed or cancelled session (the episode ends there).
        if (effective == SessionStatus::ClientDidNotAttend && rng_.chance(0.35)) break;
        if (effective == SessionStatus::CancelledByClient && rng_.chance(0.15)) break;
      }
    }
    ep.ref.closed = !plan.empty() && !future && !stuck;
    p_.add_referral(ep.ref);

    // Book what was planned, through the Programme.
    Instant booked_at = ep.ref.requested_at + minutes(2);
    for (std::size_t n = 0; n < plan.size(); ++n) {
      const PlannedSession& ps = plan[n];
      Session s;
      s.id = next_session_id();
      s.offer_id = o.id;
      s.coach_id = coaches_[ps.slot.coach].c.id;
      s.attendees = {{dc.c.id, ep.ref.id, AttendeeStatus::Booked}};
      s.start = local_instant(ps.slot.date, ps.slot.minute);
      s.minutes = o.session_minutes;
      s.modality = mod;
      s.booked_at = std::min(booked_at, s.start - minutes(1));
      s.requested_at = n == 0 ? ep.ref.requested_at : s.booked_at;
      s.first_offered = n == 0 ? first_offered : s.start;
      s.adjustments = ep.ref.adjustments;
      p_.book(s);
      ep.booked_any = true;
      std::string id = s.id;
      SessionStatus outcome = ps.outcome;
      Instant start = s.start;
      if (ps.moved_to) {
        const std::string new_id = next_session_id();
        start = local_instant(ps.moved_to->date, ps.moved_to->minute);
        p_.reschedule(s.id, new_id, start,
                      std::max(s.booked_at + minutes(5), s.start - hours(rng_.between(2, 48))));
        id = new_id;
        outcome = ps.moved_outcome;
      }
      if (outcome != SessionStatus::Booked) p_.record_outcome(id, outcome);
      const Instant end = start + minutes(o.session_minutes);
      if (outcome == SessionStatus::Attended) {
        ep.held.push_back(id);
        ep.last_held_end = end;
      }
      booked_at = end + minutes(rng_.between(1, 30));
    }
  }

  // ---- peer groups ---------------------------------------------------------------------------------------
  void peer_groups() {
    const Offer& o = offers_.at("lay_too_peer");
    std::vector<std::size_t> coaches;
    for (std::size_t k = 0; k < coaches_.size(); ++k) {
      const auto& of = coaches_[k].c.offers;
      if (std::find(of.begin(), of.end(), o.id) != of.end()) coaches.push_back(k);
    }
    std::vector<Episode> waiting;
    std::stable_sort(peer_.begin(), peer_.end(),
                     [](const Episode& a, const Episode& b) { return a.ref.requested_at < b.ref.requested_at; });
    std::size_t i = 0, group_no = 0;
    while (i < peer_.size()) {
      std::vector<Episode*> members;
      const std::size_t size = static_cast<std::size_t>(rng_.between(4, 8));
      while (i < peer_.size() && members.size() < size) {
        Episode& ep = peer_[i++];
        if (clients_[ep.client].c.consent.coaching && !coaches.empty()) members.push_back(&ep);
        else waiting.push_back(std::move(ep));
      }
      if (members.empty()) continue;
      std::vector<std::size_t> who;
      for (auto* m : members) who.push_back(m->client);
      // Four weekly meetings, evenings preferred, with the first peer coach (in turn) who can start
      // within a fortnight of the last member asking; a week the coach cannot do is skipped.
      auto meeting = [&](std::size_t coach, Date from, int span) -> std::optional<Slot> {
        for (int t = 0; t < span; ++t) {
          const Date d = from + days(t);
          auto c = candidates(coach, who, o, d, 0);
          if (!c.empty()) return Slot{coach, d, choose(c, 2, d)};
        }
        return std::nullopt;
      };
      const Date asked = local_of(members.back()->ref.requested_at).date + days(1);
      std::vector<Slot> meetings;
      std::optional<std::size_t> coach;
      for (std::size_t q = 0; q < coaches.size() && !coach; ++q) {
        const std::size_t k = coaches[(group_no + q) % coaches.size()];
        if (auto s = meeting(k, asked, 14)) {
          coach = k;
          occupy(*s, who, o.session_minutes);
          meetings.push_back(*s);
        }
      }
      ++group_no;
      for (Date from = meetings.empty() ? end_date_ : meetings.back().date + days(7);
           meetings.size() < 4 && from < end_date_; from += days(7)) {
        if (auto s = meeting(*coach, from, 7)) {
          occupy(*s, who, o.session_minutes);
          meetings.push_back(*s);
          from = s->date;
        }
      }
      const bool done = meetings.size() == 4 && end_of(meetings.back(), o) <= as_of_;
      for (auto* m : members) {
        m->ref.closed = done;
        m->coach = coach;
        p_.add_referral(m->ref);
      }
      Instant booked_at = members.back()->ref.requested_at + minutes(5);
      for (std::size_t j = 0; j < meetings.size(); ++j) {
        Session s;
        s.id = next_session_id();
        s.offer_id = o.id;
        s.coach_id = coaches_[*coach].c.id;
        s.start = local_instant(meetings[j].date, meetings[j].minute);
        s.minutes = o.session_minutes;
        s.modality = Modality::Video;
        s.booked_at = std::min(booked_at, s.start - minutes(1));
        s.requested_at = s.booked_at;
        s.first_offered = s.start;
        if (j == 0) {  // the first member books, the others join
          s.attendees = {{clients_[members[0]->client].c.id, members[0]->ref.id, AttendeeStatus::Booked}};
          p_.book(s);
          for (std::size_t k = 1; k < members.size(); ++k)
            p_.join(s.id, {clients_[members[k]->client].c.id, members[k]->ref.id, AttendeeStatus::Booked});
        } else {
          for (auto* m : members) s.attendees.push_back({clients_[m->client].c.id, m->ref.id, AttendeeStatus::Booked});
          p_.book(s);
        }
        for (auto* m : members) m->booked_any = true;
        const Instant end = s.start + minutes(o.session_minutes);
        if (end <= as_of_) {
          if (rng_.chance(0.04)) {
            p_.record_outcome(s.id, SessionStatus::CancelledByCoach);
          } else {
            for (auto* m : members) {
              const auto st = static_cast<AttendeeStatus>(1 + rng_.weighted({0.86, 0.09, 0.05}));
              p_.record_attendance(s.id, clients_[m->client].c.id, st);
              if (st == AttendeeStatus::Attended) {
                m->held.push_back(s.id);
                m->last_held_end = end;
              }
            }
          }
        }
        booked_at = end + minutes(10);
      }
      for (auto* m : members) episodes_.push_back(std::move(*m));
    }
    for (auto& ep : waiting) {
      p_.add_referral(ep.ref);
      episodes_.push_back(std::move(ep));
    }
  }

  // ---- team coaching and a Teams Away Day --------------------------------------------------------------
  void teams() {
    Rng rng(stream_seed(opt_.seed, 3));
    std::vector<std::size_t> team_coaches;
    for (std::size_t k = 0; k < coaches_.size(); ++k) {
      const auto& of = coaches_[k].c.offers;
      if (std::find(of.begin(), of.end(), "lay_team_team") != of.end()) team_coaches.push_back(k);
    }
    if (team_coaches.empty()) return;
    // Staff with consent, by organisation (ODS code order for determinism).
    std::map<std::string, std::vector<std::size_t>> by_org;
    for (std::size_t i = 0; i < clients_.size(); ++i)
      if (clients_[i].c.kind == ClientKind::Staff && clients_[i].c.consent.coaching)
        by_org[clients_[i].c.organisation].push_back(i);
    std::vector<std::pair<std::string, std::vector<std::size_t>>> orgs(by_org.begin(), by_org.end());
    std::stable_sort(orgs.begin(), orgs.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });

    const int n_teams = std::min<int>(static_cast<int>(orgs.size()), std::max(1, opt_.staff_clients / 100));
    const int period_days = 7 * opt_.weeks;
    for (int t = 0; t < n_teams + 1; ++t) {
      const bool away_day = t == n_teams;
      const Offer& o = offers_.at(away_day ? "lay_team_away_day" : "lay_team_team");
      std::vector<std::size_t> pool = orgs[static_cast<std::size_t>(away_day ? 0 : t)].second;
      rng.shuffle(pool);
      const std::size_t size = std::min(pool.size(), static_cast<std::size_t>(away_day ? rng.between(12, 18) : rng.between(5, 9)));
      if (size < 3) continue;
      pool.resize(size);
      // The leader who asked for it goes first.
      std::stable_partition(pool.begin(), pool.end(), [&](std::size_t i) { return clients_[i].c.leader; });
      const std::size_t coach = team_coaches[static_cast<std::size_t>(t) % team_coaches.size()];
      const int sessions = away_day ? 1 : 3;
      const int first_offset = std::max(0, std::min(period_days - 1, rng.between(7, std::max(7, period_days / 2))));
      Date from = opt_.start + days(first_offset);
      std::vector<Slot> slots;
      for (int j = 0; j < sessions; ++j) {
        std::optional<Slot> s;
        for (int k = 0; k < 10 && !s; ++k) {
          const Date d = from + days(k);
          auto c = candidates(coach, pool, o, d, 0);
          if (!c.empty()) s = Slot{coach, d, choose(c, 1, d)};
        }
        if (!s) break;
        occupy(*s, pool, o.session_minutes);
        slots.push_back(*s);
        from = s->date + days(14);
      }
      if (slots.empty()) continue;
      Episode ep;
      ep.client = pool.front();
      ep.group = true;
      ep.coach = coach;
      ep.ref.id = make_id("R", ++n_referrals_, 4);
      ep.ref.client_id = clients_[pool.front()].c.id;
      ep.ref.offer_id = o.id;
      ep.ref.source = ReferralSource::Self;
      const int days_before = rng.between(5, 12);
      ep.ref.requested_at = local_instant(slots.front().date - days(days_before), 0) + hours(rng.between(8, 20));
      ep.ref.sessions_wanted = sessions;
      ep.ref.closed = end_of(slots.back(), o) <= as_of_ && static_cast<int>(slots.size()) == sessions;
      ep.ref.adjustments = away_day ? "Virtual away day: breakout rooms for groups of four" : "";
      p_.add_referral(ep.ref);
      for (std::size_t j = 0; j < slots.size(); ++j) {
        Session s;
        s.id = next_session_id();
        s.offer_id = o.id;
        s.coach_id = coaches_[coach].c.id;
        for (std::size_t m = 0; m < pool.size(); ++m)
          s.attendees.push_back({clients_[pool[m]].c.id, m == 0 ? ep.ref.id : "", AttendeeStatus::Booked});
        s.start = local_instant(slots[j].date, slots[j].minute);
        s.minutes = o.session_minutes;
        s.modality = Modality::Video;
        s.booked_at = std::min(ep.ref.requested_at + hours(1), s.start - minutes(1));
        s.requested_at = ep.ref.requested_at;
        s.first_offered = s.start;
        p_.book(s);
        ep.booked_any = true;
        const Instant end = s.start + minutes(o.session_minutes);
        if (end <= as_of_) {
          for (std::size_t m = 0; m < pool.size(); ++m) {
            const auto st = static_cast<AttendeeStatus>(1 + rng.weighted({0.88, 0.06, 0.06}));
            p_.record_attendance(s.id, clients_[pool[m]].c.id, st);
            if (m == 0 && st == AttendeeStatus::Attended) {
              ep.held.push_back(s.id);
              ep.last_held_end = end;
            }
          }
        }
      }
      episodes_.push_back(std::move(ep));
    }
  }

  // ---- confidential notes and goals ------------------------------------------------------------------------
  void notes_and_goals() {
    Rng rng(stream_seed(opt_.seed, 4));
    static constexpr std::array<const char*, 10> kThemes = {
        "workload and pressure on shift", "returning to work after sickness absence",
        "a difficult conversation with a line manager", "sleep and recovery between night shifts",
        "career options after ten years in the role", "confidence in leading a newly formed team",
        "boundaries between work and home", "managing a long-term condition day to day",
        "getting more active after a heart attack", "feeling isolated since retiring"};
    static constexpr std::array<const char*, 8> kActions = {
        "agreed to try one small change before the next session", "will protect a break on every shift",
        "will draft questions for the conversation with their manager", "set a goal of three 20-minute walks a week",
        "will look at two roles on NHS Jobs and note what appeals", "will keep a short sleep and mood diary",
        "will ask the team what they need from a team meeting", "will try the local walking group on Thursday"};
    static constexpr std::array<const char*, 6> kStaffGoals = {
        "Take my full break on at least three shifts a week", "Have a career conversation with my manager",
        "Say no to extra shifts when I am already at my limit", "Run a team huddle every week",
        "Finish work on time two days a week", "Apply for a band 7 role within six months"};
    static constexpr std::array<const char*, 6> kPatientGoals = {
        "Walk for 20 minutes five days a week", "Take my blood pressure tablets every day",
        "Cut down to two sugary drinks a week", "Join the community cooking course",
        "Get back to the allotment twice a week", "Check my blood sugar before meals"};
    for (auto& ep : episodes_) {
      if (!ep.coach) continue;
      const Coach& coach = coaches_[*ep.coach].c;
      const Viewer as_coach{Audience::Coach, coach.id};
      for (const auto& sid : ep.held) {
        if (ep.group || !rng.chance(0.55)) continue;
        const Session s = p_.session(sid);
        SessionNote n;
        n.id = make_id("N", ++n_notes_, 4);
        n.session_id = sid;
        n.author_id = coach.id;
        n.written_at = s.end() + minutes(rng.between(5, 120));
        n.text = std::string("Explored ") + rng.pick(kThemes);
        n.text += std::string(". Client ") + rng.pick(kActions) + ".";
        p_.add_note(n, as_coach);
      }
      if (ep.held.empty()) continue;
      const bool patient = clients_[ep.client].c.kind == ClientKind::Patient;
      if (!patient && (ep.group || !rng.chance(0.6))) continue;
      const int n_goals = patient ? rng.between(1, 3) : rng.between(1, 2);
      for (int g = 0; g < n_goals; ++g) {
        Goal goal;
        goal.id = make_id("G", ++n_goals_, 4);
        goal.client_id = ep.ref.client_id;
        goal.referral_id = ep.ref.id;
        goal.description = patient ? rng.pick(kPatientGoals) : rng.pick(kStaffGoals);
        goal.baseline = rng.between(1, 5);
        goal.target = std::min(10, *goal.baseline + rng.between(2, 5));
        goal.attainment = ep.ref.closed
                              ? static_cast<GoalAttainment>(2 - static_cast<int>(rng.weighted({0.55, 0.3, 0.15})))
                              : static_cast<GoalAttainment>(rng.weighted({0.5, 0.5}));
        p_.add_goal(goal, as_coach);
        goals_[ep.ref.id].push_back(goal.attainment);
      }
    }
  }

  // ---- questionnaires --------------------------------------------------------------------------------------
  void respond(const Episode& ep, const char* instrument, TimePoint tp, Instant at,
               std::vector<std::optional<int>> answers, std::optional<double> score = std::nullopt) {
    Response r;
    r.id = make_id("Q", ++n_responses_, 5);
    r.client_id = ep.ref.client_id;
    r.referral_id = ep.ref.id;
    r.instrument_id = instrument;
    r.time_point = tp;
    r.recorded_at = at;
    r.answers = std::move(answers);
    r.recorded_score = score;
    p_.add_response(r);
  }

  void responses() {
    Rng rng(stream_seed(opt_.seed, 5));
    for (const auto& ep : episodes_) {
      const Client& c = clients_[ep.client].c;
      if (!ep.booked_any || !c.consent.evaluation) continue;
      const Offer& o = offers_.at(ep.ref.offer_id);
      if (o.format == Format::Team) continue;  // team outcomes are measured differently
      const bool patient = c.kind == ClientKind::Patient;
      const bool career = o.id == "lay_career_1to1";
      const Instant base_at = ep.ref.requested_at + minutes(rng.between(3, 20));
      const bool end = ep.ref.closed && !ep.held.empty() && rng.chance(0.85);
      const Instant end_at = end ? ep.last_held_end + minutes(rng.between(10, 600)) : Instant();
      const int held = static_cast<int>(ep.held.size());
      if (!patient) {
        const double sw = rng.normal(19.6, 4.0), br = rng.normal(12.7, 3.0);
        const int sw_raw = swemwbs_raw_near(sw), br_raw = std::clamp(round_int(br), 4, 20);
        respond(ep, "swemwbs", TimePoint::Baseline, base_at, items_summing(rng, sw_raw, 7, 1, 5));
        respond(ep, "brcs", TimePoint::Baseline, base_at + minutes(2), items_summing(rng, br_raw, 4, 1, 5));
        const int leave = rng.between(3, 5);
        if (career) respond(ep, "intention_to_leave", TimePoint::Baseline, base_at + minutes(3), {leave});
        if (end) {
          const int sw_end = swemwbs_raw_near(swemwbs_metric(sw_raw) + 1.0 + 0.8 * held + rng.normal(0, 3.0));
          const int br_end = std::clamp(round_int(br_raw + 0.6 + 0.45 * held + rng.normal(0, 2.5)), 4, 20);
          respond(ep, "swemwbs", TimePoint::EndOfEpisode, end_at, items_summing(rng, sw_end, 7, 1, 5));
          respond(ep, "brcs", TimePoint::EndOfEpisode, end_at + minutes(2), items_summing(rng, br_end, 4, 1, 5));
          respond(ep, "experience", TimePoint::EndOfEpisode, end_at + minutes(3), experience_answers(rng));
          if (career)
            respond(ep, "intention_to_leave", TimePoint::EndOfEpisode, end_at + minutes(4),
                    {std::max(1, leave - rng.between(0, 2))});
        }
      } else {
        const double pam = *c.pam_score;
        const int conf = std::clamp(2 + (c.pam_level ? *c.pam_level : 2) + rng.between(-1, 1), 1, 10);
        respond(ep, "pam", TimePoint::Baseline, base_at, {}, pam);
        respond(ep, "confidence", TimePoint::Baseline, base_at + minutes(2), {conf});
        if (end) {
          respond(ep, "pam", TimePoint::EndOfEpisode, end_at, {}, std::clamp(round1(pam + rng.normal(4.0, 4.0)), 0.0, 100.0));
          respond(ep, "confidence", TimePoint::EndOfEpisode, end_at + minutes(2),
                  {std::min(10, conf + rng.between(0, 4))});
          if (auto it = goals_.find(ep.ref.id); it != goals_.end()) {
            std::vector<std::optional<int>> a(5);
            for (std::size_t g = 0; g < it->second.size() && g < 5; ++g) a[g] = static_cast<int>(it->second[g]);
            respond(ep, "goals", TimePoint::EndOfEpisode, end_at + minutes(3), a);
          }
          respond(ep, "experience", TimePoint::EndOfEpisode, end_at + minutes(4), experience_answers(rng));
        }
      }
    }
  }

  // ---- supervision ----------------------------------------------------------------------------------------
  void supervision() {
    Rng rng(stream_seed(opt_.seed, 6));
    const std::array<std::string, 4> hc_supervisors = {
        "Marion Hale (PCI-assured supervisor)", "Dev Raman (PCI-assured supervisor)",
        "Siobhan Doyle (PCI-assured supervisor)", "Peer supervision group, Ruth Adebayo (PCI-assured)"};
    // Some coaches are overdue: stopped health coaching supervision, clinical, line management,
    // or saw a supervisor who is not PCI-assured (which does not count).
    std::vector<int> order(static_cast<std::size_t>(opt_.coaches));
    for (int i = 0; i < opt_.coaches; ++i) order[static_cast<std::size_t>(i)] = i;
    rng.shuffle(order);
    std::map<int, int> overdue;  // coach -> kind of lapse 0..3
    for (int j = 0; j < std::min(4, opt_.coaches / 8); ++j) overdue[order[static_cast<std::size_t>(j)]] = j;
    const Date earliest = opt_.start - days(120);
    for (int i = 0; i < opt_.coaches; ++i) {
      const Coach& c = coaches_[static_cast<std::size_t>(i)].c;
      const int lapse = overdue.count(i) ? overdue[i] : -1;
      auto series = [&](SupervisionKind kind, int first_ago_lo, int first_ago_hi, int step_lo, int step_hi) {
        Date d = as_of_date_ - days(rng.between(first_ago_lo, first_ago_hi));
        for (; d >= earliest; d -= days(rng.between(step_lo, step_hi))) {
          SupervisionRecord r;
          r.id = make_id("SV", ++n_supervision_, 4);
          r.coach_id = c.id;
          r.kind = kind;
          r.date = d;
          if (kind == SupervisionKind::HealthCoaching) {
            r.group = rng.chance(0.3);
            r.supervisor = r.group ? hc_supervisors[3] : hc_supervisors[rng.below(3)];
            r.pci_assured = true;
            if (lapse == 3 && d > as_of_date_ - days(70)) {
              r.supervisor = "Informal peer catch-up (supervisor not PCI-assured)";
              r.pci_assured = false;
              r.group = false;
            }
            r.minutes = r.group ? 90 : 60;
          } else if (kind == SupervisionKind::Clinical) {
            r.supervisor = coaches_[static_cast<std::size_t>(i)].pcn >= 0 ? "Dr Anil Mehta (GP clinical supervisor)"
                                                                            : "Dr Sarah Okafor (clinical psychologist)";
            r.minutes = 60;
          } else {
            r.supervisor = coaches_[static_cast<std::size_t>(i)].pcn >= 0 ? "Janet Price (PCN operations manager)"
                                                                            : "Mark Ellis (coaching service manager)";
            r.minutes = 45;
          }
          p_.add_supervision(r);
        }
      };
      series(SupervisionKind::HealthCoaching, lapse == 0 ? 38 : 1, lapse == 0 ? 60 : 24, 25, 30);
      series(SupervisionKind::Clinical, lapse == 1 ? 35 : 2, lapse == 1 ? 50 : 26, 25, 30);
      series(SupervisionKind::LineManagement, lapse == 2 ? 95 : 5, lapse == 2 ? 110 : 80, 80, 88);
    }
  }

  // ---- safeguarding ---------------------------------------------------------------------------------------
  void safeguarding() {
    // Three concerns from held 1:1 sessions: two escalated promptly, the latest not escalated.
    struct Pick {
      const Episode* ep;
      std::string session;
      Instant end;
    };
    std::vector<Pick> staff, patients;
    for (const auto& ep : episodes_) {
      if (ep.group || ep.held.empty() || !ep.coach) continue;
      const Instant end = ep.last_held_end;
      if (end > as_of_ - hours(30)) continue;
      (clients_[ep.client].c.kind == ClientKind::Patient ? patients : staff).push_back({&ep, ep.held.back(), end});
    }
    auto latest = [](std::vector<Pick>& v) {
      std::stable_sort(v.begin(), v.end(), [](const Pick& a, const Pick& b) { return a.end < b.end; });
    };
    latest(staff);
    latest(patients);
    std::vector<std::pair<Pick, SafeguardingCategory>> chosen;
    if (!staff.empty()) chosen.push_back({staff[(staff.size() - 1) / 2], SafeguardingCategory::MentalHealth});
    if (!patients.empty()) chosen.push_back({patients[patients.size() / 2], SafeguardingCategory::DomesticViolence});
    if (staff.size() > 1) chosen.push_back({staff.back(), SafeguardingCategory::SelfHarm});
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const auto& [pick, category] = chosen[i];
      const Coach& coach = coaches_[*pick.ep->coach].c;
      SafeguardingConcern c;
      c.id = make_id("SG", static_cast<long long>(i + 1), 3);
      c.coach_id = coach.id;
      c.client_id = pick.ep->ref.client_id;
      c.session_id = pick.session;
      c.category = category;
      c.raised_at = pick.end + minutes(10);
      p_.raise_concern(c);
      if (i + 1 < chosen.size() || chosen.size() < 3) {
        const std::string to = coach.safeguarding_lead.empty() ? "Dr Helen Marsh, lead provider clinical safeguarding lead"
                                                               : coach.safeguarding_lead;
        p_.escalate_concern(c.id, to, c.raised_at + minutes(i == 0 ? 95 : 40));
      }
    }
  }

  // ---- training cohorts --------------------------------------------------------------------------------------
  void training() {
    Rng rng(stream_seed(opt_.seed, 7));
    if (opt_.trainees <= 0) return;
    struct Prof {
      const char* profession;
      const char* sector;
      int org;  // 0 practice, 1 PCN, 2 community, 3 mental health, 4 acute, 5 council, 6 charity
    };
    static constexpr std::array<Prof, 10> kProfs = {{
        {"social prescribing link worker", "gp_practice", 1}, {"care coordinator", "gp_practice", 1},
        {"practice nurse", "gp_practice", 0},                  {"care navigator", "gp_practice", 0},
        {"district nurse", "community", 2},                     {"community physiotherapist", "community", 2},
        {"mental health practitioner", "mental_health", 3},     {"ward sister", "acute", 4},
        {"social worker", "social_care", 5},                    {"voluntary sector support worker", "voluntary", 6},
    }};
    const int cohorts = opt_.trainees > 20 ? 2 : 1;
    int made = 0;
    for (int k = 0; k < cohorts; ++k) {
      TrainingCohort c;
      c.id = make_id("TC", k + 1, 2);
      c.name = "Coaching skills for health and care staff (2 days), cohort " + std::to_string(k + 1);
      c.days = 2;
      Date d = opt_.start + days(k == 0 ? 15 : std::max(16, 7 * opt_.weeks / 2 + 1));
      while (weekday0(d) >= 4) d += days(1);  // two consecutive weekdays
      c.start = d;
      c.organisation = orgs_.pcns[static_cast<std::size_t>(k) % orgs_.pcns.size()];
      p_.add_cohort(c);
      const int size = k + 1 < cohorts ? opt_.trainees / 2 : opt_.trainees - made;
      for (int i = 0; i < size; ++i) {
        const Prof& p = rng.pick(kProfs);
        Trainee t;
        t.id = make_id("TR", ++made, 3);
        t.cohort_id = c.id;
        t.profession = p.profession;
        t.sector = p.sector;
        switch (p.org) {
          case 0: t.organisation = rng.pick(rng.pick(orgs_.practices)); break;
          case 1: t.organisation = rng.pick(orgs_.pcns); break;
          case 2: t.organisation = orgs_.community; break;
          case 3: t.organisation = orgs_.mental_health; break;
          case 4: t.organisation = orgs_.acute; break;
          case 5: t.organisation = orgs_.council; break;
          default: t.organisation = orgs_.charity; break;
        }
        t.days_attended = rng.chance(0.9) ? 2 : 1;
        if (rng.chance(0.9)) t.confidence_before = rng.between(2, 6);
        if (t.days_attended == 2 && rng.chance(0.85))
          t.confidence_after = std::min(10, (t.confidence_before ? *t.confidence_before : 4) + rng.between(1, 4));
        t.champion = t.days_attended == 2 && rng.chance(0.2);
        p_.add_trainee(t);
      }
    }
  }

  const DemoOptions opt_;
  const Instant as_of_;
  const Date as_of_date_;
  const Date end_date_;  // first day after the period
  Programme p_;
  Rng rng_{stream_seed(opt_.seed, 0)};
  OrgSet orgs_;
  std::map<std::string, Offer> offers_;
  std::vector<DemoCoach> coaches_;
  std::vector<DemoClient> clients_;
  std::vector<Instant> first_request_;  // per client
  std::vector<Episode> episodes_, peer_;
  std::map<std::string, std::vector<GoalAttainment>> goals_;  // referral -> goal attainments
  long long n_sessions_ = 0, n_referrals_ = 0, n_notes_ = 0, n_goals_ = 0, n_responses_ = 0, n_supervision_ = 0;
};

void check_options(const DemoOptions& o) {
  auto bad = [](const char* field, const std::string& why) {
    throw ValidationError("demo_options", ErrorField(field), "demo_option_range"_rule, why);
  };
  if (o.coaches < 0) bad("coaches", "coaches must be >= 0");
  if (o.staff_clients < 0) bad("staff_clients", "staff_clients must be >= 0");
  if (o.patients < 0) bad("patients", "patients must be >= 0");
  if (o.trainees < 0) bad("trainees", "trainees must be >= 0");
  if (o.weeks < 1 || o.weeks > 520) bad("weeks", "weeks must be 1..520");
  if (o.future_weeks < 0 || o.future_weeks >= o.weeks) bad("future_weeks", "future_weeks must be 0..weeks-1");
  if (o.start.is_special() || o.start.year() < 1990 || o.start.year() > 2990) bad("start", "start must be a real date");
}

}  // namespace

Instant as_of(const DemoOptions& options) {
  check_options(options);
  return local_instant(options.start + days(7L * (options.weeks - options.future_weeks)), 9 * 60);
}

ProgrammeData make_demo(const DemoOptions& options) {
  check_options(options);
  return DemoBuilder(options).build();
}

// ============================================================================ make_evaluation_demo

ProgrammeData make_evaluation_demo(int people, std::uint64_t seed) {
  if (people < 0) throw ValidationError("evaluation_demo", "people", "non_negative"_rule, "people must be >= 0");
  Rng rng(stream_seed(seed, 100));
  ProgrammeData d;
  d.catalogue = default_catalogue();
  const OrgSet orgs = make_organisations();
  d.organisations = orgs.all;

  const Date start(2022, boost::gregorian::Apr, 4);
  const int referral_days = 364;
  const int total_days = referral_days + 7 * 20 + 30;
  const int start_weekday = weekday0(start);

  // ---- coaches: workforce coaches, a fifth on the ethnically diverse pathway -------------------
  const int n_coaches = std::max(12, (people + 149) / 150);
  const int width_c = std::max(3, static_cast<int>(std::to_string(n_coaches).size()));
  struct EvalCoach {
    std::uint8_t workdays = 0;  // bit per weekday
    int block_start = 0;        // minutes; 8 hourly slots from here
  };
  std::vector<EvalCoach> ec(static_cast<std::size_t>(n_coaches));
  std::vector<std::size_t> general, pathway;
  for (int i = 0; i < n_coaches; ++i) {
    Coach c;
    c.id = make_id("EC", i + 1, width_c);
    c.name = person_name(rng);
    c.training.push_back(workforce_training(rng, c.memberships));
    const bool edp = i % 5 == 4;
    c.ethnically_diverse = edp || rng.chance(0.15);
    c.ethnically_diverse_pathway = edp;
    c.offers = {"lay_too_1to1", "lay_team_leader", "lay_career_1to1"};
    if (edp) c.offers.push_back("lay_too_edp_1to1");
    c.modalities = {Modality::Video, Modality::Telephone};
    EvalCoach& e = ec[static_cast<std::size_t>(i)];
    e.block_start = std::array<int, 3>{8 * 60, 10 * 60, 14 * 60}[static_cast<std::size_t>(i % 3)];
    for (int wd : some_days(rng, {0, 1, 2, 3, 4, 5, 6}, 5)) {
      e.workdays = static_cast<std::uint8_t>(e.workdays | (1u << wd));
      c.rota.weekly.push_back({wd, e.block_start, e.block_start + 8 * 60});
    }
    c.rota.max_sessions_per_day = 6;
    c.rota.max_sessions_per_week = 30;
    c.safeguarding_lead = "Dr Helen Marsh, lead provider clinical safeguarding lead";
    c.first_point_of_contact = "Coaching service duty manager, Looking After You";
    d.coaches.push_back(std::move(c));
    (edp ? pathway : general).push_back(static_cast<std::size_t>(i));
  }
  // Slots used per coach and day: 8 hourly slots, at most 6 used.
  std::vector<std::uint8_t> used(static_cast<std::size_t>(n_coaches) * static_cast<std::size_t>(total_days), 0);
  auto free_slot = [&](std::size_t coach, int day, int earliest_min) -> int {  // slot index or -1
    if (day < 0 || day >= total_days) return -1;
    if (!(ec[coach].workdays & (1u << ((start_weekday + day) % 7)))) return -1;
    const std::uint8_t m = used[coach * static_cast<std::size_t>(total_days) + static_cast<std::size_t>(day)];
    if (std::popcount(m) >= 6) return -1;
    for (int s = 0; s < 8; ++s)
      if (!(m & (1u << s)) && ec[coach].block_start + 60 * s >= earliest_min) return s;
    return -1;
  };
  auto random_free_slot = [&](std::size_t coach, int day) -> int {
    if (free_slot(coach, day, 0) < 0) return -1;
    const std::uint8_t m = used[coach * static_cast<std::size_t>(total_days) + static_cast<std::size_t>(day)];
    for (;;) {
      const int s = static_cast<int>(rng.below(8));
      if (!(m & (1u << s))) return s;
    }
  };
  auto take = [&](std::size_t coach, int day, int slot) {
    used[coach * static_cast<std::size_t>(total_days) + static_cast<std::size_t>(day)] |=
        static_cast<std::uint8_t>(1u << slot);
  };

  // ---- people --------------------------------------------------------------------------------
  const std::size_t n = static_cast<std::size_t>(people);
  const int width = std::max(6, static_cast<int>(std::to_string(people).size()));
  const int width_s = width + 1;
  std::vector<int> dose(n);
  std::vector<std::size_t> episode_first_session(n);
  d.clients.reserve(n);
  d.referrals.reserve(n);
  d.sessions.reserve(n * 4);
  std::vector<Instant> base_at(n), end_at(n);
  long long n_sessions = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Client c;
    c.id = make_id("E", static_cast<long long>(i + 1), width);
    draw_staff(rng, orgs, 0.8, c);
    const int r_day = rng.between(0, referral_days - 1);
    const int r_min = rng.between(7 * 60, 21 * 60 + 30);
    const Instant asked = local_instant(start + days(r_day), r_min) + boost::posix_time::seconds(rng.between(0, 59));
    c.consent = {true, true, false, asked};
    const Modality mod = rng.chance(0.7) ? Modality::Video : Modality::Telephone;

    Referral r;
    r.id = make_id("ER", static_cast<long long>(i + 1), width);
    r.client_id = c.id;
    r.source = ReferralSource::Self;
    r.requested_at = asked;
    if (c.ethnically_diverse && rng.chance(0.35)) r.offer_id = "lay_too_edp_1to1";
    else if (c.leader && rng.chance(0.3)) r.offer_id = "lay_team_leader";
    else r.offer_id = rng.chance(0.1) ? "lay_career_1to1" : "lay_too_1to1";
    if (rng.chance(0.3)) r.preferred_modality = mod;
    dose[i] = 1 + static_cast<int>(rng.weighted({0.16, 0.20, 0.20, 0.18, 0.14, 0.12}));
    r.sessions_wanted = dose[i];
    r.closed = true;
    const int length = r.offer_id == "lay_too_1to1" || r.offer_id == "lay_too_edp_1to1" ? 45 : 60;
    const std::vector<std::size_t>& pool = r.offer_id == "lay_too_edp_1to1" ? pathway : general;

    // First session: the earliest free slot of any suitable coach from 30 minutes after asking.
    std::size_t coach = 0;
    int day = -1, slot = -1;
    for (int dd = r_day; dd < r_day + 30 && slot < 0; ++dd) {
      const std::size_t off = rng.below(pool.size());
      for (std::size_t k = 0; k < pool.size() && slot < 0; ++k) {
        coach = pool[(off + k) % pool.size()];
        slot = free_slot(coach, dd, dd == r_day ? r_min + 30 : 0);
        day = dd;
      }
    }
    if (slot < 0) throw InternalError("evaluation demo: no free slot (coach capacity)");
    const Instant offered = local_instant(start + days(day), ec[coach].block_start + 60 * slot);
    if (!rng.chance(0.8)) {  // the client prefers a later day with the same coach
      for (int t = 1; t <= 4; ++t)
        if (int s = random_free_slot(coach, day + t); s >= 0) { day += t; slot = s; break; }
    }
    // Sessions: `dose` attended, and for some people one missed session along the way.
    const int dna_at = rng.chance(0.08) ? rng.between(1, dose[i]) : -1;
    const int total = dose[i] + (dna_at >= 0 ? 1 : 0);
    Instant booked = asked + minutes(1);
    Instant last_end;
    for (int k = 0; k < total; ++k) {
      if (k > 0) {
        int next_day = day + 7 * (1 + static_cast<int>(rng.weighted({0.5, 0.35, 0.15})));
        slot = -1;
        for (int t = 0; t < 14 && slot < 0; ++t) {
          slot = random_free_slot(coach, next_day + t);
          if (slot >= 0) next_day += t;
        }
        for (int t = 0; slot < 0 && t < 14; ++t) {  // the coach is away: another coach that week
          const std::size_t off = rng.below(pool.size());
          for (std::size_t q = 0; q < pool.size() && slot < 0; ++q) {
            coach = pool[(off + q) % pool.size()];
            slot = random_free_slot(coach, next_day + t);
            if (slot >= 0) next_day += t;
          }
        }
        if (slot < 0) throw InternalError("evaluation demo: no free slot (coach capacity)");
        day = next_day;
      }
      take(coach, day, slot);
      const bool missed = k == dna_at;
      Session s;
      s.id = make_id("ES", ++n_sessions, width_s);
      s.offer_id = r.offer_id;
      s.coach_id = d.coaches[coach].id;
      s.attendees = {{c.id, r.id, missed ? AttendeeStatus::DidNotAttend : AttendeeStatus::Attended}};
      s.start = local_instant(start + days(day), ec[coach].block_start + 60 * slot);
      s.minutes = length;
      s.modality = mod;
      s.status = missed ? SessionStatus::ClientDidNotAttend : SessionStatus::Attended;
      s.booked_at = std::min(booked, s.start - minutes(1));
      s.requested_at = k == 0 ? asked : s.booked_at;
      s.first_offered = k == 0 ? offered : s.start;
      last_end = s.end();
      booked = last_end + minutes(rng.between(1, 20));
      d.sessions.push_back(std::move(s));
    }
    base_at[i] = asked + minutes(rng.between(3, 20));
    end_at[i] = last_end + hours(rng.between(1, 48));
    d.clients.push_back(std::move(c));
    d.referrals.push_back(std::move(r));
  }

  // ---- outcomes, calibrated to the anchor means, with change growing with dose ----------------
  std::vector<int> sw_b(n), sw_e(n), br_b(n), br_e(n);
  std::vector<double> sw_noise(n), br_noise(n);
  std::array<std::vector<std::size_t>, 7> by_dose;
  std::vector<std::size_t> everyone(n);
  double dose_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double z1 = rng.normal(0, 1), z2 = 0.5 * z1 + 0.866 * rng.normal(0, 1);
    sw_b[i] = swemwbs_raw_near(kAnchorSwemwbsBefore + 3.9 * z1);
    br_b[i] = std::clamp(round_int(kAnchorBrcsBefore + 3.0 * z2), 4, 20);
    sw_noise[i] = rng.normal(0, 3.5);
    br_noise[i] = rng.normal(0, 2.6);
    by_dose[static_cast<std::size_t>(dose[i])].push_back(i);
    everyone[i] = i;
    dose_sum += dose[i];
  }
  calibrate_mean(sw_b, everyone, kAnchorSwemwbsBefore, 7, 35, swemwbs_metric, rng);
  calibrate_mean(br_b, everyone, kAnchorBrcsBefore, 4, 20, identity_score, rng);
  const double mean_dose = n ? dose_sum / static_cast<double>(n) : 0;
  for (int k = 1; k <= 6; ++k) {
    const auto& g = by_dose[static_cast<std::size_t>(k)];
    if (g.empty()) continue;
    // Change for this dose: the anchor change plus a dose slope, with noise centred in the group.
    const double sw_change = (kAnchorSwemwbsAfter - kAnchorSwemwbsBefore) + 0.8 * (k - mean_dose);
    const double br_change = (kAnchorBrcsAfter - kAnchorBrcsBefore) + 0.45 * (k - mean_dose);
    double sw_noise_mean = 0, br_noise_mean = 0, sw_base_mean = 0, br_base_mean = 0;
    for (auto i : g) {
      sw_noise_mean += sw_noise[i];
      br_noise_mean += br_noise[i];
      sw_base_mean += swemwbs_metric(sw_b[i]);
      br_base_mean += br_b[i];
    }
    const double m = static_cast<double>(g.size());
    sw_noise_mean /= m;
    br_noise_mean /= m;
    sw_base_mean /= m;
    br_base_mean /= m;
    for (auto i : g) {
      sw_e[i] = swemwbs_raw_near(swemwbs_metric(sw_b[i]) + sw_change + sw_noise[i] - sw_noise_mean);
      br_e[i] = std::clamp(round_int(br_b[i] + br_change + br_noise[i] - br_noise_mean), 4, 20);
    }
    calibrate_mean(sw_e, g, sw_base_mean + sw_change, 7, 35, swemwbs_metric, rng);
    calibrate_mean(br_e, g, br_base_mean + br_change, 4, 20, identity_score, rng);
  }

  // ---- item-level responses -------------------------------------------------------------------
  d.responses.reserve(5 * n);
  long long n_responses = 0;
  auto respond = [&](std::size_t i, const char* instrument, TimePoint tp, Instant at,
                     std::vector<std::optional<int>> answers) {
    Response r;
    r.id = make_id("EQ", ++n_responses, width_s);
    r.client_id = d.clients[i].id;
    r.referral_id = d.referrals[i].id;
    r.instrument_id = instrument;
    r.time_point = tp;
    r.recorded_at = at;
    r.answers = std::move(answers);
    d.responses.push_back(std::move(r));
  };
  for (std::size_t i = 0; i < n; ++i) {
    respond(i, "swemwbs", TimePoint::Baseline, base_at[i], items_summing(rng, sw_b[i], 7, 1, 5));
    respond(i, "brcs", TimePoint::Baseline, base_at[i] + minutes(2), items_summing(rng, br_b[i], 4, 1, 5));
    respond(i, "swemwbs", TimePoint::EndOfEpisode, end_at[i], items_summing(rng, sw_e[i], 7, 1, 5));
    respond(i, "brcs", TimePoint::EndOfEpisode, end_at[i] + minutes(2), items_summing(rng, br_e[i], 4, 1, 5));
    respond(i, "experience", TimePoint::EndOfEpisode, end_at[i] + minutes(3), experience_answers(rng));
  }
  return d;
}

}  // namespace laycoach::demo
