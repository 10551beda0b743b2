"""
Paired before/after statistics (t-test, Wilcoxon, Wilson, reliable change).
"""
from __future__ import annotations
import numpy
import numpy.typing
import typing
__all__: list[str] = ['AdjustedMean', 'Ancova', 'ArmComparison', 'Coefficient', 'EffectSizes', 'Estimate', 'PairedT', 'ReliableChange', 'WelchT', 'Wilcoxon', 'WilsonInterval', 'effect_sizes', 'mean', 'paired_t', 'reliable_change', 'reliable_change_threshold', 'sd', 'wilcoxon', 'wilson']
class PairedT:
    """
    Result of paired_t: descriptives, t-test and effect sizes.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def ci_high(self) -> float:
        """
        upper end of the t-based CI of mean_diff
        """
    @property
    def ci_low(self) -> float:
        """
        lower end of the t-based CI of mean_diff
        """
    @property
    def confidence(self) -> float:
        """
        confidence level of the CI
        """
    @property
    def d_av(self) -> float:
        """
        Cohen's d_av = mean_diff / ((sd_before + sd_after) / 2)
        """
    @property
    def d_z(self) -> float:
        """
        Cohen's d_z = mean_diff / sd_diff
        """
    @property
    def df(self) -> float:
        """
        degrees of freedom n - 1
        """
    @property
    def g_av(self) -> float:
        """
        Hedges' g_av = J * d_av
        """
    @property
    def g_z(self) -> float:
        """
        Hedges' g_z = J * d_z, J = 1 - 3/(4 df - 1)
        """
    @property
    def mean_after(self) -> float:
        """
        mean of after
        """
    @property
    def mean_before(self) -> float:
        """
        mean of before
        """
    @property
    def mean_diff(self) -> float:
        """
        mean of after - before
        """
    @property
    def n(self) -> int:
        """
        number of pairs
        """
    @property
    def p(self) -> float:
        """
        two-sided p-value
        """
    @property
    def sd_after(self) -> float:
        """
        sample sd (n - 1) of after
        """
    @property
    def sd_before(self) -> float:
        """
        sample sd (n - 1) of before
        """
    @property
    def sd_diff(self) -> float:
        """
        sample sd (n - 1) of after - before
        """
    @property
    def t(self) -> float:
        """
        t statistic (> 0 when after is higher)
        """
class Wilcoxon:
    """
    Result of wilcoxon: signed-rank test of after - before.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def exact(self) -> bool:
        """
        True when p is exact (n <= 50, no tied |d|)
        """
    @property
    def has_ties(self) -> bool:
        """
        True when some non-zero |d| are tied
        """
    @property
    def n(self) -> int:
        """
        non-zero differences used
        """
    @property
    def n_zero(self) -> int:
        """
        zero differences dropped
        """
    @property
    def p(self) -> float:
        """
        two-sided p-value
        """
    @property
    def r(self) -> float:
        """
        effect size r = z / sqrt(n)
        """
    @property
    def w_minus(self) -> float:
        """
        sum of ranks of negative differences
        """
    @property
    def w_plus(self) -> float:
        """
        sum of ranks of positive differences
        """
    @property
    def z(self) -> float:
        """
        signed normal-approximation z, tie-corrected, no continuity correction (scipy's two-sided zstatistic is -abs(z))
        """
class ReliableChange:
    """
    Result of reliable_change (Jacobson-Truax).
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def deteriorated(self) -> int:
        """
        changed reliably for the worse
        """
    @property
    def improved(self) -> int:
        """
        changed reliably for the better
        """
    @property
    def n(self) -> int:
        """
        number of pairs
        """
    @property
    def reliability(self) -> float:
        """
        reliability used
        """
    @property
    def sd_before(self) -> float:
        """
        sample sd of before used
        """
    @property
    def share_deteriorated(self) -> float:
        """
        deteriorated / n
        """
    @property
    def share_improved(self) -> float:
        """
        improved / n
        """
    @property
    def share_unchanged(self) -> float:
        """
        unchanged / n
        """
    @property
    def threshold(self) -> float:
        """
        |after - before| must exceed this
        """
    @property
    def unchanged(self) -> int:
        """
        no reliable change
        """
class WilsonInterval(tuple):
    """
    Result of wilson: the Wilson score interval of a share, a tuple (low, high) so that `low, high = wilson(k, n)` unpacks it; k, n, share (k / n) and confidence are attributes.
    """
    k: int
    n: int
    share: float
    confidence: float
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def high(self) -> float:
        """
        upper end of the interval (0..1)
        """
    @property
    def low(self) -> float:
        """
        lower end of the interval (0..1)
        """
class Estimate:
    """
    An estimate with its confidence interval.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def ci_high(self) -> float:
        """
        upper confidence limit
        """
    @property
    def ci_low(self) -> float:
        """
        lower confidence limit
        """
    @property
    def estimate(self) -> float:
        """
        point estimate
        """
class EffectSizes:
    """
    Result of effect_sizes: d_z, d_av, g_z, g_av with confidence intervals.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A DataFrame: one row per effect size (index d_z, d_av, g_z, g_av); estimate, ci_low, ci_high.
        """
    @property
    def confidence(self) -> float:
        """
        confidence level of the intervals
        """
    @property
    def d_av(self) -> Estimate:
        """
        Cohen's d_av = mean(d) / mean of the two SDs, with its CI
        """
    @property
    def d_z(self) -> Estimate:
        """
        Cohen's d_z = mean(d) / sd(d) with its CI
        """
    @property
    def g_av(self) -> Estimate:
        """
        Hedges' g_av = J d_av; CI = J x that of d_av
        """
    @property
    def g_z(self) -> Estimate:
        """
        Hedges' g_z = J d_z; CI = J x that of d_z
        """
    @property
    def method(self) -> str:
        """
        'analytic', 'percentile' or 'bca'
        """
    @property
    def n(self) -> int:
        """
        pairs used
        """
    @property
    def n_dropped(self) -> int:
        """
        pairs dropped for a missing value (nan_policy='omit')
        """
    @property
    def resamples(self) -> int:
        """
        bootstrap resamples (0 for analytic)
        """
    @property
    def seed(self) -> int:
        """
        bootstrap seed
        """
class WelchT:
    """
    Welch two-sample t-test of a difference in means.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def ci_high(self) -> float:
        """
        upper end of the t-based CI
        """
    @property
    def ci_low(self) -> float:
        """
        lower end of the t-based CI
        """
    @property
    def df(self) -> float:
        """
        Welch-Satterthwaite degrees of freedom
        """
    @property
    def difference(self) -> float:
        """
        mean of the first group - mean of the second
        """
    @property
    def p(self) -> float:
        """
        two-sided p-value
        """
    @property
    def se(self) -> float:
        """
        standard error of the difference
        """
    @property
    def t(self) -> float:
        """
        t statistic
        """
class Coefficient:
    """
    One coefficient of a least-squares fit with its t-test and CI.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def ci_high(self) -> float:
        """
        upper end of the t-based CI
        """
    @property
    def ci_low(self) -> float:
        """
        lower end of the t-based CI
        """
    @property
    def estimate(self) -> float:
        """
        least-squares estimate
        """
    @property
    def p(self) -> float:
        """
        two-sided p-value
        """
    @property
    def se(self) -> float:
        """
        standard error
        """
    @property
    def t(self) -> float:
        """
        estimate / se
        """
    @property
    def term(self) -> str:
        """
        'Intercept', 'before' or '<factor>[T.<label>]'
        """
class AdjustedMean:
    """
    A group's follow-up and change adjusted to the mean baseline.
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        A one-row pandas DataFrame of to_dict() at full precision (nested figures as <name>_<field> columns).
        """
    @property
    def adjusted_after(self) -> float:
        """
        predicted follow-up at the overall mean baseline
        """
    @property
    def adjusted_change(self) -> float:
        """
        adjusted_after - overall mean baseline
        """
    @property
    def ci_high(self) -> float:
        """
        upper end of the CI of adjusted_change
        """
    @property
    def ci_low(self) -> float:
        """
        lower end of the CI of adjusted_change
        """
    @property
    def group(self) -> str:
        """
        group label ('all' without groups)
        """
    @property
    def mean_after(self) -> float:
        """
        raw follow-up mean
        """
    @property
    def mean_before(self) -> float:
        """
        raw baseline mean
        """
    @property
    def n(self) -> int:
        """
        pairs of the group
        """
    @property
    def p(self) -> float:
        """
        two-sided p-value of no adjusted change
        """
    @property
    def se(self) -> float:
        """
        standard error of adjusted_after (and adjusted_change)
        """
    @property
    def t(self) -> float:
        """
        adjusted_change / se
        """
class Ancova:
    """
    Result of ancova: follow-up regressed on baseline (+ group indicators).
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def adjusted_frame(self) -> typing.Any:
        """
        The adjusted means as a DataFrame indexed by group.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        The coefficients as a DataFrame indexed by term.
        """
    @property
    def coefficients(self) -> list[Coefficient]:
        """
        Intercept, before, then one per non-reference group
        """
    @property
    def confidence(self) -> float:
        """
        confidence level of the CIs
        """
    @property
    def df_resid(self) -> float:
        """
        residual degrees of freedom
        """
    @property
    def groups(self) -> list[AdjustedMean]:
        """
        adjusted means, one per group (or 'all')
        """
    @property
    def mean_before(self) -> float:
        """
        overall baseline mean (where adjusted means are taken)
        """
    @property
    def n(self) -> int:
        """
        pairs used
        """
    @property
    def n_dropped(self) -> int:
        """
        rows dropped for a missing value (nan_policy='omit')
        """
    @property
    def r_squared(self) -> float:
        """
        coefficient of determination
        """
    @property
    def sigma(self) -> float:
        """
        residual standard deviation
        """
class ArmComparison:
    """
    Result of compare_arms: difference in change between two arms (intervention - comparison).
    """
    def __repr__(self) -> str:
        """
        One line of the headline figures, rounded (to_dict() has them at full precision).
        """
    def _repr_html_(self) -> str:
        """
        The notebook display: a small table of the headline figures, rounded.
        """
    def to_dict(self) -> dict:
        """
        Every figure as a dict at full precision (nested results as dicts); json.dumps-able.
        """
    def to_frame(self) -> typing.Any:
        """
        The two analyses (Welch t of change, ANCOVA) as a DataFrame.
        """
    @property
    def adjusted(self) -> Coefficient:
        """
        the ANCOVA arm effect (after ~ before + arm)
        """
    @property
    def ancova(self) -> Ancova:
        """
        the whole ANCOVA fit
        """
    @property
    def change(self) -> WelchT:
        """
        Welch t of change scores, intervention - comparison
        """
    @property
    def confidence(self) -> float:
        """
        confidence level of the CIs
        """
    @property
    def mean_change_comparison(self) -> float:
        """
        mean change, comparison arm
        """
    @property
    def mean_change_intervention(self) -> float:
        """
        mean change, intervention arm
        """
    @property
    def n_comparison(self) -> int:
        """
        pairs in the comparison arm
        """
    @property
    def n_dropped(self) -> int:
        """
        rows dropped for a missing value (nan_policy='omit')
        """
    @property
    def n_intervention(self) -> int:
        """
        pairs in the intervention arm
        """
    @property
    def sd_change_comparison(self) -> float:
        """
        SD of change, comparison arm
        """
    @property
    def sd_change_intervention(self) -> float:
        """
        SD of change, intervention arm
        """
def _ancova(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], codes: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], labels: typing.Any, confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, nan_policy: str = 'propagate') -> Ancova:
    """
    ANCOVA on integer group codes (use laycoach.stats.ancova).
    """
def _compare_arms(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], codes: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], labels: typing.Any, confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, nan_policy: str = 'propagate') -> ArmComparison:
    """
    Two-arm comparison on arm codes 0/1 (use laycoach.stats.compare_arms).
    """
def effect_sizes(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'analytic', resamples: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex = 0, nan_policy: str = 'propagate') -> EffectSizes:
    """
    Effect sizes d_z, d_av, g_z, g_av of after - before with confidence intervals: method 'analytic'
    (noncentral t; Algina-Keselman for d_av), 'percentile' or 'bca' (bootstrap of pairs, deterministic
    for a seed). nan_policy as scipy: 'propagate', 'omit' or 'raise'. See docs/statistics.md.
    """
def mean(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], nan_policy: str = 'propagate') -> float:
    """
    Arithmetic mean of a 1-D array. nan_policy as scipy's: 'propagate' (a NaN gives NaN), 'omit' (NaN
    dropped) or 'raise' (ValidationError values/nan). Raises ValidationError values/min_size (no value),
    values/finite (inf), nan_policy/unknown.
    """
def paired_t(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, nan_policy: str = 'propagate') -> PairedT:
    """
    Paired t-test of after - before with a CI of the mean difference and effect sizes.
    nan_policy as scipy.stats.ttest_rel: 'propagate' (a NaN makes every figure NaN; n counts every pair),
    'omit' (pairs with a NaN on either side are dropped) or 'raise' (ValidationError before|after/nan).
    Raises ValidationError after/same_length, before/min_size, before|after/finite (inf),
    confidence/range, nan_policy/unknown.
    """
def reliable_change(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], reliability: typing.SupportsFloat | typing.SupportsIndex, higher_is_better: bool = True, nan_policy: str = 'propagate') -> ReliableChange:
    """
    Counts of reliable improvement / deterioration / no change (Jacobson-Truax).
    nan_policy as scipy's: 'propagate' (a NaN makes sd_before, threshold and the shares NaN and every
    count 0; n counts every pair), 'omit' (pairs with a NaN on either side dropped) or 'raise'
    (ValidationError before|after/nan). Raises ValidationError after/same_length, before/min_size
    (fewer than 2 pairs), before|after/finite (inf), reliability/range, nan_policy/unknown.
    """
def reliable_change_threshold(sd_before: typing.SupportsFloat | typing.SupportsIndex, reliability: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Jacobson-Truax threshold 1.96 * sd_before * sqrt(2) * sqrt(1 - reliability).
    """
def sd(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], nan_policy: str = 'propagate') -> float:
    """
    Sample standard deviation (n - 1); nan for one value. nan_policy and errors as mean().
    """
def wilcoxon(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], nan_policy: str = 'propagate') -> Wilcoxon:
    """
    Wilcoxon signed-rank test of after - before (zeros dropped; exact p for n <= 50 without ties).
    nan_policy as scipy.stats.wilcoxon: 'propagate' (a NaN makes w_plus, w_minus, z, p, r NaN),
    'omit' (pairs with a NaN on either side are dropped) or 'raise' (ValidationError before|after/nan).
    """
def wilson(k: typing.SupportsInt | typing.SupportsIndex, n: typing.SupportsInt | typing.SupportsIndex, confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> WilsonInterval:
    """
    Wilson score interval for k successes out of n: a WilsonInterval, the tuple (low, high) with k, n,
    share and confidence. Raises ValidationError n/positive (n <= 0), k/range (k outside 0..n),
    confidence/range.
    """
