"""Evaluation reports: pandas DataFrames and a self-contained HTML rendering with plots.

A :class:`Report` wraps the evaluation report document (the same JSON that C++ ``to_json`` and
the C API's ``lc_programme_evaluate`` produce, ``schema_version`` 1)::

    >>> report = programme.evaluate("commissioner")          # or laycoach.evaluate_columns(...)
    >>> report.frames()["outcomes"]                           # DataFrames of every table
    >>> report.save_html("report.html")                       # tables and plots, opens in a browser

Figures withheld by disclosure control are ``pd.NA`` in the DataFrames (nullable ``Int64`` /
``Float64`` columns) and listed per row in the ``suppressed_fields`` column (``frames(mask=True)``
also gives a boolean mask of them); ``frames(marked=True)`` puts ``"*"`` in those cells instead,
as the HTML does (for display only). A figure that is null without being listed could not be
computed (e.g. the SD of one person) and shows as an en dash.

Plots (before/after distributions, change by breakdown with confidence intervals,
dose-response) are drawn with matplotlib and embedded as base64 PNG images, so the HTML file
needs nothing else to open; without matplotlib the HTML has the tables only.
"""
from __future__ import annotations

import base64
import datetime as _dt
import enum
import html
import io
import json
import math
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

import pandas as pd

__all__ = ["Report", "options_json", "SCHEMA_VERSION"]

#: The report document version this module reads.
SCHEMA_VERSION = 1

_DASH = "\u2013"
_STRING = pd.StringDtype("pyarrow")
_STAR = "*"


def _iso(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("use an aware datetime (e.g. tzinfo=datetime.timezone.utc); naive times are ambiguous")
        return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, enum.Enum):
        return value.name.lower()
    if hasattr(value, "name") and type(value).__module__.startswith("laycoach"):
        return str(value.name).lower()  # pybind11 enums
    if isinstance(value, Mapping):
        return {str(k): _iso(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso(v) for v in value]
    return value


def options_json(options: Mapping[str, Any]) -> str:
    """The evaluation options document for keyword options (``from_`` is accepted for ``from``;
    datetimes become ISO 8601 UTC text; enums their lower-case names)."""
    doc: Dict[str, Any] = {}
    for key, value in options.items():
        if value is None:
            continue
        doc["from" if key == "from_" else key] = _iso(value)
    return json.dumps(doc)


# ---------------------------------------------------------------------------------------------
# DataFrames
# ---------------------------------------------------------------------------------------------

def _num(v: Any) -> float:
    return math.nan if v is None else v


def _flat(row: Mapping[str, Any], skip: Iterable[str] = ()) -> Dict[str, Any]:
    skip = set(skip)
    out: Dict[str, Any] = {}
    for k, v in row.items():
        if k in skip:
            continue
        if k == "suppressed_fields":
            out[k] = tuple(v)
        elif isinstance(v, (dict, list)):
            continue
        else:
            out[k] = _num(v)
    return out


_TRIAGE_TIMES = ("n", "p25_hours", "median_hours", "p75_hours", "p90_hours")


def _triage_rows(t: Optional[Mapping[str, Any]]):
    """The triage section as rows: per source (counts, then hours to triage and to first contact
    as ``to_triage_<figure>`` / ``to_first_contact_<figure>``) and per source and route."""
    rows: List[Dict[str, Any]] = []
    routes: List[Dict[str, Any]] = []
    if not t:
        return rows, routes
    for r in t.get("by_source", []):
        row: Dict[str, Any] = {"source": r["source"], "suppressed": r.get("suppressed", False)}
        sup = list(r.get("suppressed_fields", []))
        for k in ("received", "triaged", "untriaged"):
            row[k] = _num(r.get(k))
        for part in ("to_triage", "to_first_contact"):
            x = r.get(part) or {}
            for k in _TRIAGE_TIMES:
                row[f"{part}_{k}"] = _num(x.get(k))
            sup += [f"{part}_{k}" for k in x.get("suppressed_fields", [])]
        row["suppressed_fields"] = tuple(sup)
        rows.append(row)
        hidden = set(r.get("suppressed_routes", []))
        for route in t.get("routes", []):
            routes.append({"source": r["source"], "route": route, "count": _num(r.get("routes", {}).get(route)),
                           "suppressed": route in hidden, "suppressed_fields": ("count",) if route in hidden else ()})
    return rows, routes


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _dtype_of(values: List[Any]) -> Optional[str]:
    """pandas' nullable dtype for a released column's values (as the document has them):
    ``boolean``, ``Int64`` (counts), ``Float64``, ``string``; None to keep it as it is (tuples)."""
    present = [v for v in values if not _missing(v)]
    if any(isinstance(v, (tuple, list, dict)) for v in present):
        return None
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present) and present:
        return "Int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "Float64"
    return "string"


def _frame(rows: List[Dict[str, Any]], columns: Sequence[str] = ()) -> pd.DataFrame:
    """Rows of a released table as a DataFrame in pandas' conventions: nullable ``Int64`` counts,
    ``Float64`` figures and ``boolean`` flags with ``pd.NA`` where the document has no figure
    (suppressed, or not computable), ``string`` text; Parquet- and CSV-safe."""
    df = pd.DataFrame(rows)
    if df.empty and columns:
        return pd.DataFrame(columns=list(columns))
    for col in df.columns:
        dtype = _dtype_of([r.get(col) for r in rows])
        if dtype == "string":
            df[col] = pd.array([None if _missing(v) else str(v) for v in df[col]], dtype=_STRING)
        elif dtype is not None:
            df[col] = pd.array([None if _missing(v) else v for v in df[col]], dtype=dtype)
    return df


def _suppressed_mask(df: pd.DataFrame) -> pd.DataFrame:
    """True in each cell that disclosure control withheld (listed in its row's
    ``suppressed_fields``), False elsewhere: the same index and columns as ``df``."""
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    if "suppressed_fields" in df.columns:
        for idx, fields in df["suppressed_fields"].items():
            for f in fields:
                if f in mask.columns:
                    mask.at[idx, f] = True
    return mask


def _onward_rows(onward: Optional[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """The onward section as rows: referred_on ("all"), referred_on_to (one per destination),
    goals_achieved ("all"); each with n (people whose coaching ended), k, share, Wilson interval."""
    if not onward:
        return []
    rows = [{"figure": "referred_on", **_flat(onward["referred_on"])}]
    rows += [{"figure": "referred_on_to", **_flat(r)} for r in onward.get("by_destination", [])]
    rows.append({"figure": "goals_achieved", **_flat(onward["goals_achieved"])})
    return rows


def _onward_frame(onward: Optional[Mapping[str, Any]]) -> pd.DataFrame:
    return _frame(_onward_rows(onward), ("figure", "group", "suppressed", "n", "k", "share", "ci_low", "ci_high"))


def _mark(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with "*" in every suppressed cell (object columns where needed)."""
    if "suppressed_fields" not in df.columns or df.empty:
        return df.copy()
    out = df.copy()
    for idx, fields in df["suppressed_fields"].items():
        for f in fields:
            if f in out.columns:
                if out[f].dtype != object:
                    out[f] = out[f].astype(object)
                out.at[idx, f] = _STAR
    return out


class Report:
    """An evaluation report: the document as ``data`` (a dict), DataFrames, JSON and HTML."""

    def __init__(self, data: Mapping[str, Any]):
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"unsupported evaluation report schema_version {version!r} (this laycoach reads {SCHEMA_VERSION})")
        self.data: Dict[str, Any] = dict(data)

    @classmethod
    def from_json(cls, text: str) -> "Report":
        """A report from its JSON document, read as strictly as every laycoach document: a key
        given twice, malformed text or 1e999 is a ``laycoach.ParseError`` naming the field."""
        from . import _core

        return cls(json.loads(_core._strict_json(text, "report")))

    # ---- basic properties --------------------------------------------------------------------
    @property
    def audience(self) -> str:
        """The audience the figures were released to ("commissioner", "service_manager", ...)."""
        return self.data["audience"]

    @property
    def disclosure_controlled(self) -> bool:
        """True when counts were rounded and small cells suppressed."""
        return bool(self.data["disclosure_controlled"])

    @property
    def outcomes(self) -> List[str]:
        """Names of the outcomes ("swemwbs/total", ...)."""
        return [o["outcome"] for o in self.data.get("outcomes", [])]

    def outcome(self, name: str) -> Dict[str, Any]:
        """The outcome's part of the document (raises KeyError for an unknown name)."""
        for o in self.data.get("outcomes", []):
            if o["outcome"] == name or o.get("instrument_id") == name:
                return o
        raise KeyError(name)

    def to_dict(self) -> Dict[str, Any]:
        """The document as a dict (a deep copy)."""
        return json.loads(json.dumps(self.data))

    def to_json(self, indent: Optional[int] = None) -> str:
        """The document as JSON text."""
        return json.dumps(self.data, indent=indent)

    def __repr__(self) -> str:
        """One line: the audience, whether disclosure-controlled, referrals, and each outcome's n
        and mean change as released ("*" where withheld)."""
        parts = [f"audience={self.audience!r}", f"disclosure_controlled={self.disclosure_controlled}"]
        a = self.data.get("access")
        if a and "referrals" in a:
            parts.append(f"referrals={_Cell(a).fmt('referrals', 'count')}")
        outs = []
        for o in self.data.get("outcomes", []):
            c = _Cell(o["overall"])
            outs.append(f"{o['outcome']} n={c.fmt('n', 'count')} change={c.combo(['mean_change'], lambda m: f'{m:+.2f}')}")
        parts.append(f"outcomes=[{'; '.join(outs)}]")
        return f"Report({', '.join(parts)})"

    # ---- DataFrames ----------------------------------------------------------------------------
    def frames(self, marked: bool = False, mask: bool = False):
        """Every table as a DataFrame: ``outcomes`` (overall and per group, one row each),
        ``pairing``, ``differences``, ``omnibus``, ``trends``, ``histograms``, ``proportions``,
        ``access`` (one row per figure), ``coaches``, ``triage`` (the single point of access: one row
        per referral source and "all"), ``triage_routes`` (one row per source and route), and the usage section of
        people trained in coaching skills: ``usage`` (its proportion tables) and ``usage_confidence``; ``onward`` (referred on, by destination, and
        goals achieved among people whose coaching ended: one row per figure and group, the
        published service's two headline figures; docs/care-plan.md).

        Columns follow pandas' conventions (Parquet- and CSV-safe: ``to_parquet`` and ``to_csv``
        work on every table): counts ``Int64``, figures ``Float64``, flags ``boolean``, text
        ``string``, ``suppressed_fields`` a tuple of column names per row. A suppressed cell is
        ``pd.NA`` (never its value) and named in its row's ``suppressed_fields``; a figure that
        could not be computed is ``pd.NA`` too, unnamed. With ``mask=True`` the result is
        ``(frames, masks)``: masks holds, per table, a boolean DataFrame of the same shape that is
        True exactly in the suppressed cells. ``marked=True`` puts ``"*"`` in suppressed cells
        (object columns) for display only, not for analysis or Parquet."""
        outcomes, pairing, diffs, omni, trends, hists = [], [], [], [], [], []
        for o in self.data.get("outcomes", []):
            key = {"outcome": o["outcome"], "instrument_id": o.get("instrument_id", ""), "scale": o.get("scale", "")}
            pairing.append({**key, "name": o.get("name", ""), "higher_is_better": o.get("higher_is_better"),
                            "reliability": _num(o.get("reliability")),
                            "meaningful_change": _num(o.get("meaningful_change")),
                            "episodes": _num(o.get("episodes")), "with_baseline": _num(o.get("with_baseline")),
                            "with_follow_up": _num(o.get("with_follow_up")), "paired": _num(o["overall"].get("n")),
                            "suppressed_fields": tuple(o.get("suppressed_fields", []))})
            outcomes.append({**key, "dimension": "all", **_flat(o["overall"])})
            for b in o.get("breakdowns", []):
                for r in b["rows"]:
                    outcomes.append({**key, "dimension": b["dimension"], **_flat(r)})
                for d in b.get("differences", []):
                    diffs.append({**key, "dimension": b["dimension"], **_flat(d)})
                if b.get("welch_anova"):
                    omni.append({**key, "dimension": b["dimension"], "test": "welch_anova",
                                 **_flat(b["welch_anova"], skip=("test",))})
                if b.get("trend"):
                    trends.append({**key, "dimension": b["dimension"], **_flat(b["trend"])})
            h = o.get("histogram") or {}
            for bin_ in h.get("bins", []):
                hists.append({**key, "bin_low": bin_["low"], "bin_high": bin_["high"], "before": _num(bin_["before"]),
                              "after": _num(bin_["after"]), "suppressed_fields": tuple(bin_["suppressed_fields"])})
        props = []
        for p in self.data.get("proportions", []):
            key = {"measure": p["measure"], "name": p.get("name", "")}
            props.append({**key, "dimension": "all", **_flat(p["overall"])})
            for b in p.get("breakdowns", []):
                for r in b["rows"]:
                    props.append({**key, "dimension": b["dimension"], **_flat(r)})
        usage, usage_conf = [], []
        u = self.data.get("usage") or {}
        for t in u.get("tables", []):
            key = {"measure": t["measure"], "name": t.get("name", "")}
            usage.append({**key, "dimension": "all", **_flat(t["overall"])})
            for b in t.get("breakdowns", []):
                for r in b["rows"]:
                    usage.append({**key, "dimension": b["dimension"], **_flat(r)})
        for r in u.get("confidence_by_wave", []):
            usage_conf.append(_flat(r))
        access_rows, coaches = [], []
        a = self.data.get("access")
        if a:
            sup = set(a.get("suppressed_fields", []))
            for k, v in a.items():
                if k in ("suppressed_fields", "per_coach"):
                    continue
                access_rows.append({"figure": k, "value": _num(v), "suppressed": k in sup,
                                    "suppressed_fields": ("value",) if k in sup else ()})
            coaches = [dict(c) for c in a.get("per_coach", [])]
        triage, triage_routes = _triage_rows(self.data.get("triage"))
        out = {
            "outcomes": _frame(outcomes, ("outcome", "dimension", "group")),
            "pairing": _frame(pairing, ("outcome",)),
            "differences": _frame(diffs, ("outcome", "dimension", "group")),
            "omnibus": _frame(omni, ("outcome", "dimension")),
            "trends": _frame(trends, ("outcome", "dimension")),
            "histograms": _frame(hists, ("outcome", "bin_low", "bin_high", "before", "after")),
            "proportions": _frame(props, ("measure", "dimension", "group")),
            "access": _frame(access_rows, ("figure", "value", "suppressed")),
            "coaches": _frame(coaches, ("coach_id", "sessions", "occupied_minutes", "rota_minutes", "utilisation")),
            "triage": _frame(triage, ("source", "received", "triaged", "untriaged")),
            "triage_routes": _frame(triage_routes, ("source", "route", "count", "suppressed")),
            # Usage tracking of people trained in coaching skills (docs/usage-tracking.md).
            "usage": _frame(usage, ("measure", "dimension", "group")),
            "usage_confidence": _frame(usage_conf, ("wave", "weeks", "n", "mean_confidence")),
            "onward": _onward_frame(self.data.get("onward")),
        }
        # The equity and value sections, when the report has them (options equity= / unit_costs=).
        if self.data.get("equity") is not None:
            out["equity"] = self.equity_frame()
        if self.data.get("value") is not None:
            out["value"] = self.value_frame()
        masks = {k: _suppressed_mask(v) for k, v in out.items()} if mask else None
        if marked:
            out = {k: _mark(v) for k, v in out.items()}
        return (out, masks) if mask else out

    def equity_frame(self, marked: bool = False) -> pd.DataFrame:
        """Access equity (docs/equity-and-value.md): one row per dimension and group ("all" = every
        listed group together) with ``denominator`` (as supplied), ``clients``, ``uptake`` and its
        Wilson interval, the ``representation`` ratio (uptake over the rest's, Katz interval), and
        for the outcome ``paired``, ``improved``, ``share_improved`` (Wilson) and ``outcome_ratio``
        (Katz). Empty (with these columns) when the report has no equity section. Withheld figures
        are ``pd.NA`` and listed in ``suppressed_fields`` (``"*"`` with ``marked=True``); dtypes as
        :meth:`frames`."""
        rows = []
        e = self.data.get("equity") or {}
        for t in e.get("tables", []):
            for r in [t["overall"]] + list(t["rows"]):
                rows.append({"dimension": t["dimension"], "outcome": e.get("outcome"), **_flat(r)})
        df = _frame(rows, ("dimension", "group", "denominator", "clients", "uptake", "uptake_ci_low",
                           "uptake_ci_high", "representation", "representation_ci_low", "representation_ci_high",
                           "paired", "improved", "share_improved", "share_improved_ci_low",
                           "share_improved_ci_high", "outcome_ratio", "outcome_ratio_ci_low",
                           "outcome_ratio_ci_high", "suppressed", "outcome_suppressed", "suppressed_fields"))
        return _mark(df) if marked else df

    def value_frame(self, marked: bool = False) -> pd.DataFrame:
        """The commissioner's one-table value summary (docs/equity-and-value.md): one row per item
        (coach_time, session_overheads, training, supervision, total, per_session,
        per_completed_episode, per_reliable_improvement) with its ``quantity`` and ``cost``,
        ``cost_low``, ``cost_high`` in pounds (per unit of quantity for the ``per_`` items);
        ``costed`` is False where no unit cost was given. ``attrs`` holds ``source``,
        ``price_year`` and ``outcome``. Empty when the report has no value section."""
        v = self.data.get("value") or {}
        rows = [_flat(r) for r in v.get("rows", [])]
        df = _frame(rows, ("item", "name", "quantity", "cost", "cost_low", "cost_high", "costed", "suppressed",
                           "suppressed_fields"))
        if marked:
            df = _mark(df)
        df.attrs.update({"source": v.get("source"), "price_year": v.get("price_year"), "outcome": v.get("outcome"),
                         "currency": v.get("currency", "GBP")})
        return df

    def frame(self, name: str, marked: bool = False, mask: bool = False):
        """One of :meth:`frames` by name (KeyError for an unknown one); with ``mask=True`` the pair
        ``(frame, mask)``, mask True exactly in the suppressed cells."""
        if mask:
            frames, masks = self.frames(marked=marked, mask=True)
            return frames[name], masks[name]
        return self.frames(marked=marked)[name]

    # ---- CSV -------------------------------------------------------------------------------------
    def to_csv(self, directory: Optional[Any] = None) -> Dict[str, str]:
        """The report's tables as RFC 4180 CSV (UTF-8, CRLF), as the C++ core writes them for every
        face (C: ``lc_programme_evaluate_csv``): ``report``, ``access``, ``pairing``, ``outcomes``,
        ``differences``, ``omnibus``, ``trends``, ``histograms``, ``proportions``, ``coaches``,
        ``usage``, ``usage_figures``, ``onward``.
        They hold exactly the figures of this document: a withheld figure is ``"*"`` (never a
        number), one that could not be computed an empty field, booleans 1/0. Returns
        ``{name: text}``; with ``directory`` (created if needed) also writes ``<name>.csv`` files
        there, e.g. for a commissioner. Read one back with
        ``pandas.read_csv(path, na_values=["*"])`` (withheld cells become NaN)."""
        from . import _core

        tables = dict(_core.evaluation_report_csv(json.dumps(self.data)))
        if directory is not None:
            import os

            os.makedirs(directory, exist_ok=True)
            for name, text in tables.items():
                with open(os.path.join(directory, f"{name}.csv"), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
        return tables

    # ---- HTML ------------------------------------------------------------------------------------
    def to_html(self, title: str = "Coaching evaluation", plots: bool = True) -> str:
        """A self-contained HTML page: a one-page summary first (activity, access within 24 h,
        change per outcome with its interval, reliable improvement, goals, cost), then the detail:
        access and activity, each outcome's change overall and by breakdown (group differences
        in a collapsible part, Welch ANOVA, dose-response), proportions with Wilson intervals,
        notes. Plots (laycoach.plots, embedded as PNG) only where something is released; wide
        tables scroll; groups whose figures are all withheld are folded into one line; print
        styles put each section on a new A4 page. Suppressed cells show "*"."""
        return _render(self.data, title, plots)

    def save_html(self, path: str, title: str = "Coaching evaluation", plots: bool = True) -> None:
        """Write :meth:`to_html` to a file (UTF-8)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_html(title=title, plots=plots))

    def _repr_html_(self) -> str:
        """The notebook display: the one-page summary only (a few KB; the whole report is
        :meth:`to_html` / :meth:`save_html`)."""
        css = ("<style>.lc-report .cards{display:flex;flex-wrap:wrap;gap:.5em}.lc-report .card{background:#f0f4f5;"
               "border-left:4px solid #005eb8;padding:.3em .7em;min-width:10em}.lc-report .card b{display:block;"
               "font-size:1.3em}.lc-report .card span{font-size:.85em}.lc-report .scroll{overflow-x:auto}"
               ".lc-report td.sup{color:#8a1538;font-weight:bold}.lc-report .note{font-size:.85em}</style>")
        return (f"<div class='lc-report'>{css}{_summary_html(self.data)}<p class='note'>"
                f"{len(self.outcomes)} outcome(s); the whole report: <code>.to_html()</code> or "
                "<code>.save_html(path)</code>; tables: <code>.frames()</code>.</p></div>")


# ---------------------------------------------------------------------------------------------
# HTML rendering
# ---------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;padding:0 1.5em;
color:#212b32;max-width:1100px;line-height:1.4}
h1{color:#005eb8;margin-bottom:.2em}h2{color:#005eb8;border-bottom:2px solid #005eb8;padding-bottom:.2em;margin-top:2em}
h3{margin:1.2em 0 .3em}table{border-collapse:collapse;margin:.4em 0 1em;font-size:.85em}
th,td{border:1px solid #d8dde0;padding:.25em .5em;text-align:right}th{background:#f0f4f5;vertical-align:bottom}
td{white-space:nowrap}td.l,th.l{text-align:left}td.l{white-space:normal}td.sup{color:#8a1538;font-weight:bold;text-align:center}
tr.fold td{color:#4c6272;font-style:italic;text-align:left;white-space:normal}
.scroll{overflow-x:auto;max-width:100%}
.note{color:#4c6272;font-size:.88em}.plots{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:flex-start}
.plots img{max-width:100%;height:auto}
.key{background:#fff9c4;padding:.5em 1em;border-left:4px solid #ffeb3b;font-size:.9em}
.summary{border:2px solid #005eb8;border-radius:4px;padding:.2em 1.2em 1em;margin:1em 0}
.summary h2{margin-top:.6em;border:0}.cards{display:flex;flex-wrap:wrap;gap:.6em;margin:.6em 0}
.card{background:#f0f4f5;border-left:4px solid #005eb8;padding:.4em .8em;min-width:11em;flex:1 1 11em}
.card b{display:block;font-size:1.5em;color:#005eb8}.card span{font-size:.85em;color:#4c6272}
details{margin:.4em 0 1em}summary{cursor:pointer;color:#005eb8}
@media print{
  @page{size:A4;margin:12mm}
  body{margin:0;padding:0;max-width:none;font-size:9pt}h3{margin:.8em 0 .2em}table{margin:.2em 0 .6em}
  .summary{break-after:page}section.part{break-before:page}h2{margin-top:.8em}section.part>h2:first-child{margin-top:0}
  h3{break-after:avoid}img,tr,.card{break-inside:avoid}
  .scroll{overflow:visible}table{font-size:7.5pt;width:100%}th,td{padding:.15em .3em;white-space:normal}
  details{display:none}
  .plots{gap:2mm 3mm}.plots img{max-width:48%;max-height:110mm;width:auto;height:auto}
}
"""


def _e(x: Any) -> str:
    return html.escape(str(x))


class _Cell:
    """Formats figures of one row: "*" when suppressed, an en dash when not computable."""

    def __init__(self, row: Optional[Mapping[str, Any]]):
        self.row = row or {}
        self.sup = set(self.row.get("suppressed_fields", []))

    def suppressed(self, *fields: str) -> bool:
        return any(f in self.sup for f in fields)

    def val(self, f: str) -> Any:
        v = self.row.get(f)
        return None if v is None or (isinstance(v, float) and not math.isfinite(v)) else v

    def fmt(self, f: str, kind: str = "num") -> str:
        if f in self.sup:
            return _STAR
        return _format(self.val(f), kind)

    def combo(self, fields: Sequence[str], render) -> str:
        if self.suppressed(*fields):
            return _STAR
        vals = [self.val(f) for f in fields]
        if any(v is None for v in vals):
            return _DASH
        return render(*vals)


def _format(v: Any, kind: str = "num") -> str:
    if v is None:
        return _DASH
    if kind == "count":
        return f"{int(round(v)):,}"
    if kind == "p":
        return "<0.001" if v < 0.001 else f"{v:.3f}"
    if kind == "pct":
        return f"{100 * v:.1f}%"
    if kind == "int":
        return f"{v:.0f}"
    if kind == "stat":
        return f"{v:.2f}"
    if kind == "num3":
        return f"{v:.3f}"
    if kind == "hours":
        return f"{v:,.1f}"
    return f"{v:.2f}"


def _td(text: str, left: bool = False) -> str:
    cls = ' class="sup"' if text == _STAR else (' class="l"' if left else "")
    return f"<td{cls}>{_e(text)}</td>"


def _withheld(row: Sequence[str], left_cols: int) -> bool:
    """True when every figure of a table row is withheld ("*", or an en dash beside a "*")."""
    cells = [c.strip() for c in row[left_cols:]]
    return bool(cells) and _STAR in cells and all(c in (_STAR, _DASH) for c in cells)


def _nobody(row: Sequence[str], left_cols: int) -> bool:
    """True when a table row is about nobody: its counts 0 and every other figure not computable."""
    cells = [c.strip() for c in row[left_cols:]]
    return bool(cells) and "0" in cells and all(c in ("0", _DASH) for c in cells)


def _plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left_cols: int = 1, fold: Optional[str] = None) -> str:
    """A table in a horizontally scrolling box (never cut off). With ``fold`` (a noun: "organisation"),
    rows whose every figure is withheld are folded into one line at the end ("17 organisations
    with counts below the floor: a, b, ..."), and so are rows about nobody ("3 offers with
    nobody: ...")."""
    h = "".join(f'<th class="l">{_e(x)}</th>' if i < left_cols else f"<th>{_e(x)}</th>" for i, x in enumerate(headers))
    shown, lines = list(rows), []
    if fold is not None:
        for test, what in ((lambda r: _withheld(r, left_cols), "with counts below the floor (<b>*</b>)"),
                           (lambda r: _nobody(r, left_cols), "with nobody")):
            folded = [r for r in shown if test(r)]
            if len(folded) < 2:  # one such row reads as well as a line about it
                continue
            shown = [r for r in shown if not test(r)]
            names = ", ".join(str(r[0]).replace(" \u2020", "") for r in folded)
            lines.append(f'<tr class="fold"><td class="l" colspan="{len(headers)}">{len(folded)} '
                         f'{_e(_plural(fold, len(folded)))} {what}: {_e(names)}</td></tr>')
    body = "".join("<tr>" + "".join(_td(c, i < left_cols) for i, c in enumerate(r)) + "</tr>" for r in shown)
    body += "".join(lines)
    return f'<div class="scroll"><table><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table></div>'


_CHANGE_HEADERS = ["Group", "n", "Before mean (SD)", "After mean (SD)", "Mean change (95% CI)", "t (df)", "p (t-test)",
                   "Wilcoxon z", "p (Wilcoxon)", "r", "d_z (95% CI)", "d_av (95% CI)", "g_av (Hedges, 95% CI)",
                   "Reliable improvement (95% CI)",
                   "Reliable deterioration", "Meaningful improvement (95% CI)"]


def _share_ci(c: _Cell, share: str) -> str:
    return c.combo([share, share + "_ci_low", share + "_ci_high"],
                   lambda s, lo, hi: f"{100 * s:.1f}% ({100 * lo:.1f}-{100 * hi:.1f})")


def _effect_ci(c: _Cell, name: str) -> str:
    """An effect size with its interval (docs/statistics.md); the estimate alone when no interval."""
    lo, hi = name + "_ci_low", name + "_ci_high"
    if c.suppressed(lo, hi) or c.val(lo) is None or c.val(hi) is None:
        return c.fmt(name, "stat")
    return c.combo([name, lo, hi], lambda v, low, high: f"{v:.2f} ({low:.2f} to {high:.2f})")


def _change_cells(row: Mapping[str, Any]) -> List[str]:
    c = _Cell(row)
    return [
        str(row.get("group", "")) + (" \u2020" if row.get("below_recommended") and not row.get("suppressed") else ""),
        c.fmt("n", "count"),
        c.combo(["mean_before", "sd_before"], lambda m, s: f"{m:.2f} ({s:.2f})"),
        c.combo(["mean_after", "sd_after"], lambda m, s: f"{m:.2f} ({s:.2f})"),
        c.combo(["mean_change", "ci_low", "ci_high"], lambda m, lo, hi: f"{m:+.2f} ({lo:+.2f} to {hi:+.2f})"),
        c.combo(["t", "df"], lambda t, df: f"{t:.2f} ({df:.0f})"),
        c.fmt("p", "p"),
        c.fmt("z", "stat"),
        c.fmt("wilcoxon_p", "p"),
        c.fmt("r", "stat"),
        _effect_ci(c, "d_z"),
        _effect_ci(c, "d_av"),
        _effect_ci(c, "g_av"),
        _share_ci(c, "share_reliable_improved"),
        c.fmt("share_reliable_deteriorated", "pct"),
        _share_ci(c, "share_meaningful_improved"),
    ]


_DPI = 96  # one image pixel per CSS pixel: sharp on screen, small files


def _png(fig, alt: str) -> str:
    """An <img> of a matplotlib figure as an embedded PNG: 96 dpi, reduced to a 64-colour palette
    (flat plot colours survive; a third of the bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI)  # the figures' constrained layout fits labels and captions
    data = buf.getvalue()
    try:
        from PIL import Image

        im = Image.open(io.BytesIO(data))
        width, height = im.size
        small = io.BytesIO()
        im.convert("RGB").quantize(colors=64).save(small, format="PNG", optimize=True)
        if small.tell() < len(data):
            data = small.getvalue()
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        width = height = None
    size = f' width="{width}" height="{height}"' if width else ""
    return f'<img alt="{_e(alt)}"{size} src="data:image/png;base64,' + base64.b64encode(data).decode("ascii") + '">'


def _have_matplotlib() -> bool:
    try:
        import matplotlib.figure  # noqa: F401

        return True
    except Exception:  # pragma: no cover - matplotlib is optional
        return False


def _plot(fn, alt: str, *args: Any, **kwargs: Any) -> str:
    """One plot of laycoach.plots as an <img>; nothing (no empty plot) when the plot has nothing
    released."""
    from . import _core

    try:
        fig = fn(*args, **kwargs)
    except _core.ValidationError as err:
        if getattr(err, "rule", "") == "nothing_released":
            return ""
        raise
    return _png(fig, alt)


_ACCESS = [
    ("referrals", "Referrals (episodes)", "count"), ("clients", "Clients", "count"),
    ("clients_seen", "Clients seen", "count"), ("sessions", "Sessions held", "count"),
    ("attended", "Attended places", "count"), ("client_dna", "Did not attend (client)", "count"),
    ("coach_dna", "Did not attend (coach)", "count"), ("appointments", "Appointments", "count"),
    ("cancelled", "Cancelled places", "count"), ("sessions_per_client", "Sessions per client seen", "num"),
    ("dna_rate", "DNA rate (client)", "pct"), ("coach_dna_rate", "DNA rate (coach)", "pct"),
    ("first_appointments", "First appointments", "count"), ("within_24h", "First appointment within 24 h", "count"),
    ("share_within_24h", "Share within 24 h of the request", "pct"),
    ("out_of_hours", "Attended out of office hours", "count"),
    ("share_out_of_hours", "Share out of office hours (before 09:00, from 17:00, weekends)", "pct"),
    ("coaches", "Coaches", "count"), ("sessions_per_coach", "Sessions per coach", "num"),
    ("rota_hours", "Rota hours", "hours"), ("occupied_hours", "Booked and attended hours", "hours"),
    ("utilisation", "Utilisation (booked and attended / rota hours)", "pct"),
]


def _access_html(a: Optional[Mapping[str, Any]]) -> str:
    if not a:
        return ""
    c = _Cell(a)
    rows = []
    for key, label, kind in _ACCESS:
        if key not in a:
            continue
        text = c.fmt(key, kind)
        if key + "_ci_low" in a and text not in (_STAR, _DASH):
            ci = c.combo([key + "_ci_low", key + "_ci_high"], lambda lo, hi: f" ({100 * lo:.1f}-{100 * hi:.1f})")
            if ci not in (_STAR, _DASH):
                text += ci
        rows.append([label, text])
    out = "<h2>Access and activity</h2>" + _table(["Figure", "Value"], rows)
    per = a.get("per_coach") or []
    if per:
        out += "<h3>Utilisation by coach</h3>" + _table(
            ["Coach", "Sessions", "Booked/attended minutes", "Rota minutes", "Utilisation"],
            [[p["coach_id"], _format(p.get("sessions"), "count"), _format(p.get("occupied_minutes"), "int"),
              _format(p.get("rota_minutes"), "int"), _format(p.get("utilisation"), "pct")] for p in per])
    return out


_ROUTE_LABELS = {
    "hwbc_targeted": "HWBC targeted (PAM 1-2)", "hwbc_clinical": "HWBC clinical",
    "hwbc_non_clinical": "HWBC non-clinical", "social_prescribing": "Social prescribing",
    "care_coordination": "Care coordination", "not_accepted": "Not accepted",
}


def _triage_html(t: Optional[Mapping[str, Any]]) -> str:
    """The single point of access: referrals and routes by source, hours to triage and to first
    contact (docs/triage.md)."""
    if not t or not t.get("by_source"):
        return ""
    rows = t["by_source"]
    if not any(r.get("received") for r in rows) and not any("received" in r.get("suppressed_fields", []) for r in rows):
        return ""
    route_names = t.get("routes", [])
    head = ["Source", "Received", "Triaged", "Untriaged"] + [_ROUTE_LABELS.get(r, r) for r in route_names]
    body = []
    for r in rows:
        c = _Cell(r)
        rc = _Cell({**r.get("routes", {}), "suppressed_fields": r.get("suppressed_routes", [])})
        body.append([r["source"].replace("_", " "), c.fmt("received", "count"), c.fmt("triaged", "count"),
                     c.fmt("untriaged", "count")] + [rc.fmt(x, "count") for x in route_names])
    out = "<h2>Single point of access: referrals and routes by source</h2>" + _table(head, body, fold="source")
    times = []
    for r in rows:
        for part, label in (("to_triage", "to triage"), ("to_first_contact", "to first contact")):
            c = _Cell(r.get(part))
            times.append([f"{r['source'].replace('_', ' ')}: {label}", c.fmt("n", "count"), c.fmt("p25_hours", "hours"),
                          c.fmt("median_hours", "hours"), c.fmt("p75_hours", "hours"), c.fmt("p90_hours", "hours")])
    out += "<h3>Hours from receipt</h3>" + _table(["Source and interval", "Items", "25th pct", "Median", "75th pct",
                                                   "90th pct"], times, fold="interval")
    c = _Cell(t)
    out += (f"<p>Triage decisions that followed the rules' proposal: {c.fmt('proposal_followed', 'count')} of "
            f"{c.fmt('proposed', 'count')} ({c.fmt('share_followed', 'pct')}).</p>")
    return out


_GROUP_HEADERS = ["Group", "n", "Before mean (SD)", "After mean (SD)", "Mean change (95% CI)", "p (t-test)",
                  "d_z (95% CI)", "Reliable improvement (95% CI)"]
_GROUP_COLUMNS = (0, 1, 2, 3, 4, 6, 10, 13)  # of _change_cells


def _group_cells(row: Mapping[str, Any]) -> List[str]:
    """The columns of a breakdown row a reader compares across groups (the rest are in the
    overall table, the CSV and the DataFrames)."""
    cells = _change_cells(row)
    return [cells[i] for i in _GROUP_COLUMNS]


def _forests(o: Mapping[str, Any], d: Mapping[str, Any], name: str) -> List[str]:
    """Change by group as two forest plots side by side (the breakdowns split in two halves of
    about equal length), so a long list of breakdowns is half as tall."""
    from . import plots as _plots

    dims = [(b["dimension"], len(b["rows"])) for b in o.get("breakdowns", [])
            if b["dimension"] != "sessions_attended" and b.get("rows")]
    if not dims:
        return []
    total, run, cut = sum(n for _, n in dims), 0, len(dims)
    for i, (_, n) in enumerate(dims):
        run += n
        if run >= total / 2:
            cut = i + 1
            break
    halves = [h for h in ([x for x, _ in dims[:cut]], [x for x, _ in dims[cut:]]) if h]
    out = [_plot(_plots.change_by_group, f"{name}: change by {', '.join(h).replace('_', ' ')}", d, o["outcome"], h,
                 size=(5.2, None)) for h in halves]
    return [x for x in out if x]


def _outcome_html(o: Mapping[str, Any], d: Mapping[str, Any], plots: bool) -> str:
    from . import plots as _plots

    name = o.get("name") or o["outcome"]
    parts = [f"<h2>{_e(name)}</h2>"]
    c = _Cell(o)
    rel = o.get("reliability")
    mc = o.get("meaningful_change")
    facts = [f"Outcome <code>{_e(o['outcome'])}</code>",
             "higher is better" if o.get("higher_is_better", True) else "lower is better"]
    if o.get("registered"):  # the programme's own questionnaire (docs/instruments.md), labelled as defined
        facts.append("the programme's own questionnaire (" + (o.get("validation") or "validation not stated") + ")")
    if rel is not None:
        facts.append(f"reliability {rel:.2f} (Jacobson-Truax)")
    elif o.get("registered"):
        facts.append("reliable change not computed (the definition gives no reliability)")
    if mc is not None:
        facts.append(f"meaningful change {mc:g} points")
    if o.get("episodes") is not None or "episodes" in c.sup:
        facts.append(_e(f"episodes {c.fmt('episodes', 'count')}, with baseline {c.fmt('with_baseline', 'count')}, "
                        f"with follow-up {c.fmt('with_follow_up', 'count')}"))
    parts.append(f"<p class='note'>{'; '.join(facts)}.</p>")
    parts.append(_table(_CHANGE_HEADERS, [_change_cells(o["overall"])]))
    if plots:
        imgs = [_plot(_plots.before_after, f"{name}: scores before and after", d, o["outcome"]),
                _plot(_plots.dose_response, f"{name}: change by sessions attended", d, o["outcome"])
                if any(b["dimension"] == "sessions_attended" for b in o.get("breakdowns", [])) else "",
] + _forests(o, d, name)
        imgs = [i for i in imgs if i]
        if imgs:
            parts.append("<div class='plots'>" + "".join(imgs) + "</div>")
    for b in o.get("breakdowns", []):
        dim = b["dimension"].replace("_", " ")
        parts.append(f"<h3>By {_e(dim)}</h3>")
        noun = "group" if b["dimension"] == "sessions_attended" else dim
        parts.append(_table(_GROUP_HEADERS, [_group_cells(r) for r in b["rows"]], fold=noun))
        more = []
        diffs = b.get("differences") or []
        if diffs:
            rows = []
            for df_ in diffs:
                dc = _Cell(df_)
                rows.append([df_["group"], dc.fmt("n_group", "count"), dc.fmt("n_rest", "count"),
                             dc.combo(["difference", "ci_low", "ci_high"],
                                      lambda m, lo, hi: f"{m:+.2f} ({lo:+.2f} to {hi:+.2f})"),
                             dc.combo(["t", "df"], lambda t, df: f"{t:.2f} ({df:.1f})"), dc.fmt("p", "p")])
            more.append("<p class='note'>Difference in mean change, group vs the rest (Welch t-test):</p>")
            more.append(_table(["Group", "n group", "n rest", "Difference (95% CI)", "t (df)", "p"], rows, fold=noun))
        w = b.get("welch_anova")
        if w:
            wc = _Cell(w)
            if wc.val("f") is not None and not wc.suppressed("f"):
                parts.append(f"<p class='note'>Welch ANOVA across {wc.fmt('groups', 'int')} groups: "
                             f"F({wc.fmt('df1', 'int')}, {wc.fmt('df2', 'stat')}) = {wc.fmt('f', 'stat')}, "
                             f"p = {wc.fmt('p', 'p')}.</p>")
        t = b.get("trend")
        if t:
            tc = _Cell(t)
            parts.append("<p class='note'>Dose-response: change per extra session "
                         + _e(tc.combo(["slope", "ci_low", "ci_high"], lambda s, lo, hi: f"{s:+.2f} (95% CI {lo:+.2f} to {hi:+.2f})"))
                         + f", r = {_e(tc.fmt('r', 'stat'))}, p = {_e(tc.fmt('p', 'p'))}.</p>")
        if more:
            parts.append(f"<details><summary>Each {_e(noun)} against the rest</summary>{''.join(more)}</details>")
    return "".join(parts)


def _proportions_html(props: Sequence[Mapping[str, Any]], d: Mapping[str, Any], plots: bool) -> str:
    from . import plots as _plots

    if not props:
        return ""
    parts = ["<h2>Experience and goals</h2>"]

    def row(label: str, r: Mapping[str, Any]) -> List[str]:
        c = _Cell(r)
        return [label, c.fmt("n", "count"), c.fmt("k", "count"), c.fmt("share", "pct"),
                c.combo(["ci_low", "ci_high"], lambda lo, hi: f"{100 * lo:.1f}-{100 * hi:.1f}%")]

    headers = ["Measure", "Answered", "Yes", "Share", "Wilson 95% CI"]
    parts.append(_table(headers, [row(p.get("name") or p["measure"], p["overall"]) for p in props]))
    if plots:
        img = _plot(_plots.proportions, "Experience and goals: shares with Wilson intervals", d)
        if img:
            parts.append("<div class='plots'>" + img + "</div>")
    # By group: one table per breakdown, a column per measure (share, Wilson CI, of how many),
    # rather than a table per measure and breakdown.
    dims: List[str] = []
    for p in props:
        dims += [b["dimension"] for b in p.get("breakdowns", []) if b["dimension"] not in dims]

    def cell(r: Optional[Mapping[str, Any]]) -> str:
        if r is None:
            return _DASH
        c = _Cell(r)
        if c.suppressed("share", "n"):
            return _STAR
        return c.combo(["share", "ci_low", "ci_high", "n"],
                       lambda sh, lo, hi, n: f"{100 * sh:.0f}% ({100 * lo:.0f}-{100 * hi:.0f}) of {int(round(n)):,}")

    for dim in dims:
        tables = [(p, next((b for b in p.get("breakdowns", []) if b["dimension"] == dim), None)) for p in props]
        groups: List[str] = []
        for _, b in tables:
            groups += [r["group"] for r in (b or {}).get("rows", []) if r["group"] not in groups]
        rows = []
        for g in groups:
            rows.append([g] + [cell(next((r for r in (b or {}).get("rows", []) if r["group"] == g), None))
                               for _, b in tables])
        label = dim.replace("_", " ")
        parts.append(f"<h3>By {_e(label)}</h3>")
        parts.append(_table(["Group"] + [f"{p.get('name') or p['measure']}: share (95% CI) of answered" for p, _ in tables],
                            rows, fold=label))
    return "".join(parts)


def _ratio_ci(c: "_Cell", f: str) -> str:
    return c.combo([f, f + "_ci_low", f + "_ci_high"], lambda r, lo, hi: f"{r:.2f} ({lo:.2f}-{hi:.2f})")


def _equity_html(e: Optional[Mapping[str, Any]]) -> str:
    if not e:
        return ""
    parts = ["<h2>Access equity</h2>",
             "<p class='note'>Uptake = clients reached / the population supplied for the group (Wilson 95% CI). "
             "Representation = the group's uptake / the uptake of the other listed groups (Katz log 95% CI; 1 = "
             "reached in proportion). Outcome: the share with a reliable improvement"
             + (f" on <code>{_e(e['outcome'])}</code>" if e.get("outcome") else "")
             + " and its ratio to the other groups' share. Method: docs/equity-and-value.md.</p>"]
    headers = ["Group", "Population", "Clients", "Uptake (95% CI)", "Representation (95% CI)", "Paired",
               "Reliably improved (95% CI)", "Outcome ratio (95% CI)"]
    for t in e.get("tables", []):
        rows = []
        for r in list(t["rows"]) + [t["overall"]]:
            c = _Cell(r)
            rows.append([r["group"], c.fmt("denominator", "count"), c.fmt("clients", "count"),
                         _share_ci(c, "uptake"), _ratio_ci(c, "representation"), c.fmt("paired", "count"),
                         _share_ci(c, "share_improved"), _ratio_ci(c, "outcome_ratio")])
        dim = t["dimension"].replace("_", " ")
        parts.append(f"<h3>By {_e(dim)}</h3>" + _table(headers, rows, fold=dim))
    return "".join(parts)


def _value_html(v: Optional[Mapping[str, Any]]) -> str:
    if not v:
        return ""
    parts = ["<h2>Value</h2>",
             f"<p class='note'>Unit costs: {_e(v.get('source', ''))}, prices of {_e(v.get('price_year', ''))} "
             "(&pound;; range = every unit cost at its low or high end). Method: docs/equity-and-value.md.</p>"]
    rows = []
    for r in v.get("rows", []):
        c = _Cell(r)

        def money(x: Any) -> str:
            return f"\u00a3{x:,.2f}"

        cost = _DASH if not r.get("costed", True) else c.combo(
            ["cost", "cost_low", "cost_high"], lambda m, lo, hi: f"{money(m)} ({money(lo)}-{money(hi)})")
        rows.append([r.get("name") or r["item"], c.fmt("quantity", "count"), cost])
    parts.append(_table(["Item", "Quantity", "Cost (low-high)"], rows))
    return "".join(parts)


def _usage_html(u: Optional[Mapping[str, Any]]) -> str:
    """The usage section: do the people trained in coaching skills practise?"""
    if not u or not (u.get("tables") or u.get("confidence_by_wave")):
        return ""
    tables = {t["measure"]: t for t in u.get("tables", [])}
    if not any(_num(t["overall"].get("n")) > 0 or t["overall"].get("suppressed") for t in tables.values()):
        return ""
    parts = ["<h2>Coaching skills in practice</h2>",
             "<p class='note'>People trained in coaching skills (attended every day of their course) are sent the "
             "usage survey at intervals after the course. Practising = used a coaching approach at least monthly "
             "(the survey is a local one, not a validated instrument). Response rate = answered of those due.</p>"]

    def row(label: str, r: Mapping[str, Any]) -> List[str]:
        c = _Cell(r)
        return [label, c.fmt("n", "count"), c.fmt("k", "count"), c.fmt("share", "pct"),
                c.combo(["ci_low", "ci_high"], lambda lo, hi: f"{100 * lo:.1f}-{100 * hi:.1f}%")]

    headers = ["Measure", "Of", "Yes", "Share", "Wilson 95% CI"]
    parts.append(_table(headers, [row(t.get("name") or m, t["overall"]) for m, t in tables.items()]))
    for m in ("usage_response_rate", "usage_practising"):
        t = tables.get(m)
        for b in (t or {}).get("breakdowns", []):
            parts.append(f"<h3>{_e(t.get('name') or m)}: by {_e(b['dimension'].replace('_', ' '))}</h3>")
            parts.append(_table(["Group"] + headers[1:], [row(r["group"], r) for r in b["rows"]],
                                fold=b["dimension"].replace("_", " ")))
    conf = u.get("confidence_by_wave") or []
    if conf:
        parts.append("<h3>Confidence in using a coaching approach (1-10), by wave</h3>")
        parts.append(_table(["Wave", "Weeks after the course", "Answers", "Mean confidence"],
                            [[_e(r["wave"]), _e(r["weeks"]), _Cell(r).fmt("n", "count"),
                              _Cell(r).fmt("mean_confidence")] for r in conf]))
    c = _Cell(u)
    parts.append(f"<p>Skill-share sessions held: {c.fmt('skill_share_sessions', 'count')}; "
                 f"places attended: {c.fmt('skill_share_attendances', 'count')}.</p>")
    return "".join(parts)


_ONWARD_LABELS = {"referred_on": "Referred on to one or more services",
                  "goals_achieved": "Achieved one or more goals by the end of coaching"}


def _onward_html(onward: Optional[Mapping[str, Any]]) -> str:
    rows = _onward_rows(onward)
    if not rows:
        return ""

    def label(r: Mapping[str, Any]) -> str:
        if r["figure"] == "referred_on_to":
            return "\u2003referred on to " + str(r["group"]).replace("_", " ")
        return _ONWARD_LABELS[r["figure"]]

    def row(r: Mapping[str, Any]) -> List[str]:
        c = _Cell(r)
        return [label(r), c.fmt("n", "count"), c.fmt("k", "count"), c.fmt("share", "pct"),
                c.combo(["ci_low", "ci_high"], lambda lo, hi: f"{100 * lo:.1f}-{100 * hi:.1f}%")]

    return ("<h2>Onward referral and goals at the end of coaching</h2>"
            "<p class='note'>People whose coaching period ended (a closed referral); a person referred to "
            "several services counts under each destination (docs/care-plan.md).</p>"
            + _table(["Figure", "People whose coaching ended", "Of whom", "Share", "Wilson 95% CI"],
                     [row(r) for r in rows]))


def _card(value: str, label: str) -> str:
    return f"<div class='card'><b>{_e(value)}</b><span>{_e(label)}</span></div>"


def _summary_html(d: Mapping[str, Any]) -> str:
    """The one-page summary: what a commissioner asks first (activity, speed of access, change per
    outcome with its interval and the share reliably improved, goals, cost), from the released
    figures only."""
    parts = ["<section class='summary'><h2>Summary</h2>"]
    cards = []
    a = d.get("access")
    if a:
        c = _Cell(a)
        for key, label, kind in (("referrals", "referrals", "count"), ("clients_seen", "clients seen", "count"),
                                 ("sessions", "sessions held", "count")):
            if key in a:
                cards.append(_card(c.fmt(key, kind), label))
        if "share_within_24h" in a:
            ci = c.combo(["share_within_24h_ci_low", "share_within_24h_ci_high"],
                         lambda lo, hi: f" (95% CI {100 * lo:.0f}-{100 * hi:.0f}%)")
            cards.append(_card(c.fmt("share_within_24h", "pct"),
                               "first appointment within 24 h of the request" + ("" if ci in (_STAR, _DASH) else ci)))
        if "dna_rate" in a:
            cards.append(_card(c.fmt("dna_rate", "pct"), "did not attend (client)"))
    onward = d.get("onward") or {}
    if onward.get("goals_achieved"):
        g = _Cell(onward["goals_achieved"])
        cards.append(_card(g.fmt("share", "pct"), f"achieved a goal by the end of coaching (of {g.fmt('n', 'count')})"))
    value = {r["item"]: r for r in (d.get("value") or {}).get("rows", [])}
    per = value.get("per_session")
    if per and per.get("costed", True):
        pc = _Cell(per)
        cards.append(_card(pc.combo(["cost"], lambda x: f"\u00a3{x:,.0f}"), "cost per session held"))
    if cards:
        parts.append("<div class='cards'>" + "".join(cards) + "</div>")
    rows = []
    for o in d.get("outcomes", []):
        c = _Cell(o["overall"])
        rows.append([o.get("name") or o["outcome"], c.fmt("n", "count"),
                     c.combo(["mean_before", "mean_after"], lambda b, f: f"{b:.1f} \u2192 {f:.1f}"),
                     c.combo(["mean_change", "ci_low", "ci_high"], lambda m, lo, hi: f"{m:+.2f} ({lo:+.2f} to {hi:+.2f})"),
                     _effect_ci(c, "d_z"), _share_ci(c, "share_reliable_improved")])
    if rows:
        parts.append("<h3>Change in each outcome</h3>")
        parts.append(_table(["Outcome", "People with both scores", "Mean before \u2192 after", "Mean change (95% CI)",
                             "Effect size d_z (95% CI)", "Reliably improved (95% CI)"], rows, fold="outcome"))
    pol = d.get("policy", {})
    if d.get("disclosure_controlled"):
        parts.append(f"<p class='note'>Disclosure-controlled for the {_e(d.get('audience', ''))}: <b>*</b> = fewer than "
                     f"{pol.get('min_count', 8)} people (withheld); counts rounded to the nearest "
                     f"{pol.get('round_to', 5)}. Detail by group follows.</p>")
    parts.append("</section>")
    return "".join(parts)


def _header(d: Mapping[str, Any], title: str) -> str:
    when = ""
    if d.get("from") or d.get("to"):
        when = f" Period {_e(str(d.get('from') or '')[:10])} to {_e(str(d.get('to') or '')[:10])}."
    return (f"<h1>{_e(title)}</h1><p>Audience: <b>{_e(d.get('audience', ''))}</b>"
            + (f" ({_e(d['viewer_id'])})" if d.get("viewer_id") else "")
            + f". Confidence level {100 * d.get('confidence', 0.95):.0f}%.{when} Report schema version "
              f"{_e(d.get('schema_version'))}.</p>")


def _render(d: Mapping[str, Any], title: str, plots: bool = True, fragment: bool = False) -> str:
    plots = plots and _have_matplotlib()
    pol = d.get("policy", {})
    head = [_header(d, title), _summary_html(d), "<div class='detail'><h2>About these figures</h2>"]
    if d.get("disclosure_controlled"):
        head.append(f"<p class='key'>Disclosure control: counts of 1-{pol.get('min_count', 8) - 1} are shown as "
                    f"<b>*</b>, other counts are rounded to the nearest {pol.get('round_to', 5)}, percentages are "
                    f"computed from rounded counts, and statistics of fewer than {pol.get('min_count', 8)} people are "
                    "withheld (<b>*</b>), with further cells withheld where a total could reveal them. Groups whose "
                    "figures are all withheld are listed in one line under their table.</p>")
    head.append(f"<p class='note'>{_DASH} = not computable. \u2020 = fewer than 30 pairs (Warwick recommend at least 30 "
                "before reporting change). Change = follow-up minus baseline; d_z = mean change / SD of change; "
                "d_av = mean change / mean of the two SDs; g = Hedges-corrected.</p>")
    body = head + ["<section class='part'>", _access_html(d.get("access")), _triage_html(d.get("triage")), "</section>"]
    for o in d.get("outcomes", []):
        body.append("<section class='part'>" + _outcome_html(o, d, plots) + "</section>")
    body.append("<section class='part'>")
    body.append(_proportions_html(d.get("proportions", []), d, plots))
    body.append(_equity_html(d.get("equity")))
    body.append(_value_html(d.get("value")))
    body.append(_usage_html(d.get("usage")))
    body.append(_onward_html(d.get("onward")))
    notes = d.get("notes") or []
    if notes:
        body.append("<h2>Notes</h2><ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    body.append("</section></div>")
    inner = "".join(body)
    if fragment:
        return f"<div><style>{_CSS}</style>{inner}</div>"
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body>{inner}</body></html>")
