"""One run, told and saved: what ``neasim run`` does."""

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sim.events import Event
from sim.model import DiplomacyModel
from sim.runs.check import check_run
from sim.runs.claim import claim, release
from sim.runs.directory import default_run_dir, save_run
from sim.runs.narrative import month_lines
from sim.runs.outcomes import batch_outcomes, run_summary
from sim.runs.plotting import Plotters
from sim.runs.provenance import command_line, utc_now
from sim.runs.recorder import state_rows, trajectory, world_rows
from sim.scenario import Scenario


def headline(summary: dict[str, object]) -> str:
    """The run's outcome in one sentence."""
    summit = (
        f"first summit {summary['first_summit_month']}" if summary["summit_held"] else "no summit"
    )
    trust = summary["trust_final"]
    assert isinstance(trust, dict)
    return (
        f"Outcome: {summit}; most advanced agreement: {summary['agreement_type']}; "
        f"{summary['provocations']} months of tests ({summary['launches']} launches); "
        f"North Korea's trust in the US at the end: {trust['PRK']['USA']:.2f}; "
        f"mean tension {summary['mean_tension']:.2f}"
    )


def save_model_run(
    target: Path,
    model: DiplomacyModel,
    started: datetime,
    make_plots: Callable[[Path], object] | None,
) -> tuple[Path, dict[str, Any], list[Event]]:
    """Save a finished single run (``record`` and ``keep_events`` on) into the claimed ``target``.

    Returns
    -------
    path, summary, events
        The saved run directory, its summary.json and the run's events.
    """
    scenario = model.config
    events = model.log.for_run(0)
    outcomes = batch_outcomes(model.state, scenario.start, model.months)
    summary = run_summary(outcomes, 0, events, scenario.start)
    traj = trajectory(model.history)
    saved = save_run(
        target,
        scenario,
        summary,
        state_rows(traj, 0, scenario.start),
        world_rows(traj, 0, scenario.start),
        events,
        command_line(),
        started,
        make_plots,
    )
    return saved, summary, events


def simulate_and_save(
    scenario: Scenario,
    out: Path | None,
    plots: Plotters | None,
    quiet: bool,
    stream: TextIO,
    suspects: Sequence[str] = (),
) -> Path:
    """Run the scenario once with its seed, save the run directory, then tell the story.

    The directory's name is claimed before simulating (:mod:`sim.runs.claim`), so a name that is
    taken or cannot be created is reported at once; a run whose state goes invalid is not saved
    (:func:`sim.runs.check.check_run`; ``suspects`` are the keys the user set). ``plots``, when
    given, draws the standard plots into the saved directory.
    """
    started = utc_now()
    target = claim(out or default_run_dir(scenario, scenario.seed, started), numbered=out is None)
    try:
        model = DiplomacyModel(scenario, keep_events=True, record=True)
        model.run()
        check_run(scenario, model.errors[0], model.history, suspects)
        make_plots = plots.run if plots is not None else None
        saved, summary, events = save_model_run(target, model, started, make_plots)
    except BaseException:
        release(target)
        raise
    if not quiet:
        stream.write(
            f"{scenario.name}: {scenario.months} months from {scenario.start}, "
            f"seed {scenario.seed}\n"
        )
        for line in month_lines(events, scenario.start):
            stream.write(line + "\n")
        stream.write(headline(summary) + "\n")
        stream.flush()
    return saved
