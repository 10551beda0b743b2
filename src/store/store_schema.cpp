#include "store_schema.hpp"

#include <functional>
#include <string_view>

#include "crypto.hpp"

namespace laycoach::store_schema {

namespace {
Column key(const char* name, const char* ptr) { return {name, ptr, 'T', false}; }
Column text(const char* name, const char* ptr) { return {name, ptr, 'T', false}; }
Column ref(const char* name, const char* ptr, const char* to) { return {name, ptr, 'T', false, to}; }
Column optref(const char* name, const char* ptr, const char* to) { return {name, ptr, 'T', true, to}; }
Column integer(const char* name, const char* ptr) { return {name, ptr, 'I', false}; }
Column real(const char* name, const char* ptr) { return {name, ptr, 'R', false}; }
Column boolean(const char* name, const char* ptr) { return {name, ptr, 'B', false}; }
Column instant(const char* name, const char* ptr) { return {name, ptr, 'S', false}; }
Column date(const char* name, const char* ptr) { return {name, ptr, 'D', false}; }
/// Optional text ("" is NULL) added in schema version v.
Column optext_since(const char* name, const char* ptr, int v) { return {name, ptr, 'T', true, nullptr, v}; }
/// Integer added in schema version v (NULL in rows written before it: the record's default).
Column integer_since(const char* name, const char* ptr, int v) { return {name, ptr, 'I', false, nullptr, v}; }
/// Kept out of analyst tables and extracts, for the reason given (shown in docs/store.md).
Column withheld(Column c, const char* why) {
  c.withheld = why;
  return c;
}
constexpr const char* kPersonName = "a person's name";
constexpr const char* kNhsNumber = "NHS number";
constexpr const char* kFreeText = "free text";
/// Holds names of the enumeration `type` (e.g. "SessionStatus"; "" = an open vocabulary).
Column en(Column c, const char* type) {
  c.enumeration = type;
  return c;
}
/// Holds ids of `table` without a foreign key.
Column ids(Column c, const char* table) {
  c.ids_of = table;
  return c;
}

std::vector<Table> build() {
  std::vector<Table> t = {
      {"service_lines", "/catalogue/service_lines",
       {key("id", "/id"), text("name", "/name"), en(text("kind", "/kind"), "ServiceKind")}, {}, false,
       "Service lines (LAY Too, PCN health coaching ...)."},
      {"offers", "/catalogue/offers",
       {key("id", "/id"), ref("service_line_id", "/service_line_id", "service_lines(id)"), text("name", "/name"),
        en(text("format", "/format"), "Format"), integer("session_minutes", "/session_minutes"), integer("capacity", "/capacity"),
        boolean("open_on_bank_holidays", "/hours/open_on_bank_holidays"),
        boolean("ethnically_diverse_only", "/eligibility/ethnically_diverse_only"),
        boolean("leaders_only", "/eligibility/leaders_only"), integer("max_pam_level", "/eligibility/max_pam_level"),
        integer("min_training_days", "/accreditation/min_training_days"),
        boolean("requires_skills_assessment", "/accreditation/skills_assessment"),
        boolean("requires_practice_hours", "/accreditation/practice_hours"),
        boolean("requires_professional_body", "/accreditation/professional_body"),
        boolean("ethnically_diverse_pathway", "/ethnically_diverse_pathway"),
        integer("agreed_sessions", "/agreed_sessions"), integer("min_notice_minutes", "/min_notice_minutes")},
       {{"offer_modalities", "/modalities", {en(text("modality", ""), "Modality")}, {}, {}},
        {"offer_hours", "/hours/days", {integer("open_min", "/open_min"), integer("close_min", "/close_min")}, {}, {}},
        {"offer_client_kinds", "/eligibility/client_kinds", {en(text("client_kind", ""), "ClientKind")}, {}, {}}},
       false, "What can be booked; offer_hours idx 0 = Monday, minutes after UK local midnight."},
      {"organisations", "/organisations",
       {key("ods_code", "/ods_code"), text("name", "/name"), en(text("kind", "/kind"), "OrgKind"),
        optref("parent_ods", "/parent_ods", "organisations(ods_code)")}, {}, false,
       "Organisations by ODS code."},
      {"coaches", "/coaches",
       {key("id", "/id"), withheld(text("name", "/name"), kPersonName), en(text("clinical_background", "/clinical_background"), ""),
        boolean("ethnically_diverse", "/ethnically_diverse"),
        boolean("ethnically_diverse_pathway", "/ethnically_diverse_pathway"),
        integer("max_sessions_per_day", "/rota/max_sessions_per_day"),
        integer("max_sessions_per_week", "/rota/max_sessions_per_week"),
        integer("buffer_minutes", "/rota/buffer_minutes"),
        withheld(text("safeguarding_lead", "/safeguarding_lead"), kPersonName),
        withheld(text("first_point_of_contact", "/first_point_of_contact"), kPersonName), boolean("active", "/active"),
        en(optext_since("band", "/band", 6), "")},
       {{"coach_training", "/training",
         {text("programme", "/programme"), integer("days", "/days"), real("practice_hours", "/practice_hours"),
          boolean("skills_assessed", "/skills_assessed"), boolean("pci_accredited", "/pci_accredited"),
          date("completed", "/completed")}, {}, {}},
        {"coach_memberships", "/memberships", {en(text("body", ""), "ProfessionalBody")}, {}, {}},
        {"coach_offers", "/offers", {ref("offer_id", "", "offers(id)")}, {}, {}},
        {"coach_modalities", "/modalities", {en(text("modality", ""), "Modality")}, {}, {}},
        {"rota_blocks", "/rota/weekly",
         {integer("weekday", "/weekday"), integer("start_min", "/start_min"), integer("end_min", "/end_min")}, {}, {}},
        {"rota_exceptions", "/rota/exceptions", {date("date", "/date")},
         {{"rota_exception_blocks", "/blocks",
           {integer("weekday", "/weekday"), integer("start_min", "/start_min"), integer("end_min", "/end_min")}, {}, {}}},
         {}},
        {"coach_leave", "/rota/leave", {date("first", "/first"), date("last", "/last")}, {}, {}}},
       false, "Coaches; rota times are minutes after UK local midnight, weekday 0 = Monday."},
      {"clients", "/clients",
       {key("id", "/id"), en(text("kind", "/kind"), "ClientKind"), en(text("staff_group", "/staff_group"), ""),
        en(text("sector", "/sector"), ""),
        optref("organisation", "/organisation", "organisations(ods_code)"), boolean("leader", "/leader"),
        withheld(text("ethnicity", "/ethnicity"), "self-described free text; ethnicity_group is kept"),
        en(text("ethnicity_group", "/ethnicity_group"), ""),
        boolean("ethnically_diverse", "/ethnically_diverse"), withheld(text("nhs_number", "/nhs_number"), kNhsNumber),
        integer("pam_level", "/pam_level"), real("pam_score", "/pam_score"),
        en(text("referral_source", "/referral_source"), "ReferralSource"), boolean("consent_coaching", "/consent/coaching"),
        boolean("consent_evaluation", "/consent/evaluation"), boolean("consent_gp_record", "/consent/gp_record"),
        instant("consent_recorded_at", "/consent/recorded_at")}, {}, false,
       "Clients: staff (pseudonymous) and patients."},
      {"referrals", "/referrals",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"), ref("offer_id", "/offer_id", "offers(id)"),
        en(text("source", "/source"), "ReferralSource"), instant("requested_at", "/requested_at"),
        en(text("preferred_modality", "/preferred_modality"), "Modality"), integer("sessions_wanted", "/sessions_wanted"),
        boolean("closed", "/closed"), withheld(text("adjustments", "/adjustments"), kFreeText)}, {}, false,
       "Referrals: each opens a client-led episode. Times are ISO 8601 UTC."},
      {"sessions", "/sessions",
       {key("id", "/id"), ref("offer_id", "/offer_id", "offers(id)"), ref("coach_id", "/coach_id", "coaches(id)"),
        instant("start", "/start"), integer("minutes", "/minutes"), en(text("modality", "/modality"), "Modality"),
        en(text("status", "/status"), "SessionStatus"), instant("booked_at", "/booked_at"), instant("requested_at", "/requested_at"),
        instant("first_offered", "/first_offered"), withheld(text("adjustments", "/adjustments"), kFreeText),
        ids(text("rescheduled_to", "/rescheduled_to"), "sessions"),
        withheld(optext_since("override_by", "/override_by", 3), kPersonName),
        withheld(optext_since("override_reason", "/override_reason", 3), kFreeText),
        optext_since("series_id", "/series_id", 6), integer_since("series_index", "/series_index", 6),
        withheld(optext_since("agreed_override_by", "/agreed_override_by", 6), kPersonName),
        withheld(optext_since("agreed_override_reason", "/agreed_override_reason", 6), kFreeText)},
       {{"session_attendees", "/attendees",
         {ref("client_id", "/client_id", "clients(id)"), optref("referral_id", "/referral_id", "referrals(id)"),
          en(text("status", "/status"), "AttendeeStatus")}, {}, {}}},
       false, "Sessions (1:1, group, team); start is ISO 8601 UTC ('...Z'), so text order is time order."},
      {"waiting_list", "/waiting_list",
       {key("id", "/id"), ref("session_id", "/session_id", "sessions(id)"), ref("client_id", "/client_id", "clients(id)"),
        optref("referral_id", "/referral_id", "referrals(id)"), instant("added_at", "/added_at"),
        en(text("status", "/status"), "WaitStatus"), instant("offered_at", "/offered_at")}, {}, false,
       "Waiting lists of full group and team sessions, served in added_at order."},
      {"notes", "/notes",
       {key("id", "/id"), ref("session_id", "/session_id", "sessions(id)"), ids(text("author_id", "/author_id"), "coaches"),
        instant("written_at", "/written_at"), withheld(text("text", "/text"), kFreeText)}, {}, false,
       "Confidential session notes (coach and client only: never give this table to an employer)."},
      {"goals", "/goals",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"),
        optref("referral_id", "/referral_id", "referrals(id)"), withheld(text("description", "/description"), kFreeText),
        integer("baseline", "/baseline"), integer("target", "/target"), en(text("attainment", "/attainment"), "GoalAttainment")}, {}, false,
       "Confidential goals of a client's episode."},
      {"supervision", "/supervision",
       {key("id", "/id"), ref("coach_id", "/coach_id", "coaches(id)"), en(text("kind", "/kind"), "SupervisionKind"), boolean("group_session", "/group"),
        date("date", "/date"), withheld(text("supervisor", "/supervisor"), kPersonName), boolean("pci_assured", "/pci_assured"),
        integer("minutes", "/minutes")}, {}, false,
       "Supervision and line-management meetings."},
      {"safeguarding", "/safeguarding",
       {key("id", "/id"), ref("coach_id", "/coach_id", "coaches(id)"), ref("client_id", "/client_id", "clients(id)"),
        optref("session_id", "/session_id", "sessions(id)"), en(text("category", "/category"), "SafeguardingCategory"),
        instant("raised_at", "/raised_at"), withheld(text("escalated_to", "/escalated_to"), kPersonName),
        instant("escalated_at", "/escalated_at"), ids(optext_since("risk_flag_id", "/risk_flag_id", 5), "risk_flags")},
       {}, false, "Safeguarding concerns and their escalation."},
      {"training_cohorts", "/cohorts",
       {key("id", "/id"), text("name", "/name"), integer("days", "/days"), date("start", "/start"),
        text("organisation", "/organisation")}, {}, false, "Coaching-skills courses."},
      {"trainees", "/trainees",
       {key("id", "/id"), ref("cohort_id", "/cohort_id", "training_cohorts(id)"), en(text("profession", "/profession"), ""),
        text("organisation", "/organisation"), en(text("sector", "/sector"), ""), integer("days_attended", "/days_attended"),
        integer("confidence_before", "/confidence_before"), integer("confidence_after", "/confidence_after"),
        boolean("champion", "/champion")}, {}, false, "People enrolled on a cohort; confidence 1-10."},
      {"responses", "/responses",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"),
        optref("referral_id", "/referral_id", "referrals(id)"), en(text("instrument_id", "/instrument_id"), ""),
        en(text("time_point", "/time_point"), "TimePoint"), integer("follow_up_weeks", "/follow_up_weeks"),
        instant("recorded_at", "/recorded_at"), real("recorded_score", "/recorded_score"),
        {"scores", "/scores", 'J', false, nullptr, 7}},
       {{"response_answers", "/answers", {integer("answer", "")}, {}, {}}}, false,
       "Questionnaire responses; response_answers idx 0 = item 1, NULL = missing; scores: scale scores computed "
       "elsewhere (an externally scored response, no answers), NULL when scored from the answers."},
      {"risk_flags", "/risk_flags",
       {key("id", "/id"), ref("response_id", "/response_id", "responses(id)"), ref("client_id", "/client_id", "clients(id)"),
        en(text("instrument_id", "/instrument_id"), ""), en(text("flag", "/flag"), ""), instant("raised_at", "/raised_at"),
        withheld(text("acknowledged_by", "/acknowledged_by"), kPersonName), instant("acknowledged_at", "/acknowledged_at"),
        withheld(text("action", "/action"), kFreeText)},
       {}, false,
       "Clinical risk flags raised by responses (PHQ-9 item 9 ...), open until a named person acknowledges them "
       "or a safeguarding concern names them (docs/clinical-safety.md).", 5},
      {"inbox", "/inbox",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"), en(text("source", "/source"), "ReferralSource"),
        instant("received_at", "/received_at"), withheld(text("reason", "/reason"), kFreeText), en(text("status", "/status"), "InboxStatus"),
        en(text("proposed_route", "/proposed_route"), "TriageRoute"), text("proposed_by_rule", "/proposed_by_rule"),
        en(text("route", "/route"), "TriageRoute"),
        withheld(text("decided_by", "/decided_by"), kPersonName), instant("decided_at", "/decided_at"),
        withheld(text("not_accepted_reason", "/not_accepted_reason"), kFreeText),
        optref("referral_id", "/referral_id", "referrals(id)"), instant("first_contact_at", "/first_contact_at")},
       {}, false,
       "The single point of access: referrals received, the route the triage rules proposed, and the route a named "
       "person decided (a coaching route names the referral it opened; docs/triage.md).", 6},
      {"usage_waves", "/usage_waves",
       {key("id", "/id"), integer("weeks", "/weeks")}, {}, false,
       "Waves of the coaching-skills usage survey: weeks after the last day of the course "
       "(docs/usage-tracking.md).", 6},
      {"usage_invitations", "/usage_invitations",
       {key("id", "/id"), ref("trainee_id", "/trainee_id", "trainees(id)"), ref("wave", "/wave", "usage_waves(id)"),
        date("due", "/due"), instant("sent_at", "/sent_at"), instant("responded_at", "/responded_at")},
       {{"usage_invitation_answers", "/answers", {integer("answer", "")}, {}, {}}}, false,
       "Usage survey invitations of people trained, one per person per wave, with their answers "
       "(coaching_skills_usage; usage_invitation_answers idx 0 = item 1, NULL = missing).", 6},
      {"skill_share_sessions", "/skill_share_sessions",
       {key("id", "/id"), date("date", "/date"), text("organisation", "/organisation"),
        withheld(text("facilitator", "/facilitator"), kPersonName)},
       {{"skill_share_attendees", "/attendees", {ref("trainee_id", "", "trainees(id)")}, {}, {}}}, false,
       "Skill-share sessions of people trained in coaching skills and who attended.", 6},
      {"care_plans", "/care_plans",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"), ref("referral_id", "/referral_id", "referrals(id)"),
        integer("version", "/version"), withheld(text("what_matters", "/what_matters"), kFreeText),
        integer("agreed_sessions", "/agreed_sessions"), instant("agreed_at", "/agreed_at"),
        ids(text("agreed_by", "/agreed_by"), "coaches")},
       {{"care_plan_goals", "/goals", {withheld(text("goal", ""), kFreeText)}, {}, {}},
        {"care_plan_goal_ids", "/goal_ids", {ref("goal_id", "", "goals(id)")}, {}, {}},
        {"care_plan_actions", "/actions", {withheld(text("action", ""), kFreeText)}, {}, {}}},
       false,
       "Confidential personalised care and support plans, one row per version (never overwritten); "
       "docs/care-plan.md.", 6},
      {"care_plan_shares", "/care_plan_shares",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"), ref("referral_id", "/referral_id", "referrals(id)"),
        withheld(text("practitioner_id", "/practitioner_id"), "identifies a practitioner"),
        withheld(text("practitioner_name", "/practitioner_name"), kPersonName), text("role", "/role"),
        text("organisation", "/organisation"), instant("consent_at", "/consent_at"),
        withheld(text("consent_by", "/consent_by"), "identifies who recorded consent"),
        instant("revoked_at", "/revoked_at")},
       {}, false, "Consented shares of a care plan with named practitioners (never the employer); docs/care-plan.md.", 6},
      {"onward_referrals", "/onward_referrals",
       {key("id", "/id"), ref("client_id", "/client_id", "clients(id)"), ref("referral_id", "/referral_id", "referrals(id)"),
        en(text("destination", "/destination"), "OnwardDestination"), withheld(text("description", "/description"), kFreeText),
        instant("referred_at", "/referred_at"), ids(text("referred_by", "/referred_by"), "coaches"),
        en(text("outcome", "/outcome"), "OnwardOutcome"), instant("outcome_at", "/outcome_at")},
       {}, false, "Referrals on to other services at or after coaching, with their outcome; docs/care-plan.md.", 6},
      {"supervision_policy", "/supervision_policy",
       {{"id", "", 'I', false}, integer("health_coaching_days", "/health_coaching_days"),
        integer("clinical_days", "/clinical_days"), integer("line_management_days", "/line_management_days"),
        boolean("health_coaching_requires_pci", "/health_coaching_requires_pci")},
       {}, true, "How often each kind of supervision is due (one row)."},
      {"disclosure_floor", "/disclosure_floor",
       {{"id", "", 'I', false}, integer("min_count", "/min_count"), integer("round_to", "/round_to"),
        boolean("cell_key", "/cell_key"), integer("max_perturbation", "/max_perturbation"),
        real("magnitude_noise", "/magnitude_noise"), boolean("exact_statistics", "/exact_statistics")},
       {}, true, "The weakest disclosure policy aggregate audiences get (one row; docs/disclosure.md).", 4},
      {"triage_rules", "/triage_rules", {{"id", "", 'I', false}, {"document", "", 'J', false}}, {}, true,
       "The triage rules that propose a route at the single point of access, as their JSON document (one row; "
       "docs/triage.md).", 6},
      {"instruments", "/instruments", {key("id", "/id"), {"definition", "/definition", 'J', false}}, {}, false,
       "Questionnaires the programme registered (its own, beside the built-ins), each as its definition document "
       "(docs/instruments.md); never changed once registered.", 7},
  };
  for (auto& tab : t)
    for (const char* name : kPseudonymisedTables)
      if (std::string_view(tab.table) == name) tab.pseudonymised = true;
  // Record the enclosing array pointers of nested children.
  std::function<void(Child&, std::vector<std::string>)> fill = [&](Child& c, std::vector<std::string> parents) {
    c.parent_pointers = parents;
    parents.push_back(c.pointer);
    for (auto& g : c.children) fill(g, parents);
  };
  for (auto& tab : t)
    for (auto& c : tab.children) fill(c, {});
  return t;
}

const char* sql_type(char t) { return t == 'I' || t == 'B' ? "INTEGER" : t == 'R' ? "REAL" : "TEXT"; }

std::string column_ddl(const Column& c) {
  std::string s = std::string(c.name) + " " + sql_type(c.type);
  if (c.references) s += std::string(" REFERENCES ") + c.references + " DEFERRABLE INITIALLY DEFERRED";
  return s;
}

void child_ddl(const Table& owner, const Child& c, std::vector<std::string>& out) {
  const std::size_t depth = c.parent_pointers.size();
  std::string s = std::string("CREATE TABLE ") + c.table + " (owner TEXT NOT NULL REFERENCES " + owner.table + "(" +
                  owner.columns[0].name + ") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED";
  std::string pk = "owner";
  for (std::size_t d = 0; d < depth; ++d) {
    s += ", parent_idx" + std::to_string(d) + " INTEGER NOT NULL";
    pk += ", parent_idx" + std::to_string(d);
  }
  s += ", idx INTEGER NOT NULL";
  for (const auto& col : c.columns) s += ", " + column_ddl(col);
  s += ", PRIMARY KEY (" + pk + ", idx))";
  out.push_back(s);
  for (const auto& g : c.children) child_ddl(owner, g, out);
}
}  // namespace

const std::vector<Table>& tables() {
  static const std::vector<Table> t = build();
  return t;
}

std::string ids_of(const Table& t, const Column& c) {
  if (&c == &t.columns[0] && !t.singleton) return t.table;
  if (c.references) {
    const std::string_view r(c.references);
    return std::string(r.substr(0, r.find('(')));
  }
  return c.ids_of ? c.ids_of : "";
}

const Table* find(const std::string& name) {
  for (const auto& t : tables())
    if (name == t.table) return &t;
  return nullptr;
}

namespace {
// CREATE TABLE of a record table as the version that added it made it (later columns: ALTER).
void table_ddl(const Table& t, std::vector<std::string>& out) {
  std::string s = std::string("CREATE TABLE ") + t.table + " (";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].since > t.since) continue;  // added by a later version's migration
    if (i) s += ", ";
    s += column_ddl(t.columns[i]);
    if (i == 0) s += t.singleton ? " PRIMARY KEY CHECK (id = 1)" : " PRIMARY KEY NOT NULL";
  }
  s += ")";
  out.push_back(s);
  for (const auto& c : t.children) child_ddl(t, c, out);
}
}  // namespace

std::vector<std::string> migration(int v) {
  std::vector<std::string> out;
  for (const auto& t : tables())
    if (t.since == v) table_ddl(t, out);
  if (v == 1) {
    // Indexes for the common queries: a coach's diary, a client's sessions, time windows.
    out.push_back("CREATE INDEX sessions_by_coach_start ON sessions(coach_id, start)");
    out.push_back("CREATE INDEX sessions_by_start ON sessions(start)");
    out.push_back("CREATE INDEX attendees_by_client ON session_attendees(client_id)");
    out.push_back("CREATE INDEX referrals_by_client ON referrals(client_id)");
    out.push_back("CREATE INDEX responses_by_client ON responses(client_id, instrument_id, recorded_at)");
    out.push_back("CREATE INDEX supervision_by_coach ON supervision(coach_id, kind, date)");
    out.push_back("CREATE INDEX notes_by_session ON notes(session_id)");
    out.push_back("CREATE INDEX waiting_by_session ON waiting_list(session_id, added_at)");
  } else if (v == 2) {
    // Version 2: a view for analysts (one row per client per session, no confidential text).
    out.push_back(
        "CREATE VIEW session_attendance AS SELECT s.id AS session_id, s.offer_id, o.service_line_id, s.coach_id, "
        "a.client_id, a.referral_id, s.start, s.minutes, s.modality, s.status AS session_status, "
        "a.status AS attendee_status FROM sessions s JOIN session_attendees a ON a.owner = s.id "
        "JOIN offers o ON o.id = s.offer_id");
  } else if (v == 3) {
    // Version 3: the change log (several handles and processes on one file catch up from it)
    // and the named override of a session booked outside the scheduling rules.
    out.push_back(std::string("CREATE TABLE ") + kChangeLogTable +
                  " (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, id TEXT NOT NULL)");
  } else if (v == 5) {
    // Version 5: clinical risk flags (a record table, above) and the outbox of events for the
    // host, written in the transaction of the change; event_ack holds the acknowledged mark.
    out.push_back("CREATE INDEX risk_flags_by_client ON risk_flags(client_id)");
    out.push_back(std::string("CREATE TABLE ") + kEventsTable +
                  " (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, at TEXT NOT NULL, records TEXT NOT NULL, "
                  "payload TEXT NOT NULL)");
    out.push_back(std::string("CREATE TABLE ") + kEventAckTable +
                  " (id INTEGER PRIMARY KEY CHECK (id = 1), acked INTEGER NOT NULL CHECK (acked >= 0))");
    out.push_back(std::string("INSERT INTO ") + kEventAckTable + " (id, acked) VALUES (1, 0)");
    // NHS numbers are kept in one canonical form, 10 digits (nhs_number_canonical); version 4
    // kept them as typed ("943 476 5919").
    out.push_back("UPDATE clients SET nhs_number = replace(nhs_number, ' ', '') WHERE nhs_number LIKE '% %'");
  } else if (v == 6) {
    // Version 6: the pathway around the session (issue 12). Its record tables (since = 6) are
    // created above; indexes and data migrations of version 6 go here.
    // One row per version of an episode's care plan (care_plan.cpp checks it too; the index
    // keeps two processes from ever storing the same version twice).
    out.push_back("CREATE UNIQUE INDEX care_plans_by_episode ON care_plans(referral_id, version)");
    out.push_back("CREATE INDEX onward_referrals_by_client ON onward_referrals(client_id)");
  } else if (v == 4) {
    // Version 4: the service's secret (record keys of the cell key method, keyed pseudonyms),
    // made once with the store and never written to a document; the disclosure floor table; the
    // access log.
    out.push_back(std::string("CREATE TABLE ") + kServiceTable +
                  " (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL)");
    out.push_back(std::string("INSERT INTO ") + kServiceTable + " (id, secret) VALUES (1, '" +
                  crypto::random_hex(32) + "')");
    // The access log: who read confidential content or exported, hash-chained (access_log.hpp);
    // records is a JSON array of ids. Append-only: the triggers refuse changes made through SQL
    // (someone who drops them is caught by Programme::verify_access_log).
    const std::string log = kAccessLogTable;
    out.push_back("CREATE TABLE " + log +
                  " (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, audience TEXT NOT NULL, viewer_id TEXT NOT "
                  "NULL, operation TEXT NOT NULL, records TEXT NOT NULL, outcome TEXT NOT NULL, rule TEXT NOT NULL, "
                  "hash TEXT NOT NULL)");
    for (const char* op : {"UPDATE", "DELETE"})
      out.push_back("CREATE TRIGGER " + log + "_no_" + (op[0] == 'U' ? std::string("update") : std::string("delete")) +
                    " BEFORE " + op + " ON " + log + " BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END");
  }
  // Columns added by version v to tables made before it.
  if (v > 1)
    for (const auto& t : tables())
      for (const auto& c : t.columns)
        if (c.since == v && t.since < v) out.push_back(std::string("ALTER TABLE ") + t.table + " ADD COLUMN " + column_ddl(c));
  return out;
}

std::string upsert_sql(const Table& t) {
  std::string cols, qs, upd;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i) { cols += ", "; qs += ", "; }
    cols += t.columns[i].name;
    qs += "?";
    if (i) upd += std::string(upd.empty() ? "" : ", ") + t.columns[i].name + " = excluded." + t.columns[i].name;
  }
  std::string s = std::string("INSERT INTO ") + t.table + " (" + cols + ") VALUES (" + qs + ") ON CONFLICT(" +
                  t.columns[0].name + ") DO ";
  s += upd.empty() ? "NOTHING" : "UPDATE SET " + upd;
  return s;
}

std::string select_sql(const Table& t, bool by_key) {
  std::string s = "SELECT rowid";
  for (const auto& c : t.columns) s += std::string(", ") + c.name;
  s += std::string(" FROM ") + t.table;
  if (by_key) s += std::string(" WHERE ") + t.columns[0].name + " = ?";
  // Key order where child rows are merged in (their owner order); else stored order, a plain scan.
  return s + " ORDER BY " + (t.children.empty() ? std::string("rowid") : std::string(t.columns[0].name));
}

std::string insert_sql(const Table& t) {
  std::string cols, qs;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i) { cols += ", "; qs += ", "; }
    cols += t.columns[i].name;
    qs += "?";
  }
  return std::string("INSERT INTO ") + t.table + " (" + cols + ") VALUES (" + qs + ")";
}

std::string insert_child_sql(const Child& c, std::size_t depth) {
  std::string cols = "owner", qs = "?";
  for (std::size_t d = 0; d < depth; ++d) { cols += ", parent_idx" + std::to_string(d); qs += ", ?"; }
  cols += ", idx";
  qs += ", ?";
  for (const auto& col : c.columns) { cols += std::string(", ") + col.name; qs += ", ?"; }
  return std::string("INSERT INTO ") + c.table + " (" + cols + ") VALUES (" + qs + ")";
}

std::string select_child_sql(const Child& c, std::size_t depth, bool by_owner) {
  std::string cols = "owner", order = "owner";
  for (std::size_t d = 0; d < depth; ++d) {
    cols += ", parent_idx" + std::to_string(d);
    order += ", parent_idx" + std::to_string(d);
  }
  cols += ", idx";
  order += ", idx";
  for (const auto& col : c.columns) cols += std::string(", ") + col.name;
  return "SELECT " + cols + " FROM " + c.table + (by_owner ? " WHERE owner = ?" : "") + " ORDER BY " + order;
}

bool pseudonymised(const std::string& table) {
  const Table* t = find(table);
  return t && t->pseudonymised;
}

std::string describe() {
  std::string s;
  auto cols = [](const Table& t, const std::vector<Column>& v) {
    std::string r;
    for (const auto& c : v) {
      r += std::string("`") + c.name + "` " + sql_type(c.type);
      if (c.type == 'S') r += " (ISO 8601 UTC instant)";
      if (c.type == 'D') r += " (YYYY-MM-DD)";
      if (c.type == 'J') r += " (JSON document)";
      if (c.references) r += std::string(" → ") + c.references;
      if (c.withheld) r += std::string(" **withheld** (") + c.withheld + ")";
      else if (pseudonymised(ids_of(t, c))) r += " *pseudonym*";
      r += "; ";
    }
    return r;
  };
  std::function<void(const Child&, const Table&)> child = [&](const Child& c, const Table& t) {
    s += std::string("| `") + c.table + "` | child of `" + t.table + "` (`owner`" + (t.pseudonymised ? " *pseudonym*" : "") +
         (c.parent_pointers.empty() ? "" : ", `parent_idx0`") + ", `idx` = position) | " + cols(t, c.columns) + " |\n";
    for (const auto& g : c.children) child(g, t);
  };
  s += "| table | what | columns |\n|---|---|---|\n";
  for (const auto& t : tables()) {
    s += std::string("| `") + t.table + "` | " + t.doc + " | " + cols(t, t.columns) + " |\n";
    for (const auto& c : t.children) child(c, t);
  }
  return s;
}

}  // namespace laycoach::store_schema
