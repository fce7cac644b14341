"""The calibration problem, declared in YAML (``configs/calibration/*.yaml``).

A problem names the scenario replayed, the months compared (which must lie inside the calibrating
periods of ``data/split.yaml``), the parameters inferred (each with the prior declared where the
parameter is declared), the distance and the sampler's budget. Every other parameter keeps the
scenario's value: mechanism parameters are shared by all scenarios, so a posterior learnt on the
replay applies wherever the same mechanisms run.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sim.calendar import step_of
from sim.calibration.split import Split, read_split
from sim.calibration.statistics import Window
from sim.errors import InputError
from sim.parameters.priors import Fixed, Prior
from sim.parameters.schema import Month
from sim.parameters.yaml_input import read_mapping
from sim.resources import bundled_path
from sim.scenario import Scenario, describe, load_scenario, numeric_parameters

DEFAULT = bundled_path("configs", "calibration", "history_2017_2018.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WindowSpec(_Strict):
    """Months compared."""

    first: Month = Field(alias="from")
    last: Month = Field(alias="to")


class DistanceSpec(_Strict):
    """The distance between statistics: a weighted p-norm, its weights adapted or not.

    ``scale`` is the spread each statistic is divided by when the weights adapt: ``std`` (the
    standard deviation over the last generation), ``mad`` (the median absolute deviation,
    Prangle 2017's choice, robust to outliers) or ``mean_absolute_deviation``. The statistics are
    whole numbers (months, counts, ranks, 0/1): where more than half the runs share one value the
    median absolute deviation is 0, and pyabc then gives that statistic no weight at all, so
    ``mad`` silently drops quarters of launch months and yes/no facts from the distance.
    """

    p: float = Field(2, ge=1, le=100)
    adaptive: bool = True
    scale: Literal["std", "mad", "mean_absolute_deviation"] = "std"


class SMCSpec(_Strict):
    """The ABC-SMC sampler's budget."""

    population: int = Field(500, ge=10, le=100_000)
    generations: int = Field(6, ge=0, le=100)
    batch: int = Field(2000, ge=10, le=1_000_000)
    min_acceptance: float = Field(0.01, ge=0, le=1)


class ProblemSpec(_Strict):
    """The file's contents."""

    scenario: str
    window: WindowSpec
    seed: int = Field(ge=0, le=2**32 - 1)
    parameters: list[str] = Field(min_length=1)
    distance: DistanceSpec = Field(default_factory=lambda: DistanceSpec.model_validate({}))
    abc_smc: SMCSpec = Field(default_factory=lambda: SMCSpec.model_validate({}))


@dataclass(frozen=True)
class Inferred:
    """A parameter the calibration infers: its key, bounds, the scenario's value and its prior."""

    key: str
    low: float
    high: float
    value: float
    prior: Prior


@dataclass(frozen=True)
class Problem:
    """A validated calibration problem."""

    name: str
    path: Path
    spec: ProblemSpec
    scenario: Scenario
    window: Window
    parameters: tuple[Inferred, ...]
    split: Split

    @property
    def months(self) -> int:
        """Steps to simulate: the scenario's start to the window's last month."""
        return step_of(self.scenario.start, self.window.last)

    @property
    def keys(self) -> list[str]:
        """The inferred parameters' dotted keys, in order."""
        return [p.key for p in self.parameters]


def check_window(where: str, window: Window, scenario: Scenario, split: Split) -> None:
    """Raise InputError (prefixed ``where``) unless the months may be compared.

    They must be in order, inside the calibrating periods of ``data/split.yaml`` and simulated by
    the scenario.
    """
    if not window.first <= window.last:
        raise InputError(f"{where}: 'from' {window.first} is after 'to' {window.last}")
    if not split.calibrates(window.first, window.last):
        raise InputError(
            f"{where}: {window.first} … {window.last} reaches outside the calibrating "
            "periods of data/split.yaml (held-out months cannot be learnt from)"
        )
    if step_of(scenario.start, window.first) < 1 or (
        step_of(scenario.start, window.last) > scenario.months
    ):
        raise InputError(
            f"{where}: {scenario.name} simulates the months after {scenario.start} "
            f"for {scenario.months} months; {window.first} … {window.last} is not inside them"
        )


def load_problem(path: Path = DEFAULT, split: Split | None = None) -> Problem:
    """Read and check a problem; anything wrong is one InputError naming the file and the key."""
    data = read_mapping(path)
    try:
        spec = ProblemSpec.model_validate(data)
    except ValidationError as error:
        raise InputError(f"{path}: {describe(error)}") from None
    scenario = load_scenario(spec.scenario)
    window = Window(spec.window.first, spec.window.last)
    split = read_split() if split is None else split
    check_window(f"{path}: window", window, scenario, split)
    infos = numeric_parameters(scenario)
    inferred = []
    for n, key in enumerate(spec.parameters):
        if key not in infos:
            raise InputError(f"{path}: parameters.{n}: {key!r} is not a numeric parameter")
        info = infos[key]
        if isinstance(info.prior, Fixed):
            raise InputError(f"{path}: parameters.{n}: {key} has a fixed prior: nothing to infer")
        inferred.append(Inferred(key, info.low, info.high, info.default, info.prior))
    if len(set(spec.parameters)) != len(spec.parameters):
        raise InputError(f"{path}: parameters: a key is given twice")
    return Problem(path.stem, path, spec, scenario, window, tuple(inferred), split)
