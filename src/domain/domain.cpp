// Small domain rules that need no state: NHS number check digit, ODS code shape,
// coach accreditation, disclosure of a single count, the default catalogue.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "laycoach/audience.hpp"
#include "laycoach/catalogue.hpp"
#include "laycoach/client.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/error.hpp"
#include "laycoach/organisation.hpp"

namespace laycoach {

bool nhs_number_valid(std::string_view s) noexcept {
  int digits[10];
  int n = 0;
  for (char ch : s) {
    if (ch == ' ') continue;
    if (ch < '0' || ch > '9' || n == 10) return false;
    digits[n++] = ch - '0';
  }
  if (n != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += digits[i] * (10 - i);
  int check = 11 - (sum % 11);
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9];
}

std::string nhs_number_canonical(std::string_view s) {
  if (!nhs_number_valid(s))
    throw ValidationError("", "nhs_number", "nhs_number_modulus_11"_rule,
                          "'" + std::string(s) + "' is not a valid NHS number (10 digits, Modulus 11 check digit)");
  std::string out;
  out.reserve(10);
  for (char ch : s)
    if (ch != ' ') out += ch;
  return out;
}

std::string nhs_number_display(std::string_view s) {
  const std::string d = nhs_number_canonical(s);
  return d.substr(0, 3) + ' ' + d.substr(3, 3) + ' ' + d.substr(6);
}

bool ods_code_valid(std::string_view s) noexcept {
  if (s.size() < 3 || s.size() > 10) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

const std::vector<std::string>& afc_bands() {
  static const std::vector<std::string> bands = {"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"};
  return bands;
}

int max_training_days(const Coach& c) noexcept {
  int d = 0;
  for (const auto& t : c.training) d = std::max(d, t.days);
  return d;
}

bool meets(const Coach& c, const AccreditationRequirement& req) noexcept {
  if (max_training_days(c) < req.min_training_days) return false;
  if (req.skills_assessment &&
      std::none_of(c.training.begin(), c.training.end(), [](const auto& t) { return t.skills_assessed; }))
    return false;
  if (req.practice_hours &&
      std::none_of(c.training.begin(), c.training.end(), [](const auto& t) { return t.practice_hours > 0; }))
    return false;
  if (req.professional_body && c.memberships.empty()) return false;
  return true;
}

Catalogue default_catalogue() {
  Catalogue c;
  c.service_lines = {
      {"lay_too", "Looking After You Too", ServiceKind::Workforce},
      {"lay_too_edp", "Looking After You Too - ethnically diverse pathway", ServiceKind::Workforce},
      {"lay_team", "Looking After Your Team", ServiceKind::Workforce},
      {"lay_career", "Looking After Your Career", ServiceKind::Workforce},
      {"hwbc_targeted", "Health and wellbeing coaching - targeted", ServiceKind::PatientTargeted},
      {"hwbc_clinical", "Health and wellbeing coaching - clinical", ServiceKind::PatientClinical},
      {"hwbc_non_clinical", "Health and wellbeing coaching - non-clinical", ServiceKind::PatientNonClinical},
  };
  AccreditationRequirement workforce_acc;
  workforce_acc.professional_body = true;
  AccreditationRequirement hwbc_acc;
  hwbc_acc.min_training_days = 4;
  hwbc_acc.skills_assessment = true;
  hwbc_acc.practice_hours = true;

  auto workforce = [&](std::string id, std::string line, std::string name, Format f, int minutes,
                       int capacity) {
    Offer o;
    o.id = std::move(id);
    o.service_line_id = std::move(line);
    o.name = std::move(name);
    o.format = f;
    o.session_minutes = minutes;
    o.capacity = capacity;
    o.accreditation = workforce_acc;
    return o;
  };
  c.offers.push_back(workforce("lay_too_1to1", "lay_too", "Wellbeing coaching 1:1", Format::OneToOne, 45, 1));
  c.offers.push_back(workforce("lay_too_peer", "lay_too", "Peer wellbeing group coaching", Format::Group, 90, 8));
  Offer edp = workforce("lay_too_edp_1to1", "lay_too_edp", "Culturally responsive coaching 1:1",
                        Format::OneToOne, 45, 1);
  edp.ethnically_diverse_pathway = true;
  edp.eligibility.ethnically_diverse_only = true;
  c.offers.push_back(edp);
  Offer leader = workforce("lay_team_leader", "lay_team", "Coaching for leaders and managers 1:1",
                           Format::OneToOne, 60, 1);
  leader.eligibility.leaders_only = true;
  c.offers.push_back(leader);
  c.offers.push_back(workforce("lay_team_team", "lay_team", "Team coaching", Format::Team, 90, 12));
  Offer away = workforce("lay_team_away_day", "lay_team", "Teams Away Day (virtual)", Format::Team, 240, 20);
  away.modalities = {Modality::Video};
  c.offers.push_back(away);
  c.offers.push_back(workforce("lay_career_1to1", "lay_career", "Career coaching 1:1", Format::OneToOne, 60, 1));

  // PCN health and wellbeing coaching: GP core hours, closed on bank holidays, six agreed sessions.
  OpeningHours gp_hours;
  for (int d = 0; d < 7; ++d) gp_hours.days[d] = d < 5 ? DayHours{8 * 60, 18 * 60 + 30} : DayHours{0, 0};
  gp_hours.open_on_bank_holidays = false;
  auto patient = [&](std::string id, std::string line, std::string name, std::optional<int> max_pam) {
    Offer o;
    o.id = std::move(id);
    o.service_line_id = std::move(line);
    o.name = std::move(name);
    o.format = Format::OneToOne;
    o.session_minutes = 45;
    o.capacity = 1;
    o.modalities = {Modality::FaceToFace, Modality::Telephone, Modality::Video};
    o.hours = gp_hours;
    o.eligibility.client_kinds = {ClientKind::Patient};
    o.eligibility.max_pam_level = max_pam;
    o.accreditation = hwbc_acc;
    o.agreed_sessions = 6;
    return o;
  };
  c.offers.push_back(patient("hwbc_targeted_1to1", "hwbc_targeted", "Targeted health coaching (PAM level 1-2)", 2));
  c.offers.push_back(patient("hwbc_clinical_1to1", "hwbc_clinical", "Clinical health coaching", std::nullopt));
  c.offers.push_back(patient("hwbc_non_clinical_1to1", "hwbc_non_clinical", "Non-clinical health coaching", std::nullopt));
  return c;
}

}  // namespace laycoach

namespace laycoach {

// ---- disclosure policy: validation and the service's floor -------------------------------------

void validate(const SuppressionPolicy& policy) {
  auto bad = [](const char* field, const std::string& detail) {
    throw ValidationError("suppression_policy", ErrorField(field), "policy_range"_rule, detail);
  };
  if (policy.min_count < 1) bad("min_count", "min_count must be >= 1, got " + std::to_string(policy.min_count));
  if (policy.round_to < 1) bad("round_to", "round_to must be >= 1, got " + std::to_string(policy.round_to));
  if (policy.max_perturbation < 0 || policy.max_perturbation > 20)
    bad("max_perturbation", "max_perturbation must be in [0, 20], got " + std::to_string(policy.max_perturbation));
  if (!(policy.magnitude_noise >= 0.0 && policy.magnitude_noise <= 1.0))
    bad("magnitude_noise", "magnitude_noise must be in [0, 1], got " + std::to_string(policy.magnitude_noise));
}

const char* weaker_member(const SuppressionPolicy& p, const SuppressionPolicy& floor) noexcept {
  if (p.min_count < floor.min_count) return "min_count";
  if (p.round_to < floor.round_to) return "round_to";
  if (floor.cell_key && !p.cell_key) return "cell_key";
  if (floor.cell_key && p.max_perturbation < floor.max_perturbation) return "max_perturbation";
  if (p.magnitude_noise < floor.magnitude_noise) return "magnitude_noise";
  if (p.exact_statistics && !floor.exact_statistics) return "exact_statistics";
  return nullptr;
}

void require_floor(const SuppressionPolicy& policy, const SuppressionPolicy& floor) {
  validate(policy);
  if (const char* member = weaker_member(policy, floor))
    throw ForbiddenError("policy", ErrorField(member),
                         std::string("the requested disclosure policy is weaker than the service's floor in '") +
                             member + "'; aggregate audiences get at least the service's protection",
                         "policy_below_floor"_rule);
}

}  // namespace laycoach
