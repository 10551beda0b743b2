/**
 * @file laycoach_pathway.h
 * The C face of the single point of access (docs/triage.md): referrals received into an inbox,
 * untriaged; a named person triages each to a route; configurable rules propose the route.
 * Plain C99; conventions as in laycoach.h (status codes, thread-local lc_last_error(),
 * caller-owned strings released with lc_string_free()).
 *
 * An inbox item is a JSON object {"id", "client_id", "source" ("self", "gp",
 * "social_prescribing_link_worker", "other"), "received_at" (ISO 8601 UTC), "reason" (free text,
 * confidential), "status" ("untriaged", "triaged"), "proposed_route" (null: none),
 * "proposed_by_rule", "route" (null while untriaged; "hwbc_targeted", "hwbc_clinical",
 * "hwbc_non_clinical", "social_prescribing", "care_coordination", "not_accepted"),
 * "decided_by", "decided_at", "not_accepted_reason", "referral_id" (coaching routes: the referral
 * opened), "first_contact_at"}.
 */
#ifndef LAYCOACH_PATHWAY_H
#define LAYCOACH_PATHWAY_H

#include "laycoach.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Receive a referral (an inbox item document; "id", "client_id", "received_at" required) into
 * the inbox, untriaged; the triage rules' proposal is recorded on it. *out_json (may be NULL when
 * not wanted) receives the stored item, owned by the caller. LC_E_CONFLICT (id taken),
 * LC_E_NOT_FOUND (field "client_id"), LC_E_INVALID_ARGUMENT (field "status" rule
 * "new_item_untriaged" when the document carries a triage), LC_E_PARSE.
 */
LC_API lc_status lc_inbox_receive(lc_programme *p, const char *item_json, char **out_json);

/**
 * A named person triages inbox item `inbox_id`: decision_json is {"route", "decided_by",
 * "decided_at" (ISO 8601 UTC), "offer_id" (coaching routes), "referral_id" (optional; default the
 * item's id), "preferred_modality" (optional), "not_accepted_reason" (not_accepted only)}. A
 * coaching route opens a referral on the offer in the same transaction, all or nothing.
 * *out_json (may be NULL) receives the stored item. LC_E_CONFLICT (field "decided_by" rule
 * "triage_once"), LC_E_INVALID_ARGUMENT (rules "named_person", "triage_time",
 * "reason_required", "offer_required", "route_matches_offer", "eligibility" ...),
 * LC_E_NOT_FOUND, LC_E_PARSE.
 */
LC_API lc_status lc_inbox_triage(lc_programme *p, const char *inbox_id, const char *decision_json, char **out_json);

/**
 * Record when social prescribing or care coordination first contacted the person of item
 * `inbox_id` (seconds since the Unix epoch, UTC). *out_json (may be NULL) receives the stored
 * item. LC_E_CONFLICT ("first_contact_once"), LC_E_INVALID_ARGUMENT ("first_contact_route",
 * "first_contact_time"), LC_E_NOT_FOUND.
 */
LC_API lc_status lc_inbox_first_contact(lc_programme *p, const char *inbox_id, int64_t at_unix_seconds, char **out_json);

/**
 * The inbox as a JSON array of items, oldest first; untriaged_only != 0: only those awaiting
 * triage. *out_json is owned by the caller.
 */
LC_API lc_status lc_inbox_list(const lc_programme *p, int untriaged_only, char **out_json);

/**
 * What the current triage rules propose for item `inbox_id`: {"route" (null: none), "rule"
 * (the rule that matched, "default", or "")}. *out_json is owned by the caller. LC_E_NOT_FOUND.
 */
LC_API lc_status lc_inbox_propose(const lc_programme *p, const char *inbox_id, char **out_json);

/**
 * Replace the triage rules with a rules document {"schema_version": 1, "kind": "triage_rules",
 * "rules": [{"id", "when": {"client_kinds", "sources", "pam_min", "pam_max"}, "route"}],
 * "default"} (docs/triage.md). LC_E_PARSE with the JSON pointer of an unknown key or value;
 * LC_E_INVALID_ARGUMENT (field "rules/<i>/...": "id_required", "unique_id", "pam_level_range").
 */
LC_API lc_status lc_triage_rules_set(lc_programme *p, const char *rules_json);

/** The current triage rules document. *out_json is owned by the caller. */
LC_API lc_status lc_triage_rules_get(const lc_programme *p, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* LAYCOACH_PATHWAY_H */
