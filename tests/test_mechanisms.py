"""Each mechanism on numbers that can be checked by hand (the docstrings carry more examples)."""

import numpy as np
import pytest

from sim.mechanisms import (
    bargaining,
    cash_first,
    china,
    choice,
    cooperation,
    japan,
    korea,
    learning,
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


def test_cash_first_price_rises_with_distrust_and_falls_with_security() -> None:
    # 0.1 + 0.35 * (1 - 0.2) - 0.15 * (0.5 - 0.45) = 0.3725
    price = cash_first.cash_first_price(0.2, 0.5, 0.45, 0.1, 0.35, 0.15, 0.0)
    assert price == pytest.approx(0.3725)
    less_trust = cash_first.cash_first_price(0.1, 0.5, 0.45, 0.1, 0.35, 0.15, 0.0)
    less_secure = cash_first.cash_first_price(0.2, 0.3, 0.45, 0.1, 0.35, 0.15, 0.0)
    assert less_trust == pytest.approx(0.3725 + 0.035)
    assert less_secure == pytest.approx(0.3725 + 0.03)


def test_relief_paid_upfront_waives_its_share_of_the_distrust_premium() -> None:
    # the premium 0.35 * (1 - 0.2) = 0.28 shrinks by the share paid first; the rest stays
    unpaid = cash_first.cash_first_price(0.2, 0.5, 0.45, 0.1, 0.35, 0.15, 0.0)
    quarter = cash_first.cash_first_price(0.2, 0.5, 0.45, 0.1, 0.35, 0.15, 0.25)
    everything = cash_first.cash_first_price(0.2, 0.5, 0.45, 0.1, 0.35, 0.15, 1.0)
    assert unpaid - quarter == pytest.approx(0.28 * 0.25)
    assert everything == pytest.approx(0.3725 - 0.28)
    # at full trust there is no premium to waive
    trusted = [cash_first.cash_first_price(1.0, 0.5, 0.45, 0.1, 0.35, 0.15, u) for u in (0, 1)]
    assert trusted[0] == pytest.approx(trusted[1])


def test_north_korea_weighs_both_issues_and_relief_by_its_need() -> None:
    position, salience = np.array([0.9, 0.9]), np.array([1.0, 1.0])
    keep = np.array([0.5, 0.2])
    # denuclearization first (0.3) with no relief costs it 0.1; a freeze (0.7) gains it 0.1
    assert bargaining.talks_gain(position, salience, keep, 0.3, 0.0, 0.0, 1.0, 0.0) == (
        pytest.approx(-0.1)
    )
    assert bargaining.talks_gain(position, salience, keep, 0.7, 0.0, 0.0, 1.0, 0.0) == (
        pytest.approx(0.1)
    )
    # promised relief counts only as far as it trusts the US; upfront relief counts in full
    promised = bargaining.talks_gain(position, salience, keep, 0.5, 0.0, 0.4, 0.25, 0.0)
    upfront = bargaining.talks_gain(position, salience, keep, 0.5, 0.4, 0.0, 0.25, 0.0)
    assert promised == pytest.approx(0.05)
    assert upfront == pytest.approx(0.2)
    # a lower need weighs the sanctions issue less
    assert bargaining.prk_saliences(salience, 0.25).tolist() == [1.0, 0.25]


def test_acceptance_is_even_odds_where_talks_beat_the_outside_option_by_the_price() -> None:
    odds = bargaining.acceptance_probability(np.array([0.4, 0.6, 0.2]), 0.1, 0.3, 0.1)
    assert odds[0] == pytest.approx(0.5)
    assert odds[1] > 0.85 > 0.15 > odds[2]


def test_north_korea_never_concedes_first_below_its_threshold() -> None:
    allowed = cash_first.may_concede(
        np.array([0.34, 0.35, 0.1]), 0.35, np.array([False, False, True])
    )
    assert allowed.tolist() == [False, True, True]


def test_trust_is_a_belief_moved_by_how_costly_a_signal_was() -> None:
    # odds 0.4/0.6 × 3 = 2: trust 2/3 after a costly signal; × 1.3 after a cheap one
    assert trust.update_belief(0.4, 3.0, 1.0) == pytest.approx(2 / 3)
    assert trust.update_belief(0.4, 1.3, 1.0) == pytest.approx(0.52 / 1.12)
    # a defection (ratio 0.3) undoes more than a costly signal (ratio 3) builds
    assert trust.update_belief(trust.update_belief(0.4, 3.0, 1.0), 0.3, 1.0) < 0.4
    # without news a belief drifts back toward its base rate
    assert trust.revert(0.5, 0.1, 0.25) == pytest.approx(0.4)


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
    # Russia vetoes the second push; China the third, which Russia let through
    russia, china = sanctions.vetoes(True, [[False, True, False], [False, True, True]])
    assert russia.tolist() == [False, True, False]
    assert china.tolist() == [False, False, True]
    assert sanctions.regime_update(0.7, True, False, 0.1, 0.15) == pytest.approx(0.8)


def test_military_cooperation_raises_chinese_concern_and_erodes_trust() -> None:
    concern = china.concern_update(0.0, np.array([0.2, 0.8]), 0.5, 0.1)
    assert concern == pytest.approx([0.1, 0.4])
    # 0.5 * (1 - 0.1 * 0.4) = 0.48
    assert china.trust_in_prk_update(0.5, 0.4, 0.1) == pytest.approx(0.48)


def test_china_chooses_its_act_from_its_interests() -> None:
    weights = (1.0, 1.0, 1.0)
    # rivalry and Moscow's lead in Pyongyang favour re-engaging; a provocation, pressing
    compete = china.act_utilities(0.0, 0.1, 0.9, 0.8, 0.1, False, weights, 0.0, 1.0, 1.0)
    press = china.act_utilities(0.0, 0.1, 0.1, 0.0, 0.5, True, weights, 0.0, 1.0, 1.0)
    # a Pyongyang China distrusts is worth less courting: 0.72 × 0.5 (reliance at trust 0.25)
    cooled = china.act_utilities(0.0, 0.1, 0.9, 0.8, 0.1, False, weights, 0.0, 0.5, 1.0)
    assert cooled[china.REENGAGE] == pytest.approx(0.36)
    assert int(np.argmax(cooled)) == china.REENGAGE
    assert int(np.argmax(compete)) == china.REENGAGE
    assert int(np.argmax(press)) == china.PRESS
    # neighbours Beijing distrusts make restraining Pyongyang worth more: 1.5 × 0.9 × 1.3
    wary = china.act_utilities(0.0, 0.1, 0.1, 0.0, 0.5, True, weights, 0.0, 1.0, 1.3)
    assert press[china.PRESS] == pytest.approx(1.35)
    assert wary[china.PRESS] == pytest.approx(1.35 * 1.3)
    assert wary[china.REENGAGE] == press[china.REENGAGE]
    assert choice.choose(np.array([compete, press]), 0.05, [0.5, 0.5]).tolist() == [1, 2]
    assert china.support_update(0.5, china.REENGAGE, 0.2) == pytest.approx(0.6)


def test_japan_pressure_support_and_outreach() -> None:
    assert japan.pressure_target(0.8, 0.6, 0.45, 0.35) == pytest.approx(0.57)
    # support erodes by 0.15 * (0.6 - 0.45) above tolerance
    assert japan.support_update(0.3, 0.6, 0.3, 0.45, 0.15, 0.04) == pytest.approx(0.2775)
    # ... and recovers toward its reference in the same month: + 0.04 * (0.4 - 0.3)
    assert japan.support_update(0.3, 0.6, 0.4, 0.45, 0.15, 0.04) == pytest.approx(0.2815)
    # outreach: 0.4 * (1 - 0.35 / 0.7) = 0.2 for a dove, doubled by a Korean initiative at
    # leadership 0.5; a hawk does not reach out
    assert japan.outreach_probability(
        0.35, 0.7, 0.4, np.array([False, True]), 0.5, 2.0, 1.0
    ) == pytest.approx([0.2, 0.4])
    assert japan.outreach_probability(0.35, 0.7, 0.4, False, 0.5, 2.0, 0.0) == 0.0


def test_a_vote_brings_a_weak_prime_minister_down_with_a_probability() -> None:
    odds = japan.fall_probability(np.array([0.2, 0.3, 0.4]), 0.3, 0.05)
    assert odds[1] == pytest.approx(0.5)
    assert odds[0] > 0.85 > 0.15 > odds[2]
    assert japan.successor_stance(0.4, 0.3, np.array([0.0, 1.0])) == pytest.approx([0.1, 0.7])


def test_korean_leadership_grows_with_pragmatism_and_a_snub() -> None:
    assert korea.leadership_update(0.4, 1.0, 0.1, 0.05) == pytest.approx(0.51)
    assert korea.initiative_probability(0.5, 0.3) == pytest.approx(0.15)


def test_mediation_moves_only_a_side_that_trusts_the_mediator() -> None:
    # weight (0.65 - 0.3) / 0.7 = 0.5; none at or below the threshold; none if it cannot be passed
    weight = korea.mediation_weight(np.array([0.65, 0.3, 0.1]), 0.3)
    assert weight == pytest.approx([0.5, 0.0, 0.0])
    assert korea.mediation_weight(0.9, 1.0) == 0.0
    # a belief moved by vouching, but never past the side's trust in the mediator
    assert korea.mediated_trust(0.2, trust.update_belief(0.2, 4.0, 1.0), 0.4) == pytest.approx(0.4)


def test_south_korea_makes_its_gestures_one_by_one() -> None:
    chance = korea.gesture_probability(0.8, 0.5, 0.5, np.array([0, 2, 3]))
    assert chance == pytest.approx([0.2, 0.2, 0.0])


def test_win_set_overlap_decides_the_agreement_type() -> None:
    assert winsets.winset_halfwidth(0.2, 0.5, np.array([0.5, 1.0, 0.0])) == pytest.approx(
        [0.2, 0.3, 0.1]
    )
    length, middle = winsets.overlap(0.3, 0.2, 0.6, 0.15)
    assert length == pytest.approx(0.05) and middle == pytest.approx(0.475)
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


def test_regime_security_weighs_trust_guarantees_support_and_deterrent() -> None:
    # 0.4 * 0.2 + 0.3 * 0.8 (freeze) + 0.3 * 0.5 = 0.47; a finished deterrent adds its weight
    no_deterrent = regime_security.regime_security(0.2, 2, 0.5, 0.4, 0.3, 0.3, 0.0, 0.0)
    assert no_deterrent == pytest.approx(0.47)
    assert regime_security.regime_security(0.2, 2, 0.5, 0.4, 0.3, 0.3, 1.0, 0.1) == (
        pytest.approx(0.57)
    )
    # Russian (0.6) and Chinese (0.3) support combine, 1 − 0.4 × 0.7, more than either alone
    assert regime_security.outside_support(0.4, 0.8, 0.3, 1.0, 1.0) == pytest.approx(0.72)
    # relied on 1.25 and 0.5: 1 − (1 − 0.75)(1 − 0.1) = 0.775
    assert regime_security.outside_support(0.4, 0.8, 0.2, 1.25, 0.5) == pytest.approx(0.775)


def test_north_korea_tests_for_reasons_and_pauses_for_talks_in_prospect() -> None:
    weights = (2.5, 1.2, 1.5, 1.2, 2.0)
    ready = provocation.test_reasons(True, False, 0.0, 0.0, 0.0, weights)
    quiet = provocation.test_reasons(False, False, 0.0, 0.0, 0.0, weights)
    assert provocation.main_reason(ready) == 0
    assert provocation.REASONS[int(provocation.main_reason(ready))] == "a new system is ready"
    # log-odds -2.2 + 2.5 = 0.3 with a milestone reached; talks in prospect hold it back
    assert provocation.test_probability(-2.2, ready, 0.0, 5.0) == pytest.approx(
        1 / (1 + np.exp(-0.3))
    )
    assert provocation.test_probability(-2.2, ready, 1.0, 5.0) < provocation.test_probability(
        -2.2, quiet, 0.0, 5.0
    )
    assert provocation.development_update(
        np.array([0.9, 0.9]), 0.15, np.array([False, True])
    ) == pytest.approx([1.0, 0.0])
    assert provocation.expectations_update(0.5, np.array([True, False]), 0.4) == pytest.approx(
        [0.7, 0.0]
    )


def test_tension_rises_with_conflict_events_in_goldstein_points() -> None:
    conflict = tension.GOLDSTEIN["provocation"] + tension.GOLDSTEIN["sanctions_tightened"]
    assert conflict == pytest.approx(-15.2)
    assert tension.tension_update(0.5, conflict, 0.2, 0.01) == pytest.approx(0.552)


def test_the_us_sweetens_within_its_win_set_and_learns_which_pushes_fail() -> None:
    # own 0.3 + half-width 0.2, pulled 0.4 × 0.5 × (0.7 − 0.3) = 0.08 toward Seoul's 0.7
    assert learning.offer_limit(0.3, 0.2, [0.7], [0.5], 0.4) == pytest.approx(0.58)
    # a hawkish Tokyo at 0.1, trusted 0.6, pulls back 0.4 × 0.6 × 0.2 = 0.048 of it
    assert learning.offer_limit(0.3, 0.2, [0.7, 0.1], [0.5, 0.6], 0.4) == pytest.approx(0.532)
    assert learning.sweetened(np.array([0.2, 0.7]), 0.6, 0.5) == pytest.approx([0.4, 0.7])
    eager = learning.revision_utilities(1.0, 1.0, 0, 0.15, 0.5, 1.0)
    spent = learning.revision_utilities(0.2, 0.1, 4, 0.15, 0.5, 1.0)
    # a refusal by a distrusted partner is worth less sweetening: 1.0 × 0.6 at reliance 0.6
    wary = learning.revision_utilities(1.0, 1.0, 0, 0.15, 0.5, 0.6)
    assert wary[learning.SWEETEN] == pytest.approx(0.6)
    assert int(np.argmax(eager)) == learning.SWEETEN
    assert int(np.argmax(spent)) == learning.PRESSURE
    # two pushes, two vetoes: it expects the next to fail three times in four
    assert learning.veto_expectation(2, 2, 0.5) == pytest.approx(0.75)
    assert learning.veto_expectation(0, 0, 0.5) == pytest.approx(0.5)


def test_russia_sends_what_its_war_needs_and_north_korea_has_earned() -> None:
    wants_more = lifeline.flow_utilities(0.2, 0.6, 0.4, 0.5, 0.0, 0.3)
    wants_less = lifeline.flow_utilities(0.8, 0.1, 0.0, 0.5, 0.0, 0.3)
    # Washington at the table: 0.5 + 0.3 × 1 = 0.8 wanted, against 0.6 sent
    bidding = lifeline.flow_utilities(0.6, 0.5, 0.0, 0.5, 1.0, 0.3)
    assert bidding[lifeline.EXPAND] == pytest.approx(0.2)
    assert int(np.argmax(lifeline.flow_utilities(0.6, 0.5, 0.0, 0.5, 0.0, 0.3))) == lifeline.CUT
    # China's full concern, Moscow trusting Beijing 0.6, restraint 0.5: 0.8 × 0.5 × 0.7 = 0.28
    assert lifeline.wanted_cooperation(0.8, 0.5, 1.0, 0.6, 0.5, 0.0, 0.3) == pytest.approx(0.28)
    assert int(np.argmax(wants_more)) == lifeline.EXPAND
    assert int(np.argmax(wants_less)) == lifeline.CUT


def test_russia_at_war_deepens_its_arms_ties_while_washington_courts_pyongyang() -> None:
    # the same, with Washington at the table and Moscow fully distrusting it: 0.28 × 1.3 = 0.364
    courted = lifeline.wanted_cooperation(0.8, 0.5, 1.0, 0.6, 0.5, 1.0, 0.3)
    assert courted == pytest.approx(0.364)
    # half engaged, half the raise; never above full cooperation
    assert lifeline.wanted_cooperation(0.8, 0.5, 1.0, 0.6, 0.5, 0.5, 0.3) == pytest.approx(0.322)
    assert lifeline.wanted_cooperation(1.0, 1.0, 0.0, 0.6, 0.5, 1.0, 0.9) == pytest.approx(1.0)
    # a Russia at peace wants no arms deal, however Washington courts Pyongyang
    assert lifeline.wanted_cooperation(0.0, 0.9, 0.0, 0.6, 0.5, 1.0, 1.0) == 0.0


def test_decisions_to_cooperate_first_lean_on_trust() -> None:
    # 1 + 0.5 × (2 × 0.15 − 1) = 0.65: the US delivers 0.65 times as often to a distrusted Pyongyang
    assert trust.reliance(0.15, 0.5) == pytest.approx(0.65)
    assert trust.reliance(0.15, 0.0) == pytest.approx(1.0)


def test_a_veto_follows_the_holder_s_alignments() -> None:
    # 0.81 ^ 2^(−1 × (0.75 − 0.25)) = 0.81 ^ 0.7071
    assert sanctions.veto_chance(0.81, 0.75, 0.25, 1.0) == pytest.approx(0.81**0.5**0.5)
    assert (
        sanctions.veto_chance(0.81, 0.25, 0.75, 1.0)
        < 0.81
        < sanctions.veto_chance(0.81, 0.75, 0.25, 1.0)
    )
    assert sanctions.veto_chance(0.0, 0.9, 0.1, 1.0) == 0.0
    assert sanctions.veto_chance(0.81, 0.9, 0.1, 0.0) == pytest.approx(0.81)


def test_china_enforces_less_at_the_border_of_a_trusted_partner() -> None:
    relaxed = china.enforcement_target(0.6, china.DISTANCE, 0.5, trust.reliance(1 - 0.8, 0.5))
    strict = china.enforcement_target(0.6, china.DISTANCE, 0.5, trust.reliance(1 - 0.2, 0.5))
    assert relaxed == pytest.approx(0.42)
    assert strict == pytest.approx(0.78)


def test_south_korea_has_less_room_abroad_under_pressure_at_home() -> None:
    assert korea.room_at_home(0.4, 0.3) == pytest.approx(0.88)
    assert korea.room_at_home(0.0, 0.3) == pytest.approx(1.0)
