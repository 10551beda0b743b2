"""The capacity simulation: will this rota keep the 24-hour promise, before anyone funds it?

A discrete-event simulation of the service (docs/simulation.md). Every simulated booking goes
through the library's own slot search and acceptance rule (the C++ engine, ``laycoach._core``);
this module adds what is naturally Python: DataFrames, a ``tqdm`` progress bar, Dask::

    >>> import laycoach
    >>> p = laycoach.demo.make()
    >>> demand = laycoach.fit_demand(p)                        # rates, dose, DNA from the history
    >>> sc = laycoach.simulation.scenario(p, demand, days=28)  # the live coaches and offers
    >>> more = sc.add_coaches(2, like=sc.coach_ids[0], hours=("18:00", "22:00"), weekdays=range(5))
    >>> r = laycoach.simulate(more, replications=50, seed=1)
    >>> r.summary                                             # mean and CI of every figure

Reproducible: replication r's random numbers depend only on (seed, r), so a seed gives the same
results on any machine, for any number of threads or Dask workers.
"""
from __future__ import annotations

import datetime as _dt
import json as _json
import math as _math
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core

_sim = _core.simulation
DemandModel = _sim.DemandModel
Scenario = _sim.Scenario
Replications = _sim.Replications

__all__ = ["simulate", "fit_demand", "scenario", "optimise", "run_chunk", "SimulationResult", "Optimum",
           "DemandModel", "Scenario", "Replications"]

_GROUP = ["service_line_id", "offer_id", "pathway"]


def _error(record: str, field: str, rule: str, message: str) -> Exception:
    """A laycoach.ValidationError with record, field and rule, like those of the C++ core."""
    err = _core.ValidationError(message)
    err.code, err.record, err.field, err.rule, err.detail = "invalid_argument", record, field, rule, message
    return err


def _history(programme: Any) -> Tuple[_dt.datetime, _dt.datetime]:
    """The span of the programme's referrals: (first requested_at, just after the last)."""
    from .frames import frame

    ref = frame(programme, "referrals")["requested_at"].dropna()
    if ref.empty:
        raise _error("fit", "referrals", "history_required", "the programme has no referral to fit demand to")
    return ref.min().to_pydatetime(), ref.max().to_pydatetime() + _dt.timedelta(seconds=1)


def fit_demand(programme: Any, from_: Optional[_dt.datetime] = None, to: Optional[_dt.datetime] = None) -> DemandModel:
    """Fit a demand model to a programme's history in [from_, to) (aware datetimes; default: the
    span of its referrals): arrivals per hour of the week by offer and pathway, seasonal
    multipliers by UK local month and annual growth, the dose and interval distributions,
    did-not-attend and cancellation rates, time-of-day preferences.

    Arrival rates are the maximum likelihood fit of the model the simulation draws from (rate per
    hour of week x multiplier of the month x (1 + growth) ^ years). Seasonal multipliers are
    fitted from a year of history, growth from half a year (from two years when fitted beside
    seasonal multipliers), each only for a stream with at least 360 arrivals; otherwise they are
    exactly 1 and 0 (docs/simulation.md). Multipliers average 1; the hourly rates are the level at
    ``to``, so a scenario starting at ``to`` continues the trend. The model has ``to_json()``,
    ``DemandModel.from_json(text)`` and ``streams`` (dicts with ``seasonal`` and ``growth``).
    Raises ValidationError (field ``to``, rule ``period_order``) unless from_ < to, rule
    ``history_required`` (field ``referrals``) when the default span is asked of a programme
    without referrals."""
    if from_ is None or to is None:
        first, last = _history(programme)
        from_, to = from_ or first, to or last
    return _sim.fit_demand(programme, from_, to)


def scenario(programme: Any, demand: Optional[DemandModel] = None, start: Optional[_dt.datetime] = None,
             days: int = 28, within_hours: Optional[Sequence[float]] = None) -> Scenario:
    """A scenario of a live programme: its catalogue, coaches (rotas, leave, caps, buffers,
    pathways, offers, modalities) and group sessions, with ``demand`` (default: fitted to its
    history), from ``start`` (an aware datetime; default: the UTC midnight after its last
    referral) for ``days`` days, reporting the share within each of ``within_hours`` (default
    [24]). Edit it with ``add_coaches``, ``add_hours``, ``open_offer`` (each returns a new
    scenario)."""
    if demand is None:
        demand = fit_demand(programme)
    if start is None:
        last = _history(programme)[1]
        start = _dt.datetime(last.year, last.month, last.day, tzinfo=_dt.timezone.utc) + _dt.timedelta(days=1)
    return Scenario.from_programme(programme, demand, start, days, None if within_hours is None else list(within_hours))


def run_chunk(scenario_json: str, seed: int, first: int, count: int, threads: int = 1) -> str:
    """Replications [first, first + count) of a scenario document, as replications JSON: the task
    each Dask worker runs (plain text in and out, so nothing but laycoach need be shared)."""
    return _sim.run(Scenario.from_json(scenario_json), seed, first, count, threads).to_json()


class _Bar:
    """Progress as a tqdm bar (progress=True), a callable (done, total), or nothing."""

    def __init__(self, progress: Any, total: int, desc: str):
        self.fn: Optional[Callable[[int, int], Any]] = None
        self.bar = None
        self.total = total
        if callable(progress):
            self.fn = progress
        elif progress:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="rep")

    def __call__(self, done: int, total: int) -> Any:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
        if self.fn is not None:
            return self.fn(done, total)
        return True

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run_dask(client: Any, sc: Scenario, replications: int, seed: int, chunk: Optional[int], bar: _Bar) -> Replications:
    """Replications split into chunks, one Dask task each (scenario JSON, seed, first, count),
    gathered in order of replication."""
    from distributed import as_completed

    if chunk is None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        chunk = max(1, _math.ceil(replications / (4 * workers)))
    if not isinstance(chunk, int) or chunk < 1:
        raise _error("simulate", "chunk", "range", "chunk is a number of replications >= 1")
    text = sc.to_json()
    starts = list(range(0, replications, chunk))
    futures = [client.submit(run_chunk, text, seed, first, min(chunk, replications - first), pure=False)
               for first in starts]
    sizes = {f.key: min(chunk, replications - first) for f, first in zip(futures, starts)}
    done = 0
    try:
        for f in as_completed(futures):
            done += sizes[f.key]
            if bar(done, replications) is False:  # cancel what is not done; keep what is
                client.cancel([g for g in futures if g.status != "finished"])
                futures = [g for g in futures if g.status == "finished"]
                break
    except BaseException:
        client.cancel(futures)
        raise
    parts = client.gather(futures)
    return Replications.concat([Replications.from_json(t) for t in parts])


def simulate(scenario_or_programme: Any, replications: int = 100, seed: int = 1, *, workers: Optional[int] = None,
             client: Any = None, progress: Any = True, level: float = 0.95, chunk: Optional[int] = None,
             demand: Optional[DemandModel] = None, start: Optional[_dt.datetime] = None, days: int = 28,
             within_hours: Optional[Sequence[float]] = None) -> "SimulationResult":
    """Run ``replications`` replications of a scenario (or of a Programme's, built with
    :func:`scenario` from ``demand``, ``start``, ``days`` and ``within_hours``) from ``seed`` and
    summarise them at confidence ``level``.

    ``workers``: threads of this process (None: every core). ``client``: a
    ``distributed.Client``: the replications go to its workers in chunks of ``chunk``, each a task
    that calls the same C++ run, and are summarised here by the same C++ summarise, so the result
    equals the local run's exactly. ``progress``: True shows a ``tqdm`` bar, a callable
    ``(done, total)`` is called instead (returning False cancels: what is done is summarised);
    Ctrl-C stops the run and raises KeyboardInterrupt. Returns a :class:`SimulationResult`.
    Raises ValidationError (field ``replications``, rule ``range``) unless replications >= 1, and
    the scenario's own errors."""
    if isinstance(scenario_or_programme, Scenario):
        sc = scenario_or_programme
    elif isinstance(scenario_or_programme, _core.Programme):
        sc = scenario(scenario_or_programme, demand, start, days, within_hours)
    else:
        raise _error("simulate", "scenario", "scenario_type",
                     f"expected a laycoach.simulation.Scenario or a Programme, got {type(scenario_or_programme).__name__}")
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise _error("simulate", "replications", "range", "replications is a whole number >= 1")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise _error("simulate", "workers", "range", "workers is a number of threads >= 1 (None: every core)")
    bar = _Bar(progress, replications, "simulating")
    try:
        if client is not None:
            reps = _run_dask(client, sc, replications, seed, chunk, bar)
        else:
            reps = _sim.run(sc, seed, 0, replications, workers or 0, bar)
    finally:
        bar.close()
    return SimulationResult(sc, reps, seed, replications, level)


def _frame(columns: Mapping[str, Any]):
    import pandas as pd

    return pd.DataFrame(dict(columns))


def _pct(x: float) -> str:
    return "nan" if x != x else f"{100 * x:.1f}%"


class SimulationResult:
    """What :func:`simulate` returns: the replications and their summary as DataFrames.

    ``replications``: one row per replication and group (service line, offer, pathway; the rows
    with empty ids are everyone): requests, first sessions booked, first sessions within each
    threshold (``within_24h``), unmet demand, waiting-list joins, sessions, out of office hours,
    attendance, did-not-attend and cancellations, wait mean and percentiles (minutes).
    ``summary``: per group and measure, the mean over replications with its confidence interval
    (``lower``, ``upper`` at ``level``), ``sd`` and ``n``. ``waits``: the wait distribution of
    first sessions in 15-minute bins, per group (``share`` of first sessions, ``count`` per
    replication). ``utilisation``: booked over rota time by coach; ``utilisation_by_hour``: by UK
    local hour of the week. ``to_dict()`` is the C API's results document."""

    def __init__(self, scenario: Scenario, replications: Replications, seed: int, requested: int, level: float):
        self.scenario = scenario
        self.seed = seed
        self.level = level
        self.requested = requested
        self._reps = replications
        self._summary = _sim.summarise(replications, level) if len(replications) else None
        self.cancelled = len(replications) < requested
        self._frames: Dict[str, Any] = {}

    @property
    def n(self) -> int:
        """Replications done (fewer than asked when cancelled)."""
        return len(self._reps)

    @property
    def raw(self) -> Replications:
        """The engine's replications (picklable; ``Replications.concat`` joins runs)."""
        return self._reps

    @property
    def replications(self):
        """One row per replication and group (empty ids: everyone), counts and waits in minutes."""
        if "replications" not in self._frames:
            self._frames["replications"] = _frame(self._reps.columns(self.scenario.within_hours))
        return self._frames["replications"]

    @property
    def summary(self):
        """Per group ('' ids: everyone) and measure: mean, lower, upper (the CI at ``level``), sd, n."""
        if "summary" not in self._frames:
            cols = self._summary.rows() if self._summary else {k: [] for k in _GROUP + ["measure", "mean", "lower", "upper", "sd", "n"]}
            self._frames["summary"] = _frame(cols)
        return self._frames["summary"]

    @property
    def waits(self):
        """The wait to a first session in 15-minute bins per group ('' ids: everyone), pooled over
        replications: minutes_from, minutes_to, hours_from, hours_to, count (per replication),
        share (of the group's first sessions); bins up to the longest wait (the last engine bin
        also holds longer waits)."""
        if "waits" not in self._frames:
            import numpy as np
            import pandas as pd

            keys, counts = self._reps.histograms()
            width = _sim.WAIT_BIN_MINUTES
            used = np.nonzero(counts.sum(axis=0))[0]
            last = int(used[-1]) + 1 if used.size else 0
            rows = []
            for k, key in enumerate(keys):
                c = counts[k, :last]
                total = c.sum()
                for b in range(last):
                    rows.append((*key, b * width, (b + 1) * width, int(c[b]) / max(1, self.n),
                                 (c[b] / total) if total else 0.0))
            df = pd.DataFrame(rows, columns=_GROUP + ["minutes_from", "minutes_to", "count", "share"])
            df.insert(5, "hours_from", df["minutes_from"] / 60)
            df.insert(6, "hours_to", df["minutes_to"] / 60)
            self._frames["waits"] = df
        return self._frames["waits"]

    @property
    def utilisation(self):
        """Utilisation (booked over rota minutes) by coach: coach_id, mean, lower, upper."""
        if "utilisation" not in self._frames:
            self._frames["utilisation"] = _frame(self._summary.coaches() if self._summary else {"coach_id": [], "mean": [], "lower": [], "upper": []})
        return self._frames["utilisation"]

    @property
    def utilisation_by_hour(self):
        """Utilisation by UK local hour of the week: hour_of_week (0 = Monday 00:00), weekday
        (0 = Monday), hour, mean, lower, upper (NaN where no coach is on the rota)."""
        if "by_hour" not in self._frames:
            df = _frame(self._summary.hours() if self._summary else {"hour_of_week": [], "mean": [], "lower": [], "upper": []})
            df.insert(1, "weekday", df["hour_of_week"] // 24)
            df.insert(2, "hour", df["hour_of_week"] % 24)
            self._frames["by_hour"] = df
        return self._frames["by_hour"]

    def figure(self, measure: str, group: Optional[Mapping[str, str]] = None) -> Dict[str, float]:
        """One summary figure {"mean", "lower", "upper", "n"} for everyone (or a group: a dict of
        service_line_id / offer_id / pathway). Raises ValidationError rule ``known_measure``
        (field ``measure``) for a measure the summary lacks."""
        s = self.summary
        mask = s["measure"] == measure
        for k in _GROUP:
            mask &= s[k] == (group or {}).get(k, "")
        rows = s[mask]
        if rows.empty:
            raise _error("result", "measure", "known_measure",
                         f"no '{measure}' for {dict(group or {}) or 'everyone'} (measures: {', '.join(sorted(set(s['measure'])))})")
        r = rows.iloc[0]
        return {"mean": float(r["mean"]), "lower": float(r["lower"]), "upper": float(r["upper"]), "n": int(r["n"])}

    def share_within(self, hours: float = 24, group: Optional[Mapping[str, str]] = None) -> Dict[str, float]:
        """The share of first sessions within ``hours`` (one of the scenario's thresholds), as
        :meth:`figure` gives it."""
        return self.figure(f"share_within_{hours:g}h", group)

    def to_dict(self) -> Dict[str, Any]:
        """The results document of the C API (``lc_simulation_run``): seed, replications asked and
        done, cancelled, thresholds, the summary and every replication."""
        text = _sim.results_to_json(self._reps, self._summary, self.seed, self.requested, self.cancelled,
                                    list(self.scenario.within_hours))
        return _json.loads(text)

    def to_frame(self):
        """The summary DataFrame (every measure by group with its interval)."""
        return self.summary

    def _headline(self) -> List[Tuple[str, str]]:
        out = []
        if self._summary is None:
            return out
        for h in self.scenario.within_hours:
            try:
                f = self.share_within(h)
            except Exception:
                continue
            out.append((f"within {h:g} h", f"{_pct(f['mean'])} [{100 * self.level:.0f}% CI {_pct(f['lower'])}, {_pct(f['upper'])}]"))
        for m, label in (("wait_median_minutes", "median wait"), ("wait_p90_minutes", "90th percentile wait")):
            try:
                f = self.figure(m)
                out.append((label, "nan" if f["mean"] != f["mean"] else f"{f['mean'] / 60:.1f} h"))
            except Exception:
                pass
        try:
            out.append(("unmet", _pct(self.figure("share_unmet")["mean"])))
        except Exception:
            pass
        return out

    def __repr__(self) -> str:
        head = "; ".join(f"{k} {v}" for k, v in self._headline())
        state = f"{self.n} of {self.requested} replications (cancelled)" if self.cancelled else f"{self.n} replications"
        return f"SimulationResult({state}, seed {self.seed}: {head})"

    def _repr_html_(self) -> str:
        import html

        state = f"{self.n} of {self.requested} replications, cancelled" if self.cancelled else f"{self.n} replications"
        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in self._headline())
        overall = self.summary[(self.summary[_GROUP] == "").all(axis=1)].drop(columns=_GROUP)
        return (f"<div><b>Capacity simulation</b> ({html.escape(state)}, seed {self.seed}, "
                f"{html.escape(repr(self.scenario))})<table>{rows}</table>"
                f"{overall.round(4).to_html(index=False)}</div>")


class Optimum:
    """What :func:`optimise` returns: ``best`` (the smallest number added that meets the target,
    None when none up to max_added does) and ``points`` (a DataFrame of every number tried: added,
    mean, lower, upper, meets)."""

    def __init__(self, doc: Mapping[str, Any], target: float, within_hours: float):
        import pandas as pd

        self.best: Optional[int] = doc["best"]
        self.target = target
        self.within_hours = within_hours
        self.points = pd.DataFrame(doc["points"], columns=["added", "mean", "lower", "upper", "meets"])
        self._doc = dict(doc)

    def to_dict(self) -> Dict[str, Any]:
        """The optimiser's answer document {"best", "points"}."""
        return dict(self._doc)

    def __repr__(self) -> str:
        return (f"Optimum(best={self.best}, target {_pct(self.target)} within {self.within_hours:g} h, "
                f"{len(self.points)} points tried)")


def optimise(scenario: Scenario, target: float, within_hours: float = 24, *, like: Optional[str] = None,
             hours: Optional[Sequence[Any]] = None, weekdays: Optional[Iterable[int]] = None, lever: str = "coaches",
             offer_id: str = "", level: float = 0.95, max_added: int = 100, replications: int = 30, seed: int = 1,
             workers: Optional[int] = None) -> Optimum:
    """The smallest number of coaches to add (``lever="coaches"``: like coach ``like``, on
    ``hours`` and ``weekdays`` or its own rota) or of coaches to give ``hours`` on ``weekdays``
    (``lever="hours"``) for which the share of first sessions within ``within_hours`` meets
    ``target`` with confidence ``level`` (the lower bound of its interval), by the C++
    optimiser's monotone search (each point ``replications`` replications from ``seed``).
    Returns an :class:`Optimum`. Raises the optimiser's ValidationError (record ``optimise``)."""
    doc = _sim.optimise(scenario, target, within_hours, lever, like or "", None if hours is None else tuple(hours),
                        None if weekdays is None else list(weekdays), offer_id, level, max_added, replications, seed,
                        workers or 0)
    return Optimum(_json.loads(doc), target, within_hours)
