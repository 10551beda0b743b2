"""Plots of an evaluation's released figures, as matplotlib figures.

Every function draws only what a :class:`laycoach.report.Report` releases: the figures of the
report document after disclosure control, never per-person data. A withheld figure (a bar, a
group, a month) is not drawn; the plot says how many were withheld. A plot with nothing released
raises :class:`laycoach.ValidationError` (rule ``nothing_released``) instead of drawing an empty
axis::

    >>> import laycoach
    >>> report = laycoach.demo.evaluation().evaluate("commissioner")
    >>> fig = laycoach.plots.before_after(report, "swemwbs")     # a matplotlib Figure
    >>> fig.savefig("swemwbs.png")

Each function takes ``ax=`` (a matplotlib Axes to draw into; its figure is returned) and uses the
Agg backend when it makes its own figure; none calls ``plt.show``. The HTML report
(``Report.to_html``) draws its plots with these same functions.

The capacity simulation's plots (:func:`wait_distribution`, :func:`share_within`) draw a
:class:`laycoach.simulation.SimulationResult`: simulated figures, with no person in them.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core

__all__ = ["before_after", "change_by_group", "dose_response", "access_over_time", "monthly_reports", "proportions",
           "wait_distribution", "share_within"]

_BLUE, _GREY, _DARK, _PINK, _RED = "#005eb8", "#768692", "#212b32", "#ae2573", "#8a1538"
_DOSE = "sessions_attended"


def _error(record: str, field: str, rule: str, message: str) -> Exception:
    """A laycoach.ValidationError with record, field and rule, like those of the C++ core."""
    err = _core.ValidationError(message)
    err.code, err.record, err.field, err.rule, err.detail = "invalid_argument", record, field, rule, message
    return err


def _doc(report: Any) -> Mapping[str, Any]:
    """The report document of a Report or of its dict."""
    data = getattr(report, "data", report)
    if not isinstance(data, Mapping) or "outcomes" not in data:
        raise _error("report", "report", "report_type",
                     f"expected a laycoach.report.Report or its document, got {type(report).__name__}")
    return data


def _outcome(report: Any, instrument: Optional[str]) -> Mapping[str, Any]:
    """The outcome named by instrument id or outcome name ("swemwbs", "swemwbs/total"); the first
    outcome when None."""
    outcomes = _doc(report).get("outcomes") or []
    if instrument is None:
        if not outcomes:
            raise _error("report", "outcomes", "nothing_released", "the report has no outcome")
        return outcomes[0]
    for o in outcomes:
        if instrument in (o["outcome"], o.get("instrument_id")):
            return o
    raise _error("report", "instrument", "known_outcome",
                 f"no outcome '{instrument}' in the report (it has {', '.join(o['outcome'] for o in outcomes) or 'none'})")


def _shown(row: Optional[Mapping[str, Any]], *fields: str) -> bool:
    """True when every field is released: present, a number, and not withheld."""
    if not row:
        return False
    sup = set(row.get("suppressed_fields", []))
    for f in fields:
        v = row.get(f)
        if f in sup or v is None or (isinstance(v, float) and v != v):
            return False
    return True


def _withheld(row: Mapping[str, Any], field: str) -> bool:
    """True when disclosure control withheld the field (not merely not computable)."""
    return bool(row.get("suppressed")) or field in set(row.get("suppressed_fields", []))


def _axes(ax: Any, size: Tuple[float, float]):
    """(figure, axes): the given axes, or a new Agg figure (not registered with pyplot, so it is
    freed with its last reference and never shown)."""
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _caption(ax: Any, text: str) -> None:
    """A note under the axes (what was withheld, how bins were formed)."""
    if text:
        import textwrap

        ax.annotate(textwrap.fill(text, 70), xy=(0, 0), xycoords="axes fraction", xytext=(0, -40),
                    textcoords="offset points", ha="left", va="top", fontsize=7.5, color=_GREY,
                    annotation_clip=False)


def _floor(report: Any) -> Optional[int]:
    doc = _doc(report)
    if not doc.get("disclosure_controlled"):
        return None
    return int((doc.get("policy") or {}).get("min_count", 8))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# Before and after
# ---------------------------------------------------------------------------------------------

def before_after(report: Any, instrument: Optional[str] = None, *, ax: Any = None):
    """The distributions of scores before (baseline) and after (follow-up) as released: bars of
    people per score bin, baseline and follow-up side by side in each bin. For an aggregate
    audience the bins were merged by disclosure control so that every bar holds at least the
    floor of people (or none); a withheld bar is not drawn and is marked "*".

    ``instrument``: instrument id or outcome name (default: the first outcome). Returns a
    matplotlib Figure. Raises ValidationError rule ``known_outcome`` (field ``instrument``) for
    an outcome not in the report and ``nothing_released`` (field ``histogram``) when no bar is
    released."""
    o = _outcome(report, instrument)
    bins = (o.get("histogram") or {}).get("bins") or []
    shown = [(b, side) for b in bins for side in ("before", "after") if _shown(b, side)]
    if not shown or all(b[side] == 0 for b, side in shown):
        raise _error(o["outcome"], "histogram", "nothing_released",
                     f"no score distribution of '{o['outcome']}' is released to this audience")
    fig, ax = _axes(ax, (5.4, 2.8))
    withheld = 0
    for i, (side, colour, label) in enumerate((("before", _GREY, "Baseline"), ("after", _BLUE, "Follow-up"))):
        xs, hs, ws = [], [], []
        for b in bins:
            w = b["high"] - b["low"]
            x = b["low"] + w * (0.05 + 0.45 * i)
            if _shown(b, side):
                xs.append(x)
                hs.append(b[side])
                ws.append(w * 0.45)
            elif side in b.get("suppressed_fields", []):
                withheld += 1
                ax.annotate("*", (x + w * 0.225, 0), ha="center", va="bottom", color=_RED, fontsize=11)
        ax.bar(xs, hs, width=ws, align="edge", color=colour, label=label)
    ax.set_xlabel(o.get("name") or o["outcome"])
    ax.set_ylabel("people")
    ax.set_title("Scores before and after", loc="left")
    ax.legend(frameon=False, fontsize=8)
    notes = []
    floor = _floor(report)
    if floor is not None and len(bins) > 1:
        notes.append(f"Bins merged so that each bar holds {floor}+ people or none")
    if withheld:
        notes.append(f"{_plural(withheld, 'bar')} withheld (*)")
    _caption(ax, "; ".join(notes) + ("." if notes else ""))
    return fig


# ---------------------------------------------------------------------------------------------
# Change by group (forest plot)
# ---------------------------------------------------------------------------------------------

def _ci_shown(r: Mapping[str, Any]) -> bool:
    return _shown(r, "mean_change", "ci_low", "ci_high")


def change_by_group(report: Any, instrument: Optional[str] = None, dimension: Union[str, Sequence[str], None] = None,
                    *, ax: Any = None, size: Tuple[float, Optional[float]] = (6.4, None)):
    """Mean change with its confidence interval per group (a forest plot), for one breakdown
    (``dimension``, e.g. "staff_group"), several, or every breakdown except sessions attended
    (None). The dashed line is everyone's mean change. ``size``: (width, height) in inches of a
    new figure (height None: from the number of lines). Groups whose figures are withheld are not
    drawn: each breakdown's withheld groups are folded into one line ("3 groups withheld"), and so
    are its groups with nobody in them.

    Returns a matplotlib Figure. Raises ValidationError rule ``known_outcome`` (field
    ``instrument``), ``known_dimension`` (field ``dimension``) for a breakdown the outcome does
    not have, and ``nothing_released`` (field ``breakdowns``) when no group's change is
    released."""
    o = _outcome(report, instrument)
    tables = [b for b in o.get("breakdowns", []) if b.get("rows")]
    if dimension is None:
        tables = [b for b in tables if b["dimension"] != _DOSE]
    else:
        wanted = [dimension] if isinstance(dimension, str) else list(dimension)
        have = {b["dimension"]: b for b in o.get("breakdowns", [])}
        for d in wanted:
            if d not in have:
                raise _error(o["outcome"], "dimension", "known_dimension",
                             f"'{o['outcome']}' has no breakdown by '{d}' (it has {', '.join(have) or 'none'})")
        tables = [have[d] for d in wanted if have[d].get("rows")]
    lines: List[Tuple[str, str, Optional[Mapping[str, Any]]]] = []
    for b in tables:
        shown = [r for r in b["rows"] if _ci_shown(r)]
        hidden = sum(1 for r in b["rows"] if not _ci_shown(r) and _withheld(r, "mean_change"))
        nobody = sum(1 for r in b["rows"] if not _ci_shown(r) and not _withheld(r, "mean_change") and r.get("n") == 0)
        if not shown and not hidden:
            continue
        lines.append(("head", b["dimension"].replace("_", " "), None))
        lines += [("row", str(r["group"]), r) for r in shown]
        if hidden:
            lines.append(("fold", f"{_plural(hidden, 'group')} withheld", None))
        if nobody:
            lines.append(("fold", f"{_plural(nobody, 'group')} with nobody", None))
    if not any(kind == "row" for kind, _, _ in lines):
        raise _error(o["outcome"], "breakdowns", "nothing_released",
                     f"no group's change in '{o['outcome']}' is released to this audience")
    n = len(lines)
    fig, ax = _axes(ax, (size[0], size[1] or 0.19 * n + 1.1))
    labels = []
    for i, (kind, label, r) in enumerate(lines):
        y = n - i
        if kind == "head":
            labels.append(label.upper())
            ax.axhline(y + 0.5, color="#d8dde0", linewidth=0.8)
        elif kind == "fold":
            labels.append(label)
        else:
            m = r["mean_change"]
            ax.errorbar(m, y, xerr=[[m - r["ci_low"]], [r["ci_high"] - m]], fmt="o", color=_BLUE, ecolor=_BLUE,
                        capsize=2, markersize=3.5)
            labels.append(label)
    if _shown(o.get("overall"), "mean_change"):
        ax.axvline(o["overall"]["mean_change"], color=_GREY, linestyle="--", linewidth=1)
    ax.axvline(0, color=_DARK, linewidth=0.6)
    ax.set_yticks(range(n, 0, -1))
    ax.set_yticklabels(labels, fontsize=8)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), lines):
        if kind == "head":
            tick.set_fontweight("bold")
        elif kind == "fold":
            tick.set_color(_GREY)
            tick.set_fontstyle("italic")
    ax.set_ylim(0.3, n + 0.7)
    level = 100 * _doc(report).get("confidence", 0.95)
    ax.set_xlabel(f"mean change with {level:.0f}% CI (dashed: everyone)", fontsize=9)
    ax.set_title("Change by group", loc="left", fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------
# Dose-response
# ---------------------------------------------------------------------------------------------

def dose_response(report: Any, instrument: Optional[str] = None, *, dimension: str = _DOSE, ax: Any = None):
    """Mean change with its confidence interval by sessions attended (an ordered breakdown), with
    the released trend line (change per extra session) when there is one. Withheld groups are
    not drawn (their tick is marked "*").

    Returns a matplotlib Figure. Raises ValidationError rule ``known_dimension`` (field
    ``dimension``) when the outcome has no such breakdown and ``nothing_released`` (field
    ``dimension``) when no group's change is released."""
    o = _outcome(report, instrument)
    b = next((x for x in o.get("breakdowns", []) if x["dimension"] == dimension), None)
    if b is None:
        raise _error(o["outcome"], "dimension", "known_dimension",
                     f"'{o['outcome']}' has no breakdown by '{dimension}'")
    rows = b.get("rows") or []
    if not any(_ci_shown(r) for r in rows):
        raise _error(o["outcome"], "dimension", "nothing_released",
                     f"no change by {dimension.replace('_', ' ')} in '{o['outcome']}' is released to this audience")
    fig, ax = _axes(ax, (4.8, 2.8))
    xs, labels = list(range(1, len(rows) + 1)), []
    hidden = 0
    for x, r in zip(xs, rows):
        if _ci_shown(r):
            m = r["mean_change"]
            ax.errorbar(x, m, yerr=[[m - r["ci_low"]], [r["ci_high"] - m]], fmt="o", color=_BLUE, capsize=3)
            labels.append(str(r["group"]))
        else:
            hidden += 1
            labels.append(f"{r['group']} *")
    t = b.get("trend")
    if _shown(t, "slope", "intercept"):
        ax.plot(xs, [t["intercept"] + t["slope"] * x for x in xs], color=_PINK, linewidth=1.2,
                label=f"trend {t['slope']:+.2f} per session")
        ax.legend(frameon=False, fontsize=8)
    ax.axhline(0, color=_DARK, linewidth=0.6)
    ax.set_xticks(xs)
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_xlabel(dimension.replace("_", " "))
    ax.set_ylabel("mean change (CI)")
    ax.set_title("Dose-response", loc="left")
    if hidden:
        _caption(ax, f"{_plural(hidden, 'group')} withheld (*).")
    return fig


# ---------------------------------------------------------------------------------------------
# Proportions
# ---------------------------------------------------------------------------------------------

def proportions(report: Any, *, ax: Any = None):
    """The experience and goal proportions (share answering yes, Wilson interval) as horizontal
    bars; withheld shares are not drawn (their label is marked "*").

    Returns a matplotlib Figure. Raises ValidationError rule ``nothing_released`` (field
    ``proportions``) when no share is released."""
    props = list(_doc(report).get("proportions") or [])
    if not any(_shown(p["overall"], "share", "ci_low", "ci_high") for p in props):
        raise _error("report", "proportions", "nothing_released", "no proportion is released to this audience")
    fig, ax = _axes(ax, (5.6, 0.4 * len(props) + 1))
    labels = []
    for i, p in enumerate(props):
        r, y = p["overall"], len(props) - i
        name = p["measure"].replace("_", " ")
        if _shown(r, "share", "ci_low", "ci_high"):
            ax.barh(y, 100 * r["share"], color=_BLUE, height=0.6)
            ax.errorbar(100 * r["share"], y, xerr=[[100 * (r["share"] - r["ci_low"])], [100 * (r["ci_high"] - r["share"])]],
                        fmt="none", ecolor=_DARK, capsize=3)
            labels.append(name)
        else:
            labels.append(name + " *")
    ax.set_yticks([len(props) - i for i in range(len(props))])
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% (Wilson CI)")
    return fig


# ---------------------------------------------------------------------------------------------
# Access over time
# ---------------------------------------------------------------------------------------------

_ACCESS_LABELS = {"referrals": "Referrals", "first_appointments": "First appointments", "sessions": "Sessions held",
                  "clients_seen": "Clients seen", "attended": "Attended places", "within_24h": "First appointment within 24 h"}


def _month_starts(start: _dt.datetime, end: _dt.datetime) -> List[_dt.datetime]:
    out, m = [], _dt.datetime(start.year, start.month, 1, tzinfo=_dt.timezone.utc)
    while m < end:
        out.append(m)
        m = _dt.datetime(m.year + (m.month == 12), m.month % 12 + 1, 1, tzinfo=_dt.timezone.utc)
    return out


def monthly_reports(programme: Any, viewer: Any = "commissioner", start: Optional[_dt.datetime] = None,
                    end: Optional[_dt.datetime] = None) -> Dict[str, Any]:
    """One evaluation report per calendar month (UTC) from ``start`` to ``end`` (aware datetimes;
    default: the months of the programme's first and last referral), each released to ``viewer``
    under its disclosure control: ``{"2024-03": Report, ...}`` for :func:`access_over_time`.
    Raises ValidationError rule ``aware_datetime`` for a naive start or end."""
    for name, v in (("start", start), ("end", end)):
        if v is not None and (v.tzinfo is None or v.utcoffset() is None):
            raise _error("", name, "aware_datetime", f"{name} must be an aware datetime (e.g. tzinfo=timezone.utc)")
    if start is None or end is None:
        from .frames import frame

        ref = frame(programme, "referrals")["requested_at"].dropna()
        if ref.empty:
            raise _error("", "referrals", "nothing_released", "the programme has no referral to date the months by")
        start = start or ref.min().to_pydatetime()
        end = end or (ref.max().to_pydatetime() + _dt.timedelta(seconds=1))
    months = _month_starts(start, end)
    out = {}
    for i, m in enumerate(months):
        nxt = months[i + 1] if i + 1 < len(months) else _month_starts(m, m + _dt.timedelta(days=32))[-1]
        out[m.strftime("%Y-%m")] = programme.evaluate(viewer, from_=m, to=nxt, breakdowns=[],
                                                      wilcoxon=False, group_differences=False)
    return out


def access_over_time(reports: Any, figures: Sequence[str] = ("referrals", "first_appointments"), *,
                     viewer: Any = "commissioner", start: Optional[_dt.datetime] = None,
                     end: Optional[_dt.datetime] = None, ax: Any = None):
    """Released access figures per period as lines: by default referrals and first appointments
    per month. ``reports`` is ``{period label: Report}`` in time order (e.g. from
    :func:`monthly_reports`), or a Programme, which is evaluated per calendar month for
    ``viewer`` (disclosure-controlled for an aggregate audience) between ``start`` and ``end``.
    A withheld month is not drawn (the line breaks there and the month is marked "*").

    Returns a matplotlib Figure. Raises ValidationError rule ``known_figure`` (field
    ``figures``) for a figure the access section does not have and ``nothing_released`` (field
    ``access``) when no figure of any period is released."""
    if hasattr(reports, "evaluate") and not isinstance(reports, Mapping):
        reports = monthly_reports(reports, viewer, start, end)
    periods = list(reports)
    access = [(_doc(reports[k]).get("access") or {}) for k in periods]
    for f in figures:
        if f not in _ACCESS_LABELS and not any(f in a for a in access):
            raise _error("report", "figures", "known_figure", f"no access figure '{f}'")
    if not any(_shown(a, f) for a in access for f in figures):
        raise _error("report", "access", "nothing_released", "no access figure of any period is released to this audience")
    fig, ax = _axes(ax, (6.4, 2.8))
    xs = list(range(len(periods)))
    withheld = 0
    for f, colour in zip(figures, (_BLUE, _PINK, _GREY, _DARK, _RED)):
        ys = [float(a[f]) if _shown(a, f) else float("nan") for a in access]
        withheld += sum(1 for a in access if a and not _shown(a, f) and f in a.get("suppressed_fields", []))
        ax.plot(xs, ys, marker="o", markersize=3, color=colour, label=_ACCESS_LABELS.get(f, f.replace("_", " ")))
        for x, a in zip(xs, access):
            if a and f in a.get("suppressed_fields", []):
                ax.annotate("*", (x, 0), ha="center", va="bottom", color=_RED, fontsize=11)
    step = max(1, len(periods) // 12)
    ax.set_xticks(xs[::step])
    ax.set_xticklabels(periods[::step], fontsize=8, rotation=45, ha="right")
    ax.set_ylim(bottom=0)
    ax.set_ylabel("count")
    ax.set_title("Access over time", loc="left")
    ax.legend(frameon=False, fontsize=8)
    if withheld:
        _caption(ax, f"{_plural(withheld, 'figure')} withheld (*).")
    return fig


# ---------------------------------------------------------------------------------------------
# Capacity simulation (laycoach.simulate): simulated figures, not released ones
# ---------------------------------------------------------------------------------------------

_GROUP = ("service_line_id", "offer_id", "pathway")


def _sim_rows(frame: Any, group: Optional[Mapping[str, str]], record: str, field: str) -> Any:
    """The rows of a simulation frame for one group: everyone's rows (empty ids) when group is
    None, else those matching every key of group (a key left out matches everyone's '')."""
    want = {k: "" for k in _GROUP}
    want.update(group or {})
    for k in want:
        if k not in _GROUP:
            raise _error(record, "group", "known_group_column",
                         f"group keys are {', '.join(_GROUP)}, not '{k}'")
    mask = None
    for k, v in want.items():
        m = frame[k] == v
        mask = m if mask is None else (mask & m)
    rows = frame[mask] if mask is not None else frame
    if rows.empty:
        raise _error(record, field, "known_group", f"no simulated group {want}")
    return rows


def _sim_result(result: Any, record: str = "result") -> Any:
    if not (hasattr(result, "summary") and hasattr(result, "waits")):
        raise _error(record, record, "result_type",
                     f"expected a laycoach.simulation.SimulationResult, got {type(result).__name__}")
    return result


def wait_distribution(result: Any, group: Optional[Mapping[str, str]] = None, *, max_hours: Optional[float] = None,
                      ax: Any = None):
    """The simulated wait from request to first session: bars of the share of first sessions per
    wait bin (hours; the mean over replications), with the median, 90th and 95th percentiles (mean
    over replications) as dashed lines and the within-24-hours mark. ``result`` is a
    :class:`laycoach.simulation.SimulationResult`; ``group`` picks a service line / offer /
    pathway (a dict of those keys; default: everyone); ``max_hours`` cuts the x axis.

    Returns a matplotlib Figure. Raises ValidationError rule ``result_type`` (field ``result``)
    for anything but a simulation result, ``known_group`` (field ``group``) for a group the
    simulation did not have, and ``nothing_released`` (field ``waits``) when no first session
    was booked."""
    _sim_result(result)
    waits = _sim_rows(result.waits, group, "result", "group")
    if not (waits["share"] > 0).any():
        raise _error("result", "waits", "nothing_released", "no first session was booked in the simulation")
    if max_hours is not None:
        waits = waits[waits["hours_from"] < max_hours]
    fig, ax = _axes(ax, (5.6, 2.8))
    ax.bar(waits["hours_from"].to_numpy(), 100 * waits["share"].to_numpy(),
           width=(waits["hours_to"] - waits["hours_from"]).to_numpy(), align="edge", color=_BLUE,
           label="first sessions")
    summary = _sim_rows(result.summary, group, "result", "group")
    for name, label, colour in (("wait_median_minutes", "median", _DARK), ("wait_p90_minutes", "p90", _PINK),
                                ("wait_p95_minutes", "p95", _RED)):
        row = summary[summary["measure"] == name]
        if not row.empty and row["mean"].notna().all():
            hours = float(row["mean"].iloc[0]) / 60
            ax.axvline(hours, color=colour, linestyle="--", linewidth=1, label=f"{label} {hours:.1f} h")
    ax.axvline(24, color=_GREY, linewidth=0.8)
    ax.set_xlabel("hours from request to first session")
    ax.set_ylabel("% of first sessions")
    ax.set_title("Simulated wait for a first session", loc="left")
    ax.legend(frameon=False, fontsize=8)
    return fig


def share_within(results_by_n: Mapping[Any, Any], hours: int = 24, *, target: Optional[float] = None,
                 group: Optional[Mapping[str, str]] = None, xlabel: str = "coaches", ax: Any = None):
    """The share of first sessions within ``hours`` of the request (mean over replications, with
    its confidence interval) against the number of coaches: ``results_by_n`` is ``{n:
    SimulationResult}`` (e.g. one run per what-if ``add_coaches(n)``), drawn in order of n;
    ``target`` (a share in 0..1) draws the promise as a line. ``hours`` must be one of the
    thresholds the scenarios simulated (``within_hours``, default 24).

    Returns a matplotlib Figure. Raises ValidationError rule ``non_empty`` (field
    ``results_by_n``) for no result, ``result_type`` for a value that is not a simulation result,
    ``known_threshold`` (field ``hours``) for hours no scenario simulated and ``known_group``
    (field ``group``)."""
    if not isinstance(results_by_n, Mapping) or not results_by_n:
        raise _error("results_by_n", "results_by_n", "non_empty",
                     "results_by_n must be a non-empty {number of coaches: SimulationResult}")
    measure = f"share_within_{hours:g}h"
    xs, ys, lo, hi = [], [], [], []
    level = None
    for n in sorted(results_by_n):
        result = _sim_result(results_by_n[n], "results_by_n")
        rows = _sim_rows(result.summary, group, "results_by_n", "group")
        row = rows[rows["measure"] == measure]
        if row.empty:
            raise _error("results_by_n", "hours", "known_threshold",
                         f"the simulation of {n} has no share within {hours} h (set within_hours on the scenario)")
        xs.append(n)
        ys.append(float(row["mean"].iloc[0]))
        lo.append(float(row["lower"].iloc[0]))
        hi.append(float(row["upper"].iloc[0]))
        level = float(result.level)
    fig, ax = _axes(ax, (5.2, 2.8))
    ys_pc = [100 * y for y in ys]
    ax.errorbar(xs, ys_pc, yerr=[[100 * (y - l) for y, l in zip(ys, lo)], [100 * (h - y) for y, h in zip(ys, hi)]],
                fmt="o-", color=_BLUE, ecolor=_BLUE, capsize=3, markersize=4, label=f"mean, {100 * level:.0f}% CI")
    if target is not None:
        ax.axhline(100 * target, color=_PINK, linestyle="--", linewidth=1, label=f"target {100 * target:.0f}%")
    ax.set_xticks(xs)
    ax.set_ylim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"% first sessions within {hours} h")
    ax.set_title(f"Within {hours} hours, by {xlabel}", loc="left")
    ax.legend(frameon=False, fontsize=8)
    return fig
