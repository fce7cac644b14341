"""Random bytes and random YAML fed to every reader: a valid result or one line, never a traceback.

The readers are the commands that take a file or a directory from a user: ``run`` and
``validate`` (scenario files), ``sweep`` (sweep specs), ``plot`` and ``compare`` (saved runs, one
of whose files is replaced by random content). Hostile YAML — alias bombs of any shape,
self-referring aliases, deep nesting, huge scalars — must be refused (or read) within a time
and a memory limit per case.
"""

import contextlib
import io
import shutil
import signal
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.scenario import load_scenario, numeric_parameters

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

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


SECONDS_PER_CASE = 20
"""A case that takes longer hangs (a hostile file is refused in milliseconds)."""
BYTES_PER_CASE = 64 << 20
"""A case whose Python allocations peak above this explodes (an alias bomb expanded)."""


@contextlib.contextmanager
def limits() -> Iterator[None]:
    """Fail the case if it runs longer than :data:`SECONDS_PER_CASE` or allocates too much."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {SECONDS_PER_CASE} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(SECONDS_PER_CASE)
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
        assert peak < BYTES_PER_CASE, f"peak allocation {peak >> 20} MiB"
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def alias_bombs(draw: st.DrawFn) -> str:
    """Each level a list (or mapping) of aliases of the level below: fan ** levels values."""
    levels, fan = draw(st.integers(2, 12)), draw(st.integers(2, 12))
    as_mapping = draw(st.booleans())
    lines = [f"l0: &l0 {draw(st.sampled_from(['lol', '1', 'x' * 1000]))!r}"]
    for level in range(1, levels + 1):
        if as_mapping:
            items = ", ".join(f"k{n}: *l{level - 1}" for n in range(fan))
            lines.append(f"l{level}: &l{level} {{{items}}}")
        else:
            lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan)}]")
    key = draw(st.sampled_from(["description", "actors", "mechanisms", "calendar"]))
    return "extends: baseline\n" + "\n".join(lines) + f"\n{key}: *l{levels}\n"


@st.composite
def self_references(draw: st.DrawFn) -> str:
    """An alias inside the node it names, directly or a few levels down."""
    depth = draw(st.integers(0, 5))
    opening = draw(st.sampled_from(["[", "{k: "]))
    closing = "]" if opening == "[" else "}"
    inner = "*a"
    for _ in range(depth):
        inner = f"[{inner}]" if draw(st.booleans()) else f"{{x: {inner}}}"
    key = draw(st.sampled_from(["description", "name", "actors", "months"]))
    return f"extends: baseline\n{key}: &a {opening}{inner}{closing}\n"


@st.composite
def huge_scalars(draw: st.DrawFn) -> str:
    """Integers of thousands of digits, long text, deep brackets, long floats."""
    n = draw(st.integers(31, 20_000))
    value = draw(
        st.sampled_from(
            [
                "9" * n,
                "-" + "1" * n,
                "0x" + "f" * n,
                "1e" + "9" * min(n, 400),
                "x" * (n * 60),
                "[" * min(n, 5000) + "]" * min(n, 5000),
                "{a: " * min(n, 3000) + "1" + "}" * min(n, 3000),
            ]
        )
    )
    key = draw(st.sampled_from(["seed", "months", "description", "name"]))
    return f"extends: baseline\n{key}: {value}\n"


@FUZZ
@given(text=st.one_of(alias_bombs(), self_references(), huge_scalars()))
def test_hostile_yaml_is_refused_within_limits(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.yaml"
        path.write_text(text, encoding="utf-8")
        with limits():
            code, err = neasim("validate", str(path))
        assert_result_or_one_line(code, err)


@FUZZ
@given(value=st.one_of(self_references(), huge_scalars()).map(lambda t: t.split(": ", 2)[-1]))
def test_hostile_set_values_are_refused_within_limits(value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, limits():
        options = ["--months", "1", "--no-plots", "--quiet", "--out", f"{tmp}/o"]
        code, err = neasim("run", "--set", f"description={value.strip()}", *options)
        assert code == 2 or (code == 0 and (Path(tmp) / "o").is_dir()), err
        assert_result_or_one_line(code, err)
