// The built-in instruments, as data: one definition document (schema_version 1) per
// instrument, read by the same parser and validator as a custom instrument, so adding an
// instrument means adding a document here. Facts come from design/MEASURES.md; reliabilities
// are typical published Cronbach's alphas, cited in each document's "reference".
// One raw literal per instrument keeps each under MSVC's 16 KB string-literal limit.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace laycoach::detail {

namespace {

// SWEMWBS raw 7..35 -> Rasch metric score (Stewart-Brown et al. 2009). The one copy of the
// table: the WEMWBS 'swemwbs' scale and the SWEMWBS instrument both take it from here, and the
// demo generator reads it back from the instrument library.
constexpr std::string_view kSwemwbsRasch = R"json([
        [7, 7.00], [8, 9.51], [9, 11.25], [10, 12.40], [11, 13.33], [12, 14.08],
        [13, 14.75], [14, 15.32], [15, 15.84], [16, 16.36], [17, 16.88], [18, 17.43],
        [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54],
        [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03],
        [31, 28.13], [32, 29.31], [33, 30.70], [34, 32.55], [35, 35.00]])json";

constexpr std::string_view kWemwbs = R"json({
  "schema_version": 1,
  "id": "wemwbs",
  "name": "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)",
  "licence": "Free to use with registration (Warwick Medical School). © University of Warwick, NHS Health Scotland, University of Edinburgh and University of Leeds.",
  "reference": "Tennant et al. 2007, Health Qual Life Outcomes 5:63 (alpha 0.89). Meaningful change about 3 points (about 1 SEM; SEM 2.4-3.1). The 'swemwbs' scale is the SWEMWBS subset (items 1,2,3,6,7,9,11) with the Rasch conversion (Stewart-Brown et al. 2009, alpha 0.84).",
  "item_defaults": {"min": 1, "max": 5,
                    "labels": ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]},
  "items": [
    {"text": "I've been feeling optimistic about the future"},
    {"text": "I've been feeling useful"},
    {"text": "I've been feeling relaxed"},
    {"text": "I've been feeling interested in other people"},
    {"text": "I've had energy to spare"},
    {"text": "I've been dealing with problems well"},
    {"text": "I've been thinking clearly"},
    {"text": "I've been feeling good about myself"},
    {"text": "I've been feeling close to other people"},
    {"text": "I've been feeling confident"},
    {"text": "I've been able to make up my own mind about things"},
    {"text": "I've been feeling loved"},
    {"text": "I've been interested in new things"},
    {"text": "I've been feeling cheerful"}
  ],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], "rule": "sum",
     "higher_is_better": true, "reliability": 0.89, "meaningful_change": 3},
    {"name": "swemwbs", "items": [0, 1, 2, 5, 6, 8, 10], "rule": "sum",
     "higher_is_better": true, "reliability": 0.84, "meaningful_change": 3,
     "conversion": @SWEMWBS_RASCH@}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kSwemwbs = R"json({
  "schema_version": 1,
  "id": "swemwbs",
  "name": "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
  "licence": "Free to use with registration (Warwick Medical School). © University of Warwick, NHS Health Scotland, University of Edinburgh and University of Leeds.",
  "reference": "Stewart-Brown et al. 2009, Health Qual Life Outcomes 7:15 (alpha about 0.84); raw 7-35 converted to the Rasch metric score with the published table. Population mean (England 2010-13) about 23.5. Individual meaningful change 1 to 3 points (SEM 1.03; 2.77 SEM = 2.87); laycoach uses 3.",
  "item_defaults": {"min": 1, "max": 5,
                    "labels": ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]},
  "items": [
    {"text": "I've been feeling optimistic about the future"},
    {"text": "I've been feeling useful"},
    {"text": "I've been feeling relaxed"},
    {"text": "I've been dealing with problems well"},
    {"text": "I've been thinking clearly"},
    {"text": "I've been feeling close to other people"},
    {"text": "I've been able to make up my own mind about things"}
  ],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3, 4, 5, 6], "rule": "sum",
     "higher_is_better": true, "reliability": 0.84, "meaningful_change": 3,
     "conversion": @SWEMWBS_RASCH@}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kOns4 = R"json({
  "schema_version": 1,
  "id": "ons4",
  "name": "ONS personal wellbeing (ONS4)",
  "licence": "Crown copyright; free to use under the Open Government Licence.",
  "reference": "Office for National Statistics, personal well-being questions and thresholds. Single items: no internal-consistency reliability.",
  "item_defaults": {"min": 0, "max": 10},
  "items": [
    {"text": "Overall, how satisfied are you with your life nowadays? (0 = not at all, 10 = completely)"},
    {"text": "Overall, to what extent do you feel that the things you do in your life are worthwhile? (0 = not at all, 10 = completely)"},
    {"text": "Overall, how happy did you feel yesterday? (0 = not at all, 10 = completely)"},
    {"text": "Overall, how anxious did you feel yesterday? (0 = not at all, 10 = completely)"}
  ],
  "scales": [
    {"name": "life_satisfaction", "items": [0], "rule": "sum", "higher_is_better": true,
     "bands": [[0, 4, "low"], [5, 6, "medium"], [7, 8, "high"], [9, 10, "very high"]]},
    {"name": "worthwhile", "items": [1], "rule": "sum", "higher_is_better": true,
     "bands": [[0, 4, "low"], [5, 6, "medium"], [7, 8, "high"], [9, 10, "very high"]]},
    {"name": "happiness", "items": [2], "rule": "sum", "higher_is_better": true,
     "bands": [[0, 4, "low"], [5, 6, "medium"], [7, 8, "high"], [9, 10, "very high"]]},
    {"name": "anxiety", "items": [3], "rule": "sum", "higher_is_better": false,
     "bands": [[0, 1, "very low"], [2, 3, "low"], [4, 5, "medium"], [6, 10, "high"]]}
  ],
  "missing": {"policy": "complete"},
  "primary": null
})json";

constexpr std::string_view kBrcs = R"json({
  "schema_version": 1,
  "id": "brcs",
  "name": "Brief Resilient Coping Scale (BRCS)",
  "licence": "Free to use.",
  "reference": "Sinclair and Wallston 2004, Assessment 11:94-101 (alpha 0.69-0.76; laycoach uses 0.76, approximate). Bands 4-13 low, 14-16 medium, 17-20 high.",
  "item_defaults": {"min": 1, "max": 5,
                    "labels": ["Does not describe me at all", "Does not describe me", "Neutral",
                               "Describes me", "Describes me very well"]},
  "items": [
    {"text": "I look for creative ways to alter difficult situations"},
    {"text": "Regardless of what happens to me, I believe I can control my reaction to it"},
    {"text": "I believe I can grow in positive ways by dealing with difficult situations"},
    {"text": "I actively look for ways to replace the losses I encounter in life"}
  ],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3], "rule": "sum", "higher_is_better": true, "reliability": 0.76,
     "bands": [[4, 13, "low"], [14, 16, "medium"], [17, 20, "high"]]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kBrs = R"json({
  "schema_version": 1,
  "id": "brs",
  "name": "Brief Resilience Scale (BRS)",
  "licence": "Free to use.",
  "reference": "Smith et al. 2008, Int J Behav Med 15:194-200 (alpha 0.80-0.91; laycoach uses 0.83). Items 2, 4, 6 reverse-keyed; score = mean of six; bands 1.00-2.99 low, 3.00-4.30 normal, 4.31-5.00 high.",
  "item_defaults": {"min": 1, "max": 5,
                    "labels": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]},
  "items": [
    {"text": "I tend to bounce back quickly after hard times"},
    {"text": "I have a hard time making it through stressful events", "reverse": true},
    {"text": "It does not take me long to recover from a stressful event"},
    {"text": "It is hard for me to snap back when something bad happens", "reverse": true},
    {"text": "I usually come through difficult times with little trouble"},
    {"text": "I tend to take a long time to get over set-backs in my life", "reverse": true}
  ],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3, 4, 5], "rule": "mean", "higher_is_better": true, "reliability": 0.83,
     "bands": [[1.00, 2.99, "low"], [3.00, 4.30, "normal"], [4.31, 5.00, "high"]]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kBurnoutSingle = R"json({
  "schema_version": 1,
  "id": "burnout_single_item",
  "name": "Single-item burnout measure",
  "licence": "Free to use.",
  "reference": "Single-item burnout measure (Dolan 1987; Rohland et al. 2004; Mini-Z). Options 3-5 = burned out.",
  "items": [
    {"text": "Overall, based on your definition of burnout, how would you rate your level of burnout?",
     "min": 1, "max": 5,
     "labels": ["I enjoy my work. I have no symptoms of burnout",
                "Occasionally I am under stress, but I don't feel burned out",
                "I am definitely burning out and have one or more symptoms of burnout",
                "The symptoms of burnout that I'm experiencing won't go away",
                "I feel completely burned out; I may need some changes or to seek help"]}
  ],
  "scales": [
    {"name": "total", "items": [0], "rule": "sum", "higher_is_better": false,
     "bands": [[1, 2, "not burned out"], [3, 5, "burned out"]],
     "flags": [{"flag": "burned_out", "at_least": 3}]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kCbi = R"json({
  "schema_version": 1,
  "id": "cbi",
  "name": "Copenhagen Burnout Inventory (CBI)",
  "licence": "Free to use.",
  "reference": "Kristensen et al. 2005, Work & Stress 19:192-207 (alpha: personal 0.87, work-related 0.87, client-related 0.85). Answers 1..5 score 100, 75, 50, 25, 0; item 13 reverse-keyed; scale = mean of its items. High burnout: score >= 50 (cut-off policy 'high_burnout_cutoff').",
  "item_defaults": {"min": 1, "max": 5, "values": [100, 75, 50, 25, 0],
                    "labels": ["Always", "Often", "Sometimes", "Seldom", "Never/almost never"]},
  "items": [
    {"text": "How often do you feel tired?"},
    {"text": "How often are you physically exhausted?"},
    {"text": "How often are you emotionally exhausted?"},
    {"text": "How often do you think: \"I can't take it anymore\"?"},
    {"text": "How often do you feel worn out?"},
    {"text": "How often do you feel weak and susceptible to illness?"},
    {"text": "Is your work emotionally exhausting?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Do you feel burnt out because of your work?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Does your work frustrate you?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Do you feel worn out at the end of the working day?"},
    {"text": "Are you exhausted in the morning at the thought of another day at work?"},
    {"text": "Do you feel that every working hour is tiring for you?"},
    {"text": "Do you have enough energy for family and friends during leisure time?", "reverse": true},
    {"text": "Do you find it hard to work with clients?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Do you find it frustrating to work with clients?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Does it drain your energy to work with clients?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Do you feel that you give more than you get back when you work with clients?",
     "labels": ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]},
    {"text": "Are you tired of working with clients?"},
    {"text": "Do you sometimes wonder how long you will be able to continue working with clients?"}
  ],
  "scales": [
    {"name": "personal", "items": [0, 1, 2, 3, 4, 5], "rule": "mapped_mean", "higher_is_better": false,
     "reliability": 0.87,
     "flags": [{"flag": "high_personal_burnout", "at_least": 50, "policy": "high_burnout_cutoff"}]},
    {"name": "work", "items": [6, 7, 8, 9, 10, 11, 12], "rule": "mapped_mean", "higher_is_better": false,
     "reliability": 0.87,
     "flags": [{"flag": "high_work_burnout", "at_least": 50, "policy": "high_burnout_cutoff"}]},
    {"name": "client", "items": [13, 14, 15, 16, 17, 18], "rule": "mapped_mean", "higher_is_better": false,
     "reliability": 0.85,
     "flags": [{"flag": "high_client_burnout", "at_least": 50, "policy": "high_burnout_cutoff"}]}
  ],
  "missing": {"policy": "complete"},
  "primary": null
})json";

constexpr std::string_view kPhq9 = R"json({
  "schema_version": 1,
  "id": "phq9",
  "name": "Patient Health Questionnaire (PHQ-9)",
  "licence": "Free to use; no permission required (developed by Drs Spitzer, Williams, Kroenke and colleagues with an educational grant from Pfizer).",
  "reference": "Kroenke et al. 2001, J Gen Intern Med 16:606-613 (alpha 0.89). Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe; caseness >= 10; reliable improvement: falls >= 6. Item 9 > 0 raises self_harm_risk whatever the total.",
  "item_defaults": {"min": 0, "max": 3,
                    "labels": ["Not at all", "Several days", "More than half the days", "Nearly every day"]},
  "items": [
    {"text": "Little interest or pleasure in doing things"},
    {"text": "Feeling down, depressed, or hopeless"},
    {"text": "Trouble falling or staying asleep, or sleeping too much"},
    {"text": "Feeling tired or having little energy"},
    {"text": "Poor appetite or overeating"},
    {"text": "Feeling bad about yourself, or that you are a failure or have let yourself or your family down"},
    {"text": "Trouble concentrating on things, such as reading the newspaper or watching television"},
    {"text": "Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual"},
    {"text": "Thoughts that you would be better off dead, or of hurting yourself in some way"}
  ],
  "item_flags": [{"item": 8, "at_least": 1, "flag": "self_harm_risk", "risk": true}],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3, 4, 5, 6, 7, 8], "rule": "sum", "higher_is_better": false,
     "reliability": 0.89, "meaningful_change": 6,
     "bands": [[0, 4, "minimal"], [5, 9, "mild"], [10, 14, "moderate"], [15, 19, "moderately severe"],
               [20, 27, "severe"]],
     "flags": [{"flag": "caseness", "at_least": 10}]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kGad7 = R"json({
  "schema_version": 1,
  "id": "gad7",
  "name": "Generalised Anxiety Disorder assessment (GAD-7)",
  "licence": "Free to use; no permission required (developed by Drs Spitzer, Williams, Kroenke and colleagues with an educational grant from Pfizer).",
  "reference": "Spitzer et al. 2006, Arch Intern Med 166:1092-1097 (alpha 0.92). Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe; caseness >= 8; reliable improvement: falls >= 4.",
  "item_defaults": {"min": 0, "max": 3,
                    "labels": ["Not at all", "Several days", "More than half the days", "Nearly every day"]},
  "items": [
    {"text": "Feeling nervous, anxious or on edge"},
    {"text": "Not being able to stop or control worrying"},
    {"text": "Worrying too much about different things"},
    {"text": "Trouble relaxing"},
    {"text": "Being so restless that it is hard to sit still"},
    {"text": "Becoming easily annoyed or irritable"},
    {"text": "Feeling afraid as if something awful might happen"}
  ],
  "scales": [
    {"name": "total", "items": [0, 1, 2, 3, 4, 5, 6], "rule": "sum", "higher_is_better": false,
     "reliability": 0.92, "meaningful_change": 4,
     "bands": [[0, 4, "minimal"], [5, 9, "mild"], [10, 14, "moderate"], [15, 21, "severe"]],
     "flags": [{"flag": "caseness", "at_least": 8}]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kPam = R"json({
  "schema_version": 1,
  "id": "pam",
  "name": "Patient Activation Measure (PAM)",
  "score_only": true,
  "licence": "Proprietary (Insignia Health). Record the score (0-100) or level (1-4) from a licensed tool; laycoach never computes a PAM score from item answers.",
  "reference": "Hibbard et al. 2004/2005. Default level cut points: 1 <= 47.0, 2 47.1-55.1, 3 55.2-67.0, 4 >= 67.1 (configurable in pam_level). Meaningful change >= 3 points.",
  "scales": [
    {"name": "score", "higher_is_better": true, "meaningful_change": 3,
     "range": [0, 100],
     "bands": [[0, 47.0, "level 1"], [47.1, 55.1, "level 2"], [55.2, 67.0, "level 3"], [67.1, 100, "level 4"]]},
    {"name": "level", "higher_is_better": true,
     "range": [1, 4],
     "bands": [[1, 1, "level 1"], [2, 2, "level 2"], [3, 3, "level 3"], [4, 4, "level 4"]]}
  ],
  "primary": "score",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kConfidence = R"json({
  "schema_version": 1,
  "id": "confidence",
  "name": "Confidence (single item, 1-10)",
  "licence": "laycoach local item; free to use. Replace the wording with the service's own if it differs.",
  "reference": "Single-item confidence rating 1-10 used in health coaching evaluations; no bands published.",
  "items": [
    {"text": "How confident do you feel about managing your own health and wellbeing? (1 = not at all confident, 10 = completely confident)",
     "min": 1, "max": 10}
  ],
  "scales": [
    {"name": "total", "items": [0], "rule": "sum", "higher_is_better": true}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kGoals = R"json({
  "schema_version": 1,
  "id": "goals",
  "name": "Goal attainment (up to five self-identified goals)",
  "licence": "laycoach local measure; free to use.",
  "reference": "Per goal at follow-up: 0 not started, 1 partly achieved, 2 achieved. Total = number of goals achieved over the goals set (unset goals are left unanswered); reported as 'achieved one or more goals'.",
  "item_defaults": {"min": 0, "max": 2, "values": [0, 0, 1],
                    "labels": ["Not started", "Partly achieved", "Achieved"]},
  "items": [
    {"text": "Goal 1: attainment at follow-up"},
    {"text": "Goal 2: attainment at follow-up"},
    {"text": "Goal 3: attainment at follow-up"},
    {"text": "Goal 4: attainment at follow-up"},
    {"text": "Goal 5: attainment at follow-up"}
  ],
  "scales": [
    {"name": "achieved", "items": [0, 1, 2, 3, 4], "rule": "sum", "higher_is_better": true,
     "bands": [[0, 0, "none achieved"], [1, 5, "achieved one or more"]],
     "flags": [{"flag": "achieved_one_or_more", "at_least": 1}]}
  ],
  "primary": "achieved",
  "missing": {"policy": "available", "max_missing": 4}
})json";

constexpr std::string_view kExperience = R"json({
  "schema_version": 1,
  "id": "experience",
  "name": "Coaching experience (satisfied; listened to and supported; able to move forward)",
  "licence": "laycoach local items; free to use.",
  "reference": "Agreement 1-5; 'agree' = 4-5, reported as the percentage agreeing with a Wilson interval.",
  "item_defaults": {"min": 1, "max": 5,
                    "labels": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]},
  "items": [
    {"text": "Overall, I was satisfied with the coaching I received"},
    {"text": "I felt listened to and supported"},
    {"text": "I feel able to move forward"}
  ],
  "scales": [
    {"name": "satisfied", "items": [0], "rule": "sum", "higher_is_better": true,
     "bands": [[1, 2, "disagree"], [3, 3, "neutral"], [4, 5, "agree"]]},
    {"name": "listened_supported", "items": [1], "rule": "sum", "higher_is_better": true,
     "bands": [[1, 2, "disagree"], [3, 3, "neutral"], [4, 5, "agree"]]},
    {"name": "move_forward", "items": [2], "rule": "sum", "higher_is_better": true,
     "bands": [[1, 2, "disagree"], [3, 3, "neutral"], [4, 5, "agree"]]}
  ],
  "missing": {"policy": "complete"},
  "primary": null
})json";

constexpr std::string_view kIntentionToLeave = R"json({
  "schema_version": 1,
  "id": "intention_to_leave",
  "name": "Intention to leave (single item)",
  "licence": "laycoach local item; free to use.",
  "reference": "Agreement 1-5; 'agree' = 4-5 (thinking of leaving).",
  "items": [
    {"text": "I often think about leaving my job", "min": 1, "max": 5,
     "labels": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]}
  ],
  "scales": [
    {"name": "total", "items": [0], "rule": "sum", "higher_is_better": false,
     "bands": [[1, 2, "disagree"], [3, 3, "neutral"], [4, 5, "agree"]]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kEmployerSupport = R"json({
  "schema_version": 1,
  "id": "employer_support",
  "name": "Perceived employer support (single item)",
  "licence": "laycoach local item; free to use. Replace the wording with the service's own if it differs.",
  "reference": "Agreement 1-5; 'agree' = 4-5.",
  "items": [
    {"text": "I feel supported by my employer", "min": 1, "max": 5,
     "labels": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]}
  ],
  "scales": [
    {"name": "total", "items": [0], "rule": "sum", "higher_is_better": true,
     "bands": [[1, 2, "disagree"], [3, 3, "neutral"], [4, 5, "agree"]]}
  ],
  "primary": "total",
  "missing": {"policy": "complete"}
})json";

// The usage survey of people trained in coaching skills (docs/usage-tracking.md). A laycoach
// local survey, not a validated instrument: no reliability, no meaningful change, no norms.
// "practising" (a scale flag, not a risk flag) is the one definition of practising: the
// approach used at least once or twice in the last month.
constexpr std::string_view kCoachingSkillsUsage = R"json({
  "schema_version": 1,
  "id": "coaching_skills_usage",
  "name": "Coaching skills usage survey (laycoach local survey; not validated)",
  "licence": "laycoach local survey; free to use. Not a validated or published instrument: no reliability, norms or meaningful-change threshold exist for it. Replace the wording with the service's own if it differs.",
  "reference": "laycoach local survey for people trained in coaching skills, sent at intervals after the course (docs/usage-tracking.md). Not validated; no published norms. Item 1: use of a coaching approach in the last month (0 never, 1 once or twice, 2 weekly, 3 most days); 'practising' = 1 or more (at least monthly). Items 2-5: with whom (0 no, 1 yes; 'reach' = number of groups). Item 6: confidence in using a coaching approach, 1-10.",
  "items": [
    {"text": "In the last month, how often have you used a coaching approach in your work?", "min": 0, "max": 3,
     "labels": ["Never", "Once or twice", "Weekly", "Most days"]},
    {"text": "In the last month, have you used it with patients or clients?", "min": 0, "max": 1, "labels": ["No", "Yes"]},
    {"text": "In the last month, have you used it with colleagues?", "min": 0, "max": 1, "labels": ["No", "Yes"]},
    {"text": "In the last month, have you used it with your team?", "min": 0, "max": 1, "labels": ["No", "Yes"]},
    {"text": "In the last month, have you used it with anyone else?", "min": 0, "max": 1, "labels": ["No", "Yes"]},
    {"text": "How confident do you feel about using a coaching approach? (1 = not at all confident, 10 = completely confident)",
     "min": 1, "max": 10}
  ],
  "scales": [
    {"name": "frequency", "items": [0], "rule": "sum", "higher_is_better": true,
     "bands": [[0, 0, "not used"], [1, 1, "monthly"], [2, 2, "weekly"], [3, 3, "most days"]],
     "flags": [{"flag": "practising", "at_least": 1}]},
    {"name": "reach", "items": [1, 2, 3, 4], "rule": "sum", "higher_is_better": true},
    {"name": "confidence", "items": [5], "rule": "sum", "higher_is_better": true}
  ],
  "primary": "frequency",
  "missing": {"policy": "complete"}
})json";

constexpr std::string_view kBuiltins[] = {
    kWemwbs, kSwemwbs, kOns4, kBrcs, kBrs, kBurnoutSingle, kCbi, kPhq9, kGad7,
    kPam, kConfidence, kGoals, kExperience, kIntentionToLeave, kEmployerSupport, kCoachingSkillsUsage,
};

}  // namespace

/// The built-in definition documents, in library order (declared in src/instrument.cpp), with
/// the shared tables put in their places.
std::span<const std::string_view> builtin_instrument_documents() noexcept {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    for (std::string_view d : kBuiltins) {
      std::string doc(d);
      const std::string_view token = "@SWEMWBS_RASCH@";
      for (auto at = doc.find(token); at != std::string::npos; at = doc.find(token))
        doc.replace(at, token.size(), kSwemwbsRasch);
      out.push_back(std::move(doc));
    }
    return out;
  }();
  static const std::vector<std::string_view> views(docs.begin(), docs.end());
  return views;
}

}  // namespace laycoach::detail
