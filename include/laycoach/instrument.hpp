#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 1
#error "laycoach layering: a measures-layer header included from a lower layer"
#endif
/// \file instrument.hpp
/// Outcome-measure questionnaires as data (WEMWBS, SWEMWBS, ONS4, BRCS, BRS, burnout, CBI,
/// PHQ-9, GAD-7, PAM, confidence, goals, experience, workforce items) and their scoring.
///
/// An Instrument is a validated InstrumentDef: items (answer range, reverse keying, optional
/// value mapping), scales (items, rule, optional raw→reported conversion table, bands, flag
/// rules), a missing-item policy and reference facts (reliability, meaningful change). Adding
/// an instrument means adding a definition (C++ struct or JSON document), never a class.
///
/// Conventions, fixed here once:
///  * Item indices are 0-based everywhere: answers[i] is item i; "PHQ-9 item 9" is index 8.
///  * Keyed value of answer x of item i: k = reverse ? min+max-x : x; value = values.empty()
///    ? k : values[k-min]. A scale's raw score is the sum or mean of its items' keyed values;
///    its reported score is conversion(raw) when a table exists (raw rounded half away from
///    zero to the nearest table row, which matters only for prorated sums), else raw.
///  * Bands are published inclusive ranges [low, high]; a score takes the FIRST band whose
///    high >= score, so a score in a rounding gap between two bands (e.g. BRS 4.305, a
///    prorated PHQ-9 of 9.5) takes the upper band; outside [first.low, last.high] → no band ("").
///  * Flag rules are thresholds on the reported score (scale flags) or the raw answer (item
///    flags): raised when value >= at_least and value <= at_most (each bound optional).
///  * An item flag is a clinical risk flag (ItemFlagRule::risk, "risk" in the document; true
///    unless set false): recorded through Programme::add_response it is stored and stays on the
///    audit until a named person acknowledges it or raises a safeguarding concern naming it.
///  * Missing answers are scored per scale: each scale counts its own unanswered items.

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace laycoach {

/// Sentinel meaning "unanswered" in the batch (int matrix) interface, Instrument::score_batch.
inline constexpr int kMissingAnswer = std::numeric_limits<int>::min();

/// How a scale combines its items' keyed values: sum, mean, or mean of mapped values
/// (mapped_mean requires every item of the scale to carry a value mapping, e.g. CBI 100..0).
enum class ScoringRule { Sum, Mean, MappedMean };

/// What to do when some of a scale's items are unanswered (applied per scale).
struct MissingPolicy {
  /// Complete: any missing item → no score (the default). Prorate: at most max_missing
  /// missing → sum = mean of answered items × number of items (mean rules: mean of answered).
  /// Available: at most max_missing missing → sum/mean of the answered items only (goals).
  enum class Kind { Complete, Prorate, Available };
  Kind kind = Kind::Complete;  ///< the rule
  int max_missing = 0;         ///< largest number of missing items still scored (0 for Complete)
};

/// One questionnaire item: text and integer answer range, reverse keying, optional mapping.
struct ItemDef {
  std::string text;                 ///< item wording or descriptor
  int min = 1;                      ///< lowest valid answer (inclusive)
  int max = 5;                      ///< highest valid answer (inclusive), > min
  bool reverse = false;             ///< reverse-keyed: answer x scores as min+max-x
  std::vector<double> values;       ///< optional: value of keyed answer k is values[k-min] (size max-min+1)
  std::vector<std::string> labels;  ///< optional: response option labels, labels[x-min]
};

/// A published band of a scale's reported score: inclusive [low, high] and its label.
struct Band {
  double low = 0;     ///< lowest score of the band (inclusive)
  double high = 0;    ///< highest score of the band (inclusive)
  std::string label;  ///< e.g. "moderate", "level 3", "agree"
};

/// A flag raised from a scale's reported score, e.g. PHQ-9 total >= 10 → "caseness".
struct ScaleFlagRule {
  std::string flag;                 ///< flag name reported in Score::flags
  std::optional<double> at_least;   ///< raised when score >= at_least (if set)
  std::optional<double> at_most;    ///< and score <= at_most (if set)
  std::string policy;               ///< optional cut-off policy name; ScoreOptions::cutoffs[policy] replaces at_least
};

/// A flag raised from one raw answer, e.g. PHQ-9 item 9 (index 8) >= 1 → "self_harm_risk".
struct ItemFlagRule {
  int item = 0;                  ///< 0-based item index
  std::optional<int> at_least;   ///< raised when answer >= at_least (if set)
  std::optional<int> at_most;    ///< and answer <= at_most (if set)
  std::string flag;              ///< flag name reported in Score::flags
  /// A clinical risk (e.g. thoughts of self-harm): also reported in Score::risk_flags and, when
  /// recorded in a programme, kept until acknowledged. Default true (fail safe: an item flag a
  /// definition forgot to mark is still followed up); false for an informational item flag.
  bool risk = true;
};

/// One scale of an instrument: which items, how combined, how reported and interpreted.
struct ScaleDef {
  std::string name;                              ///< unique within the instrument, e.g. "total"
  std::vector<int> items;                        ///< 0-based item indices (empty only for score-only instruments)
  ScoringRule rule = ScoringRule::Sum;           ///< how item values combine into the raw score
  bool higher_is_better = true;                  ///< direction of improvement
  std::optional<double> reliability;             ///< typical published internal consistency (alpha), for Jacobson–Truax
  std::optional<double> meaningful_change;       ///< individual meaningful change, in reported-score points
  std::vector<std::pair<int, double>> conversion;  ///< optional raw→reported table, one row per integer raw, ascending
  std::vector<Band> bands;                       ///< ascending, non-overlapping, within the reported range
  std::vector<ScaleFlagRule> flags;              ///< flags raised from the reported score
  std::optional<std::pair<double, double>> range;  ///< reported range; required for (and only for) score-only scales
};

/// The full definition of an instrument: plain data, validated when an Instrument is built.
struct InstrumentDef {
  std::string id;                        ///< unique id, [A-Za-z0-9][A-Za-z0-9_.-]*, matched case-insensitively
  std::string name;                      ///< human name
  bool score_only = false;               ///< true: scores are recorded from elsewhere (PAM), never computed from items
  std::vector<ItemDef> items;            ///< questionnaire items in order
  std::vector<ScaleDef> scales;          ///< at least one
  /// Scale reported as Score::total/band. Empty: the only scale when there is one; with several
  /// scales Instrument() throws ValidationError field "primary" rule "primary_scale_required",
  /// unless no_primary says there is deliberately none.
  std::string primary;
  bool no_primary = false;               ///< deliberately no primary scale (ONS4, CBI): "primary": null in the document
  /// How far the instrument is validated, shown beside its results: "" for the published built-ins,
  /// e.g. "unvalidated" or "local" for a service's own questionnaire.
  std::string validation;
  std::vector<ItemFlagRule> item_flags;  ///< risk flags from raw answers
  MissingPolicy missing;                 ///< default missing-item policy
  std::string licence;                   ///< licence / permission note
  std::string reference;                 ///< sources of the scoring facts and reliabilities
};

/// Per-call options for scoring.
struct ScoreOptions {
  std::optional<MissingPolicy> missing;                   ///< overrides the instrument's missing policy
  std::map<std::string, double, std::less<>> cutoffs;     ///< cut-off policy name → at_least threshold (e.g. "high_burnout_cutoff" → 60)
  std::string record;                                     ///< record id named in errors (e.g. a response id); empty = instrument id
};

/// The score of one scale.
struct ScaleScore {
  std::string scale;           ///< scale name
  std::optional<double> raw;   ///< raw score (sum or mean of keyed values); nullopt when not scorable
  std::optional<double> score; ///< reported score (after any conversion table); nullopt when not scorable
  std::string band;            ///< band label of the reported score, "" when none
};

/// The result of scoring one response to an instrument.
struct Score {
  std::string instrument_id;        ///< the instrument's id
  std::optional<double> total;      ///< reported score of the primary scale; nullopt if none or not scorable
  std::string band;                 ///< band of the primary scale's score, "" when none
  std::vector<ScaleScore> scales;   ///< every scale, in definition order
  std::vector<std::string> flags;   ///< risk and threshold flags raised (item flags first), no duplicates
  std::vector<std::string> risk_flags;  ///< the raised flags of item rules marked risk, in rule order, no duplicates
  int n_missing = 0;                ///< number of unanswered items in the response

  /// The named scale's score, or nullptr when the instrument has no such scale.
  const ScaleScore* find(std::string_view scale) const noexcept;
  /// True when the flag was raised.
  bool has_flag(std::string_view flag) const noexcept;
};

/// Whether a before→after change meets the scale's meaningful-change threshold, and which way.
enum class ChangeDirection { Deteriorated = -1, NoMeaningfulChange = 0, Improved = 1 };

/// A validated, immutable instrument definition with its scoring; cheap to copy (shared state).
class Instrument {
 public:
  /// Validates and compiles a definition; throws ParseError whose field is the JSON pointer
  /// (in the equivalent definition document) of the offending value, e.g. "/scales/0/items/3",
  /// or ValidationError(id, "primary", "primary_scale_required") when no primary is named, there
  /// are several scales and no_primary is false (one scale and no primary: that scale is primary).
  explicit Instrument(InstrumentDef def);
  /// Parses and validates a definition document (schema_version 1); throws ParseError with pointer.
  static Instrument from_json(std::string_view json_doc);

  const std::string& id() const noexcept;             ///< the instrument id
  const std::string& name() const noexcept;           ///< the human name
  const InstrumentDef& definition() const noexcept;   ///< the full definition
  std::size_t item_count() const noexcept;            ///< number of items (answers expected by score)
  bool score_only() const noexcept;                   ///< true when scores are only recorded (PAM)
  /// The named scale, or the primary one when name is empty; throws NotFoundError (unknown
  /// name) or ValidationError rule "scale_named" (empty name, no primary scale).
  const ScaleDef& scale(std::string_view name = {}) const;
  /// Reported-score range [min, max] of a scale (empty name = primary); throws as scale().
  std::pair<double, double> range(std::string_view scale = {}) const;
  /// Band label of a reported score on a scale (empty name = primary), "" when none; throws as scale().
  std::string band(double score, std::string_view scale = {}) const;

  /// Scores one response (answers[i] = item i, nullopt = unanswered). Throws ValidationError
  /// (record = options.record or id): field "answers" rule "answer_count" (wrong length),
  /// field "answers[i]" rule "answer_in_range", rule "<id>_not_scored_from_items" for
  /// score-only instruments (PAM: "pam_not_scored_from_items"); bad options: rule "max_missing_valid".
  Score score(std::span<const std::optional<int>> answers, const ScoreOptions& options = {}) const;
  /// Scores a response given as ints (kMissingAnswer = unanswered); same rules and errors as above.
  Score score(std::span<const int> answers, const ScoreOptions& options = {}) const;
  /// Scale scores computed elsewhere (an externally scored response: scale name → reported
  /// score, no item answers): each named scale gets its score, band and flags, the others none.
  /// Throws NotFoundError(record, "scores/<name>", rule "scale_exists") for an unknown scale and
  /// ValidationError field "scores/<name>" rule "recorded_in_range" outside the scale's range.
  Score record(const std::map<std::string, double, std::less<>>& scores, const ScoreOptions& options = {}) const;
  /// A score recorded elsewhere (e.g. PAM score 0–100 from a licensed tool, or level 1–4) on a
  /// scale (empty = primary): fills that scale's score and band and its flags. Throws
  /// ValidationError field "value" rule "recorded_in_range" outside the scale's range.
  Score record(double value, std::string_view scale = {}, const ScoreOptions& options = {}) const;

  /// Fast path: scores n rows of a row-major n×k int matrix (k = item_count(), missing =
  /// kMissingAnswer) into out[r] = reported score of `scale` (empty = primary), NaN where the
  /// row is unscorable under the missing policy. Every answer of every row is range-checked:
  /// throws ValidationError field "answers[r][c]" rule "answer_in_range" (out then unspecified),
  /// "answer_count" when answers.size() != out.size()*k, and as score()/scale() otherwise.
  void score_batch(std::span<const int> answers, std::span<double> out, std::string_view scale = {},
                   const ScoreOptions& options = {}) const;
  /// Fast path returning a new vector of answers.size()/k scores; throws as the span overload.
  std::vector<double> score_batch(std::span<const int> answers, std::string_view scale = {},
                                  const ScoreOptions& options = {}) const;

  /// Classifies after−before against the scale's meaningful_change (>= threshold, direction
  /// from higher_is_better); throws ValidationError rule "meaningful_change_defined" if none.
  ChangeDirection change(double before, double after, std::string_view scale = {}) const;

  /// The definition document (UTF-8 JSON, "schema_version": 1); round-trips through from_json.
  std::string to_json() const;

  struct Impl;  ///< compiled scoring tables (private to src/)

 private:
  std::shared_ptr<const Impl> impl_;
};

/// A set of instruments keyed by id (case-insensitive). Thread-safe: concurrent get/ids/to_json
/// and add calls are safe, and references returned by get/add stay valid for the library's life
/// (instruments are never replaced or removed).
class InstrumentLibrary {
 public:
  /// A library holding the built-in instruments (with_builtins) or empty.
  explicit InstrumentLibrary(bool with_builtins = true);
  ~InstrumentLibrary();                                       ///< releases the instruments
  InstrumentLibrary(const InstrumentLibrary&) = delete;       ///< not copyable (references are handed out)
  InstrumentLibrary& operator=(const InstrumentLibrary&) = delete;  ///< not assignable

  /// The process-wide read-only library of built-in instruments.
  static const InstrumentLibrary& builtin();
  /// The process-wide library the faces share (C lc_instrument_*, Python laycoach.instruments):
  /// the built-ins plus the instruments loaded into it at run time. Thread-safe like any library.
  static InstrumentLibrary& shared();
  /// The instrument with this id (case-insensitive); throws NotFoundError(id, "instrument_id").
  const Instrument& get(std::string_view id) const;
  /// True when an instrument with this id (case-insensitive) exists.
  bool contains(std::string_view id) const;
  /// Adds an instrument; throws ConflictError(id, "id", "unique_instrument_id") if the id exists.
  const Instrument& add(Instrument instrument);
  /// Parses, validates and adds a definition document, all-or-nothing: throws ParseError with
  /// the JSON pointer of the offending value or ConflictError, leaving the library unchanged.
  const Instrument& add_from_json(std::string_view json_doc);
  /// All ids in insertion order (built-ins first).
  std::vector<std::string> ids() const;
  /// The definition document of an instrument ("schema_version": 1); throws NotFoundError.
  std::string to_json(std::string_view id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A programme's own instruments (Programme::register_instrument), keyed by lower-case id.
using InstrumentSet = std::map<std::string, Instrument, std::less<>>;

/// The instrument a programme means by `id` (case-insensitive): its own (`own`) first, then the
/// built-ins; nullptr when neither holds it. The one lookup add_response and evaluation use.
const Instrument* find_instrument(const InstrumentSet& own, std::string_view id);

/// The key of an id in an InstrumentSet (ids match case-insensitively).
std::string instrument_key(std::string_view id);

/// A questionnaire a programme registered (Programme::register_instrument) as it is stored: its
/// id and its definition document (Instrument::to_json, "schema_version": 1).
struct RegisteredInstrument {
  std::string id;          ///< the instrument's id, as in its definition
  std::string definition;  ///< the definition document (UTF-8 JSON)
  bool operator==(const RegisteredInstrument&) const = default;
};

/// Scores a response with a built-in instrument; throws NotFoundError or as Instrument::score.
Score score(std::string_view instrument_id, std::span<const std::optional<int>> answers,
            const ScoreOptions& options = {});
/// Scores a fully answered response with a built-in instrument; throws as above.
Score score(std::string_view instrument_id, std::span<const int> answers, const ScoreOptions& options = {});

/// PAM level cut points: level 1 when score <= level1_max, 2 when <= level2_max, 3 when <= level3_max, else 4.
struct PamCutPoints {
  double level1_max = 47.0;  ///< highest score of level 1
  double level2_max = 55.1;  ///< highest score of level 2
  double level3_max = 67.0;  ///< highest score of level 3
};

/// PAM level 1..4 of a PAM score (0–100, recorded by a licensed tool). Throws ValidationError
/// (record "pam"): field "score" rule "pam_score_in_range"; field "cut_points" rule
/// "cut_points_increasing" unless 0 < level1_max < level2_max < level3_max < 100.
int pam_level(double pam_score, const PamCutPoints& cut_points = {});

}  // namespace laycoach
