"""Who reads whose acts: the pairs of countries each kind of signal moves, as data.

Resolution loops over these tables; a country that joins the model and reads, say, North Korea's
tests joins the table here, and no loop changes.
"""

from sim.countries import CHN, JPN, KOR, PRK, RUS, USA

NEGOTIATORS: tuple[int, int] = (USA, PRK)
"""The two sides of the talks: the summits, the deals and the win-sets that meet are theirs."""

PARTIES: tuple[int, ...] = (USA, PRK, KOR, CHN, RUS, JPN)
"""The parties whose positions weigh on where a US–North Korea deal lands: the six of the
Six-Party Talks (2003–2009)."""

MEDIATOR: int = KOR
"""The go-between each side believes as far as it trusts it (mechanism 9)."""

MEDIATED: tuple[tuple[int, int], ...] = ((USA, PRK), (PRK, USA))
"""(side, other): whose trust in whom a mediator's vouching moves."""

LAUNCH_READERS: tuple[int, ...] = (USA, KOR, JPN)
"""Who reads a North Korean test as a defection, with all its information."""

LAUNCH_READERS_WEIGHED: tuple[int, ...] = (CHN,)
"""Who reads a test at ``mechanisms.trust.china_provocation_weight`` (Beijing discounts it)."""

INITIATIVE_READERS: tuple[int, ...] = (JPN, CHN)
"""The others of the Korea–China–Japan meeting South Korea proposes (mechanism 8)."""

OUTREACH: tuple[int, int] = (JPN, PRK)
"""(who reaches out, to whom): Japan's normalization talks (mechanism 7)."""

CONCESSION_COSTLY: tuple[int, ...] = (USA,)
"""Who reads North Korea's concession as a costly signal: the side it was made to."""

CONCESSION_CHEAP: tuple[int, ...] = (KOR, JPN)
"""Who reads it as a cheap one."""

ARMS_PARTNERS: tuple[tuple[int, int], ...] = ((PRK, RUS), (RUS, PRK))
"""(reader, actor): North Korea–Russia military cooperation binds the two."""

ARMS_WORRIED: tuple[int, ...] = (USA, KOR, JPN)
"""Who reads Russia's arms deals with North Korea as a defection."""

VETO_OPPOSED: tuple[int, ...] = (USA,)
"""Who reads a veto of tighter sanctions as a defection (the side that pushed them)."""

VETO_FAVOURED: tuple[int, ...] = (PRK,)
"""Who reads it as a favour (the side they were aimed at)."""
