"""``neasim params``: every declared parameter, found by pattern, with its value and bounds."""

import pytest

from sim.cli import main
from sim.parameters.labels import PLAIN_LABELS
from sim.scenario import load_scenario, numeric_parameters


def test_params_lists_every_declared_parameter_with_value_bounds_meaning_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["params"]) == 0
    lines = capsys.readouterr().out.splitlines()
    infos = numeric_parameters(load_scenario("baseline"))
    assert lines[-1] == f"{len(infos)} of {len(infos)} parameters (baseline)"
    heads = [line for line in lines[:-1] if not line.startswith("    ")]
    assert [head.split(" = ")[0] for head in heads] == list(infos)
    index = heads.index(next(h for h in heads if h.startswith("mechanisms.trust.forgiveness ")))
    info = infos["mechanisms.trust.forgiveness"]
    assert (
        heads[index]
        == f"mechanisms.trust.forgiveness = {info.default:g}  [{info.low:g}, {info.high:g}]"
        f" {info.units}"
    )
    detail = lines[lines.index(heads[index]) + 1]
    assert info.meaning in detail and f"source: {info.source}" in detail


def test_params_shows_a_scenarios_values_for_a_glob(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["params", "actors.*.mediation", "--scenario", "rok_mediator"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("actors.KOR.mediation = 0.6  [0, 1]")
    assert out[-1] == "1 of " + out[-1].split(" of ")[1]
    assert main(["params", "actors.*.mediation"]) == 0
    baseline = capsys.readouterr().out.splitlines()[0]
    assert baseline != out[0]  # the baseline's own value


def test_a_pattern_matching_nothing_is_one_line_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["params", "forgivness"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "forgivness: no declared parameter matches" in err
    assert "did you mean 'mechanisms.trust.forgiveness'" in err


def test_a_lever_of_the_page_is_shown_with_its_plain_label(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["params", "upfront_relief"]) == 0
    lines = capsys.readouterr().out.splitlines()
    plain = PLAIN_LABELS["actors.USA.upfront_relief"]
    assert lines[0].startswith("actors.USA.upfront_relief = ")
    assert lines[2] == f"    in class: {plain.label} — {plain.help}"
    assert main(["params", "mechanisms.trust.forgiveness"]) == 0
    assert "in class:" not in capsys.readouterr().out  # no label: no line


def test_every_plain_label_is_printed_by_params(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    for key, plain in PLAIN_LABELS.items():
        assert f"    in class: {plain.label} — {plain.help}\n" in out, key
    assert out.count("    in class: ") == len(PLAIN_LABELS)


@pytest.mark.parametrize("command", [["params"], ["run"], ["calibrate"]])
def test_help_quotes_the_plain_labels_and_points_to_params(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main([*command, "--help"])
    assert exit.value.code == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    if command == ["params"]:
        for key, plain in PLAIN_LABELS.items():
            assert f"{key} {plain.label}" in text, key
    else:
        example = PLAIN_LABELS["actors.USA.upfront_relief"].label
        assert f"actors.USA.upfront_relief=0.5 ({example})" in text
        assert "`neasim params [PATTERN]` lists every key" in text
