"""The parameter table of ``docs/ODD.md``, generated from the schema so that it stays in sync.

The mechanisms of the registry (:mod:`sim.mechanisms.registry`): module, parameter group, switch
and the outcome each is expected to move. Then every numeric parameter of the scenario schema
(:func:`sim.scenario.numeric_parameters`), by dotted key, with its plain label where it has one
(the classroom page's words for its levers, :mod:`sim.parameters.labels`), its meaning, its
units, its default, its bounds and its source. Mechanism parameters take their
default and source from their declaration (:mod:`sim.parameters.mechanisms`); a country's or the
world's parameters have no default, so the table gives the baseline's value (June 2025) and, as
source, the comment that justifies it in ``configs/baseline.yaml``.

``python -m tools.odd_table`` prints the table; ``--write docs/ODD.md`` replaces it between its
markers. ``tests/test_odd.py`` fails when the table in ``docs/ODD.md`` and the schema disagree.
"""

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from sim.marked_section import replace_marked_section
from sim.mechanisms.registry import REGISTRY as MECHANISMS
from sim.parameters.declare import declared_units
from sim.parameters.labels import PLAIN_LABELS
from sim.scenario import ParameterInfo, bundled_scenarios, load_scenario, numeric_parameters

TABLE_BEGIN = "<!-- parameter table: begin (python -m tools.odd_table --write docs/ODD.md) -->"
TABLE_END = "<!-- parameter table: end -->"
HEADER = (
    "| parameter | plain label | meaning | units | default | bounds | source | prior |",
    "|---|---|---|---|---|---|---|---|",
)
MECHANISM_HEADER = (
    "| mechanism | module | parameters | switch | expected to move |",
    "|---|---|---|---|---|",
)
_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_]\w*):(?P<value>[^#]*)(?:#(?P<comment>.*))?$")
_FLOW_KEY = re.compile(r"([A-Za-z_]\w*)\s*:")


def yaml_comments(path: Path) -> dict[str, str]:
    """The end-of-line comment of every key of a block-style YAML file, by dotted key.

    A key written in a flow mapping (``position: {nuclear: 0.3, sanctions: 0.2}  # …``) gets the
    comment of its line. Lists (``calendar:``, ``shocks:``) are skipped.
    """
    comments: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(raw)
        if match is None:
            continue
        indent, key = len(match["indent"]), match["key"]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        dotted = ".".join([*(k for _, k in stack), key])
        value, comment = match["value"].strip(), (match["comment"] or "").strip()
        if value.startswith("{"):
            for child in _FLOW_KEY.findall(value):
                comments[f"{dotted}.{child}"] = comment
        elif value:
            comments[dotted] = comment
        else:
            stack.append((indent, key))
    return comments


def number(value: float, integer: bool) -> str:
    """A value as the table writes it."""
    return str(int(value)) if integer else f"{value:g}"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def mechanism_rows() -> list[str]:
    """One Markdown row per mechanism of the registry (:mod:`sim.mechanisms.registry`)."""
    return [
        f"| {m.label} | `{m.module}` | `mechanisms.{m.key}.*` | `{m.switch}` | `{m.moves}` |"
        for m in MECHANISMS
    ]


def table_rows(
    infos: dict[str, ParameterInfo], comments: dict[str, str], units: dict[str, str]
) -> list[str]:
    """One Markdown row per parameter, in schema order."""
    rows = []
    for key, info in infos.items():
        source = info.source or comments.get(key, "")
        if not key.startswith("mechanisms."):
            source = f"configs/baseline.yaml: {source}" if source else "configs/baseline.yaml"
        bounds = f"[{number(info.low, info.integer)}, {number(info.high, info.integer)}]"
        plain = PLAIN_LABELS[key].label if key in PLAIN_LABELS else "—"
        rows.append(
            f"| `{key}` | {cell(plain)} | {cell(meaning(key, info))} | {units[key]} "
            f"| {number(info.default, info.integer)} "
            f"| {bounds} | {cell(source) or '—'} | {cell(info.prior.describe())} |"
        )
    return rows


def meaning(key: str, info: ParameterInfo) -> str:
    """The declared meaning; a salience shares its issue's declaration, so it is said here."""
    parts = key.split(".")
    if len(parts) == 4 and parts[2] == "salience":
        return f"how much the {parts[3]} issue matters to it (0 = not at all … 1 = above all)"
    return info.meaning


def parameter_table() -> str:
    """The whole table as Markdown (header, one row per parameter)."""
    baseline = bundled_scenarios()["baseline"]
    scenario = load_scenario(baseline)
    infos = numeric_parameters(scenario)
    units = {
        key: found
        for section in ("actors", "world", "mechanisms")
        for key, found in declared_units(getattr(scenario, section), f"{section}.").items()
    }
    rows = table_rows(infos, yaml_comments(baseline), units)
    return "\n".join([*MECHANISM_HEADER, *mechanism_rows(), "", *HEADER, *rows]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.odd_table [--write FILE]``."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.odd_table", description="Print the parameter table of docs/ODD.md."
    )
    parser.add_argument(
        "--write", type=Path, metavar="FILE", help="replace the table between FILE's markers"
    )
    args = parser.parse_args(argv)
    table = parameter_table()
    if args.write is None:
        sys.stdout.write(table)
    else:
        replace_marked_section(args.write, TABLE_BEGIN, TABLE_END, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
