"""laycoach.report: the evaluation report as pandas DataFrames and as an HTML page with plots
that renders in a browser, with suppressed cells shown as "*"."""
import html.parser
import json
import re

import numpy as np
import pandas as pd
import pytest

import laycoach
from laycoach.report import Report, options_json


@pytest.fixture
def demo(demo_evaluation):
    return demo_evaluation


@pytest.fixture(scope="session")
def public(demo_evaluation):
    return demo_evaluation.evaluate("commissioner")


class _Checker(html.parser.HTMLParser):
    """Checks that tags nest properly and collects table cells and images."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.cells, self.images, self.in_cell = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag == "td":
            self.in_cell = [attrs.get("class"), ""]

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == "td" and self.in_cell is not None:
            self.cells.append(tuple(self.in_cell))
            self.in_cell = None

    def handle_data(self, data):
        if self.in_cell is not None:
            self.in_cell[1] += data


def parse(text):
    c = _Checker()
    c.feed(text)
    c.close()
    return c


def test_frames_of_a_report(public):
    f = public.frames()
    assert set(f) == {"outcomes", "pairing", "differences", "omnibus", "trends", "histograms", "proportions",
                      "access", "coaches", "triage", "triage_routes",
                      "usage", "usage_confidence", "onward"}
    out = f["outcomes"]
    overall = out[(out.outcome == "swemwbs/total") & (out.dimension == "all")].iloc[0]
    assert overall["n"] in (655, 660, 665) and overall["group"] == "all"  # 662 ± 2, rounded
    assert overall["mean_before"] == pytest.approx(19.63, abs=0.05)
    assert set(out.dimension) >= {"all", "pathway", "staff_group", "sessions_attended", "organisation"}
    # Suppressed figures are NaN and listed per row.
    hidden = out[out.suppressed.astype(bool)]
    assert len(hidden) > 0
    assert hidden["mean_change"].isna().all()
    assert all("mean_change" in s for s in hidden["suppressed_fields"])
    assert pd.api.types.is_float_dtype(out["mean_change"])
    marked = public.frames(marked=True)["outcomes"]
    assert (marked.loc[hidden.index, "mean_change"] == "*").all()
    assert set(f["pairing"].outcome) == {"swemwbs/total", "brcs/total"}
    assert len(f["trends"]) == 2
    assert set(f["proportions"].measure) >= {"satisfied", "listened_supported", "move_forward"}
    acc = f["access"].set_index("figure")
    assert acc.loc["referrals", "value"] in (655, 660, 665)  # 662 ± 2, rounded
    assert f["coaches"].empty  # no per-coach figures for an aggregate audience
    # SWEMWBS 7-35 and BRCS 4-20, computed in 1-point bins, released with adjacent bins merged
    # until each bar reaches the floor (every bar shown): fewer bins, covering each range.
    h = f["histograms"]
    for outcome, (lo, hi) in (("swemwbs/total", (7, 35)), ("brcs/total", (4, 20))):
        b = h[h.outcome == outcome].sort_values("bin_low")
        assert b.bin_low.iloc[0] == lo and b.bin_high.iloc[-1] == hi and len(b) < hi - lo
        assert (b.bin_high.values[:-1] == b.bin_low.values[1:]).all()
        assert not b.suppressed_fields.map(len).any()


def test_html_report_renders_with_plots_and_stars(demo, public, tmp_path):
    pytest.importorskip("matplotlib")
    # save_html writes to_html (rendering the plots once: the slow part), so the file is the HTML
    path = tmp_path / "report.html"
    public.save_html(str(path), title="Staff coaching evaluation")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    c = parse(text)
    assert not c.errors, c.errors[:5]
    assert c.stack == []  # every element closed
    assert "<title>Staff coaching evaluation</title>" in text
    # Plots: before/after distributions, change by breakdown, dose-response, per outcome, as PNG.
    pngs = [s for s in c.images if s.startswith("data:image/png;base64,")]
    assert len(pngs) >= 6
    # Suppressed cells show "*" (and only suppressed cells are starred).
    stars = [cell for cell in c.cells if cell[1].strip() == "*"]
    assert stars and all(cls == "sup" for cls, _ in stars)
    assert "Disclosure control" in text
    # No client-level record: no client, referral or coach id appears anywhere.
    records = json.loads(demo.to_json())
    words = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", text)
    for kind in ("clients", "referrals", "coaches", "responses", "sessions"):
        for rec in records[kind]:
            assert rec["id"] not in words, (kind, rec["id"])


def test_html_exact_report_has_no_stars_and_per_coach_table(demo):
    rep = demo.evaluate("service_manager", outcomes=["swemwbs"], breakdowns=["pathway"])
    text = rep.to_html(plots=False)
    c = parse(text)
    assert not c.errors
    assert not [cell for cell in c.cells if cell[1].strip() == "*"]
    assert "Utilisation by coach" in text
    assert "<img" not in text


def test_columns_report_html_and_repr():
    rng = np.random.default_rng(3)
    b = rng.normal(20, 4, 500)
    a = b + rng.normal(2, 3, 500)
    g = np.where(np.arange(500) < 5, "tiny", np.where(np.arange(500) % 2, "x", "y"))
    rep = laycoach.evaluate_columns(b, a, {"group": g}, audience="commissioner", proportions={"ok": rng.integers(0, 2, 500)})
    assert rep.data["access"] is None
    text = rep.to_html(plots=False)
    c = parse(text)
    assert not c.errors
    # "tiny" (5 people) and the group withheld beside it are folded into one line
    assert "2 groups with counts below the floor (<b>*</b>): tiny, " in text
    frag = rep._repr_html_()
    assert frag.startswith("<div") and "<table>" in frag
    assert "Report(audience='commissioner'" in repr(rep)
    assert rep.frames()["access"].empty


def test_report_document_round_trip_and_version(public):
    again = Report.from_json(public.to_json())
    assert again.data == public.data
    doc = public.to_dict()
    doc["schema_version"] = 2
    with pytest.raises(ValueError):
        Report(doc)
    with pytest.raises(KeyError):
        public.outcome("nope")


def test_options_json():
    import datetime as dt

    text = options_json({"from_": dt.datetime(2024, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                         "outcomes": ("swemwbs",), "wilcoxon": False, "to": None})
    assert json.loads(text) == {"from": "2024-01-01T00:00:00Z", "outcomes": ["swemwbs"], "wilcoxon": False}
    with pytest.raises(ValueError):
        options_json({"from_": dt.datetime(2024, 1, 1)})
