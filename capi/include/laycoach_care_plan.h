/**
 * @file laycoach_care_plan.h
 * The personalised care and support plan from C: versions of an episode's plan (every version
 * kept), consented shares with named practitioners (never the employer), onward referrals to
 * other services, and the agreed number of sessions of an episode. Plain C99; conventions as in
 * laycoach.h: lc_status return, thread-local lc_last_error() with record, field and rule,
 * out-parameters last, strings returned through `out_json` owned by the caller and released with
 * lc_string_free() (set to NULL on failure; where it "may be NULL" nothing is returned then).
 * Documents are UTF-8 JSON as in docs/documents.md and docs/care-plan.md:
 *   plan {"id", "client_id", "referral_id", "version" (0 or absent: the next), "what_matters",
 *         "goals": [text], "goal_ids": [goal id], "actions": [text], "agreed_sessions",
 *         "agreed_at" (ISO 8601 UTC; absent: now), "agreed_by" (coach id)};
 *   share {"id", "client_id", "referral_id", "practitioner_id", "practitioner_name", "role",
 *          "organisation" (ODS code), "consent_at" (absent: now), "consent_by" (absent: the
 *          viewer's id), "revoked_at"};
 *   onward referral {"id", "client_id", "referral_id", "destination" ("weight_management",
 *          "smoking_cessation", "physical_activity", "talking_therapies", "social_prescribing",
 *          "other"), "description" (required for "other"), "referred_at" (absent: now),
 *          "referred_by" (coach id), "outcome" ("unknown", "accepted", "declined", "attended",
 *          "completed", "did_not_attend"), "outcome_at"}.
 * Confidentiality: every call takes a viewer document ({"audience": "coach", "id": "c1"}).
 * Plans are written by the coach agreed_by with a session in the episode; read by the client, a
 * coach with a session in the episode, or a practitioner ({"audience": "practitioner", "id":
 * practitioner_id}) the plan is shared with and not revoked. An employer viewer is refused with
 * LC_E_FORBIDDEN (field "viewer", rule "never_employer"), and so is a share whose organisation is
 * the staff client's employer (field "organisation", rule "never_employer"). Reads, shares and
 * revocations are recorded in the access log, allowed or refused (laycoach_oversight.h).
 */
#ifndef LAYCOACH_CARE_PLAN_H
#define LAYCOACH_CARE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Pass as a time argument (seconds since the Unix epoch) to mean "now, by the system clock". */
#define LC_CARE_PLAN_NOW INT64_MIN

/** Add a new version of an episode's plan from a plan document (never overwrites one). A
 *  version other than the next is LC_E_CONFLICT (rule "version_sequence"); a viewer who is not
 *  the coach agreed_by with a session in the episode is LC_E_FORBIDDEN (field "agreed_by", rule
 *  "coach_in_episode"). *out_json (may be NULL) is the stored plan document. */
LC_API lc_status lc_care_plan_add(lc_programme *p, const char *viewer_json, const char *plan_json, char **out_json);
/** Every plan version of a client the viewer may read, as a JSON array of plan documents by
 *  episode then version. LC_E_FORBIDDEN for anyone else; logged ("read_care_plans"). */
LC_API lc_status lc_care_plan_list(const lc_programme *p, const char *viewer_json, const char *client_id,
                                   char **out_json);
/** How many sessions an episode has agreed: the latest plan version's, else the referral's
 *  sessions_wanted, else the offer's agreed_sessions; 0 when none is agreed. LC_E_NOT_FOUND for
 *  an unknown referral. */
LC_API lc_status lc_care_plan_agreed_sessions(const lc_programme *p, const char *referral_id, int *out);
/** Share an episode's plan with a named practitioner from a share document, by the client or
 *  their coach in the episode. LC_E_FORBIDDEN (field "organisation", rule "never_employer") for
 *  the client's employer; LC_E_CONFLICT (rule "share_active") when already shared with that
 *  practitioner. Logged ("share_care_plan"). *out_json (may be NULL) is the stored share. */
LC_API lc_status lc_care_plan_share(lc_programme *p, const char *viewer_json, const char *share_json, char **out_json);
/** Revoke a share at a time (seconds since the Unix epoch, UTC; LC_CARE_PLAN_NOW: now) by the
 *  client or their coach in the episode; LC_E_CONFLICT (rule "revoke_once") when already revoked.
 *  Logged ("revoke_care_plan_share"). *out_json (may be NULL) is the stored share. */
LC_API lc_status lc_care_plan_share_revoke(lc_programme *p, const char *viewer_json, const char *share_id,
                                           int64_t at_unix_seconds, char **out_json);
/** A client's plan shares (revoked ones too) as a JSON array, for the client or their coach;
 *  logged ("read_care_plan_shares"). */
LC_API lc_status lc_care_plan_share_list(const lc_programme *p, const char *viewer_json, const char *client_id,
                                         char **out_json);
/** Record an onward referral from a document, by the coach referred_by with a session in the
 *  episode. LC_E_INVALID_ARGUMENT (field "description", rule "description_required") for
 *  "other" without a description. *out_json (may be NULL) is the stored record. */
LC_API lc_status lc_onward_referral_add(lc_programme *p, const char *viewer_json, const char *onward_json,
                                        char **out_json);
/** Set an onward referral's outcome (a name above; another is LC_E_INVALID_ARGUMENT, field
 *  "outcome", rule "valid_outcome") known at a time (LC_CARE_PLAN_NOW: now; ignored for
 *  "unknown"), by a coach with a session in the episode. *out_json (may be NULL) is the record. */
LC_API lc_status lc_onward_referral_set_outcome(lc_programme *p, const char *viewer_json, const char *onward_id,
                                                const char *outcome, int64_t at_unix_seconds, char **out_json);
/** A client's onward referrals as a JSON array, for the client or their coach; logged
 *  ("read_onward_referrals"). */
LC_API lc_status lc_onward_referral_list(const lc_programme *p, const char *viewer_json, const char *client_id,
                                         char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_CARE_PLAN_H */
