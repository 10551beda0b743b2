"""
The capacity simulation's compiled core (use laycoach.simulation).
"""
from __future__ import annotations
import collections.abc
import datetime
import laycoach._core
import typing
__all__: list[str] = ['DemandModel', 'Replications', 'Scenario', 'Summary', 'WAIT_BINS', 'WAIT_BIN_MINUTES', 'fit_demand', 'optimise', 'results_to_json', 'run', 'summarise']
class DemandModel:
    """
    Demand on a service: per service line, offer and pathway, arrivals per hour of week, seasonality, growth, dose, did-not-attend and cancellation, time-of-day preferences.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: typing.Any) -> DemandModel:
        """
        Read and validate a demand-model document (docs/simulation.md). Raises ParseError or ValidationError naming the JSON pointer (e.g. '/streams/0/per_hour/12').
        """
    def __eq__(self, other: DemandModel) -> bool:
        """
        Equal when every stream and figure is equal.
        """
    def __getstate__(self) -> str:
        ...
    def __repr__(self) -> str:
        """
        One line: streams and requests a week.
        """
    def __setstate__(self, arg0: str) -> None:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The demand model as a document (schema_version 1).
        """
    @property
    def streams(self) -> list:
        """
        The streams as dicts: service_line_id, offer_id, pathway, requests_per_week (the sum of the hourly rates), seasonal (12 multipliers by UK local month, January first), growth (annual, compounding).
        """
class Scenario:
    """
    A scenario: supply (catalogue, coaches), demand, period and options. Edits return a new scenario.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_json(document: typing.Any) -> Scenario:
        """
        Read a scenario document (docs/simulation.md), apply its edits and validate it. Raises ParseError / ValidationError (record 'scenario', field the JSON pointer) or NotFoundError.
        """
    @staticmethod
    def from_programme(programme: laycoach._core.Programme, demand: DemandModel, start: datetime.datetime, days: typing.SupportsInt | typing.SupportsIndex = 28, within_hours: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] | None = None) -> Scenario:
        """
        A scenario of a live programme's catalogue, coaches and group sessions with `demand`, from `start` (an aware datetime) for `days` days; within_hours are the thresholds reported (default [24]).
        """
    def __eq__(self, other: Scenario) -> bool:
        """
        Equal when supply, demand, period and options are equal.
        """
    def __getstate__(self) -> str:
        ...
    def __repr__(self) -> str:
        """
        One line: coaches, streams, period.
        """
    def __setstate__(self, arg0: str) -> None:
        ...
    def add_coaches(self, n: typing.SupportsInt | typing.SupportsIndex, like: str, hours: typing.Any = None, weekdays: typing.Any = None, id_prefix: str = 'sim-coach-') -> Scenario:
        """
        What-if: n more coaches like coach `like` (its offers, pathways, modalities, caps, buffer), working hours=(from, to) ('18:00', minutes or datetime.time) on weekdays (0 = Monday; default every day), or the template's weekly rota when hours is None. Returns a new Scenario. Raises NotFoundError (template), ValidationError (n < 0, rule 'time_of_day' for bad hours).
        """
    def add_hours(self, hours: typing.Any, weekdays: typing.Any = None, coaches: collections.abc.Sequence[str] = []) -> Scenario:
        """
        What-if: hours=(from, to) on weekdays added to the weekly rota of each coach in `coaches` (default every coach). Returns a new Scenario. Raises NotFoundError for an unknown coach.
        """
    def open_offer(self, offer_id: str, coaches: collections.abc.Sequence[str] = []) -> Scenario:
        """
        What-if: the offer (e.g. a pathway's) opened to `coaches` (default every coach who may deliver it). Returns a new Scenario. Raises NotFoundError (offer, coach).
        """
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex | None = None) -> str:
        """
        The scenario as a document (edits applied).
        """
    def with_options(self, options: typing.Any) -> Scenario:
        """
        A copy with the options and edits of an options document ({'within_hours', 'office', 'edits'}).
        """
    @property
    def coach_ids(self) -> list[str]:
        """
        Ids of the scenario's coaches, in order.
        """
    @property
    def days(self) -> int:
        """
        Length of the period, days.
        """
    @property
    def demand(self) -> DemandModel:
        """
        The demand model (a copy).
        """
    @property
    def start(self) -> datetime.datetime:
        """
        First instant simulated (UTC).
        """
    @property
    def within_hours(self) -> list[float]:
        """
        The 'first session within N hours' thresholds reported.
        """
class Replications:
    """
    Results of replications of one scenario (the engine's ReplicationResult list).
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def concat(parts: collections.abc.Sequence[Replications]) -> Replications:
        """
        Replications of several calls (e.g. Dask chunks) as one, in the order given.
        """
    @staticmethod
    def from_json(document: typing.Any) -> Replications:
        """
        Read replications_to_json's array. Raises ParseError (record 'replications').
        """
    def __eq__(self, other: Replications) -> bool:
        """
        Equal when every figure is equal (a figure with no value, NaN, equals NaN).
        """
    def __getstate__(self) -> str:
        ...
    def __len__(self) -> int:
        """
        Number of replications.
        """
    def __setstate__(self, arg0: str) -> None:
        ...
    def columns(self, within_hours: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> dict:
        """
        Per replication, each group then everyone (ids ''): a dict of columns (numpy arrays and lists) for a DataFrame.
        """
    def histograms(self) -> tuple:
        """
        The wait histograms summed over replications: (group keys, counts[groups + 1, WAIT_BINS]); the last row is everyone.
        """
    def to_json(self) -> str:
        """
        The replications as a JSON array.
        """
    @property
    def numbers(self) -> list[int]:
        """
        The replication numbers, in order.
        """
class Summary:
    """
    Every figure across replications: mean and confidence interval.
    """
    def coaches(self) -> dict:
        """
        Utilisation by coach as a dict of columns: coach_id, mean, lower, upper.
        """
    def hours(self) -> dict:
        """
        Utilisation by UK local hour of week as a dict of columns: hour_of_week (0 = Monday 00:00), mean, lower, upper.
        """
    def rows(self) -> dict:
        """
        The summary rows as a dict of columns: service_line_id, offer_id, pathway ('' on the overall rows), measure, mean, lower, upper, sd, n.
        """
    def to_json(self) -> str:
        """
        The summary as a document.
        """
    @property
    def level(self) -> float:
        """
        Confidence level of the intervals.
        """
    @property
    def replications(self) -> int:
        """
        Replications summarised.
        """
def fit_demand(programme: laycoach._core.Programme, from_: datetime.datetime, to: datetime.datetime) -> DemandModel:
    """
    Fit a demand model to the programme's history in [from_, to) (aware datetimes): arrivals per hour of week, seasonal multipliers (history of a year or more) and growth (half a year or more; two years beside seasonal multipliers), each for a stream of 360 arrivals or more, else 1 / 0; rates at `to`. Raises ValidationError (field 'to', rule 'period_order') unless from_ < to.
    """
def optimise(scenario: Scenario, target: typing.SupportsFloat | typing.SupportsIndex, within_hours: typing.SupportsFloat | typing.SupportsIndex = 24.0, lever: str = 'coaches', like: str = '', hours: typing.Any = None, weekdays: typing.Any = None, offer_id: str = '', level: typing.SupportsFloat | typing.SupportsIndex = 0.95, max_added: typing.SupportsInt | typing.SupportsIndex = 100, replications: typing.SupportsInt | typing.SupportsIndex = 30, seed: typing.SupportsInt | typing.SupportsIndex = 1, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> str:
    """
    The smallest number of coaches (or coaches given hours) to add so that the share of first sessions within `within_hours` meets `target` with confidence `level` (the interval's lower bound); the optimiser's answer document {'best', 'points'} as text.
    """
def results_to_json(replications: Replications, summary: Summary, seed: typing.SupportsInt | typing.SupportsIndex, requested: typing.SupportsInt | typing.SupportsIndex, cancelled: bool, within_hours: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> str:
    """
    The results document of the C API's lc_simulation_run.
    """
def run(scenario: Scenario, seed: typing.SupportsInt | typing.SupportsIndex, first: typing.SupportsInt | typing.SupportsIndex, count: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> Replications:
    """
    Run replications [first, first + count) of the scenario (GIL released; threads 0 = every core). progress(done, total) is called from this thread as replications finish; returning False cancels (the replications done are returned); Ctrl-C cancels and raises KeyboardInterrupt. Replication r depends only on (seed, r).
    """
def summarise(replications: Replications, level: typing.SupportsFloat | typing.SupportsIndex = 0.95) -> Summary:
    """
    Mean and confidence interval of every figure across replications. Raises ValidationError (field 'level', rule 'confidence_level').
    """
WAIT_BINS: int = 1344
WAIT_BIN_MINUTES: int = 15
