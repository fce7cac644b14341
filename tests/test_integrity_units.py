"""The small pieces integrity rests on: safe names, strict YAML, one-line environment errors."""

import errno
from pathlib import Path

import pytest

from sim.errors import InputError
from sim.failures import environment_error
from sim.parameters.yaml_input import depth, read_mapping
from sim.runs.claim import claim, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("baseline", "baseline"),
        ("../../../x", "x"),
        ("/tmp/neasim-escape/x", "tmp-neasim-escape-x"),
        ("..", "run"),
        ("", "run"),
        (".hidden", "hidden"),
        ("a..b", "a.b"),
        ("Rok mediator!", "Rok-mediator"),
        ("x" * 200, "x" * 80),
    ],
)
def test_a_slug_is_one_safe_path_component(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_taken_default_name_gets_the_next_number(tmp_path: Path) -> None:
    first = claim(tmp_path / "run", numbered=True)
    second = claim(tmp_path / "run", numbered=True)
    assert (first.name, second.name) == ("run", "run-2")
    with pytest.raises(InputError, match="already exists"):
        claim(tmp_path / "run", numbered=False)


def test_depth_counts_nested_containers() -> None:
    assert depth(1) == 0
    assert depth({"a": [1, {"b": 2}]}) == 3


def test_a_key_given_twice_in_a_nested_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("actors:\n  PRK:\n    capability: 0.3\n    capability: 0.4\n")
    with pytest.raises(InputError, match=r"line 4: malformed YAML: key 'capability' is given"):
        read_mapping(path)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (OSError(errno.EACCES, "Permission denied", "runs/x"), "runs/x: permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on the device"),
        (OSError(errno.EFBIG, "File too large", "s.csv"), "s.csv: file too large"),
        (MemoryError(), "out of memory"),
    ],
)
def test_environment_errors_are_one_line(error: OSError | MemoryError, says: str) -> None:
    line = environment_error(error)
    assert says in line and "\n" not in line
