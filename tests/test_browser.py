"""The page in a real browser: Debian's chromium, headless, driven by Playwright, against
`eventdesk serve` started by the test on 127.0.0.1. Screenshots go to docs/screenshots/.

`.ci/run` installs chromium when it is missing; a missing browser fails these tests, never skips them.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: apt-get install -y chromium (.ci/run does it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


def serve(db: Path):
    """Start `eventdesk serve` on a free port; returns (process, base URL) once it answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from eventdesk.cli import main; main()", "--db", str(db),
                                "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/events?limit=1", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"eventdesk serve did not start: {process.stdout.read().decode()[-2000:]}") from None
            time.sleep(0.3)


@pytest.fixture(scope="module")
def sample_site(sample_db):
    process, base = serve(sample_db)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 800})  # a laptop screen
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith("http://127.0.0.1")
            else page.outside.append(request.url))
    yield page
    context.close()


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.loads(response.read())


def test_home_filter_dyad_trend_and_evidence(page, sample_site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(sample_site + "/")
    page.wait_for_selector("table.events tbody tr")
    assert page.locator("table.events tbody tr").count() == min(50, len(api(sample_site, "/api/events?limit=1000")
                                                                       ["events"]))
    assert "null" not in page.inner_text("main") and "undefined" not in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "home.png"))

    # filter to a dyad with the keyboard: type into the form and press Enter
    page.locator("#filters input[name=dyad]").focus()
    page.keyboard.type("USA CHN")
    page.keyboard.press("Enter")
    page.wait_for_selector("#dyad-link")
    expected = api(sample_site, "/api/events?dyad=USA+CHN&limit=1000")["events"]
    page.wait_for_function(f"document.querySelectorAll('table.events tbody tr').length === {len(expected)}")
    rows = page.locator("table.events tbody tr")
    assert all("USA" in rows.nth(i).inner_text() and "CHN" in rows.nth(i).inner_text() for i in range(rows.count()))

    # the dyad view: its monthly trend chart, then the timeline
    page.locator("#dyad-link").click()
    page.wait_for_selector("#trend svg rect")
    trend = api(sample_site, "/api/dyads/USA/CHN/trend")
    bars = page.locator("#trend svg rect")
    assert bars.count() == len(trend["series"])
    assert "Monthly trend" in page.inner_text("main") and "null" not in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "dyad-trend.png"), full_page=True)

    # open an event reported twice or more: each report's sentence is highlighted in its article
    event = max(expected, key=lambda e: e["n_mentions"])
    page.locator(f"ol.timeline a[href='#/event/{event['id']}']").click()
    page.wait_for_selector("mark")
    marks = page.locator("mark")
    assert marks.count() == len(event["mentions"])
    assert [marks.nth(i).inner_text() for i in range(marks.count())] == [m["sentence"] for m in event["mentions"]]
    text = page.inner_text("main")
    for m in event["mentions"]:
        assert (m["publisher"] or "unknown") in text and m["status"] in text
    page.screenshot(path=str(SHOTS / "event-evidence.png"))

    # the network of the dyad
    page.goto(sample_site + "/#/network?dyad=USA+CHN")
    page.wait_for_selector("svg.network line.edge")
    net = api(sample_site, "/api/network?dyad=USA+CHN&edges=60")
    assert page.locator("svg.network line.edge").count() == len(net["edges"])
    assert page.errors == [] and page.outside == []


def test_the_page_is_usable_with_a_keyboard(page, sample_site):
    page.goto(sample_site + "/")
    page.wait_for_selector("table.events tbody tr")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("location.hash") == ""  # the route (and the list) stayed as it was
    link = page.locator("a.event-link").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("mark")
    assert page.evaluate("location.hash").startswith("#/event/")


def test_hostile_text_is_shown_as_text_and_runs_nothing(page, hostile_db):
    process, base = serve(hostile_db)
    try:
        page.goto(base + "/")
        page.wait_for_selector("table.events tbody tr")
        event = api(base, "/api/events")["events"][0]
        page.goto(base + f"/#/event/{event['id']}")
        page.wait_for_selector("mark")
        main = page.inner_text("main")
        assert "<script>window.__pwned = 1" in main  # shown, as text
        assert "Title <script>" in main and "Pub <script>" in main and "Evil <script>" in main
        assert page.locator("main script, main img").count() == 0
        assert page.evaluate("window.__pwned === undefined")
        assert page.dialogs == []
        assert page.locator("a[href^='javascript']").count() == 0  # the document's javascript: URL is no link
        dispute = page.locator(".dispute")  # asserted in one report, denied in another: shown as disputed
        assert "the Israeli foreign ministry" in dispute.inner_text() and "Denied by" in dispute.inner_text()
        assert page.locator("mark").count() == 2
        page.goto(base + "/#/network")
        page.wait_for_selector("svg.network")
        page.goto(base + "/#/dyad/ISR/UKR")
        page.wait_for_selector("ol.timeline li")
        assert page.evaluate("window.__pwned === undefined") and page.dialogs == []
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_api_documentation_renders_offline(page, sample_site):
    page.goto(sample_site + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 6
    assert "Actors and countries by name or code" in page.inner_text("body")
    assert page.errors == [] and page.outside == []
