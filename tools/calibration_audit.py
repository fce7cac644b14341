"""Which chosen values carry the headline: the audit of the calibration record.

Every value the model declares as an assumption or as calibrated — a mechanism parameter whose
declared source says so, or a baseline value whose comment in ``configs/baseline.yaml`` says so
(:func:`marked_values`) — is set to ×0.5 and ×1.5 of its value (clipped to its bounds), and the
baseline runs over the same :data:`SEEDS` seeds as unchanged. Those that move the baseline's
share of runs with a summit within its 24 months by more than :data:`THRESHOLD` (in points) are
listed with their effect.

``python -m tools.calibration_audit --write docs/calibration.md`` writes the table between its
markers.
"""

import argparse
import re
from pathlib import Path

import numpy as np

from sim.marked_section import replace_marked_section
from sim.resources import bundled_path
from sim.runs.batch import run_batch
from sim.scenario import load_scenario, numeric_parameters
from tools.inert_parameters import FACTORS, fingerprint, scaled

SEEDS = 1000
THRESHOLD = 0.10
"""A move of the summit share, as a share of runs, that a value must be listed for."""
MARK = re.compile(r"assum|calibrat", re.IGNORECASE)

BEGIN = (
    "<!-- calibration audit: begin "
    "(python -m tools.calibration_audit --write docs/calibration.md) -->"
)
END = "<!-- calibration audit: end -->"


def yaml_comments(path: Path) -> dict[str, str]:
    """The end-of-line comment of each value of a scenario file, by dotted key.

    A flow mapping such as ``position: {nuclear: 0.3, sanctions: 0.2}  # …`` gives its comment to
    each entry.
    """
    found: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\s*)([A-Za-z_][\w]*):\s*(.*)$", line)
        if not match:
            continue
        indent, key, rest = len(match[1]), match[2], match[3]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path_key = ".".join([k for _, k in stack] + [key])
        value, _, comment = rest.partition("#")
        if not value.strip():
            stack.append((indent, key))
            continue
        if value.strip().startswith("{"):
            for inner in re.findall(r"(\w+)\s*:", value):
                found[f"{path_key}.{inner}"] = comment.strip()
        found[path_key] = comment.strip()
    return found


def marked_values(scenario_name: str = "baseline") -> dict[str, str]:
    """Every numeric value marked as assumed or calibrated, with the words that mark it."""
    scenario = load_scenario(scenario_name)
    comments = yaml_comments(bundled_path("configs") / f"{scenario_name}.yaml")
    found = {}
    for key, info in numeric_parameters(scenario).items():
        if key.endswith(".enabled"):
            continue
        for text in (info.source, comments.get(key, "")):
            if MARK.search(text):
                found[key] = text
                break
    return found


def audit(seeds: int = SEEDS) -> tuple[float, dict[str, dict[float, float]]]:
    """The baseline's summit share, and per marked value its share at each factor."""
    scenario = load_scenario("baseline")
    infos = numeric_parameters(scenario)
    runs = np.arange(seeds)
    base = float(run_batch(scenario, runs).outcomes["summit_held"].mean())
    shares: dict[str, dict[float, float]] = {}
    for key in sorted(marked_values()):
        shares[key] = {}
        for factor in FACTORS:
            value = scaled(infos[key], factor)
            if value == infos[key].default:
                shares[key][factor] = base
                continue
            result = run_batch(scenario, runs, {key: np.full(seeds, value)})
            if any(error is not None for error in result.errors):
                shares[key][factor] = float("nan")
                continue
            shares[key][factor] = float(result.outcomes["summit_held"].mean())
    return base, shares


def audit_table(base: float, shares: dict[str, dict[float, float]], seeds: int, prose: str) -> str:
    """The Markdown table of the marked values that move the summit share most.

    Those that move it by more than the threshold, largest first; whether the record's prose
    discusses each.
    """

    def move(key: str) -> float:
        return max(abs(s - base) for s in shares[key].values() if np.isfinite(s))

    listed = sorted((k for k in shares if move(k) > THRESHOLD), key=lambda k: (-move(k), k))
    lines = [
        f"<!-- fingerprint: {audit_fingerprint(seeds)} -->",
        f"{len(shares)} values are marked as assumed or calibrated; the baseline (seeds 0–"
        f"{seeds - 1}) holds a summit within 24 months in {base:.1%} of runs. "
        f"{len(listed)} of the values move that share by more than {THRESHOLD * 100:.0f} points at "
        "×0.5 or ×1.5 (clipped to bounds; a value that breaks a cross-parameter rule is not run):",
        "",
        "| value | as declared | summit share at ×0.5 | at ×1.5 | largest move | discussed above |",
        "|---|---|---|---|---|---|",
    ]
    for key in listed:
        short = key.removeprefix("mechanisms.")
        cells = [
            f"{shares[key][f]:.1%}" if np.isfinite(shares[key][f]) else "breaks a rule"
            for f in FACTORS
        ]
        discussed = "yes" if re.search(rf"\b{short.split('.')[-1]}\b", prose) else "**no**"
        value = load_value(key)
        lines.append(
            f"| `{key}` | {value:.3g} | {cells[0]} | {cells[1]} | "
            f"{move(key) * 100:.0f} points | {discussed} |"
        )
    return "\n".join(lines) + "\n"


def audit_fingerprint(seeds: int = SEEDS) -> str:
    """What the audit depends on, with the values marked and the threshold.

    See :func:`tools.inert_parameters.fingerprint`.
    """
    return fingerprint(seeds, extra=[THRESHOLD, *sorted(marked_values().items())])


def load_value(key: str) -> float:
    """The baseline's value of a parameter."""
    return numeric_parameters(load_scenario("baseline"))[key].default


def main(argv: list[str] | None = None) -> None:
    """Print the table, or write it into the calibration record between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=SEEDS)
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    args = parser.parse_args(argv)
    base, shares = audit(args.seeds)
    record = args.write or Path("docs/calibration.md")
    prose = record.read_text(encoding="utf-8").split(BEGIN)[0] if record.is_file() else ""
    table = audit_table(base, shares, args.seeds, prose)
    if args.write:
        replace_marked_section(args.write, BEGIN, END, table)
    else:
        print(table, end="")


if __name__ == "__main__":
    main()
