"""The classroom page, laid out with NiceGUI: every asset is served by the app itself.

Each browser tab gets its own :class:`~sim.app.session.ClassroomSession`. The page shows the
levers (sliders generated from the schema's declarations), Step / Play / Reset, the history's
plots and story, a table of the six countries, and the many futures against the unchanged
scenario.
"""

import asyncio

from nicegui import events, run, ui

from sim.app.figures import futures_svg, history_svg
from sim.app.levers import slider_step
from sim.app.session import ClassroomSession
from sim.countries import COUNTRIES, DISPLAY_NAMES, PRK, USA
from sim.scenario import ParameterInfo, bundled_scenarios, numeric_parameters

PLAY_INTERVAL = 0.7
"""Seconds between months while playing."""


def futures_caption(session: ClassroomSession) -> str:
    """One sentence on the many futures, the figure the class compares first."""
    view = session.futures
    ever = view.current.summit_by_month[-1]
    before = view.reference.summit_by_month[-1]
    return (
        f"{view.current.runs} futures in {view.seconds:.2f} s: a summit by "
        f"{view.current.months[-1]} in {ever:.0%} of them (unchanged scenario: {before:.0%})"
    )


def country_rows(session: ClassroomSession) -> list[dict[str, str]]:
    """This month's trust in the US, leverage and pressure, one row per country."""
    s = session.model.state
    return [
        {
            "country": DISPLAY_NAMES[code],
            "trust_in_us": "—" if i == USA else f"{s.trust[0, i, USA]:.2f}",
            "leverage": f"{s.leverage[0, i]:.2f}",
            "pressure": f"{s.pressure[0, i]:.2f}",
        }
        for i, code in enumerate(COUNTRIES)
    ]


COUNTRY_COLUMNS = [
    {"name": "country", "label": "Country", "field": "country", "align": "left"},
    {"name": "trust_in_us", "label": "Trust in the US", "field": "trust_in_us"},
    {"name": "leverage", "label": "Leverage", "field": "leverage"},
    {"name": "pressure", "label": "Domestic pressure", "field": "pressure"},
]


def build_page(scenario: str) -> None:
    """Lay out one tab's page for ``scenario`` (a bundled name or a path)."""
    session = ClassroomSession(scenario)
    ui.query("body").style("font-size: 18px")
    truster = {"index": PRK}

    lock = asyncio.Lock()  # one change of the session at a time, off the event loop

    def history_view() -> tuple[str, str, list[dict[str, str]], list[str]]:
        label = f"Month {session.model.t} of {session.model.months}: {session.month}"
        months = session.futures.current.months
        svg = history_svg(session.model.history, months, truster["index"])
        lines = session.story() or ["Nothing has happened yet: press Step or Play."]
        return label, svg, country_rows(session), lines

    def futures_view() -> tuple[str, str]:
        view = session.futures
        return futures_svg(view.current, view.reference), futures_caption(session)

    async def redraw_history() -> None:
        view = await run.io_bound(history_view)
        if view is None:  # the app is shutting down
            return
        label, svg, rows, lines = view
        month.set_text(label)
        history.set_content(svg)
        table.rows = rows
        table.update()
        story.clear()
        with story:
            for line in lines:
                ui.label(line)
        story_area.scroll_to(percent=1.0)

    async def redraw() -> None:
        await redraw_history()
        drawn = await run.io_bound(futures_view)
        if drawn is None:
            return
        svg, text = drawn
        futures.set_content(svg)
        caption.set_text(text)

    async def step() -> None:
        if lock.locked():  # a tick of Play while the last change is still being drawn
            return
        async with lock:
            if not await run.io_bound(session.step):
                pause()
            await redraw_history()

    def pause() -> None:
        timer.deactivate()
        play.set_text("Play")

    def toggle_play() -> None:
        if timer.active:
            pause()
        else:
            timer.activate()
            play.set_text("Pause")

    async def start_over(scenario: str | None = None) -> None:
        pause()
        async with lock:
            await run.io_bound(session.choose_scenario, scenario or session.ref)
            lever_panel.refresh()
            await redraw()

    async def lever_moved(info: ParameterInfo, event: events.GenericEventArguments) -> None:
        async with lock:
            await run.io_bound(session.set_lever, info.key, float(event.args))
            await redraw()

    def add_lever(event: events.ValueChangeEventArguments) -> None:
        if event.value:
            session.add_lever(str(event.value))
            lever_panel.refresh()

    async def choose_truster(event: events.ValueChangeEventArguments) -> None:
        truster["index"] = int(event.value)
        async with lock:
            await redraw_history()

    def save_run() -> None:
        try:
            path = session.save_run()
        except ValueError as error:
            ui.notify(str(error), type="warning")
            return
        ui.notify(f"Saved the run so far in {path}", type="positive")

    @ui.refreshable
    def lever_panel() -> None:
        if session.missing:
            ui.label(
                "No longer declared by the model, so not shown (update sim/app/levers.py): "
                + ", ".join(session.missing)
            ).classes("text-negative")
        for info in session.levers:
            ui.label(info.meaning[:1].upper() + info.meaning[1:]).classes("text-body1")
            slider = ui.slider(
                min=info.low, max=info.high, step=slider_step(info), value=session.values[info.key]
            )
            slider.props(f"label-always data-testid={info.key}").classes("mt-6")
            slider.on("change", lambda e, info=info: lever_moved(info, e))
            ui.label(info.key).classes("text-caption text-grey-7")
        others = sorted(set(numeric_parameters(session.base)) - set(session.values))
        ui.select(others, label="Add a lever", with_input=True, on_change=add_lever).classes(
            "w-full"
        )

    with ui.header().classes("items-center"):
        ui.label("neasim — Northeast Asian diplomacy").classes("text-h5")
        ui.space()
        names = list(bundled_scenarios())
        if scenario not in names:
            names.append(scenario)
        ui.select(
            names, value=scenario, label="Scenario", on_change=lambda e: start_over(str(e.value))
        ).classes("w-64 bg-white")

    with ui.row().classes("w-full no-wrap items-start"):
        with ui.column().classes("w-96 shrink-0"):
            with ui.row():
                ui.button("Step", on_click=step).props("data-testid=step")
                play = ui.button("Play", on_click=toggle_play).props("data-testid=play")
                ui.button("Reset", on_click=lambda: start_over()).props("data-testid=reset")
            ui.label("Levers").classes("text-h6")
            lever_panel()
            with ui.row():
                ui.button(
                    "Settings as YAML",
                    on_click=lambda: ui.download.content(
                        session.settings_yaml(), f"{session.base.name}-classroom.yaml"
                    ),
                ).props("data-testid=export-settings")
                ui.button("Save this run", on_click=save_run).props("data-testid=save-run")
        with ui.column().classes("grow"):
            with ui.row().classes("items-center"):
                month = ui.label().classes("text-h6").props("data-testid=month")
                ui.select(
                    {i: DISPLAY_NAMES[code] for i, code in enumerate(COUNTRIES)},
                    value=PRK,
                    label="Whose trust",
                    on_change=choose_truster,
                ).classes("w-48")
            history = ui.html("", sanitize=False).props("data-testid=history").classes("w-full")
            with ui.row().classes("w-full no-wrap"):
                table = ui.table(columns=COUNTRY_COLUMNS, rows=[], row_key="country").props(
                    "dense flat data-testid=countries"
                )
                with ui.scroll_area().classes("grow h-64 border") as story_area:
                    story = ui.column().props("data-testid=story")
            ui.label("Many futures").classes("text-h6")
            caption = ui.label().props("data-testid=futures-caption")
            futures = ui.html("", sanitize=False).props("data-testid=futures").classes("w-full")

    timer = ui.timer(PLAY_INTERVAL, step, active=False)
    ui.timer(0, redraw, once=True)
