"""A resolved scenario written back as YAML: running the file again reproduces the run."""

import yaml

from sim.scenario.schema import Scenario


def to_yaml(scenario: Scenario) -> str:
    """The fully resolved scenario as YAML: running it again reproduces the run."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
