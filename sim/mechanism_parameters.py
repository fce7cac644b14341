"""Parameters of the thirteen mechanisms, one group per mechanism, each declared once.

Defaults are the values the baseline runs with; ``docs/ODD.md`` tabulates them with their sources.
"""

from sim.schema import Frozen, param

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
    )
    pressure_gain: float = param(
        0.2,
        0,
        1,
        "added monthly proposal chance per unit of US pressure for a win",
        f"article; {CALIBRATED}: about two overtures a year at full pressure, as in 2017–2018",
    )
    window_boost: float = param(
        3.0, 0, 10, "proposal propensity multiplier at full visibility of a summit window", ARTICLE
    )
    window_lead_months: int = param(
        2,
        0,
        12,
        "months before a window over which its visibility ramps up",
        f"{ASSUMED}: a summit takes months to stage (Singapore: three, data/history.csv)",
    )
    spectacle_relief: float = param(
        0.5, 0, 1, "share of US pressure a held summit relieves, whatever its substance", ARTICLE
    )
    pressure_growth: float = param(
        0.03, 0, 0.5, "monthly rise of US pressure for a visible win while none is had", ARTICLE
    )
    cooldown_months: int = param(
        3,
        0,
        24,
        "months after a held summit before the US proposes again",
        f"{ASSUMED}: a summit takes months to prepare",
    )


class CashFirst(Frozen):
    """Mechanism 2, North Korean distrust and "cash first"; mechanism 12's effect on the price."""

    base_price: float = param(
        0.1, 0, 1, "relief North Korea asks for at full trust and full need", ASSUMED
    )
    distrust_slope: float = param(
        0.35, 0, 2, "rise of the price per unit of distrust in the US", "Kydd 2005; article"
    )
    patience_slope: float = param(
        0.45, 0, 2, "rise of the price per unit of relief not needed (patience)", ARTICLE
    )
    security_discount: float = param(
        0.15,
        0,
        2,
        "fall of the price per unit of regime security above its threshold",
        f"{ASSUMED}; article: 'If North Korea can gain confidence in regime security'",
    )
    talks_value: float = param(
        0.55,
        0,
        1,
        "value North Korea places on a summit itself, added to any relief offered",
        f"{CALIBRATED}: Singapore accepted in 2018 with no relief on offer",
    )
    decision_noise: float = param(
        0.1,
        0,
        0.5,
        "half-width of the uniform noise on North Korea's valuation of an offer",
        ASSUMED,
    )
    concession_rate: float = param(
        0.3,
        0,
        1,
        "monthly chance North Korea concedes while talks are alive and it may",
        ASSUMED,
    )


class TrustUpdate(Frozen):
    """Mechanism 3, trust as a belief updated by signals; hollow summits."""

    gain: float = param(
        0.08, 0, 1, "share of the gap to full trust closed by a cooperative signal", "Kydd 2000"
    )
    loss: float = param(
        0.4,
        0,
        1,
        "share of trust lost to a defection (must exceed gain)",
        "Kydd 2000 (Bayesian updating: the loss share is the chance a trustworthy partner would"
        " have delivered); article",
    )
    costly_signal_gain: float = param(
        0.25, 0, 1, "share of the gap closed by a delivered tangible reward", "Kydd 2005"
    )
    provocation_loss: float = param(
        0.08,
        0,
        1,
        "share of trust in North Korea others lose to a provocation",
        f"{ASSUMED}: a launch weighs as much as a cooperative signal (trust.gain)",
    )
    reward_deadline_months: int = param(
        3, 1, 24, "months for a reward to arrive before a deal counts as hollow", ARTICLE
    )
    forgiveness: float = param(
        1 / 3, 0, 1, "chance talks survive a hollow deal", "Axelrod 1984; Nowak & Sigmund 1992"
    )


class Lifeline(Frozen):
    """Mechanism 4, the Russian lifeline."""

    rate: float = param(
        0.15,
        0,
        1,
        "monthly adjustment of relief need towards its target",
        f"{ASSUMED}: relief need adjusts over about half a year",
    )
    offset: float = param(
        0.8, 0, 1, "share of effective sanctions pressure that full Russian flows offset", ARTICLE
    )
    outside_weight: float = param(
        0.5, 0, 1, "weight of outside options in leverage (capability has the rest)", ASSUMED
    )


class Sanctions(Frozen):
    """Mechanism 5, sanctions bite only where enforced."""

    tighten_propensity: float = param(
        0.6,
        0,
        1,
        "chance the US pushes a tighter UN regime in a month after a provocation",
        f"{CHECKED}: three UN resolutions in 2017, a year of launches",
    )
    tighten_step: float = param(
        0.1,
        0,
        1,
        "rise of the regime per adopted UN resolution",
        f"{ASSUMED}: 2017's three resolutions take the regime from 0.55 to 0.85",
    )
    relief_step: float = param(
        0.15,
        0,
        1,
        "fall of the regime when relief is delivered under a freeze-for-relief deal",
        ASSUMED,
    )


class ChinaUnease(Frozen):
    """Mechanism 6, China's unease at North Korea–Russia military cooperation."""

    concern_gain: float = param(
        0.3,
        0,
        1,
        "monthly rise of China's concern per unit of PRK–RUS military cooperation",
        ASSUMED,
    )
    concern_decay: float = param(0.1, 0, 1, "monthly decay of China's concern", ASSUMED)
    trust_erosion: float = param(
        0.06, 0, 1, "monthly loss of China's trust in North Korea per unit of concern", ARTICLE
    )
    enforcement_response: float = param(
        0.1, 0, 1, "monthly move of China's enforcement towards its response target", ASSUMED
    )


class JapanSqueeze(Frozen):
    """Mechanism 7, Japan squeezed by rice prices and tariffs."""

    rice_weight: float = param(0.45, 0, 1, "weight of rice prices in Japan's pressure", ARTICLE)
    tariff_weight: float = param(0.35, 0, 1, "weight of US tariffs in Japan's pressure", ARTICLE)
    pressure_rate: float = param(
        0.3, 0, 1, "monthly move of Japan's pressure towards its drivers", ASSUMED
    )
    trade_failure_shock: float = param(
        0.3, 0, 1, "jump in Japan's pressure when the US–Japan trade negotiation fails", ARTICLE
    )
    trade_failure_support_loss: float = param(
        0.1, 0, 1, "immediate loss of government support when the trade talks fail", ARTICLE
    )
    pressure_tolerance: float = param(
        0.45, 0, 1, "pressure above which government support erodes", ASSUMED
    )
    support_loss: float = param(
        0.15, 0, 1, "monthly support lost per unit of excess pressure", ASSUMED
    )
    support_recovery: float = param(
        0.04,
        0,
        1,
        "monthly recovery of support towards its starting level under tolerable pressure",
        ASSUMED,
    )
    leadership_threshold: float = param(
        0.25,
        0,
        1,
        "support below which a leadership change looms",
        "Japanese cabinets near 25% approval have fallen (Aso 2009, Kan 2011, Noda 2012)",
    )
    leadership_patience: int = param(
        7,
        1,
        24,
        "months of support below that threshold before the leader falls",
        "Japanese cabinets polling near or below 25% lasted about half a year or more"
        " (Aso 2009, Kan 2011, Noda 2012, Kishida 2024)",
    )
    new_leader_support: float = param(
        0.45,
        0,
        1,
        "support of a new government",
        "new Japanese cabinets start near or above half approval (Kishida 2021, Ishiba 2024)",
    )
    outreach_rate: float = param(
        0.4, 0, 1, "monthly chance outreach to North Korea advances at no pressure", ASSUMED
    )
    outreach_step: float = param(0.08, 0, 1, "progress made when outreach advances", ASSUMED)
    outreach_pressure_limit: float = param(
        0.7, 0, 1, "pressure above which Japan's outreach stalls", ARTICLE
    )


class KoreaLeadership(Frozen):
    """Mechanism 8, South Korea moves first."""

    pragmatism_gain: float = param(
        0.03, 0, 1, "monthly rise of South Korea's leadership per unit of pragmatism", ARTICLE
    )
    initiative_rate: float = param(
        0.3,
        0,
        1,
        "monthly chance per unit of leadership that South Korea takes an initiative",
        ASSUMED,
    )
    follow_boost: float = param(
        1.5,
        0,
        5,
        "rise of Japan's outreach chance in an initiative month, per unit of leadership",
        "article: 'if Korea moves first, other countries will follow'",
    )


class Mediation(Frozen):
    """Mechanism 9, South Korea mediates."""

    gain: float = param(
        0.3,
        0,
        1,
        "share of the gap to full trust closed by mediation",
        f"Kydd 2003; {CALIBRATED}: Seoul's envoys turned the Olympic thaw into a summit in 2018",
    )
    trust_threshold: float = param(
        0.3,
        0,
        1,
        "trust in South Korea below which mediation has no effect on a side",
        "Kydd 2003: a go-between moves only a side that finds it credible",
    )


class WinSets(Frozen):
    """Mechanism 10, freeze versus denuclearization: a two-level game."""

    disarmament_threshold: float = param(
        0.4,
        0,
        1,
        "nuclear deal point at or below which a deal counts as a disarmament step",
        f"{ASSUMED}: the lower part of the nuclear scale",
    )
    position_damping: float = param(
        0.1, 0, 1, "share of the gap to the compromise moved per month of talks", "Scholz 2011"
    )
    freeze_drift: float = param(
        0.05, 0, 1, "monthly drift of South Korea's nuclear position towards a freeze", ARTICLE
    )
    freeze_point: float = param(
        0.55,
        0,
        1,
        "the nuclear position that means 'freeze first'",
        f"{ASSUMED}: the middle of the nuclear scale, a little towards a nuclear state",
    )
    out_of_reach: float = param(
        0.7,
        0,
        1,
        "North Korean nuclear position above which denuclearization looks out of reach",
        ASSUMED,
    )


class Cooperation(Frozen):
    """Mechanism 11, cooperation follows dialogue."""

    inter_korean_rate: float = param(
        0.08, 0, 1, "monthly progress of inter-Korean cooperation", ASSUMED
    )
    inter_korean_decay: float = param(0.03, 0, 1, "monthly decay of it without dialogue", ASSUMED)
    fta_rate: float = param(
        0.05, 0, 1, "monthly FTA progress at full leadership and trust", ASSUMED
    )
    rivalry_drag: float = param(
        0.03, 0, 1, "monthly FTA setback per unit of US–China rivalry", ASSUMED
    )


class RegimeSecurity(Frozen):
    """Mechanism 12, regime security decides."""

    trust_weight: float = param(
        0.4,
        0,
        1,
        "weight of trust in the US in regime security",
        f"article: 'regime security'; {ASSUMED} weights",
    )
    guarantee_weight: float = param(
        0.3,
        0,
        1,
        "weight of a standing agreement's guarantees",
        f"article: 'regime security'; {ASSUMED} weights",
    )
    support_weight: float = param(
        0.3,
        0,
        1,
        "weight of outside (Russian, Chinese) support",
        f"article: 'regime security'; {ASSUMED} weights",
    )


class Provocation(Frozen):
    """Mechanism 13, provocations."""

    base_hazard: float = param(
        0.25,
        0,
        1,
        "monthly provocation chance with nothing going on",
        f"{CHECKED}: a launch in 7 of the 11 months of 2017 from February",
    )
    talks_suppression: float = param(
        0.95,
        0,
        1,
        "share of the hazard removed by live talks at full expectations",
        f"{CHECKED}: no launch in 2018 once talks had begun",
    )
    breakdown_boost: float = param(
        1.0, 0, 5, "hazard multiplier added by a fresh breakdown", ASSUMED
    )
    exercise_boost: float = param(
        0.8,
        0,
        5,
        "hazard multiplier added by a military exercise",
        "North Korea answers US–ROK exercises with launches (data/history.csv, 2017)",
    )
    tightening_boost: float = param(
        0.8, 0, 5, "hazard multiplier added by fresh sanctions", ASSUMED
    )
    insecurity_boost: float = param(
        1.5,
        0,
        5,
        "hazard multiplier added per unit of regime security below its threshold",
        ASSUMED,
    )
    memory_decay: float = param(
        0.3,
        0,
        1,
        "monthly fading of breakdowns and tightening",
        f"{ASSUMED}: a breakdown or a resolution is remembered for a few months",
    )
    expectation_rate: float = param(
        0.8,
        0,
        1,
        "monthly rise of expectations while talks live",
        f"{CALIBRATED}: no launch once talks had begun in 2018",
    )


class Tension(Frozen):
    """The regional tension index from Goldstein-weighted events."""

    decay: float = param(0.15, 0, 1, "monthly relaxation of tension towards zero", ASSUMED)
    scale: float = param(0.015, 0, 0.2, "tension per Goldstein point of conflict", "Goldstein 1992")


class Mechanisms(Frozen):
    """All mechanism parameters, one group per mechanism of MODEL.md."""

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
