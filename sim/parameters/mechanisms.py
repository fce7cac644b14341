"""Parameters of the thirteen mechanisms, one group per mechanism, each declared once.

Defaults are the values the baseline runs with; ``docs/ODD.md`` tabulates them with their sources.
"""

from sim.parameters.declare import Frozen, param
from sim.parameters.priors import Beta, Uniform

ARTICLE = "article"
CALIBRATED = "calibrated (docs/calibration.md)"
ASSUMED = "assumption"
CHECKED = "matches the 2017–2018 record (docs/calibration.md)"


class Showmanship(Frozen):
    """Mechanism 1, US showmanship."""

    base_rate: float = param(
        0.02,
        0,
        1,
        "monthly chance the US proposes a summit at no pressure",
        f"{ASSUMED}: a rare overture when the president needs no win",
        units="probability per month",
    )
    pressure_gain: float = param(
        0.2,
        0,
        1,
        "added monthly proposal chance per unit of US pressure for a win",
        f"article; {CALIBRATED}: about two overtures a year at full pressure, as in 2017–2018",
        units="probability per month per unit of pressure",
    )
    window_boost: float = param(
        3.0,
        0,
        10,
        "proposal propensity multiplier at full visibility of a summit window",
        ARTICLE,
        units="factor",
    )
    window_lead_months: int = param(
        2,
        0,
        12,
        "months before a window over which its visibility ramps up",
        f"{ASSUMED}: a summit takes months to stage (Singapore: three, data/history.csv)",
        units="months",
    )
    spectacle_relief: float = param(
        0.5,
        0,
        1,
        "share of US pressure a visible win (a held summit, a trade deal) relieves, whatever its"
        " substance",
        ARTICLE,
        units="share 0–1",
    )
    pressure_growth: float = param(
        0.03,
        0,
        0.5,
        "monthly rise of US pressure for a visible win while none is had",
        ARTICLE,
        units="pressure per month",
    )
    cooldown_months: int = param(
        3,
        0,
        24,
        "months after a held summit before the US proposes again",
        f"{ASSUMED}: a summit takes months to prepare",
        units="months",
    )
    trade_win_share: float = param(
        0.3,
        0,
        1,
        "relief a trade deal gives the US president's need for a win, as a share of a summit's",
        f"article: Trump sells deals as wins; {ASSUMED}: a lesser stage than a summit with Kim"
        " (at 0.5 pattern P1 holds at only 78 % of P12's neighbourhood, docs/calibration.md)",
        units="share 0–1",
    )
    revision_step: float = param(
        0.35,
        0,
        1,
        "share of the way to its limit the US moves its offer when it sweetens",
        "Fearon 1995: refusals carry information",
        units="share 0–1",
    )
    audience_cost: float = param(
        0.15,
        0,
        1,
        "utility the US loses per sweetening already made",
        "Fearon 1994",
        units="utility",
    )
    revision_temperature: float = param(
        0.2,
        0.01,
        1,
        "temperature of the US's logit choice after a refusal",
        ASSUMED,
        units="utility",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class CashFirst(Frozen):
    """Mechanism 2, North Korean distrust and "cash first"; mechanism 12's effect on the price."""

    base_price: float = param(
        0.1,
        0,
        1,
        "relief North Korea asks for at full trust and full need",
        ASSUMED,
        units="sanctions index 0–1",
    )
    distrust_slope: float = param(
        0.35,
        0,
        2,
        "rise of the price per unit of distrust in the US",
        "Kydd 2005; article",
        units="relief per unit of distrust",
    )
    security_discount: float = param(
        0.15,
        0,
        2,
        "fall of the price per unit of regime security above its threshold",
        f"{ASSUMED}; article: 'If North Korea can gain confidence in regime security'",
        units="relief per unit of security",
    )
    talks_value: float = param(
        0.35,
        0,
        1,
        "standing North Korea gains from sitting down with a US president (utility)",
        f"{CALIBRATED}: Singapore accepted in 2018 with no relief on offer",
        units="utility",
    )
    decision_noise: float = param(
        0.1,
        0.01,
        0.5,
        "temperature of North Korea's logit choice to accept a summit (utility units)",
        "McKelvey & Palfrey 1995",
        units="utility",
    )
    status_quo_nuclear: float = param(
        0.6,
        0,
        1,
        "where no deal leaves the nuclear issue: an arsenal kept but not recognised",
        ASSUMED,
        units="position 0–1",
        prior=Beta(3, 2, why="kept but not recognised: above the middle of the line, not at 1"),
    )
    outside_option_weight: float = param(
        0.25,
        0,
        1,
        "utility of the outside option per unit of Russian and Chinese support",
        "Fearon 1995: a better reservation value shifts the bargaining range",
        units="utility",
    )
    concession_rate: float = param(
        0.3,
        0,
        1,
        "monthly chance North Korea concedes while talks are alive and it may",
        ASSUMED,
        units="probability per month",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class TrustUpdate(Frozen):
    """Mechanism 3, trust as a belief about the other's type, moved by costly signals (Kydd)."""

    cheap_signal_ratio: float = param(
        1.3,
        1,
        5,
        "likelihood ratio of a cheap cooperative signal (words, a meeting, an initiative)",
        "Kydd 2005: cheap talk moves beliefs little",
        units="likelihood ratio",
    )
    costly_signal_ratio: float = param(
        3.0,
        1,
        20,
        "likelihood ratio of a costly signal (relief delivered, a freeze honoured)",
        "Kydd 2005: a signal an exploiter would not send",
        units="likelihood ratio",
    )
    defection_ratio: float = param(
        0.3,
        0.01,
        1,
        "likelihood ratio of a defection (a hollow deal, a walk-out); 1/ratio exceeds the costly"
        " signal's",
        "Kydd 2000; article: trust falls faster than it rises",
        units="likelihood ratio",
    )
    provocation_ratio: float = param(
        0.7,
        0.01,
        1,
        "likelihood ratio of a launch in others' eyes",
        f"{ASSUMED}: a launch is a mild defection",
        units="likelihood ratio",
    )
    china_provocation_weight: float = param(
        0.5,
        0,
        1,
        "weight of a launch as a defection in China's eyes (the US, Korea and Japan: 1)",
        "China voted for the 2017 resolutions but shielded Pyongyang from the harshest",
        units="weight 0–1",
    )
    reversion_rate: float = param(
        0.03,
        0,
        0.5,
        "monthly drift of every belief back toward its base rate (the scenario's initial trust)",
        f"{ASSUMED}: beliefs decay toward priors over a few years without news",
        units="share per month",
    )
    reward_deadline_months: int = param(
        3,
        1,
        24,
        "months for a reward to arrive before a deal counts as hollow",
        ARTICLE,
        units="months",
    )
    forgiveness: float = param(
        1 / 3,
        0,
        1,
        "chance talks survive a hollow deal",
        "Axelrod 1984; Nowak & Sigmund 1992",
        units="probability",
    )
    reliance: float = param(
        0.5,
        0,
        1,
        "how far a decision to cooperate first (deliver, answer, aid, vouch) leans on trust",
        f"Kydd 2005: in the reassurance game one pays first only to a believed reciprocator;"
        f" {ASSUMED}: halfway between ignoring the belief and leaning on it fully",
        units="weight 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Lifeline(Frozen):
    """Mechanism 4, the Russian lifeline."""

    rate: float = param(
        0.15,
        0,
        1,
        "monthly adjustment of relief need towards its target",
        f"{ASSUMED}: relief need adjusts over about half a year",
        units="share per month",
    )
    offset: float = param(
        0.8,
        0,
        1,
        "share of effective sanctions pressure that full Russian flows offset",
        ARTICLE,
        units="share 0–1",
    )
    outside_weight: float = param(
        0.5,
        0,
        1,
        "weight of outside options in leverage (capability has the rest)",
        ASSUMED,
        units="weight 0–1",
    )
    reciprocity_weight: float = param(
        0.5,
        0,
        1,
        "flows Russia wants per unit of North Korean labour and arms sent",
        ARTICLE,
        units="flows per unit of contribution",
    )
    flow_step: float = param(
        0.05,
        0,
        0.5,
        "change of Russian flows when Russia expands or cuts them",
        ASSUMED,
        units="flows 0–1",
    )
    choice_temperature: float = param(
        0.1,
        0.01,
        1,
        "temperature of Russia's logit choice about its flows",
        ASSUMED,
        units="utility",
    )
    cooperation_rate: float = param(
        0.1,
        0,
        1,
        "monthly move of military cooperation toward Russia's war demand",
        ASSUMED,
        units="share per month",
    )
    cooperation_propensity: float = param(
        0.5,
        0,
        1,
        "monthly chance per unit of war demand that Russia deepens military cooperation",
        f"{ASSUMED}: the 2024 treaty, troops in Kursk, shells: a step every other month",
        units="probability per month",
    )
    us_outside_option: float = param(
        0.5,
        0,
        1,
        "the US's outside options in its leverage (alliances, other theatres)",
        ASSUMED,
        units="index 0–1",
    )
    competition_weight: float = param(
        0.3,
        0,
        1,
        "flows Russia adds to keep Pyongyang while Washington engages it (talks, a deal)",
        f"Snyder 1984: a patron fearing abandonment pays to keep its client (Vladivostok, 2019);"
        f" {ASSUMED}: a third of full flows",
        units="flow index per unit of engagement",
    )
    arms_bid: float = param(
        0.3,
        0,
        1,
        "share by which Russia at war raises the military cooperation it wants while Washington"
        " engages Pyongyang (talks, a deal)",
        f"Snyder 1984: a patron fearing abandonment deepens its commitment; {ASSUMED}: as its"
        " flows, by about a third",
        units="share of the wanted cooperation per unit of engagement",
    )
    china_restraint: float = param(
        0.25,
        0,
        1,
        "share of the military cooperation Russia wants that China's full concern holds back",
        "article: China 'has voiced dissatisfaction with the strengthening of military"
        f" cooperation'; {ASSUMED}: a quarter, as Moscow deepened its ties in 2024–2025 regardless",
        units="share 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Sanctions(Frozen):
    """Mechanism 5, sanctions bite only where enforced."""

    tighten_propensity: float = param(
        0.6,
        0,
        1,
        "chance the US pushes a tighter UN regime in a month after a provocation",
        f"{CHECKED}: three UN resolutions in 2017, a year of launches",
        units="probability per month",
    )
    tighten_step: float = param(
        0.1,
        0,
        1,
        "rise of the regime per adopted UN resolution",
        f"{ASSUMED}: 2017's three resolutions take the regime from 0.55 to 0.85",
        units="sanctions index 0–1",
    )
    min_success: float = param(
        0.35,
        0,
        1,
        "expected chance of adoption below which the US stops pushing tighter sanctions",
        f"{ASSUMED}; no new UN resolution was tabled after the 2022 veto",
        units="probability",
    )
    alignment_weight: float = param(
        1.0,
        0,
        2,
        "how strongly a veto holder's vote follows its trust in Pyongyang over Washington",
        f"Kydd 2005: a vote signals which side one believes; {ASSUMED}: one doubling per unit",
        units="log2 exponent per unit of trust",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class ChinaUnease(Frozen):
    """Mechanism 6, China's unease at North Korea–Russia military cooperation."""

    concern_gain: float = param(
        0.3,
        0,
        1,
        "monthly rise of China's concern per unit of PRK–RUS military cooperation",
        ASSUMED,
        units="concern per month per unit of cooperation",
    )
    concern_decay: float = param(
        0.1,
        0,
        1,
        "monthly decay of China's concern",
        ASSUMED,
        units="share per month",
    )
    trust_erosion: float = param(
        0.06,
        0,
        1,
        "monthly loss of China's trust in North Korea per unit of concern",
        ARTICLE,
        units="trust per month per unit of concern",
    )
    enforcement_response: float = param(
        0.1,
        0,
        1,
        "monthly move of China's enforcement towards its response target",
        ASSUMED,
        units="share per month",
    )
    competition_weight: float = param(
        1.0,
        0,
        5,
        "utility of re-engaging per unit of rivalry × Russia's lead in Pyongyang",
        ARTICLE,
        units="utility",
    )
    stability_weight: float = param(
        0.8,
        0,
        5,
        "utility of pressing per unit of tension and provocation",
        ARTICLE,
        units="utility",
    )
    unease_weight: float = param(
        0.6,
        0,
        5,
        "utility of keeping its distance per unit of concern",
        ARTICLE,
        units="utility",
    )
    choice_temperature: float = param(
        0.25,
        0.01,
        1,
        "temperature of China's logit choice of act",
        ASSUMED,
        units="utility",
    )
    support_rate: float = param(
        0.15,
        0,
        1,
        "monthly move of China's support while it re-engages (or fades)",
        ASSUMED,
        units="share per month",
    )
    signal_weight: float = param(
        0.5,
        0,
        1,
        "weight of China's monthly act as a signal in Pyongyang's eyes",
        f"{ASSUMED}: a visit or a border crackdown is half a signal",
        units="weight 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class JapanSqueeze(Frozen):
    """Mechanism 7, Japan squeezed by rice prices and tariffs."""

    rice_weight: float = param(
        0.45,
        0,
        1,
        "weight of rice prices in Japan's pressure",
        ARTICLE,
        units="weight 0–1",
    )
    tariff_weight: float = param(
        0.35,
        0,
        1,
        "weight of US tariffs in Japan's pressure",
        ARTICLE,
        units="weight 0–1",
    )
    pressure_rate: float = param(
        0.3,
        0,
        1,
        "monthly move of Japan's pressure towards its drivers",
        ASSUMED,
        units="share per month",
    )
    trade_failure_shock: float = param(
        0.3,
        0,
        1,
        "jump in Japan's pressure when the US–Japan trade negotiation fails",
        ARTICLE,
        units="pressure 0–1",
    )
    pressure_tolerance: float = param(
        0.45,
        0,
        1,
        "pressure above which government support erodes",
        ASSUMED,
        units="pressure 0–1",
    )
    support_loss: float = param(
        0.15,
        0,
        1,
        "monthly support lost per unit of excess pressure",
        ASSUMED,
        units="support per month per unit of excess pressure",
    )
    support_recovery: float = param(
        0.04,
        0,
        1,
        "monthly recovery of support towards its starting level under tolerable pressure",
        ASSUMED,
        units="share per month",
    )
    leadership_threshold: float = param(
        0.25,
        0,
        1,
        "support below which a leadership change looms",
        "Japanese cabinets near 25% approval have fallen (Aso 2009, Kan 2011, Noda 2012)",
        units="support 0–1",
    )
    tariff_after_deal: float = param(
        0.6,
        0,
        1,
        "share of the tariff burden a US–Japan trade deal keeps",
        "the July 2025 deal cut the 25% car tariff to 15%",
        units="share 0–1",
    )
    tariff_after_failure: float = param(
        0.8,
        0,
        1,
        "tariff burden at least left by a failed negotiation",
        ARTICLE,
        units="tariff 0–1",
    )
    leader_change_relief: float = param(
        0.5,
        0,
        1,
        "share of its domestic pressure a new leader sheds (any country's scheduled change)",
        f"{ASSUMED}: a new mandate",
        units="share 0–1",
    )
    new_leader_support: float = param(
        0.45,
        0,
        1,
        "support of a new government",
        "new Japanese cabinets start near or above half approval (Kishida 2021, Ishiba 2024)",
        units="support 0–1",
    )
    outreach_rate: float = param(
        0.4,
        0,
        1,
        "monthly chance outreach to North Korea advances at no pressure",
        ASSUMED,
        units="probability per month",
    )
    outreach_step: float = param(
        0.08,
        0,
        1,
        "progress made when outreach advances",
        ASSUMED,
        units="share 0–1",
    )
    outreach_pressure_limit: float = param(
        0.7,
        0,
        1,
        "pressure above which Japan's outreach stalls",
        ARTICLE,
        units="pressure 0–1",
    )
    election_threshold: float = param(
        0.3,
        0,
        1,
        "support at which an election loss brings the prime minister down even odds",
        "Abe 2007 and Ishiba 2025 fell after losing upper-house elections near 30% approval",
        units="support 0–1",
    )
    contest_threshold: float = param(
        0.25,
        0,
        1,
        "support at which a party contest unseats the leader even odds",
        ASSUMED,
        units="support 0–1",
    )
    vote_noise: float = param(
        0.06,
        0.01,
        1,
        "spread of the fall probability around those thresholds",
        ASSUMED,
        units="support 0–1",
    )
    low_support_hazard: float = param(
        0.06,
        0,
        1,
        "monthly chance the leader falls while support is below the leadership threshold",
        "Japanese cabinets polling near or below 25% lasted about half a year or more",
        units="probability per month",
    )
    successor_dovishness: float = param(
        0.4,
        0,
        1,
        "mean dovishness toward Pyongyang of a new prime minister",
        ASSUMED,
        units="dovishness 0–1",
    )
    successor_spread: float = param(
        0.3,
        0,
        0.5,
        "spread of a new prime minister's dovishness",
        ASSUMED,
        units="dovishness 0–1",
    )
    normalisation_value: float = param(
        0.5,
        0,
        1,
        "worth to North Korea of a settlement that opens normalisation with Japan, at full"
        " outreach and trust",
        "the 2002 Pyongyang Declaration promised grant aid and loans on normalisation; article:"
        f" a liaison office as Ishiba's campaign promise; {ASSUMED}: of the order of a"
        " summit's standing",
        units="utility 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class KoreaLeadership(Frozen):
    """Mechanism 8, South Korea moves first."""

    pragmatism_gain: float = param(
        0.03,
        0,
        1,
        "monthly rise of South Korea's leadership per unit of pragmatism",
        ARTICLE,
        units="leadership per month per unit of pragmatism",
    )
    initiative_rate: float = param(
        0.3,
        0,
        1,
        "monthly chance per unit of leadership that South Korea takes an initiative",
        ASSUMED,
        units="probability per month per unit of leadership",
    )
    follow_boost: float = param(
        1.5,
        0,
        5,
        "rise of Japan's outreach chance in an initiative month, per unit of leadership",
        "article: 'if Korea moves first, other countries will follow'",
        units="factor per unit of leadership",
    )
    gesture_rate: float = param(
        0.8,
        0,
        1,
        "monthly chance per unit of pragmatism × leadership of the next gesture",
        "article: 'pragmatic diplomacy'; Lee turned the loudspeakers off within a week (June 2025)",
        units="probability per month",
    )
    gesture_ratio: float = param(
        2.0,
        1,
        10,
        "likelihood ratio of a unilateral gesture in Pyongyang's eyes",
        "Kydd 2005: a unilateral step costs its maker something, so it says more than words",
        units="likelihood ratio",
    )
    room_weight: float = param(
        0.3,
        0,
        1,
        "share of South Korea's initiatives and gestures that full domestic pressure stops",
        f"Putnam 1988: a government pressed at home has little room abroad; {ASSUMED}: at 0.5"
        " P7's gain in the US's trust falls below its bar (docs/calibration.md)",
        units="share 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Mediation(Frozen):
    """Mechanism 9, South Korea mediates."""

    vouching_ratio: float = param(
        2.0,
        1,
        10,
        "likelihood ratio of a mediator's vouching, believed as far as the side trusts it",
        f"Kydd 2003; {CALIBRATED}: Seoul's envoys turned the Olympic thaw into a summit in 2018",
        units="likelihood ratio",
    )
    trust_threshold: float = param(
        0.3,
        0,
        1,
        "trust in South Korea below which mediation has no effect on a side",
        "Kydd 2003: a go-between moves only a side that finds it credible",
        units="trust 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class WinSets(Frozen):
    """Mechanism 10, freeze versus denuclearization: a two-level game."""

    disarmament_threshold: float = param(
        0.4,
        0,
        1,
        "nuclear deal point at or below which a deal counts as a disarmament step",
        f"{ASSUMED}: the lower part of the nuclear scale",
        units="position 0–1",
    )
    position_damping: float = param(
        0.1,
        0,
        1,
        "share of the gap to the compromise moved per month of talks",
        "Scholz 2011",
        units="share per month",
    )
    freeze_drift: float = param(
        0.05,
        0,
        1,
        "monthly drift of South Korea's nuclear position towards a freeze",
        ARTICLE,
        units="share per month",
    )
    freeze_point: float = param(
        0.55,
        0,
        1,
        "the nuclear position that means 'freeze first'",
        f"{ASSUMED}: the middle of the nuclear scale, a little towards a nuclear state",
        units="position 0–1",
    )
    out_of_reach: float = param(
        0.7,
        0,
        1,
        "North Korean nuclear position above which denuclearization looks out of reach",
        ASSUMED,
        units="position 0–1",
    )
    consultation: float = param(
        0.5,
        0,
        1,
        "pull of South Korea's nuclear position on the US offer's limit, per unit of US trust",
        "article: mediation 'under cooperation with the United States'",
        units="weight per unit of trust",
    )
    action_for_action: float = param(
        0.3,
        0,
        1,
        "share of the way to the US's nuclear terms North Korea moves when relief is delivered"
        " under a freeze",
        "2005 Six-Party joint statement: 'commitment for commitment, action for action';"
        f" {ASSUMED}",
        units="share 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Cooperation(Frozen):
    """Mechanism 11, cooperation follows dialogue."""

    inter_korean_rate: float = param(
        0.08,
        0,
        1,
        "monthly progress of inter-Korean cooperation",
        ASSUMED,
        units="progress per month",
    )
    inter_korean_decay: float = param(
        0.03,
        0,
        1,
        "monthly decay of it without dialogue",
        ASSUMED,
        units="share per month",
    )
    fta_rate: float = param(
        0.05,
        0,
        1,
        "monthly FTA progress at full leadership and trust",
        ASSUMED,
        units="progress per month",
    )
    rivalry_drag: float = param(
        0.03,
        0,
        1,
        "monthly FTA setback per unit of US–China rivalry",
        ASSUMED,
        units="progress per month per unit of rivalry",
    )
    dividend: float = param(
        0.3,
        0,
        1,
        "utility North Korea expects from talks per unit of inter-Korean cooperation",
        "article: 'securing practical benefits'",
        units="utility",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class RegimeSecurity(Frozen):
    """Mechanism 12, regime security decides."""

    deterrent_weight: float = param(
        0.45,
        0,
        1,
        "weight of North Korea's own deterrent in regime security",
        "Pyongyang declared its nuclear force 'completed' in November 2017, then turned to talks",
        units="weight 0–1",
    )
    deterrent_step: float = param(
        0.25,
        0,
        1,
        "growth of the deterrent with each test of a new system",
        ASSUMED,
        units="deterrent 0–1 per test",
    )
    engage_rate: float = param(
        0.9,
        0,
        1,
        "monthly chance North Korea invites talks when secure and heard through a trusted Seoul",
        "Kim's New Year address of 2018 and the invitation Seoul's envoys carried in March",
        units="probability per month",
    )
    engage_width: float = param(
        0.05,
        0.01,
        0.5,
        "how sharply the chance of an invitation turns on at the security threshold",
        f"{ASSUMED}; docs/specification.md: above a threshold it engages",
        units="security 0–1",
    )

    trust_weight: float = param(
        0.4,
        0,
        1,
        "weight of trust in the US in regime security",
        f"article: 'regime security'; {ASSUMED} weights",
        units="weight 0–1",
    )
    guarantee_weight: float = param(
        0.3,
        0,
        1,
        "weight of a standing agreement's guarantees",
        f"article: 'regime security'; {ASSUMED} weights",
        units="weight 0–1",
    )
    support_weight: float = param(
        0.3,
        0,
        1,
        "weight of outside (Russian, Chinese) support",
        f"article: 'regime security'; {ASSUMED} weights",
        units="weight 0–1",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Provocation(Frozen):
    """Mechanism 13, North Korea tests or pauses, for reasons."""

    base: float = param(
        -2.2,
        -6,
        2,
        "log-odds of a test in a month with no reason for or against",
        f"{CHECKED}: a launch in 7 of the 11 months of 2017 from February",
        units="log-odds",
        prior=Uniform(-4, 0, why="a test in 2 % to 50 % of months with no reason for or against"),
    )
    development_rate: float = param(
        0.15,
        0,
        1,
        "monthly progress of weapons development toward a milestone that needs a test",
        f"{ASSUMED}: a new system every half year or so (2016–2017)",
        units="progress per month",
    )
    milestone_weight: float = param(
        3.5,
        0,
        10,
        "pull toward a test of a milestone reached (log-odds)",
        ASSUMED,
        units="log-odds",
    )
    exercise_weight: float = param(
        1.2,
        0,
        10,
        "pull toward a test of a US–ROK exercise (log-odds)",
        "North Korea answers US–ROK exercises with launches (data/history.csv, 2017)",
        units="log-odds",
    )
    breakdown_weight: float = param(
        1.5,
        0,
        10,
        "pull toward a test of a fresh breakdown of talks (log-odds)",
        ASSUMED,
        units="log-odds",
    )
    tightening_weight: float = param(
        1.2,
        0,
        10,
        "pull toward a test of fresh sanctions (log-odds)",
        ASSUMED,
        units="log-odds",
    )
    insecurity_weight: float = param(
        2.0,
        0,
        10,
        "pull toward a test per unit of regime security below its threshold (log-odds)",
        ASSUMED,
        units="log-odds per unit of insecurity",
    )
    restraint: float = param(
        5.0,
        0,
        20,
        "pull away from a test per unit of talks in prospect (log-odds)",
        f"{CHECKED}: no launch in 2018 once talks had begun",
        units="log-odds per unit of talks in prospect",
        prior=Uniform(0, 10, why="from no restraint to odds cut some 20 000-fold by talks"),
    )
    memory_decay: float = param(
        0.3,
        0,
        1,
        "monthly fading of breakdowns, tightening and proposals",
        f"{ASSUMED}: a breakdown or a resolution is remembered for a few months",
        units="share per month",
    )
    expectation_rate: float = param(
        0.8,
        0,
        1,
        "monthly rise of expectations while talks live",
        f"{CALIBRATED}: no launch once talks had begun in 2018",
        units="share per month",
    )
    salvo_rate: float = param(
        3.0,
        0,
        10,
        "launches beyond the first in a month of tests, at a certain test (mean of a geometric)",
        f"{CALIBRATED}: 2017's twenty-odd launch events (the replay: median 13, 10–90 % 7–21)",
        units="launches per month of tests",
    )
    nuclear_test_share: float = param(
        0.2,
        0,
        1,
        "chance a month of tests for a new system includes a nuclear test",
        "the record: the sixth nuclear test (September 2017) among five milestone launches of 2017",
        units="probability per month of tests",
    )
    patron_restraint: float = param(
        1.5,
        0,
        10,
        "log-odds of a test China's full backing takes off, as far as Pyongyang relies on it",
        "Wang Yi's 'suspension for suspension' (March 2017); Kim met Xi before each 2018 summit;"
        f" {ASSUMED}: a full patron's call worth about a reason to test",
        units="log-odds",
    )
    enabled: int = param(
        1,
        0,
        1,
        "1: the mechanism acts; 0: switched off (docs/ablation.md)",
        "ablation switch",
        units="switch (1 on, 0 off)",
    )


class Tension(Frozen):
    """The regional tension index from Goldstein-weighted events."""

    decay: float = param(
        0.15,
        0,
        1,
        "monthly relaxation of tension towards zero",
        ASSUMED,
        units="share per month",
    )
    scale: float = param(
        0.015,
        0,
        0.2,
        "tension per Goldstein point of conflict",
        "Goldstein 1992",
        units="tension per Goldstein point",
    )


class Mechanisms(Frozen):
    """All mechanism parameters, one group per mechanism of docs/specification.md."""

    showmanship: Showmanship = Showmanship()
    cash_first: CashFirst = CashFirst()
    trust: TrustUpdate = TrustUpdate()
    lifeline: Lifeline = Lifeline()
    sanctions: Sanctions = Sanctions()
    china: ChinaUnease = ChinaUnease()
    japan: JapanSqueeze = JapanSqueeze()
    korea: KoreaLeadership = KoreaLeadership()
    mediation: Mediation = Mediation()
    winsets: WinSets = WinSets()
    cooperation: Cooperation = Cooperation()
    regime_security: RegimeSecurity = RegimeSecurity()
    provocation: Provocation = Provocation()
    tension: Tension = Tension()
