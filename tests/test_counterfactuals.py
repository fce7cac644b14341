"""The bundled counterfactual scenarios: each is a readable file that changes what it says.

Patterns P3, P6, P7 and P8 (tests/test_patterns.py) test no_russia, trade_deal_fails,
rok_mediator and us_cash_first; this file tests what the files themselves promise and the one
scenario no pattern covers, china_reengages.
"""

import numpy as np
import pytest

from sim.calendar import month_label
from sim.countries import CHN, PRK
from sim.model import DiplomacyModel
from sim.scenario import bundled_scenarios, load_scenario, read_yaml

COUNTERFACTUALS = sorted(set(bundled_scenarios()) - {"baseline"})


@pytest.mark.parametrize("name", COUNTERFACTUALS)
def test_a_bundled_scenario_extends_a_parent_and_explains_itself(name: str) -> None:
    path = bundled_scenarios()[name]
    raw = read_yaml(path)
    assert raw.get("extends") == "baseline", f"{name}: extends its parent"
    assert len(str(raw.get("description", "")).split()) >= 30, f"{name}: a description to read"
    assert path.read_text(encoding="utf-8").startswith("# "), f"{name}: a header comment"


def test_the_history_replay_covers_january_2017_to_december_2019() -> None:
    scenario = load_scenario("history_2017_2019")
    assert scenario.start == "2017-01"
    assert month_label(scenario.start, scenario.months) == "2019-12"
    assert scenario.actors.RUS.block_tightening == scenario.actors.CHN.block_tightening == 0.0


def test_china_reengaging_loosens_sanctions_and_wins_pyongyang_over() -> None:
    """china_reengages against the baseline at month 12 (100 replicates): the same alignment
    worries China as much, but a China disposed to compete re-engages more, so it supports North
    Korea more (measured 0.80 against 0.45), enforces less (0.46 against 0.58), North Korea
    trusts it more (medians 0.71 against 0.56) and needs relief less (0.211 against 0.226)."""
    month = {}
    for name in ("baseline", "china_reengages"):
        model = DiplomacyModel(name, seeds=np.arange(100), record=True)
        model.run()
        month[name] = model.history[12]
    base, rival = month["baseline"], month["china_reengages"]
    assert np.array_equal(base.concern[:, CHN], rival.concern[:, CHN])
    assert rival.backing[:, CHN].mean() - base.backing[:, CHN].mean() >= 0.2
    assert base.enforcement[:, CHN].mean() - rival.enforcement[:, CHN].mean() >= 0.06
    assert np.median(rival.trust[:, PRK, CHN]) - np.median(base.trust[:, PRK, CHN]) >= 0.08
    assert np.median(base.relief_need) - np.median(rival.relief_need) >= 0.007
