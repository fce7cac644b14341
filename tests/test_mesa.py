"""Mesa's own tools work on the model: batch_run, the DataCollector, the agent set."""

from typing import Any

import mesa
import pandas as pd

from sim.agents import Country
from sim.countries import COUNTRIES
from sim.model import DiplomacyModel


def test_mesa_batch_run_runs_the_model_over_a_grid_and_seeds() -> None:
    results = mesa.batch_run(
        DiplomacyModel,
        parameters={"scenario": "baseline", "mechanisms.showmanship.window_boost": [0.0, 6.0]},
        rng=[1, 2, 3],
        max_steps=100,
        number_processes=1,
        data_collection_period=-1,
        display_progress=False,
    )
    frame = pd.DataFrame(results)
    assert len(frame) == 2 * 3 * len(COUNTRIES)  # one row per agent per run
    assert set(frame["country"]) == set(COUNTRIES)
    assert (frame["Step"] == 24).all()
    assert frame["prk_relief_need"].between(0, 1).all()
    # the same seed and parameters give the same result as a direct run
    boost: dict[str, Any] = {"mechanisms.showmanship.window_boost": 6.0}
    direct = DiplomacyModel("baseline", rng=2, **boost)
    direct.run()
    row = frame[(frame["rng"] == 2) & (frame["mechanisms.showmanship.window_boost"] == 6.0)]
    assert row["tension"].iloc[0] == float(direct.state.tension[0])


def test_the_model_has_an_agent_per_country_and_a_datacollector() -> None:
    model = DiplomacyModel("baseline", rng=5)
    assert [agent.code for agent in model.agents] == list(COUNTRIES)
    assert all(isinstance(agent, Country) for agent in model.agents)
    model.run()
    assert not model.running and model.t == 24
    frame = model.datacollector.get_model_vars_dataframe()
    assert len(frame) == 25 and {"tension", "prk_trust_in_usa"} <= set(frame.columns)
    agents = model.datacollector.get_agent_vars_dataframe()
    assert len(agents) == 25 * len(COUNTRIES)
