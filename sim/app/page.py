"""The classroom page, laid out with NiceGUI for a projector: every asset served by the app itself.

At 1280×720 the levers (a scrolling side panel, grouped by country), the current month and its
story, and the many futures all fit without scrolling; on a narrow window the side panel goes on
top. Each browser tab gets its own :class:`~sim.app.session.ClassroomSession`, made once the tab
has connected (a bare request of the page computes nothing); every computation runs in a worker
thread through the server's :class:`~sim.app.compute.FuturesCache`, so the event loop keeps
answering other tabs.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import events, run, ui

from sim.app.compute import FuturesCache
from sim.app.figures import futures_charts, history_svg
from sim.app.info import LESSONS, MODEL, NOTICE, READING, handout
from sim.app.levers import by_country, plain_label, slider_step
from sim.app.session import ClassroomSession
from sim.calendar import month_label
from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.errors import InputError
from sim.scenario import ParameterInfo, bundled_scenarios, numeric_parameters

SPEEDS = {"slow (1.5 s a month)": 1.5, "normal (0.7 s)": 0.7, "fast (0.3 s)": 0.3}
"""Seconds between months while playing."""
CONNECT_SECONDS = 30.0
"""How long a page waits for its tab to connect before giving up (and computing nothing)."""
PAGE_CSS = """
.neasim-figure svg { width: 100%; height: 100%; }
.neasim-futures { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  grid-template-rows: minmax(0, 1fr) minmax(0, 1fr);
  gap: 4px; height: calc(100vh - 334px); min-height: 360px; }
@media (max-width: 900px) { .neasim-futures { grid-template-columns: 1fr;
  grid-template-rows: repeat(4, 300px); } }
.neasim-main { height: calc(100vh - 76px); }
@media (max-width: 900px) { .neasim-main { height: auto; } }
"""


def futures_caption(session: ClassroomSession) -> str:
    """The comparison the class reads first: both shares, the difference and its interval."""
    view, c = session.futures, session.comparison()
    last = view.current.months[-1]
    drawn = (
        "; each future's calibrated parameters drawn from the posterior"
        if session.parameters == "posterior"
        else ""
    )
    return (
        f"A summit by {last}: {c.variant:.0%} of {view.current.runs} futures with these settings, "
        f"{c.reference:.0%} in the reference ({session.reference_ref}); difference "
        f"{100 * c.difference:+.0f} points (95 % interval {100 * c.low:+.0f} to "
        f"{100 * c.high:+.0f}){drawn}"
    )


def country_rows(session: ClassroomSession) -> list[dict[str, str]]:
    """This month's trust in the US, leverage and pressure, one row per country."""
    now = session.now
    return [
        {
            "country": DISPLAY_NAMES[code],
            "trust_in_us": "—" if i == USA else f"{now.trust[i, USA]:.2f}",
            "leverage": f"{now.leverage[i]:.2f}",
            "pressure": f"{now.pressure[i]:.2f}",
        }
        for i, code in enumerate(COUNTRIES)
    ]


COUNTRY_COLUMNS = [
    {"name": "country", "label": "Country", "field": "country", "align": "left"},
    {"name": "trust_in_us", "label": "Trust in the US", "field": "trust_in_us"},
    {"name": "leverage", "label": "Leverage", "field": "leverage"},
    {"name": "pressure", "label": "Pressure at home", "field": "pressure"},
]


def scenario_names(scenario: str) -> list[str]:
    """The bundled scenarios, and the one served if it is a file of its own."""
    names = list(bundled_scenarios())
    return names if scenario in names else [*names, scenario]


def register_pages(scenario: str, futures: int, cache: FuturesCache) -> None:
    """Declare the page (``/``) and the lessons' handouts (``/lessons/N``).

    Nothing else is served but NiceGUI's own assets.
    """

    @ui.page("/")
    async def index() -> None:
        ui.add_css(PAGE_CSS)
        waiting = ui.label(f"Running {futures} futures…").classes("text-h6 q-pa-md")
        try:
            await ui.context.client.connected(timeout=CONNECT_SECONDS)
        except TimeoutError:
            return
        session = await run.io_bound(ClassroomSession, scenario, futures, cache)
        if session is None:  # the app is shutting down
            return
        waiting.delete()
        ClassroomPage(session, scenario)

    @ui.page("/lessons/{number}")
    def lesson(number: int) -> None:
        try:
            text = handout(number)
        except KeyError:
            ui.label(f"There is no lesson {number}: lessons 1 to {len(LESSONS)}.")
            return
        ui.link("← back to the page", "/").classes("no-print")
        ui.markdown(text).classes("max-w-3xl")


class ClassroomPage:
    """One tab's page: builds the layout, and redraws it from the session."""

    def __init__(self, session: ClassroomSession, scenario: str) -> None:
        self.session = session
        self.names = scenario_names(scenario)
        self.lock = asyncio.Lock()  # one change of the session at a time, queued, never dropped
        self.truster = PRK
        self.individual = False
        self.history_shown = False  # the history's plots are drawn only while they are in view
        self._layout()
        self.timer = ui.timer(SPEEDS["normal (0.7 s)"], self.tick, active=False)
        ui.timer(0, self.redraw, once=True)

    # --- layout -------------------------------------------------------------------------------

    def _layout(self) -> None:
        s = self.session
        with ui.header().classes("items-center q-py-xs"):
            ui.label("neasim — Northeast Asian diplomacy").classes("text-h6")
            ui.space()
            ui.select(
                self.names, value=s.ref, label="Scenario (the variant)", on_change=self.choose
            ).classes("w-56 bg-white rounded").props("dense outlined data-testid=scenario")
        with ui.element("div").classes("neasim-main w-full flex md:flex-nowrap gap-2"):
            with ui.column().classes("w-full md:w-80 shrink-0 h-full overflow-y-auto q-pr-sm"):
                self._controls()
                self.lever_panel()
            with ui.column().classes("grow h-full min-w-0 gap-1"):
                self._story()
                self._tabs()

    def _controls(self) -> None:
        s = self.session
        with ui.row().classes("items-center gap-1"):
            self.step_button = ui.button("Step", on_click=self.step).props("data-testid=step")
            self.play_button = ui.button("Play", on_click=self.toggle_play).props(
                "data-testid=play"
            )
            self.reset_button = ui.button("Reset", on_click=self.reset).props("data-testid=reset")
            self.spinner = ui.spinner(size="md").props("data-testid=busy")
            self.spinner.set_visibility(False)
        with ui.row().classes("items-center no-wrap gap-2 w-full"):
            ui.select(
                list(SPEEDS), value="normal (0.7 s)", label="Speed", on_change=self.speed
            ).classes("w-40").props("dense data-testid=speed")
            ui.number(
                "Story seed", value=s.base.seed, min=0, step=1, format="%d", on_change=self.seed
            ).classes("w-28").props("dense data-testid=seed")
        self.posterior_box = ui.checkbox(
            "parameters from the posterior", on_change=self.toggle_posterior
        ).props("dense data-testid=posterior")
        self.posterior_box.tooltip(
            "Each of the many futures also draws the calibrated parameters from what the "
            "2017–2018 record allows (data/posterior.parquet), not only its luck"
        )

    @ui.refreshable_method
    def lever_panel(self) -> None:
        """The levers, grouped by country, each with its plain label and one line of help."""
        s = self.session
        if s.missing:
            ui.label(
                "No longer declared by the model, so not shown: " + ", ".join(s.missing)
            ).classes("text-negative")
        for country, group in by_country(s.levers):
            ui.label(country).classes("text-subtitle1 text-weight-bold q-mt-sm")
            for info in group:
                label = plain_label(info)
                ui.label(label.label).classes("text-body2")
                slider = (
                    ui.slider(
                        min=info.low,
                        max=info.high,
                        step=slider_step(info),
                        value=s.values[info.key],
                    )
                    .props(f"label-always dense data-testid={info.key}")
                    .classes("q-mt-lg")
                )
                slider.on("change", lambda e, info=info: self.lever_moved(info, e))
                ui.label(label.help).classes("text-caption text-grey-8")
        others = sorted(set(numeric_parameters(s.base)) - set(s.values))
        ui.select(others, label="Add a lever", with_input=True, on_change=self.add_lever).classes(
            "w-full"
        )
        with ui.row().classes("gap-1 q-mt-sm"):
            ui.button(
                "Settings as YAML",
                on_click=lambda: ui.download.content(
                    s.settings_yaml(), f"{s.base.name}-classroom.yaml"
                ),
            ).props("flat dense data-testid=export-settings")
            ui.button("Save this run", on_click=self.save_run).props(
                "flat dense data-testid=save-run"
            )

    def _story(self) -> None:
        with ui.row().classes("items-center w-full no-wrap gap-2"):
            self.month = (
                ui.label().classes("text-subtitle1 text-weight-bold").props("data-testid=month")
            )
            self.note = (
                ui.label().classes("text-caption text-deep-orange-9").props("data-testid=note")
            )
            self.redraws = ui.label("0").props("data-testid=redraws").classes("hidden")
        with ui.scroll_area().classes("w-full border rounded").style("height: 72px") as area:
            self.story_area = area
            self.story = ui.column().classes("gap-0").props("data-testid=story")

    def _tabs(self) -> None:
        with (
            ui.tabs(on_change=self.tab_changed).props("dense align=left").classes("w-full") as tabs
        ):
            futures_tab = ui.tab("Many futures").props("data-testid=tab-futures")
            history_tab = ui.tab("One history").props("data-testid=tab-history")
            info_tab = ui.tab("Info").props("data-testid=tab-info")
        with ui.tab_panels(tabs, value=futures_tab).classes("w-full grow min-h-0"):
            with ui.tab_panel(futures_tab).classes("q-pa-none column no-wrap h-full"):
                self._futures_panel()
            with ui.tab_panel(history_tab).classes("q-pa-none"):
                self._history_panel()
            with ui.tab_panel(info_tab).classes("q-pa-sm"):
                self.info_panel()

    def _futures_panel(self) -> None:
        s = self.session
        with ui.row().classes("items-center no-wrap gap-2 w-full"):
            ui.select(
                self.names, value=s.reference_ref, label="Compare with", on_change=self.reference
            ).classes("w-48").props("dense data-testid=reference")
            ui.checkbox("single futures", on_change=self.toggle_individual).props(
                "dense data-testid=individual"
            )
            self.caption = ui.label().classes("text-body2").props("data-testid=futures-caption")
        with (
            ui.element("div")
            .classes("neasim-futures w-full grow min-h-0")
            .props("data-testid=futures")
        ):
            self.charts = {
                name: ui.echart({})
                .style("width: 100%; height: 100%; min-height: 0")
                .props(f"data-testid=chart-{name}")
                for name in ("summit", "trust", "agreement", "others")
            }

    def _history_panel(self) -> None:
        ui.select(
            {i: DISPLAY_NAMES[code] for i, code in enumerate(COUNTRIES)},
            value=PRK,
            label="Whose trust",
            on_change=self.choose_truster,
        ).classes("w-48").props("dense")
        self.history = (
            ui.html("", sanitize=False)
            .classes("neasim-figure w-full")
            .style("height: 260px")
            .props("data-testid=history")
        )
        self.table = ui.table(columns=COUNTRY_COLUMNS, rows=[], row_key="country").props(
            "dense flat data-testid=countries"
        )

    @ui.refreshable_method
    def info_panel(self) -> None:
        """What the model is, the scenario and what to notice, how to read the futures, lessons."""
        s = self.session
        with ui.column().classes("gap-2 max-w-4xl").props("data-testid=info"):
            ui.label("What the model is").classes("text-subtitle1 text-weight-bold")
            ui.label(MODEL)
            ui.label(f"The scenario: {s.base.name}").classes("text-subtitle1 text-weight-bold")
            ui.label(" ".join(s.base.description.split()))
            if s.base.name in NOTICE:
                ui.label("What to notice: " + NOTICE[s.base.name]).classes("text-italic")
            ui.label("How to read the futures").classes("text-subtitle1 text-weight-bold")
            ui.label(READING)
            ui.label("Lessons (student handouts, printable)").classes(
                "text-subtitle1 text-weight-bold"
            )
            for lesson in LESSONS:
                ui.link(
                    f"Lesson {lesson.number}: {lesson.title}", f"/lessons/{lesson.number}"
                ).props(f"data-testid=lesson-{lesson.number}")

    # --- redrawing ----------------------------------------------------------------------------

    def _history_view(self) -> tuple[str, str | None, list[dict[str, str]], list[str]]:
        s = self.session
        months = [month_label(s.base.start, t) for t in range(s.base.months + 1)]
        label = f"Month {s.t} of {s.base.months}: {s.month}"
        svg = history_svg(s.snapshots, months, self.truster) if self.history_shown else None
        lines = s.story() or ["Nothing has happened yet: press Step or Play."]
        return label, svg, country_rows(s), lines

    def _futures_view(self) -> tuple[dict[str, dict[str, Any]], str]:
        s = self.session
        names = ("these settings", "reference")
        charts = futures_charts(s.futures.current, s.futures.reference, names, self.individual)
        return charts, futures_caption(s)

    async def redraw_history(self) -> None:
        """Redraw the month, its figure, the countries' table and the story."""
        view = await run.io_bound(self._history_view)
        if view is None:  # the app is shutting down
            return
        label, svg, rows, lines = view
        self.month.set_text(label)
        if svg is not None:
            self.history.set_content(svg)
        self.table.rows = rows
        self.table.update()
        self.story.clear()
        with self.story:
            for line in lines:
                ui.label(line).classes("text-body2")
        self.story_area.scroll_to(percent=1.0)

    async def redraw_futures(self) -> None:
        """Redraw the many futures' charts and their caption."""
        charts, text = self._futures_view()  # a few milliseconds: the browser draws them
        for name, options in charts.items():
            chart = self.charts[name]
            chart.options.clear()
            chart.options.update(options)
            chart.update()
        self.caption.set_text(text)
        self.redraws.set_text(str(int(self.redraws.text) + 1))

    async def redraw(self) -> None:
        """Redraw the futures, then the history."""
        await self.redraw_futures()  # first: what a lever changes most
        await self.redraw_history()

    async def change[T](
        self, work: Callable[[], T], *after: Callable[[], Awaitable[None]]
    ) -> T | None:
        """Run ``work`` off the event loop, then redraw.

        One at a time: a change asked for meanwhile (a lever moved) waits its turn; Step and Reset
        are disabled meanwhile, so the browser drops a click on them until the change is drawn.
        Returns what ``work`` returned, None when the app is shutting down.
        """
        async with self.lock:
            self._busy(True)
            try:
                result = await run.io_bound(work)
                for redraw in after or (self.redraw,):
                    await redraw()
                return result
            finally:
                self._busy(False)

    def _busy(self, busy: bool) -> None:
        self.spinner.set_visibility(busy)
        for button in (self.step_button, self.reset_button):
            button.set_enabled(not busy)

    # --- handlers -----------------------------------------------------------------------------

    async def step(self) -> None:
        """Advance the story by a month; pause on the last one."""
        if await self.change(self.session.step, self.redraw_history) is False:
            self.pause()  # the last month is reached

    async def tick(self) -> None:
        """Step on a tick of Play, unless a change is still being drawn."""
        if not self.lock.locked():  # a tick of Play while the last month is still being drawn
            await self.step()

    def pause(self) -> None:
        """Stop playing."""
        self.timer.deactivate()
        self.play_button.set_text("Play")

    def toggle_play(self) -> None:
        """Play, or pause when playing."""
        if self.timer.active:
            self.pause()
        else:
            self.timer.activate()
            self.play_button.set_text("Pause")

    async def reset(self) -> None:
        """Go back to month 0 of the scenario as it was chosen."""
        self.pause()
        self.note.set_text("")
        await self.change(self.session.reset, self.refresh_panels, self.redraw)

    async def choose(self, event: events.ValueChangeEventArguments[str]) -> None:
        """Load the scenario chosen in the selector."""
        self.pause()
        self.note.set_text("")
        await self.change(
            lambda: self.session.choose_scenario(str(event.value)),
            self.refresh_panels,
            self.redraw,
        )

    async def refresh_panels(self) -> None:
        """The levers and the Info panel of a new scenario, before the futures are redrawn.

        A lever moved once the futures show is one of the new panel.
        """
        self.lever_panel.refresh()
        self.info_panel.refresh()

    async def reference(self, event: events.ValueChangeEventArguments[str]) -> None:
        """Compare the futures with the scenario chosen as reference."""
        await self.change(
            lambda: self.session.choose_reference(str(event.value)), self.redraw_futures
        )

    async def lever_moved(self, info: ParameterInfo, event: events.GenericEventArguments) -> None:
        """Set the parameter of a moved lever; the story replays to the month it had reached."""
        month = self.session.t
        await self.change(lambda: self.session.set_lever(info.key, float(event.args)))
        if month > 0:
            self.note.set_text(
                f"The story restarts from month 1 with these settings (replayed to month {month}, "
                "the same seed)."
            )

    async def seed(self, event: events.ValueChangeEventArguments[float | None]) -> None:
        """Start a new story with the seed typed in (none typed: nothing changes)."""
        if event.value is None:
            return
        self.pause()
        seed = int(event.value)
        self.note.set_text(f"A new story: seed {seed}, from month 1.")
        await self.change(lambda: self.session.set_seed(seed), self.redraw_history)

    def speed(self, event: events.ValueChangeEventArguments[str]) -> None:
        """Set the seconds between months while playing."""
        self.timer.interval = SPEEDS[str(event.value)]

    async def toggle_individual(self, event: events.ValueChangeEventArguments[bool | None]) -> None:
        """Show or hide the single futures on the charts."""
        self.individual = bool(event.value)
        await self.redraw_futures()

    async def toggle_posterior(self, event: events.ValueChangeEventArguments[bool | None]) -> None:
        """Draw the futures with parameters from the posterior, or from the declared values."""
        source = "posterior" if event.value else "declared"
        try:
            await self.change(lambda: self.session.set_parameters(source), self.redraw_futures)
        except InputError as error:  # no posterior bundled: say so, draw nothing new
            self.posterior_box.set_value(False)
            ui.notify(str(error), type="warning")

    async def tab_changed(
        self, event: events.ValueChangeEventArguments[str | ui.tab | ui.tab_panel | None]
    ) -> None:
        """Note whether the history's tab shows; draw it when it does."""
        self.history_shown = event.value == "One history"
        if self.history_shown:
            async with self.lock:
                await self.redraw_history()

    async def choose_truster(self, event: events.ValueChangeEventArguments[int]) -> None:
        """Draw the trust of the country chosen in the selector."""
        self.truster = int(event.value)
        async with self.lock:
            await self.redraw_history()

    def add_lever(self, event: events.ValueChangeEventArguments[str | None]) -> None:
        """Add the chosen parameter to the levers."""
        if event.value:
            self.session.add_lever(str(event.value))
            self.lever_panel.refresh()

    def save_run(self) -> None:
        """Save the run so far and tell where."""
        try:
            path = self.session.save_run()
        except ValueError as error:
            ui.notify(str(error), type="warning")
            return
        ui.notify(f"Saved the run so far in {path}", type="positive")
