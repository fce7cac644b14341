"""Identifiability: the tool says which parameters the record pins down and which trade off."""

from pathlib import Path

import numpy as np
import pytest

from sim.calibration.posterior import Posterior, read_posterior, write_posterior
from sim.marked_section import marked_section
from tools.identifiability import (
    TABLE_BEGIN,
    TABLE_END,
    identifiability,
    main,
    report,
    weighted_correlation,
)

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = ROOT / "docs" / "calibration.md"
BASE = "mechanisms.provocation.base"  # uniform on [-4, 0]: prior sd 4 / sqrt(12) = 1.155
TALKS = "mechanisms.cash_first.talks_value"  # uniform on [0, 1]: prior sd 0.289
GAIN = "mechanisms.showmanship.pressure_gain"  # uniform on [0, 1]


def synthetic(n: int = 4000, seed: int = 3) -> Posterior:
    """``BASE`` pinned near −1; ``TALKS`` and ``GAIN`` spread as their priors and correlated."""
    rng = np.random.default_rng(seed)
    base = rng.normal(-1.0, 0.1, n)
    talks = rng.uniform(0, 1, n)
    gain = np.clip(talks + rng.normal(0, 0.08, n), 0, 1)
    theta = np.column_stack([base, talks, gain])
    weights = rng.uniform(0.5, 1.5, n)
    provenance = {"settings": {"scenario": "history_2017_2019"}, "ess": 3900.0, "commit": "abc"}
    return Posterior((BASE, TALKS, GAIN), theta, weights / weights.sum(), provenance)


def test_a_pinned_parameter_and_a_trading_pair_are_found() -> None:
    result = identifiability(synthetic())
    verdicts = {m.key: m.verdict for m in result.marginals}
    assert verdicts == {BASE: "pinned down", TALKS: "not pinned down", GAIN: "not pinned down"}
    base = result.marginals[0]
    assert base.prior_sd == pytest.approx(4 / np.sqrt(12), rel=1e-3)
    assert base.shrinkage == pytest.approx(0.1 / base.prior_sd, rel=0.1)
    assert base.moved == pytest.approx((-1.0 + 2.0) / base.prior_sd, abs=0.02)
    trade = result.trade_offs()
    assert [(a, b) for a, b, _ in trade] == [(TALKS, GAIN)]
    assert trade[0][2] > 0.9
    text = report(result)
    assert f"| `{BASE}` |" in text and "| pinned down |" in text
    assert f"Not pinned down by the record: `{TALKS}`, `{GAIN}`." in text
    assert f"- `{TALKS}` and `{GAIN}`: r = +0.9" in text


def test_independent_parameters_do_not_trade_off() -> None:
    posterior = synthetic()
    rng = np.random.default_rng(0)
    theta = posterior.theta.copy()
    theta[:, 2] = rng.uniform(0, 1, len(theta))
    changed = Posterior(posterior.keys, theta, posterior.weights, posterior.provenance)
    result = identifiability(changed)
    assert result.trade_offs() == []
    assert "No pair trades off" in report(result)


def test_the_correlation_is_weighted() -> None:
    # two points agree, a third disagrees: weighted away, the columns are perfectly correlated
    theta = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, -5.0]])
    assert weighted_correlation(theta, np.array([0.5, 0.5, 0.0]))[0, 1] == pytest.approx(1.0)
    assert weighted_correlation(theta, np.ones(3))[0, 1] < 0


def test_write_draws_the_figure_and_fills_the_section(tmp_path: Path) -> None:
    path = tmp_path / "posterior.parquet"
    write_posterior(path, synthetic(n=500))
    doc = tmp_path / "calibration.md"
    doc.write_text(f"before\n{TABLE_BEGIN}\nold\n{TABLE_END}\nafter\n", encoding="utf-8")
    figure = tmp_path / "identifiability.png"
    argv = ["--posterior", str(path), "--write", str(doc), "--figure", str(figure)]
    assert main(argv) == 0
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    section = marked_section(doc.read_text(encoding="utf-8"), TABLE_BEGIN, TABLE_END)
    assert section is not None and "pinned down" in section and "old" not in section
    assert doc.read_text(encoding="utf-8").startswith("before\n")


def test_a_missing_posterior_is_one_line_and_status_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--posterior", str(tmp_path / "none.parquet")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("identifiability: error:") and err.count("\n") == 1


def test_docs_calibration_md_holds_the_bundled_posteriors_report() -> None:
    """Regenerate with ``python -m tools.identifiability --write docs/calibration.md``."""
    text = CALIBRATION.read_text(encoding="utf-8")
    expected = report(identifiability(read_posterior()))
    assert marked_section(text, TABLE_BEGIN, TABLE_END) == "\n" + expected
    assert (ROOT / "docs" / "identifiability.png").is_file()


def test_make_docs_regenerates_the_section_after_the_checks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndocs:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("neasim calibrate --check") < recipe.index(
        "tools.identifiability --write docs/calibration.md"
    )
