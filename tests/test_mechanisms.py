"""Each mechanism on numbers that can be checked by hand (the docstrings carry more examples)."""

import numpy as np
import pytest

from sim.mechanisms import (
    cash_first,
    china,
    cooperation,
    japan,
    korea,
    lifeline,
    provocation,
    regime_security,
    sanctions,
    showmanship,
    tension,
    trust,
    winsets,
)


def test_showmanship_window_multiplies_the_propensity_and_ramps_up_before_it() -> None:
    # (0.02 + 0.1 * 0.6) = 0.08 outside a window; * (1 + 3 * 1) = 0.32 in it
    chance = showmanship.summit_proposal_probability(0.6, np.array([0.0, 1.0]), 0.02, 0.1, 3.0)
    assert chance == pytest.approx([0.08, 0.32])
    ramp = [showmanship.window_visibility(t, [4], [1.0], np.array([2.0]))[0] for t in range(6)]
    assert ramp == pytest.approx([0, 0, 1 / 3, 2 / 3, 1, 0])


def test_a_held_summit_relieves_us_pressure_whatever_its_substance() -> None:
    after = showmanship.us_pressure_update(np.array([0.8, 0.8]), np.array([True, False]), 0.03, 0.5)
    assert after == pytest.approx([0.4, 0.83])


def test_cash_first_price_rises_with_distrust_and_patience_and_falls_with_security() -> None:
    # 0.1 + 0.35 * (1 - 0.2) + 0.45 * (1 - 0.6) - 0.15 * (0.5 - 0.45) = 0.5525
    price = cash_first.cash_first_price(0.2, 0.6, 0.5, 0.45, 0.1, 0.35, 0.45, 0.15)
    assert price == pytest.approx(0.5525)
    less_trust = cash_first.cash_first_price(0.1, 0.6, 0.5, 0.45, 0.1, 0.35, 0.45, 0.15)
    less_need = cash_first.cash_first_price(0.2, 0.4, 0.5, 0.45, 0.1, 0.35, 0.45, 0.15)
    assert less_trust == pytest.approx(0.5525 + 0.035)
    assert less_need == pytest.approx(0.5525 + 0.09)


def test_an_offer_is_accepted_only_when_its_noisy_value_reaches_the_price() -> None:
    # value 0.5, price 0.55, noise 0.1: the draw must be at least 0.75
    draws = np.array([0.74, 0.76])
    assert cash_first.accepts_offer(0.5, 0.55, draws, 0.1).tolist() == [False, True]


def test_north_korea_never_concedes_first_below_its_threshold() -> None:
    allowed = cash_first.may_concede(
        np.array([0.34, 0.35, 0.1]), 0.35, np.array([False, False, True])
    )
    assert allowed.tolist() == [False, True, True]


def test_trust_falls_faster_than_it_rises() -> None:
    up = trust.reinforce(0.4, 0.1)  # 0.4 + 0.1 * 0.6 = 0.46
    down = trust.betray(up, 0.25)  # 0.46 * 0.75 = 0.345
    assert up == pytest.approx(0.46)
    assert down == pytest.approx(0.345)
    assert down < 0.4


def test_a_deal_without_a_reward_turns_hollow_at_the_deadline() -> None:
    hollow = trust.deal_is_hollow(
        np.array([True, True, True, False]),
        np.array([False, False, True, False]),
        np.array([2, 3, 5, 9]),
        3,
    )
    assert hollow.tolist() == [False, True, False, False]


def test_russian_flows_lower_the_relief_need_target() -> None:
    # target = 0.5 * (1 - 0.8 * flows); need moves half way there
    assert lifeline.relief_need_target(0.5, np.array([0.0, 0.5]), 0.8) == pytest.approx([0.5, 0.3])
    assert lifeline.relief_need_update(0.6, 0.5, 0.5, 0.8, 0.5) == pytest.approx(0.45)
    assert lifeline.leverage(0.4, 0.8, 0.25) == pytest.approx(0.5)


def test_sanctions_bite_only_where_enforced_and_a_veto_blocks_tightening() -> None:
    # regime 0.8, China enforces 0.9 on 80% of trade, Russia 0 on 20%: 0.8 * 0.72 = 0.576
    effective = sanctions.effective_sanctions(0.8, [[0.9, 0.0]], [[0.8, 0.2]])
    assert effective == pytest.approx([0.576])
    passed = sanctions.tightening_adopted(
        True, np.array([False, True, False]), [False, False, True]
    )
    assert passed.tolist() == [True, False, False]
    assert sanctions.regime_update(0.7, True, False, 0.1, 0.15) == pytest.approx(0.8)


def test_military_cooperation_raises_chinese_concern_and_erodes_trust() -> None:
    concern = china.concern_update(0.0, np.array([0.2, 0.8]), 0.5, 0.1)
    assert concern == pytest.approx([0.1, 0.4])
    # distancing keeps the whole erosion: 0.5 * (1 - 0.1 * 0.4) = 0.48; competing halves it
    after = china.trust_in_prk_update(0.5, 0.4, 0.1, np.array([0.0, 1.0]))
    assert after == pytest.approx([0.48, 0.49])


def test_japan_pressure_support_and_outreach() -> None:
    assert japan.pressure_target(0.8, 0.6, 0.45, 0.35) == pytest.approx(0.57)
    # support erodes by 0.15 * (0.6 - 0.45) above tolerance
    assert japan.support_update(0.3, 0.6, 0.3, 0.45, 0.15, 0.04) == pytest.approx(0.2775)
    assert japan.months_of_low_support(np.array([2, 2]), np.array([0.2, 0.3]), 0.25).tolist() == [
        3,
        0,
    ]
    # outreach: 0.4 * (1 - 0.35 / 0.7) = 0.2, doubled by a Korean initiative at leadership 0.5
    assert japan.outreach_probability(0.35, 0.7, 0.4, np.array([False, True]), 0.5, 2.0) == (
        pytest.approx([0.2, 0.4])
    )


def test_korean_leadership_grows_with_pragmatism_and_a_snub() -> None:
    assert korea.leadership_update(0.4, 1.0, 0.1, 0.05) == pytest.approx(0.51)
    assert korea.initiative_probability(0.5, 0.3) == pytest.approx(0.15)


def test_mediation_moves_only_a_side_that_trusts_the_mediator() -> None:
    # weight (0.65 - 0.3) / 0.7 = 0.5; 0.2 + 0.2 * 0.5 * 0.8 = 0.28
    moved = korea.mediation_effect(0.2, np.array([0.65, 0.3, 0.1]), 0.2, 0.3)
    assert moved == pytest.approx([0.28, 0.2, 0.2])


def test_win_set_overlap_decides_the_agreement_type() -> None:
    assert winsets.winset_halfwidth(0.2, 0.5, np.array([0.5, 1.0, 0.0])) == pytest.approx(
        [0.2, 0.3, 0.1]
    )
    length, middle = winsets.overlap(0.3, 0.2, 0.6, 0.15)
    assert (length, middle) == (pytest.approx(0.05), pytest.approx(0.475))
    codes = winsets.agreement_type(
        np.array([-0.1, 0.05, -0.1, 0.05, 0.05]),
        np.array([-0.1, -0.1, 0.05, 0.05, 0.05]),
        np.array([0.5, 0.5, 0.5, 0.5, 0.3]),
        0.4,
    )
    named = [winsets.AGREEMENT_TYPES[c] for c in codes]
    assert named == ["none", "declaratory", "declaratory", "freeze_for_relief", "disarmament_step"]


def test_positions_move_damped_to_the_capability_salience_weighted_mean() -> None:
    middle = winsets.compromise(
        [[[0.0, 0.2], [1.0, 0.6]]], [[1.0, 1.0]], [[[1.0, 1.0], [3.0, 1.0]]]
    )
    assert middle[0] == pytest.approx([0.75, 0.4])
    assert winsets.damped_move(0.2, 0.6, 0.1) == pytest.approx(0.24)
    assert winsets.freeze_drift(0.2, np.array([0.9, 0.6]), 0.7, 0.55, 0.1) == pytest.approx(
        [0.235, 0.2]
    )


def test_cooperation_follows_dialogue_and_suffers_from_rivalry() -> None:
    assert cooperation.inter_korean_update(0.2, np.array([True, False]), 0.1, 0.05) == (
        pytest.approx([0.28, 0.19])
    )
    # 0.2 + 0.05 * 0.6 * 0.5 - 0.03 * 0.7 = 0.194
    assert cooperation.fta_update(0.2, 0.6, 0.5, 0.7, 0.05, 0.03) == pytest.approx(0.194)


def test_regime_security_weighs_trust_guarantees_and_support() -> None:
    # 0.4 * 0.2 + 0.3 * 0.8 (freeze) + 0.3 * 0.5 = 0.47
    assert regime_security.regime_security(0.2, 2, 0.5, 0.4, 0.3, 0.3) == pytest.approx(0.47)
    assert regime_security.outside_support(0.4, 0.8, 0.3) == pytest.approx(0.6)


def test_provocation_hazard_falls_with_talks_and_rises_with_triggers() -> None:
    base = dict(
        base=0.2,
        suppression=0.9,
        breakdown_boost=1.0,
        exercise_boost=0.5,
        tightening_boost=0.5,
        insecurity_boost=2.0,
    )
    calm = provocation.provocation_hazard(
        talks_alive=True,
        expectations=1.0,
        breakdown_memory=0,
        exercise=False,
        tightening_memory=0,
        insecurity=0,
        **base,
    )
    tense = provocation.provocation_hazard(
        talks_alive=False,
        expectations=0.0,
        breakdown_memory=1.0,
        exercise=True,
        tightening_memory=0,
        insecurity=0.1,
        **base,
    )
    assert calm == pytest.approx(0.02)  # 0.2 * (1 - 0.9)
    assert tense == pytest.approx(0.2 * (1 + 1 + 0.5 + 0.2))
    assert provocation.expectations_update(0.5, np.array([True, False]), 0.4) == pytest.approx(
        [0.7, 0.0]
    )


def test_tension_rises_with_conflict_events_in_goldstein_points() -> None:
    conflict = tension.GOLDSTEIN["provocation"] + tension.GOLDSTEIN["sanctions_tightened"]
    assert conflict == pytest.approx(-15.2)
    assert tension.tension_update(0.5, conflict, 0.2, 0.01) == pytest.approx(0.552)
