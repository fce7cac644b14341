"""The 2017–2018 record (``data/history.csv``) and the facts the historical replay is judged by.

One row per dated public event between the six countries: ``date`` (ISO), ``actor``, ``target``,
``type`` (the model's event vocabulary where it fits), ``cameo``, ``description``. The record
stops at December 2018 on purpose: what ``history_2017_2019`` does in 2019 is its own forecast.
The facts below are computed from the rows, never typed in, so a corrected row corrects them.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from sim.errors import InputError
from sim.mechanisms.winsets import AGREEMENT_TYPES
from sim.resources import bundled_path

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The directory above the package (the checkout, in a source tree); paths are shown from it."""
HISTORY_CANDIDATES: tuple[Path, ...] = (bundled_path("data", "history.csv"),)
"""Where the record is looked for when no path is given: the copy shipped in the package."""

COLUMNS = ("date", "actor", "target", "type", "cameo", "description")
US_PRK = frozenset({"USA", "PRK"})


@dataclass(frozen=True)
class Row:
    """One dated event of the record."""

    date: str
    actor: str
    target: str
    type: str
    cameo: str
    description: str

    @property
    def month(self) -> str:
        """``YYYY-MM``."""
        return self.date[:7]

    @property
    def year(self) -> str:
        """``YYYY``."""
        return self.date[:4]

    @property
    def us_prk(self) -> bool:
        """Whether the event is between the United States and North Korea."""
        return {self.actor, self.target} == US_PRK


def find_history(path: Path | None = None) -> Path:
    """The record's file: ``path`` if given, else the first of :data:`HISTORY_CANDIDATES`."""
    if path is not None:
        if not path.is_file():
            raise InputError(f"{path}: no such file (the 2017–2018 record, history.csv)")
        return path
    for candidate in HISTORY_CANDIDATES:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c) for c in HISTORY_CANDIDATES)
    raise InputError(f"history.csv: not found (looked in {looked}); give --history PATH")


def read_history(path: Path) -> list[Row]:
    """The record's rows, in file order; a missing column or a bad date is an InputError."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = [Row(**{c: (line[c] or "").strip() for c in COLUMNS}) for line in reader]
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    for n, row in enumerate(rows, start=2):
        if len(row.date) != 10 or row.date[4] != "-" or row.date[7] != "-":
            raise InputError(f"{path}: line {n}: date {row.date!r} is not YYYY-MM-DD")
    return rows


@dataclass(frozen=True)
class RecordFacts:
    """What the record says on each point the replay is compared on."""

    summit_in_2018: bool
    first_summit_month: str | None
    first_invitation_month: str | None
    first_agreement: str | None
    provocations_2017: int
    provocation_months_2017: int
    provocations_2018: int
    provocations_during_talks: int
    tightenings_2017: int
    tightenings_2018: int
    concessions_2018: int
    talks_alive_end_2018: bool
    vetoes: int


def record_facts(rows: list[Row]) -> RecordFacts:
    """The comparison points, computed from the rows.

    Talks count as alive from the first US–North Korea ``summit_proposed`` (an invitation accepted,
    March 2018) unless a later ``talks_cancelled`` or ``agreement_collapsed`` is the last word.
    """
    summits = sorted(r.date for r in rows if r.type == "summit_held" and r.us_prk)
    invitations = sorted(r.date for r in rows if r.type == "summit_proposed" and r.us_prk)
    first_summit = next((r for r in rows if r.type == "summit_held" and r.us_prk), None)
    agreement = None
    if first_summit is not None:
        agreement = next(
            (kind for kind in AGREEMENT_TYPES if f"({kind})" in first_summit.description), None
        )
    talks_start = invitations[0] if invitations else None
    provocations = [r for r in rows if r.type == "provocation" and r.actor == "PRK"]
    dialogue = [
        r
        for r in rows
        if (r.us_prk and r.type in ("summit_proposed", "summit_held", "talks", "talks_cancelled"))
        or r.type == "agreement_collapsed"
    ]
    last_word = max(dialogue, key=lambda r: r.date, default=None)

    def count(kind: str, year: str, actor: str | None = None) -> int:
        return sum(
            1
            for r in rows
            if r.type == kind and r.year == year and (actor is None or r.actor == actor)
        )

    return RecordFacts(
        summit_in_2018=any(date.startswith("2018") for date in summits),
        first_summit_month=summits[0][:7] if summits else None,
        first_invitation_month=talks_start[:7] if talks_start else None,
        first_agreement=agreement,
        provocations_2017=sum(1 for r in provocations if r.year == "2017"),
        provocation_months_2017=len({r.month for r in provocations if r.year == "2017"}),
        provocations_2018=sum(1 for r in provocations if r.year == "2018"),
        provocations_during_talks=sum(
            1 for r in provocations if talks_start is not None and r.date >= talks_start
        ),
        tightenings_2017=count("sanctions_tightened", "2017"),
        tightenings_2018=count("sanctions_tightened", "2018"),
        concessions_2018=count("concession", "2018", actor="PRK"),
        talks_alive_end_2018=last_word is not None
        and last_word.type not in ("talks_cancelled", "agreement_collapsed"),
        vetoes=sum(1 for r in rows if r.type == "sanctions_blocked"),
    )
