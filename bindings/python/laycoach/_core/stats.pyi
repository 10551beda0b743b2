"""
Paired before/after statistics (t-test, Wilcoxon, Wilson, reliable change).
"""
from __future__ import annotations
import numpy
import numpy.typing
import typing
__all__: list[str] = ['PairedT', 'ReliableChange', 'Wilcoxon', 'mean', 'paired_t', 'reliable_change', 'reliable_change_threshold', 'sd', 'wilcoxon', 'wilson']
class PairedT:
    """
    Result of paired_t: descriptives, t-test and effect sizes.
    """
    def __repr__(self) -> str:
        ...
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
        ...
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
        ...
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
def mean(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> float:
    """
    Arithmetic mean of a 1-D array.
    """
def paired_t(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> PairedT:
    """
    Paired t-test of after - before with a CI of the mean difference and effect sizes.
    """
def reliable_change(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], reliability: typing.SupportsFloat | typing.SupportsIndex, higher_is_better: bool = True) -> ReliableChange:
    """
    Counts of reliable improvement / deterioration / no change (Jacobson-Truax).
    """
def reliable_change_threshold(sd_before: typing.SupportsFloat | typing.SupportsIndex, reliability: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Jacobson-Truax threshold 1.96 * sd_before * sqrt(2) * sqrt(1 - reliability).
    """
def sd(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> float:
    """
    Sample standard deviation (n - 1); nan for one value.
    """
def wilcoxon(before: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], after: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> Wilcoxon:
    """
    Wilcoxon signed-rank test of after - before (zeros dropped; exact p for n <= 50 without ties).
    """
def wilson(k: typing.SupportsInt | typing.SupportsIndex, n: typing.SupportsInt | typing.SupportsIndex, confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> tuple[float, float]:
    """
    Wilson score interval (low, high) for k successes out of n.
    """
