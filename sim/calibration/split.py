"""The dated record (``data/record.csv``) split into calibration and held-out rows.

The split is declared once, in ``data/split.yaml``: periods that calibrate and periods held out.
A row is a calibration row only if its whole span — its day, its month or its year, as its
``precision`` says — lies inside one calibrating period; every other row is held out. The
calibration reads the record only through :func:`calibration_record`, which drops held-out rows
as it reads, before any row object exists; :func:`held_out_record` is for the checks of
``docs/validation.md`` alone. Judging a model on periods it never saw is the out-of-sample test
of Grimm et al. (2005) and of Platt (2020) for agent-based models.
"""

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sim.errors import InputError
from sim.parameters.yaml_input import read_mapping
from sim.resources import bundled_path

RECORD = bundled_path("data", "record.csv")
SPLIT = bundled_path("data", "split.yaml")
COLUMNS = ("date", "precision", "type", "actor", "target", "detail", "description", "source")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Period:
    """Months ``start`` … ``end`` (``YYYY-MM``, inclusive; ``end`` None: open-ended)."""

    start: str
    end: str | None

    def contains(self, first: str, last: str) -> bool:
        """Whether months ``first`` … ``last`` all lie inside the period."""
        return self.start <= first and (self.end is None or last <= self.end)

    def overlaps(self, first: str, last: str) -> bool:
        """Whether any of months ``first`` … ``last`` lies inside the period."""
        return last >= self.start and (self.end is None or first <= self.end)


@dataclass(frozen=True)
class Split:
    """The calibrating and the held-out periods."""

    calibrate: tuple[Period, ...]
    held_out: tuple[Period, ...]

    def calibrates(self, first: str, last: str) -> bool:
        """Whether months ``first`` … ``last`` may be learnt from.

        They may when inside a calibrating period and touching no held-out one.
        """
        inside = any(p.contains(first, last) for p in self.calibrate)
        return inside and not any(p.overlaps(first, last) for p in self.held_out)


@dataclass(frozen=True)
class Fact:
    """One dated row of the record."""

    date: str
    precision: str
    type: str
    actor: str
    target: str
    detail: str
    description: str
    source: str

    @property
    def span(self) -> tuple[str, str]:
        """The first and last month the row may fall in."""
        return month_span(self.date, self.precision)


def month_span(date: str, precision: str) -> tuple[str, str]:
    """The months a date of a given precision covers: a day or a month is one; a year twelve."""
    if precision == "year":
        return f"{date[:4]}-01", f"{date[:4]}-12"
    return date[:7], date[:7]


def read_split(path: Path = SPLIT) -> Split:
    """``data/split.yaml``; a period without ``from``, or out of order, is an InputError."""
    data = read_mapping(path)

    def periods(section: str) -> tuple[Period, ...]:
        found = []
        for n, item in enumerate(data.get(section) or ()):
            where = f"{path}: {section}.{n}"
            if not isinstance(item, dict) or not isinstance(item.get("from"), str):
                raise InputError(f"{where}.from: a month YYYY-MM is needed")
            end = item.get("to")
            if end is not None and (not isinstance(end, str) or end < item["from"]):
                raise InputError(f"{where}.to: {end!r} is not a month at or after 'from'")
            found.append(Period(item["from"], end))
        return tuple(found)

    split = Split(periods("calibrate"), periods("held_out"))
    if not split.calibrate or not split.held_out:
        raise InputError(f"{path}: both 'calibrate' and 'held_out' need at least one period")
    return split


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            for n, line in enumerate(reader, start=2):
                row = {c: (line[c] or "").strip() for c in COLUMNS}
                date = row["date"]
                if len(date) != 10 or date[4] != "-" or date[7] != "-":
                    raise InputError(f"{path}: line {n}: date {date!r} is not YYYY-MM-DD")
                if row["precision"] not in PRECISIONS:
                    raise InputError(
                        f"{path}: line {n}: precision {row['precision']!r} is not one of "
                        + ", ".join(PRECISIONS)
                    )
                yield n, row
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def calibration_record(path: Path = RECORD, split: Split | None = None) -> list[Fact]:
    """The rows the calibration may learn from; held-out rows are dropped as they are read."""
    split = read_split() if split is None else split
    return [
        Fact(**row)
        for _, row in _rows(path)
        if split.calibrates(*month_span(row["date"], row["precision"]))
    ]


def held_out_record(path: Path = RECORD, split: Split | None = None) -> list[Fact]:
    """The held-out rows: for the checks of ``docs/validation.md``, never for the calibration."""
    split = read_split() if split is None else split
    return [
        Fact(**row)
        for _, row in _rows(path)
        if not split.calibrates(*month_span(row["date"], row["precision"]))
    ]


def record_hash(facts: list[Fact]) -> str:
    """SHA-256 of the rows (in order): the posterior's provenance names the data it learnt from."""
    digest = hashlib.sha256()
    for fact in facts:
        digest.update("\x1f".join(getattr(fact, c) for c in COLUMNS).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()
