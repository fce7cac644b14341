"""North Korea: cash first, the concession threshold, regime security, provocations."""

import numpy as np
from numpy.typing import NDArray

from sim.agents.base import Country
from sim.countries import CHN, PRK, USA
from sim.mechanisms.cash_first import cash_first_price, may_concede
from sim.mechanisms.china import chinese_support
from sim.mechanisms.lifeline import leverage, relief_need_update
from sim.mechanisms.provocation import insecurity, provocation_hazard
from sim.mechanisms.regime_security import outside_support, regime_security
from sim.mechanisms.sanctions import effective_sanctions
from sim.state import WorldState


class NorthKorea(Country):
    """Prices talks by distrust and patience (2), concedes only above its threshold or in
    reciprocity (2), weighs regime security (12), provokes by hazard (13), and lives on the
    Russian lifeline (4)."""

    code = "PRK"

    def outside_support(self, obs: WorldState) -> NDArray[np.float64]:
        """Russian and Chinese support, the outside option behind leverage and security."""
        chinese = chinese_support(
            obs.trust[:, CHN, PRK], self.model.params["actors.CHN.reengagement"]
        )
        return outside_support(obs.rus_flows, obs.military_cooperation, chinese)

    def decide(self, obs: WorldState) -> None:
        m = self.model
        threshold = self.param("security_threshold")
        m.decisions["price"] = cash_first_price(
            obs.trust[:, PRK, USA],
            obs.relief_need,
            obs.security,
            threshold,
            self.mechanism("cash_first.base_price"),
            self.mechanism("cash_first.distrust_slope"),
            self.mechanism("cash_first.patience_slope"),
            self.mechanism("cash_first.security_discount"),
        )
        allowed = may_concede(
            obs.trust[:, PRK, USA], self.param("concession_threshold"), obs.us_moved_since_prk
        )
        m.decisions["concede"] = (
            allowed
            & obs.talks_alive
            & (self.draw("concede") < self.mechanism("cash_first.concession_rate"))
        )
        hazard = provocation_hazard(
            self.mechanism("provocation.base_hazard"),
            obs.talks_alive,
            obs.expectations,
            obs.breakdown_memory,
            m.inputs.exercise,
            obs.tightening_memory,
            insecurity(obs.security, threshold),
            self.mechanism("provocation.talks_suppression"),
            self.mechanism("provocation.breakdown_boost"),
            self.mechanism("provocation.exercise_boost"),
            self.mechanism("provocation.tightening_boost"),
            self.mechanism("provocation.insecurity_boost"),
        )
        m.decisions["provoke"] = self.draw("provoke") < hazard

    def update(self, obs: WorldState) -> None:
        s = self.state
        effective = effective_sanctions(s.sanctions_regime, obs.enforcement, obs.trade_share)
        s.relief_need = relief_need_update(
            obs.relief_need,
            effective,
            obs.rus_flows,
            self.mechanism("lifeline.offset"),
            self.mechanism("lifeline.rate"),
        )
        support = self.assess_security(obs)
        s.pressure[:, PRK] = (s.relief_need + (1.0 - s.security)) / 2.0
        s.leverage[:, PRK] = leverage(
            obs.capability[:, PRK], support, self.mechanism("lifeline.outside_weight")
        )

    def assess_security(self, obs: WorldState) -> NDArray[np.float64]:
        """Set regime security (mechanism 12) from the current state; return outside support."""
        s = self.state
        support = self.outside_support(obs)
        s.security = regime_security(
            s.trust[:, PRK, USA],
            s.agreement,
            support,
            self.mechanism("regime_security.trust_weight"),
            self.mechanism("regime_security.guarantee_weight"),
            self.mechanism("regime_security.support_weight"),
        )
        return support
