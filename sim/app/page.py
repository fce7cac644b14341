"""The classroom page, laid out with NiceGUI: every asset is served by the app itself.

Each browser tab gets its own :class:`~sim.app.session.ClassroomSession`. The page shows the
levers (sliders generated from the schema's declarations), Step / Play / Reset, the history's
plots and story, a table of the six countries, and the many futures against the unchanged
scenario.
"""

from nicegui import events, ui

from sim.app.figures import futures_svg, history_svg
from sim.app.levers import slider_step
from sim.app.session import ClassroomSession
from sim.countries import COUNTRIES, DISPLAY_NAMES, USA
from sim.scenario import ParameterInfo, bundled_scenarios

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
    sliders: dict[str, ui.slider] = {}

    def redraw_history() -> None:
        month.set_text(f"Month {session.model.t} of {session.model.months}: {session.month}")
        history.set_content(history_svg(session.model.history, session.futures.current.months))
        table.rows = country_rows(session)
        table.update()
        story.clear()
        with story:
            lines = session.story() or ["Nothing has happened yet: press Step or Play."]
            for line in lines:
                ui.label(line).classes("story-line")
        story_area.scroll_to(percent=1.0)

    def redraw_futures() -> None:
        futures.set_content(futures_svg(session.futures.current, session.futures.reference))
        caption.set_text(futures_caption(session))

    def step() -> None:
        if not session.step():
            timer.deactivate()
            play.set_text("Play")
        redraw_history()

    def toggle_play() -> None:
        if timer.active:
            timer.deactivate()
            play.set_text("Play")
        else:
            timer.activate()
            play.set_text("Pause")

    def reset() -> None:
        timer.deactivate()
        play.set_text("Play")
        session.reset()
        for info in session.levers:
            sliders[info.key].set_value(info.default)
        redraw_history()
        redraw_futures()

    def lever_moved(info: ParameterInfo, event: events.GenericEventArguments) -> None:
        value = event.args if isinstance(event.args, int | float) else sliders[info.key].value
        session.set_lever(info.key, float(value))
        redraw_history()
        redraw_futures()

    def choose(event: events.ValueChangeEventArguments) -> None:
        session.choose_scenario(str(event.value))
        reset()

    def export_settings() -> None:
        ui.download.content(session.settings_yaml(), f"{session.base.name}-classroom.yaml")

    def save_run() -> None:
        try:
            path = session.save_run()
        except ValueError as error:
            ui.notify(str(error), type="warning")
            return
        ui.notify(f"Saved the run so far in {path}", type="positive")

    with ui.header().classes("items-center"):
        ui.label("neasim — Northeast Asian diplomacy").classes("text-h5")
        ui.space()
        names = list(bundled_scenarios())
        if scenario not in names:
            names.append(scenario)
        ui.select(names, value=scenario, label="Scenario", on_change=choose).classes(
            "w-64 bg-white"
        )

    with ui.row().classes("w-full no-wrap items-start"):
        with ui.column().classes("w-96 shrink-0"):
            with ui.row():
                ui.button("Step", on_click=step).props("data-testid=step")
                play = ui.button("Play", on_click=toggle_play).props("data-testid=play")
                ui.button("Reset", on_click=reset).props("data-testid=reset")
            ui.label("Levers").classes("text-h6")
            for info in session.levers:
                ui.label(info.meaning[:1].upper() + info.meaning[1:]).classes("text-body1")
                slider = (
                    ui.slider(
                        min=info.low, max=info.high, step=slider_step(info), value=info.default
                    )
                    .props(f"label-always data-testid={info.key}")
                    .classes("mt-6")
                )
                slider.on("change", lambda e, info=info: lever_moved(info, e))
                sliders[info.key] = slider
                ui.label(info.key).classes("text-caption text-grey-7")
            with ui.row():
                ui.button("Settings as YAML", on_click=export_settings)
                ui.button("Save this run", on_click=save_run)
        with ui.column().classes("grow"):
            month = ui.label().classes("text-h6").props("data-testid=month")
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
    redraw_history()
    redraw_futures()
