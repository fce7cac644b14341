"""The classroom page in a real, headless Chromium with every request off this machine blocked.

Needs Chromium at /usr/bin/chromium (``apt-get install -y chromium``; ``.ci/run`` installs it) and
Playwright for Python (the test extras). The screenshot is saved in ``test-artifacts/`` (or
``$NEASIM_ARTIFACTS``).
"""

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from sim.app.session import FUTURES
from sim.classroom.futures import many_futures
from sim.countries import DISPLAY_NAMES
from sim.scenario import load_scenario, numeric_values, with_overrides

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("NEASIM_ARTIFACTS", REPO / "test-artifacts"))
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1")
WAR_DEMAND = "actors.RUS.war_demand"
WAIT_MS = 60_000  # a ceiling for a slow, shared machine, not a timing the test depends on

if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extras")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the app runs (and saves runs)."""
    return tmp_path_factory.mktemp("classroom")


@pytest.fixture(scope="module")
def address(workdir: Path) -> Iterator[str]:
    """``neasim app`` in a subprocess; its address once it says it is listening."""
    port = free_port()
    # NiceGUI takes PYTEST_CURRENT_TEST to mean its own test harness; the app runs as users run it.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "app", "baseline", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=workdir,
        env=env,
    )
    assert server.stdout is not None
    seen = []
    try:
        for line in server.stdout:
            seen.append(line)
            if "serving" in line:
                break
        else:
            pytest.fail("neasim app stopped before serving:\n" + "".join(seen))
        match = re.search(r"http://127\.0\.0\.1:\d+/", seen[-1])
        assert match, seen[-1]
        yield match.group(0)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()


def summit_by_end(key: str, value: float) -> float:
    """The share of the page's futures of the baseline with ``key`` at ``value`` that reach a
    summit by the last month (what the futures caption states)."""
    moved = with_overrides(load_scenario("baseline"), {key: value})
    return float(many_futures(moved, np.arange(FUTURES)).summit_by_month[-1])


def wait_for_html(page: "sync_api.Page", testid: str, html: str, *, same: bool) -> None:
    """Wait until an element's HTML is (``same``) or is no longer (not ``same``) ``html``."""
    page.wait_for_function(
        "([id, html, same]) => "
        "(document.querySelector(`[data-testid='${id}']`).innerHTML === html) === same",
        arg=[testid, html, same],
    )


def svg_of(page: "sync_api.Page", testid: str) -> str:
    return str(page.get_by_test_id(testid).inner_html())


def test_the_page_works_offline_and_shows_many_futures(address: str, workdir: Path) -> None:
    failed: list[str] = []
    blocked: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(WAIT_MS)
        sync_api.expect.set_options(timeout=WAIT_MS)

        def only_local(route: "sync_api.Route") -> None:
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
        page.goto(address, wait_until="networkidle")

        # The page loads with nothing fetched from elsewhere and no failed request.
        assert blocked == [] and failed == []
        # The plots are drawn: SVG with lines in them.
        page.locator("[data-testid=history] svg path").first.wait_for()
        page.locator("[data-testid=futures] svg path").first.wait_for()
        # The six countries are shown, by name.
        for name in DISPLAY_NAMES.values():
            sync_api.expect(page.get_by_test_id("countries")).to_contain_text(name)
        assert page.locator("[data-testid=history] svg path").count() > 20
        assert page.locator("[data-testid=futures] svg path").count() > 20
        history_before = svg_of(page, "history")
        assert "How far North Korea trusts" in history_before
        story_before = page.get_by_test_id("story").inner_text()

        # Twelve steps change the plots and the story.
        for month in range(1, 13):
            page.get_by_test_id("step").click()
            page.get_by_test_id("month").filter(has_text=f"Month {month} of").wait_for()
        wait_for_html(page, "history", history_before, same=False)
        story = page.get_by_test_id("story").inner_text()
        assert story != story_before
        assert len(story.splitlines()) >= 3

        # Play runs the months on by itself until paused.
        play = page.get_by_test_id("play")
        play.click()
        page.get_by_test_id("month").filter(has_text="Month 14 of").wait_for()
        play.click()
        sync_api.expect(play).to_have_text("Play")

        # Moving a slider changes the many-futures view against the unchanged scenario: Russia's
        # war demand, near its low end, makes a summit by the end far more likely.
        futures_before = svg_of(page, "futures")
        caption_before = page.get_by_test_id("futures-caption").inner_text()
        slider = page.get_by_test_id(WAR_DEMAND)
        box = slider.bounding_box()
        assert box is not None
        slider.click(position={"x": box["width"] * 0.05, "y": box["height"] / 2})
        caption = page.get_by_test_id("futures-caption")
        sync_api.expect(caption).not_to_have_text(caption_before)
        wait_for_html(page, "futures", futures_before, same=False)
        # The settings download as a scenario file; the run so far saves as a run directory.
        with page.expect_download() as download:
            page.get_by_test_id("export-settings").click()
        exported = workdir / "settings.yaml"
        download.value.save_as(exported)
        value = numeric_values(load_scenario(exported))[WAR_DEMAND]
        assert value < numeric_values(load_scenario("baseline"))[WAR_DEMAND]
        # The caption states the futures of the value chosen, against the unchanged scenario's.
        before = int(re.findall(r"in (\d+)% of them", caption_before)[0])
        after = summit_by_end(WAR_DEMAND, value)
        assert after - before / 100 > 0.2, "Russia's war demand no longer moves the many futures"
        sync_api.expect(caption).to_contain_text(
            f"in {after:.0%} of them (unchanged scenario: {before}%)"
        )
        page.get_by_test_id("save-run").click()
        page.get_by_text("Saved the run so far in").wait_for()
        (saved,) = (workdir / "runs").iterdir()
        assert json.loads((saved / "manifest.json").read_text())["status"] == "complete"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(ARTIFACTS / "classroom.png"), full_page=True)

        # Reset restores the scenario, month 0 and the unchanged futures.
        page.get_by_test_id("reset").click()
        sync_api.expect(page.get_by_test_id("month")).to_contain_text("Month 0 of")
        sync_api.expect(caption).to_contain_text(caption_before.split(" s: ")[1])
        wait_for_html(page, "futures", futures_before, same=True)
        wait_for_html(page, "history", history_before, same=True)
        assert blocked == [] and failed == []
        browser.close()
