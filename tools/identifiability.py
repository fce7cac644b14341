"""What the record pins down: each calibrated parameter's posterior beside its prior.

Reads a posterior (``data/posterior.parquet``) and the priors its parameters declare
(:mod:`sim.parameters.priors`, looked up in the scenario the posterior was calibrated on) and
reports, per parameter, the weighted posterior mean and spread against the prior's, the
*shrinkage* (posterior sd / prior sd) and a verdict, then the pairs of parameters that trade off
(the largest absolute weighted posterior correlations). A parameter is

- **pinned down** when its posterior sd is at most :data:`PINNED` of its prior sd (the record
  removes at least three quarters of the prior's variance),
- **narrowed** when it is at most :data:`NARROWED` of it,
- **not pinned down** otherwise: the posterior is close to the prior, and the record alone cannot
  tell the parameter's values apart (Gelman et al. 2013, *Bayesian Data Analysis*, on prior to
  posterior contraction; Betancourt 2018 on posterior z-score and shrinkage).

Two parameters *trade off* when their weighted posterior correlation is at least
:data:`TRADE_OFF` in absolute value: the record constrains a combination of them more than
either alone.

``python -m tools.identifiability --write docs/calibration.md`` rewrites the section of the
calibration record between its markers and draws ``docs/identifiability.png`` (prior as a line,
posterior as bars, one panel per parameter); ``make docs`` runs it after every new posterior.
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sim.calibration.posterior import POSTERIOR, Posterior, read_posterior
from sim.errors import InputError
from sim.parameters.priors import Fixed
from sim.scenario import ParameterInfo, load_scenario, numeric_parameters

PINNED = 0.5
"""Shrinkage (posterior sd / prior sd) at or below which the record pins a parameter down."""
NARROWED = 0.8
"""Shrinkage at or below which the record narrows a parameter (above: close to its prior)."""
TRADE_OFF = 0.3
"""Absolute weighted posterior correlation from which two parameters are said to trade off."""
GRID = 20_000
"""Points of the quantile grid the prior's moments and density are computed on."""
FIGURE = Path("docs") / "identifiability.png"

TABLE_BEGIN = (
    "<!-- identifiability: begin (python -m tools.identifiability --write docs/calibration.md) -->"
)
TABLE_END = "<!-- identifiability: end -->"


@dataclass(frozen=True)
class Marginal:
    """One parameter: its prior's and its posterior's mean and sd, and the verdict."""

    key: str
    prior_mean: float
    prior_sd: float
    mean: float
    sd: float

    @property
    def shrinkage(self) -> float:
        """Posterior sd over prior sd (1: nothing learnt; 0: a point)."""
        return self.sd / self.prior_sd

    @property
    def moved(self) -> float:
        """How far the posterior mean lies from the prior's, in prior sds."""
        return (self.mean - self.prior_mean) / self.prior_sd

    @property
    def verdict(self) -> str:
        """``pinned down``, ``narrowed`` or ``not pinned down`` (see the module's criterion)."""
        if self.shrinkage <= PINNED:
            return "pinned down"
        if self.shrinkage <= NARROWED:
            return "narrowed"
        return "not pinned down"


@dataclass(frozen=True)
class Identifiability:
    """Every parameter's marginal, the weighted correlation matrix, and the prior samples."""

    marginals: tuple[Marginal, ...]
    correlation: NDArray[np.float64]  # (P, P)
    prior_grid: dict[str, NDArray[np.float64]]
    posterior: Posterior

    def pairs(self) -> list[tuple[str, str, float]]:
        """Every pair of parameters with its correlation, the strongest first."""
        keys = [m.key for m in self.marginals]
        found = [
            (keys[i], keys[j], float(self.correlation[i, j]))
            for i in range(len(keys))
            for j in range(i + 1, len(keys))
        ]
        return sorted(found, key=lambda item: (-abs(item[2]), item[0], item[1]))

    def trade_offs(self) -> list[tuple[str, str, float]]:
        """The pairs whose correlation reaches :data:`TRADE_OFF` in absolute value."""
        return [pair for pair in self.pairs() if abs(pair[2]) >= TRADE_OFF]


def prior_grid(info: ParameterInfo) -> NDArray[np.float64]:
    """The prior's quantiles at ``GRID`` evenly spaced probabilities (a quadrature of it)."""
    if isinstance(info.prior, Fixed):
        raise InputError(f"{info.key}: has a fixed prior, so a posterior cannot be compared to it")
    u = (np.arange(GRID) + 0.5) / GRID
    return info.prior.ppf(u, info.default, info.low, info.high)


def weighted_correlation(
    theta: NDArray[np.float64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The weighted correlation matrix (P, P) of the columns of ``theta``."""
    w = np.asarray(weights, dtype=float) / np.sum(weights)
    centred = theta - w @ theta
    cov = (centred * w[:, None]).T @ centred
    sd = np.sqrt(np.diag(cov))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    found: NDArray[np.float64] = np.nan_to_num(corr)
    return found


def parameter_infos(posterior: Posterior) -> dict[str, ParameterInfo]:
    """The declared parameters (with priors) of the scenario the posterior was learnt on."""
    scenario = posterior.provenance.get("settings", {}).get("scenario")
    if not isinstance(scenario, str):
        raise InputError("the posterior's provenance names no scenario (settings.scenario)")
    infos = numeric_parameters(load_scenario(scenario))
    missing = [key for key in posterior.keys if key not in infos]
    if missing:
        raise InputError(f"the posterior's parameters {missing} are not declared in {scenario}")
    return infos


def identifiability(posterior: Posterior) -> Identifiability:
    """Each parameter's prior against its posterior, and the posterior's correlations."""
    infos = parameter_infos(posterior)
    w = posterior.weights / posterior.weights.sum()
    marginals, grids = [], {}
    for k, key in enumerate(posterior.keys):
        grid = prior_grid(infos[key])
        grids[key] = grid
        values = posterior.theta[:, k]
        mean = float(w @ values)
        sd = float(np.sqrt(w @ (values - mean) ** 2))
        marginals.append(Marginal(key, float(grid.mean()), float(grid.std()), mean, sd))
    correlation = weighted_correlation(posterior.theta, w)
    return Identifiability(tuple(marginals), correlation, grids, posterior)


def _g(value: float) -> str:
    """A number as the tables write it: three significant digits, a true minus sign."""
    return f"{value:.3g}".replace("-", "−")


def _signed(value: float) -> str:
    """A signed number to two decimals with a true minus sign."""
    return f"{value:+.2f}".replace("-", "−")


def report(result: Identifiability, figure: str = str(FIGURE)) -> str:
    """The Markdown section of ``docs/calibration.md``."""
    about = result.posterior.provenance
    commit = str(about.get("commit") or "unknown")[:10]
    ess = about.get("ess")
    size = f"{len(result.posterior.weights):,} particles"
    if isinstance(ess, int | float):
        size += f", effective sample size {ess:,.0f}"
    lines = [
        f"The posterior of `data/posterior.parquet` ({size}; commit {commit}) against the "
        f"priors its parameters declare. Shrinkage is the posterior's sd over the prior's: "
        f"**pinned down** at most {PINNED:g}, **narrowed** at most {NARROWED:g}, otherwise "
        f"**not pinned down** (the record leaves the parameter close to its prior). Prior and "
        f"posterior side by side: `{figure}`.",
        "",
        f"![prior (line) and posterior (bars) of each calibrated parameter]({Path(figure).name})",
        "",
        "| parameter | prior mean ± sd | posterior mean ± sd | shrinkage | mean moved "
        "(prior sds) | the record |",
        "|---|---|---|---|---|---|",
    ]
    for m in result.marginals:
        lines.append(
            f"| `{m.key}` | {_g(m.prior_mean)} ± {_g(m.prior_sd)} | {_g(m.mean)} ± {_g(m.sd)} "
            f"| {m.shrinkage:.2f} | {_signed(m.moved)} | {m.verdict} |"
        )
    loose = [f"`{m.key}`" for m in result.marginals if m.verdict == "not pinned down"]
    lines += [
        "",
        "Not pinned down by the record: " + (", ".join(loose) if loose else "none") + ".",
        "",
    ]
    trade = result.trade_offs()
    if trade:
        lines.append(
            f"Pairs that trade off (weighted posterior correlation |r| ≥ {TRADE_OFF:g}, "
            "strongest first):"
        )
        lines.append("")
        lines += [f"- `{a}` and `{b}`: r = {_signed(r)}" for a, b, r in trade]
    else:
        a, b, r = result.pairs()[0] if result.pairs() else ("", "", 0.0)
        strongest = f" (the strongest: `{a}` and `{b}`, r = {_signed(r)})" if a else ""
        lines.append(
            f"No pair trades off: every weighted posterior correlation is below {TRADE_OFF:g} "
            f"in absolute value{strongest}."
        )
    return "\n".join(lines) + "\n"


def draw_figure(result: Identifiability, path: Path) -> Path:
    """Prior (line) and weighted posterior (bars) of every parameter, one panel each."""
    from matplotlib.figure import Figure

    from analysis.output import save_figure

    n = len(result.marginals)
    cols = min(4, n)
    rows = -(-n // cols)
    fig = Figure(figsize=(3.2 * cols, 2.6 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    for k, m in enumerate(result.marginals):
        ax = axes[k // cols][k % cols]
        grid = result.prior_grid[m.key]
        bins = np.linspace(grid[0], grid[-1], 31)
        prior, _ = np.histogram(grid, bins=bins, density=True)
        post, _ = np.histogram(
            result.posterior.theta[:, k], bins=bins, weights=result.posterior.weights, density=True
        )
        centres = (bins[:-1] + bins[1:]) / 2
        ax.bar(centres, post, width=np.diff(bins), color="#4c78a8", alpha=0.6, label="posterior")
        ax.plot(centres, prior, color="#333333", linewidth=1.5, label="prior")
        ax.set_title(f"{m.key.removeprefix('mechanisms.')}\n{m.verdict}, {m.shrinkage:.2f}")
        ax.title.set_fontsize(8)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].set_axis_off()
    axes[0][0].legend(fontsize=7, frameon=False)
    fig.suptitle("Prior and posterior of each calibrated parameter (title: verdict, shrinkage)")
    return save_figure(fig, path)


def main(argv: list[str] | None = None) -> int:
    """Print the report, or write it into the calibration record and draw the figure."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.identifiability", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--posterior", type=Path, default=POSTERIOR, help="the posterior file")
    parser.add_argument("--write", type=Path, help="the document to update (docs/calibration.md)")
    parser.add_argument(
        "--figure", type=Path, default=FIGURE, help=f"with --write: the figure (default {FIGURE})"
    )
    args = parser.parse_args(argv)
    try:
        result = identifiability(read_posterior(args.posterior))
        text = report(result, str(FIGURE) if args.figure == FIGURE else str(args.figure))
        if args.write is None:
            print(text, end="")
            return 0
        from sim.marked_section import replace_marked_section

        replace_marked_section(args.write, TABLE_BEGIN, TABLE_END, text)
    except InputError as error:
        print(f"identifiability: error: {error}", file=sys.stderr)
        return 2
    draw_figure(result, args.figure)
    print(args.figure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
