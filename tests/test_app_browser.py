"""The classroom page in a real, headless Chromium with every request off this machine blocked.

Every lever, every scenario, the Info panel, the comparison and the controls are used as a teacher
would, with no console error and no request off this machine; at 1280×720 the levers, the story
and the futures must be in view. Needs Chromium at /usr/bin/chromium (``apt-get install -y
chromium``; ``.ci/run`` installs it) and Playwright for Python (the test extras). Screenshots are
saved in ``test-artifacts/`` (or ``$NEASIM_ARTIFACTS``).
"""

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from sim.app.launch import serving
from sim.app.levers import LEVER_KEYS
from sim.app.session import FUTURES
from sim.classroom.futures import many_futures
from sim.countries import DISPLAY_NAMES
from sim.scenario import bundled_scenarios, load_scenario, numeric_values, with_overrides

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

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


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the app runs (and saves runs)."""
    return tmp_path_factory.mktemp("classroom")


@pytest.fixture(scope="module")
def address(workdir: Path) -> Iterator[str]:
    """``neasim app`` in a subprocess; its address once it says it is listening."""
    with serving("baseline", cwd=workdir) as (_, url):
        yield url


def summit_by_end(key: str, value: float) -> float:
    """The share of the page's futures of the baseline with ``key`` at ``value`` that reach a
    summit by the last month (what the futures caption states)."""
    moved = with_overrides(load_scenario("baseline"), {key: value})
    return float(many_futures(moved, np.arange(FUTURES)).summit_by_month[-1])


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Watched:
    """A page whose every request off this machine is blocked and recorded, and whose console
    errors and failed requests are recorded."""

    def __init__(self, browser: "Browser", width: int, height: int) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.set_default_timeout(WAIT_MS)
        sync_api.expect.set_options(timeout=WAIT_MS)
        self.page.route("**/*", self._only_local)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _only_local(self, route: "Route") -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def clean(self) -> None:
        assert self.blocked == [], f"requests off this machine: {self.blocked}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"

    def redraws(self) -> int:
        return int(self.page.get_by_test_id("redraws").text_content() or 0)

    def wait_redrawn(self, after: int) -> None:
        self.page.wait_for_function(
            "n => Number(document.querySelector('[data-testid=redraws]').textContent) > n",
            arg=after,
        )

    def choose(self, testid: str, option: str) -> None:
        self.page.get_by_test_id(testid).click()
        self.page.get_by_role("option", name=option, exact=True).click()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def in_view(page: "Page", testid: str) -> bool:
    box = page.get_by_test_id(testid).bounding_box()
    view = page.viewport_size
    assert box is not None and view is not None
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= view["width"] + 1
        and box["y"] + box["height"] <= view["height"] + 1
    )


def test_at_1280_by_720_the_levers_story_and_futures_are_in_view(
    browser: "Browser", address: str
) -> None:
    w = Watched(browser, 1280, 720)
    w.page.goto(address)
    w.page.get_by_test_id("futures-caption").filter(has_text="A summit by").wait_for()
    charts = [f"chart-{name}" for name in ("summit", "trust", "agreement", "others")]
    for testid in ("futures", *charts, "story", "step", "actors.USA.upfront_relief"):
        assert in_view(w.page, testid), f"{testid} is not in view at 1280×720"
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 1280
    for chart in ("summit", "trust", "agreement", "others"):
        assert w.page.locator(f"[data-testid=chart-{chart}] canvas").count() >= 1
    w.shot("classroom-1280x720")
    w.clean()
    w.page.close()
    # on a phone-width window everything is still there, one column under the other
    phone = Watched(browser, 400, 800)
    phone.page.goto(address)
    phone.page.get_by_test_id("futures-caption").filter(has_text="A summit by").wait_for()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 400
    phone.shot("classroom-phone")
    phone.clean()
    phone.page.close()


def test_every_lever_moves_the_futures(browser: "Browser", address: str) -> None:
    w = Watched(browser, 1280, 720)
    page = w.page
    page.goto(address)
    page.get_by_test_id("futures-caption").filter(has_text="A summit by").wait_for()
    still = []
    for key in LEVER_KEYS:  # each from the scenario's own settings, as the page starts
        count = w.redraws()
        page.get_by_test_id("reset").click()
        w.wait_redrawn(count)
        futures = page.get_by_test_id("futures")
        before = futures.screenshot()
        slider = page.get_by_test_id(key)
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        thumb = slider.locator(".q-slider__thumb").bounding_box()
        assert box is not None and thumb is not None
        left = thumb["x"] + thumb["width"] / 2 < box["x"] + box["width"] / 2
        count = w.redraws()
        slider.click(
            position={"x": box["width"] * (0.97 if left else 0.03), "y": box["height"] / 2}
        )
        w.wait_redrawn(count)
        if futures.screenshot() == before:
            still.append(key)
    assert still == [], f"levers that change nothing the page shows: {still}"
    w.clean()
    page.close()


def test_scenarios_info_and_comparison(browser: "Browser", address: str) -> None:
    w = Watched(browser, 1280, 720)
    page = w.page
    page.goto(address)
    caption = page.get_by_test_id("futures-caption")
    caption.filter(has_text="A summit by").wait_for()
    # Compare any two: no_russia against the baseline, then the other way round.
    count = w.redraws()
    w.choose("scenario", "no_russia")
    w.wait_redrawn(count)
    text = caption.inner_text()
    shares = [int(x) for x in re.findall(r"(\d+)% ", text)[:2]]
    assert shares[0] > shares[1] + 20, text  # without Russia, summits far likelier
    assert "in the reference (baseline)" in text and "95 % interval" in text
    count = w.redraws()
    w.choose("reference", "no_russia")
    w.wait_redrawn(count)
    sync_api.expect(caption).to_contain_text("difference +0 points")
    w.shot("classroom-compare")
    # Every scenario loads, and the Info panel says what it is and what to notice.
    page.get_by_test_id("tab-info").click()
    for name in bundled_scenarios():
        count = w.redraws()
        w.choose("scenario", name)
        w.wait_redrawn(count)
        description = " ".join(load_scenario(name).description.split())
        sync_api.expect(page.get_by_test_id("info")).to_contain_text(description[:60])
        sync_api.expect(page.get_by_test_id("info")).to_contain_text("What to notice")
    sync_api.expect(page.get_by_test_id("info")).to_contain_text("What the model is")
    w.shot("classroom-info")
    # the lessons' handouts are served by the page
    page.get_by_test_id("lesson-1").click()
    sync_api.expect(page.locator("body")).to_contain_text("Learning goals")
    w.shot("lesson-1-handout")
    w.clean()
    page.close()


def test_the_futures_can_draw_their_parameters_from_the_posterior(
    browser: "Browser", address: str
) -> None:
    w = Watched(browser, 1280, 720)
    page = w.page
    page.goto(address)
    caption = page.get_by_test_id("futures-caption")
    caption.filter(has_text="A summit by").wait_for()
    count = w.redraws()
    page.get_by_test_id("posterior").click()
    w.wait_redrawn(count)
    sync_api.expect(caption).to_contain_text("drawn from the posterior")
    baseline = load_scenario("baseline")
    drawn = many_futures(baseline, np.arange(FUTURES), "posterior", baseline.seed)
    assert f"{drawn.summit_by_month[-1]:.0%} of {drawn.runs} futures" in caption.inner_text()
    assert in_view(page, "actors.USA.upfront_relief")
    w.shot("classroom-posterior")
    w.clean()
    page.close()


def test_stepping_playing_exporting_saving(browser: "Browser", address: str, workdir: Path) -> None:
    w = Watched(browser, 1280, 720)
    page = w.page
    page.goto(address)
    caption = page.get_by_test_id("futures-caption")
    caption.filter(has_text="A summit by").wait_for()
    page.get_by_test_id("tab-history").click()
    page.locator("[data-testid=history] svg path").first.wait_for()
    for name in DISPLAY_NAMES.values():
        sync_api.expect(page.get_by_test_id("countries")).to_contain_text(name)
    history_before = page.get_by_test_id("history").inner_html()
    story_before = page.get_by_test_id("story").inner_text()
    # Each click is a month. (The button is disabled while a month is drawn, so a click is
    # waited for once the last is shown: a click that lands as the button turns disabled would
    # be dropped by the browser, a race of the test, not of the page.)
    for month in range(1, 7):
        page.get_by_test_id("step").click()
        page.get_by_test_id("month").filter(has_text=f"Month {month} of").wait_for()
    sync_api.expect(page.get_by_test_id("history")).not_to_have_text(history_before)
    story = page.get_by_test_id("story").inner_text()
    assert story != story_before and len(story.splitlines()) >= 3
    # Play runs the months on by itself until paused.
    w.choose("speed", "fast (0.3 s)")
    play = page.get_by_test_id("play")
    play.click()
    # two months on at least (at 0.3 s a month a label can be replaced before it is seen)
    page.wait_for_function(
        """() => {
            const label = document.querySelector("[data-testid=month]");
            const found = label && label.innerText.match(/Month (\\d+) of/);
            return found !== null && Number(found[1]) >= 8;
        }"""
    )
    play.click()
    sync_api.expect(play).to_have_text("Play")
    # A lever moved mid-history says the story restarts from month 1.
    page.get_by_test_id("tab-futures").click()
    caption_before = caption.inner_text()
    slider = page.get_by_test_id(WAR_DEMAND)
    box = slider.bounding_box()
    assert box is not None
    count = w.redraws()
    slider.click(position={"x": box["width"] * 0.05, "y": box["height"] / 2})
    w.wait_redrawn(count)
    sync_api.expect(page.get_by_test_id("note")).to_contain_text(
        "The story restarts from month 1 with these settings"
    )
    sync_api.expect(caption).not_to_have_text(caption_before)
    with page.expect_download() as download:
        page.get_by_test_id("export-settings").click()
    exported = workdir / "settings.yaml"
    download.value.save_as(exported)
    value = numeric_values(load_scenario(exported))[WAR_DEMAND]
    assert value < numeric_values(load_scenario("baseline"))[WAR_DEMAND]
    # The caption states the futures of the value chosen, against the reference's.
    after = summit_by_end(WAR_DEMAND, value)
    before = summit_by_end(WAR_DEMAND, numeric_values(load_scenario("baseline"))[WAR_DEMAND])
    assert after - before > 0.2, "Russia's war demand no longer moves the many futures"
    sync_api.expect(caption).to_contain_text(
        f"{after:.0%} of {FUTURES} futures with these settings, {before:.0%} in the reference"
    )
    page.get_by_test_id("save-run").click()
    page.get_by_text("Saved the run so far in").wait_for()
    (saved,) = (workdir / "runs").iterdir()
    assert json.loads((saved / "manifest.json").read_text())["status"] == "complete"
    w.shot("classroom-after-a-lever")
    # Reset restores the scenario, month 0 and the reference's futures.
    count = w.redraws()
    page.get_by_test_id("reset").click()
    w.wait_redrawn(count)
    sync_api.expect(page.get_by_test_id("month")).to_contain_text("Month 0 of")
    sync_api.expect(caption).to_contain_text("difference +0 points")
    w.clean()
    page.close()
