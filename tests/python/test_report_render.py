"""The demo report as a commissioner sees it, rendered by headless Chromium (installed by
scripts/setup.sh): printed to A4 PDF it stays within PAGE_LIMIT pages; at 1,280 px nothing
overflows the page horizontally (wide tables scroll inside their box); no image is broken.

PAGE_LIMIT: a commissioner reads a one-page summary and then detail on each outcome. The demo
releases five outcomes, each by nine breakdowns, plus access, triage, experience, equity, value,
usage and onward sections; 20 A4 pages is the bound we hold that to (the report before issue 11
printed 48 pages).
"""
import json
import os
import re
import shutil
import subprocess

import pytest

import laycoach

PAGE_LIMIT = 20
WIDTH = 1280
TIMEOUT = 180  # seconds for one Chromium run: a hang fails the test

_CHECK = """<script>
window.addEventListener('load', function () {
  var d = document.documentElement, imgs = Array.prototype.slice.call(document.images);
  var over = Array.prototype.slice.call(document.querySelectorAll('body *')).filter(function (e) {
    var r = e.getBoundingClientRect();
    return r.width > 0 && r.right > d.clientWidth + 1 && !(e.closest('.scroll'));
  }).map(function (e) { return e.tagName + '.' + e.className; });
  var out = document.createElement('pre');
  out.id = 'lc-check';
  out.textContent = JSON.stringify({scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, images: imgs.length,
    broken: imgs.filter(function (i) { return !i.complete || i.naturalWidth === 0; }).length,
    overflowing: over.slice(0, 5)});
  document.body.appendChild(out);
});
</script>"""


def _chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    assert os.path.exists(path), "chromium is not installed: run scripts/setup.sh"
    return path


def _run(args, tmp_path):
    """Chromium headless with a profile of its own; fails (never hangs) after TIMEOUT s."""
    cmd = [_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(args[:1])}")


def _check(html_path, tmp_path):
    """The layout check: the page with _CHECK injected, at WIDTH px, its DOM dumped after load."""
    text = html_path.read_text(encoding="utf-8")
    probe = tmp_path / ("probe-" + html_path.name)
    probe.write_text(text.replace("</body>", _CHECK + "</body>"), encoding="utf-8")
    dom = _run([f"--window-size={WIDTH},900", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
               tmp_path).stdout
    m = re.search(r'<pre id="lc-check">(.*?)</pre>', dom, re.S)
    assert m, "the layout check did not run"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def _pages(pdf_path):
    data = pdf_path.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.fixture(scope="module")
def demo_html(tmp_path_factory, demo_commissioner_report):
    report = demo_commissioner_report  # what `laycoach demo --report` reports (its default seed)
    path = tmp_path_factory.mktemp("render") / "report.html"
    report.save_html(str(path), title="Demo coaching service: evaluation for the commissioner")
    return report, path


def test_demo_report_prints_within_the_page_limit(demo_html, tmp_path):
    _, path = demo_html
    pdf = tmp_path / "report.pdf"
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri()], tmp_path)
    pages = _pages(pdf)
    assert 1 <= pages <= PAGE_LIMIT, f"{pages} A4 pages"


def test_demo_report_has_no_horizontal_overflow_and_no_broken_image(demo_html, tmp_path):
    _, path = demo_html
    result = _check(path, tmp_path)
    assert result["images"] == path.read_text(encoding="utf-8").count("<img ") >= 10  # the plots are there ...
    assert result["broken"] == 0  # ... and every one decodes
    assert result["scrollWidth"] <= result["clientWidth"], result
    assert result["overflowing"] == [], result
    shot = tmp_path / "report.png"
    _run([f"--window-size={WIDTH},2400", f"--screenshot={shot}", path.as_uri()], tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(path.read_bytes()) < 600_000  # compact images: the page was 1.3 MB before issue 11


def test_the_layout_check_finds_overflow_and_broken_images(tmp_path):
    """The check above can fail: a table wider than the page outside a scrolling box and an image
    that does not decode are both reported."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><table style='width:3000px'><tr><td>x</td></tr></table>"
                   "<img alt='broken' src='data:image/png;base64,AAAA'></body></html>", encoding="utf-8")
    result = _check(bad, tmp_path)
    assert result["broken"] == 1
    assert result["scrollWidth"] > result["clientWidth"]
    assert any(x.startswith("TABLE") for x in result["overflowing"])
    good = tmp_path / "good.html"
    good.write_text("<!DOCTYPE html><html><body><div class='scroll' style='overflow-x:auto'>"
                    "<table style='width:3000px'><tr><td>x</td></tr></table></div></body></html>", encoding="utf-8")
    result = _check(good, tmp_path)
    assert result["scrollWidth"] <= result["clientWidth"] and result["overflowing"] == []


def test_page_count_reads_a_pdf(tmp_path):
    """_pages counts page objects, not the page tree: a two-page print gives 2."""
    two = tmp_path / "two.html"
    two.write_text("<!DOCTYPE html><html><body><p>one</p><p style='break-before:page'>two</p></body></html>",
                   encoding="utf-8")
    pdf = tmp_path / "two.pdf"
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", two.as_uri()], tmp_path)
    assert _pages(pdf) == 2
