"""The HTML report a commissioner reads: a one-page summary first, rows whose every figure is
withheld folded into one line, no plot where nothing is released, wide tables in scrolling boxes,
and a notebook display that is the summary only."""
import re

import numpy as np
import pytest

import laycoach


def _report(n=600, seed=11, audience="commissioner", small=6):
    rng = np.random.default_rng(seed)
    before = np.clip(np.round(rng.normal(20, 4, n)), 7, 35)
    after = np.clip(np.round(before + rng.normal(2, 3, n)), 7, 35)
    # `small` organisations of 3 people each (withheld), the rest in four large ones; one team of 4
    org = np.array([f"small{i // 3}" if i < 3 * small else f"org{i % 4}" for i in range(n)])
    team = np.where(np.arange(n) < 4, "lone", np.where(np.arange(n) % 2, "north", "south"))
    return laycoach.evaluate_columns(before, after, {"organisation": org, "team": team}, range=(7, 35),
                                     audience=audience, name="wellbeing")


@pytest.fixture(scope="module")
def public():
    return _report()


def _section(html, heading):
    """The HTML from the <h3> naming a breakdown to the next heading."""
    m = re.search(rf"<h3>By {heading}</h3>(.*?)(?=<h[23]|<details|$)", html, re.S)
    assert m, heading
    return m.group(1)


def test_entirely_withheld_rows_fold_into_one_line(public):
    html = public.to_html(plots=False)
    rows = next(b for b in public.data["outcomes"][0]["breakdowns"] if b["dimension"] == "organisation")["rows"]
    hidden = [r["group"] for r in rows if r.get("suppressed")]
    assert len(hidden) == 6
    part = _section(html, "organisation")
    folds = re.findall(r'<tr class="fold"><td class="l" colspan="8">(.*?)</td></tr>', part)
    assert folds == [f"6 organisations with counts below the floor (<b>*</b>): {', '.join(hidden)}"]
    for g in hidden:  # no row of stars of its own
        assert f'<tr><td class="l">{g}' not in part
    for r in rows:
        if not r.get("suppressed"):
            assert f'<tr><td class="l">{r["group"]}' in part
    # the team breakdown: "lone" (4 people) withheld, and one more by complementary suppression
    team = _section(html, "team")
    assert re.search(r'<tr class="fold"><td class="l" colspan="8">2 teams with counts below the floor', team)
    # one withheld row is shown as it is (a line about one group reads no better)
    from laycoach.report import _table

    one = _table(["Group", "n", "mean"], [["a", "10", "1.00"], ["b", "*", "*"]], fold="team")
    assert "fold" not in one and '<tr><td class="l">b</td><td class="sup">*</td>' in one
    two = _table(["Group", "n", "mean"], [["a", "10", "1.00"], ["b", "*", "*"], ["c", "*", "\u2013"]], fold="city")
    assert "2 cities with counts below the floor (<b>*</b>): b, c" in two


def test_nothing_folded_for_an_exact_report():
    html = _report(audience="service_manager").to_html(plots=False)
    assert 'class="fold"' not in html
    assert '<tr><td class="l">small0' in _section(html, "organisation")


def test_summary_comes_first_with_the_headline_figures(public):
    html = public.to_html(plots=False)
    start, detail = html.index("<section class='summary'>"), html.index("<div class='detail'>")
    assert start < detail and html.index("<h1>") < start
    summary = html[start:detail]
    o = public.data["outcomes"][0]["overall"]
    change = f"{o['mean_change']:+.2f} ({o['ci_low']:+.2f} to {o['ci_high']:+.2f})"
    assert change in summary
    assert f"<td>{int(o['n']):,}</td>" in summary
    share = o["share_reliable_improved"]
    if share is not None:
        assert f"{100 * share:.1f}%" in summary
    assert "Disclosure-controlled for the commissioner" in summary
    # every table is in a scrolling box
    assert html.count("<table>") == html.count('<div class="scroll"><table>')
    assert "overflow-x:auto" in html and "@media print" in html


def test_a_withheld_outcome_has_stars_in_the_summary_and_no_plot():
    tiny = _report(n=6, small=0)
    assert tiny.data["outcomes"][0]["overall"]["suppressed"]
    html = tiny.to_html()
    summary = html[html.index("<section class='summary'>"):html.index("<div class='detail'>")]
    assert '<td class="sup">*</td>' in summary
    assert "<img" not in html  # nothing released: no empty plot


def test_plots_in_the_report_are_the_public_ones(public):
    pytest.importorskip("matplotlib")
    html = public.to_html()
    alts = re.findall(r'<img alt="([^"]*)" width="\d+" height="\d+" src="data:image/png;base64,', html)
    assert "wellbeing: scores before and after" in alts
    assert any(a.startswith("wellbeing: change by") for a in alts)


def test_notebook_display_is_the_summary_only(public):
    frag = public._repr_html_()
    assert len(frag.encode()) < 8_000
    assert "<img" not in frag and "By organisation" not in frag
    assert "Summary" in frag and ".to_html()" in frag
    o = public.data["outcomes"][0]["overall"]
    assert f"{o['mean_change']:+.2f}" in frag
    line = repr(public)
    assert "\n" not in line and line.startswith("Report(audience='commissioner'")
    assert f"wellbeing n={int(o['n'])} change={o['mean_change']:+.2f}" in line
    assert "n=* change=*" in repr(_report(n=6, small=0))
