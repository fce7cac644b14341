"""``neasim params [PATTERN]``: the declared parameters with value, bounds, units, meaning, source.

The values are a scenario's (the baseline by default), so ``neasim params --scenario no_russia
lifeline`` shows what that scenario sets. PATTERN is a substring of the dotted key, or a glob
(``actors.*.trust.USA``) when it holds ``*``, ``?`` or ``[``. A parameter with a plain
label (the classroom page's words for its levers) also gets it, with its help line
(:mod:`sim.parameters.labels`).
"""

import argparse
import difflib
import fnmatch
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from sim.errors import InputError
from sim.parameters.labels import PLAIN_LABELS, labelled_parameters

if TYPE_CHECKING:
    from sim.scenario import ParameterInfo


def matching(keys: Iterable[str], pattern: str | None) -> list[str]:
    """The keys a pattern selects, in declaration order.

    >>> keys = ["actors.PRK.trust.USA", "actors.KOR.trust.USA", "world.fta_progress"]
    >>> matching(keys, "fta")
    ['world.fta_progress']
    >>> matching(keys, "actors.*.trust.USA")
    ['actors.PRK.trust.USA', 'actors.KOR.trust.USA']
    """
    if not pattern:
        return list(keys)
    if any(c in pattern for c in "*?["):
        return [key for key in keys if fnmatch.fnmatchcase(key, pattern)]
    return [key for key in keys if pattern.lower() in key.lower()]


def _number(value: float, integer: bool) -> str:
    return f"{int(value)}" if integer else f"{value:g}"


def describe(info: "ParameterInfo") -> list[str]:
    """The key, value, bounds and units; the meaning and the source; the plain label if any.

    A parameter with a plain label (:data:`sim.parameters.labels.PLAIN_LABELS`) gets a third
    line, ``    in class: <label> — <help>``.
    """
    units = getattr(info, "units", "") or ""
    bounds = f"[{_number(info.low, info.integer)}, {_number(info.high, info.integer)}]"
    head = f"{info.key} = {_number(info.default, info.integer)}  {bounds}"
    meaning = info.meaning or "(no meaning declared)"
    source = f" — source: {info.source}" if info.source else ""
    lines = [head + (f" {units}" if units else ""), f"    {meaning}{source}"]
    if (plain := PLAIN_LABELS.get(info.key)) is not None:
        lines.append(f"    in class: {plain.label} — {plain.help}")
    return lines


def list_parameters(scenario_ref: str, pattern: str | None, stream: TextIO) -> int:
    """Write the matching parameters of a scenario; an InputError when none match."""
    from sim.scenario import load_scenario, numeric_parameters

    infos = numeric_parameters(load_scenario(scenario_ref))
    keys = matching(infos, pattern)
    if not keys:
        hint = difflib.get_close_matches(pattern or "", list(infos), n=1, cutoff=0.5)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise InputError(f"{pattern}: no declared parameter matches{suggestion}")
    for key in keys:
        stream.write("\n".join(describe(infos[key])) + "\n")
    stream.write(f"{len(keys)} of {len(infos)} parameters ({scenario_ref})\n")
    return 0


def params_command(args: argparse.Namespace) -> int:
    """Run ``neasim params``."""
    return list_parameters(args.scenario, args.pattern, sys.stdout)


def add_params_command(
    subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> argparse.ArgumentParser:
    """Register ``neasim params``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "params",
        help="list the declared parameters: value, bounds, units, meaning, source",
        description=__doc__.split("\n\n", 1)[0] if __doc__ else None,
        epilog="Parameters in plain words (the classroom page's levers, `neasim app`, use them):\n"
        + labelled_parameters(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "pattern", nargs="?", metavar="PATTERN", help="a substring of the key, or a glob"
    )
    parser.add_argument(
        "--scenario",
        default="baseline",
        metavar="SCENARIO",
        help="whose values to show (a path or a bundled name; default: baseline)",
    )
    parser.set_defaults(func=params_command)
    return parser
