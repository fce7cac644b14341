"""Random bytes and random YAML fed to every reader: a valid result or one line, never a traceback.

The readers are the commands that take a file or a directory from a user: ``run`` and
``validate`` (scenario files), ``sweep`` (sweep specs), ``plot`` and ``compare`` (saved runs, one
of whose files is replaced by random content).
"""

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.scenario import load_scenario, numeric_parameters

KEYS = sorted(numeric_parameters(load_scenario("baseline")))
RUN_FILES = ("manifest.json", "config.yaml", "states.csv", "world.csv", "events.csv")
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def scenario_like(draw: st.DrawFn) -> dict[str, object]:
    """A scenario extending the baseline with a few keys set to anything."""
    data: dict[str, object] = {"extends": "baseline"}
    for key in draw(st.lists(st.sampled_from([*KEYS, "months", "start", "seed", "name"]))):
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            node = child if isinstance(child, dict) else {}
        node[parts[-1]] = draw(documents)
    return data


@st.composite
def spec_like(draw: st.DrawFn) -> dict[str, object]:
    """A sweep spec of the baseline with a few keys set to anything."""
    data: dict[str, object] = {"base": "baseline", "seed": 1, "months": 1, "replicates": 1}
    names = ["design", "n", "replicates", "seed", "months", "parameters", "outcomes", "name"]
    for name in draw(st.lists(st.sampled_from(names), max_size=3)):
        data[name] = draw(documents)
    if draw(st.booleans()):
        data["parameters"] = {draw(st.sampled_from(KEYS)): draw(documents)}
    return data


def contents(shaped: st.SearchStrategy[dict[str, object]]) -> st.SearchStrategy[bytes]:
    """Random bytes, random YAML, or YAML shaped like the file expected."""
    dumped = st.one_of(documents, shaped).map(
        lambda data: yaml.safe_dump(data, allow_unicode=True).encode()
    )
    return st.one_of(st.binary(max_size=300), dumped)


def neasim(*argv: str) -> tuple[int, str]:
    """Run ``neasim`` in-process; its exit status and what it said on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue()


def assert_result_or_one_line(code: int, err: str) -> None:
    assert code in (0, 2), err
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("neasim: error: "), err


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("saved") / "run"
    assert neasim("run", "--months", "3", "--no-plots", "--quiet", "--out", str(out))[0] == 0
    return out


@FUZZ
@given(content=contents(scenario_like()), command=st.sampled_from(["run", "validate"]))
def test_scenario_readers(content: bytes, command: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.yaml"
        path.write_bytes(content)
        options = ["--months", "1", "--no-plots", "--quiet", "--out", f"{tmp}/out"]
        code, err = neasim(command, str(path), *(options if command == "run" else []))
        assert_result_or_one_line(code, err)


@FUZZ
@given(content=contents(spec_like()))
def test_sweep_reader(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spec.yaml"
        path.write_bytes(content)
        out = f"{tmp}/out"
        code, err = neasim("sweep", str(path), "--out", out, "--workers", "1", "--no-progress")
        assert_result_or_one_line(code, err)


@FUZZ
@given(
    name=st.sampled_from(RUN_FILES),
    content=st.one_of(st.binary(max_size=300), documents.map(lambda d: yaml.safe_dump(d).encode())),
    command=st.sampled_from(["plot", "compare"]),
)
def test_saved_run_readers(saved_run: Path, name: str, content: bytes, command: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        shutil.copytree(saved_run, run)
        (run / name).write_bytes(content)
        if command == "plot":
            code, err = neasim("plot", str(run), "--out", f"{tmp}/plots")
        else:
            code, err = neasim("compare", str(saved_run), str(run), "--out", f"{tmp}/c.png")
        assert_result_or_one_line(code, err)
