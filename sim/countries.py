"""The six countries: ISO 3166 alpha-3 codes, their order in every array, display names."""

from typing import Literal

CountryCode = Literal["USA", "PRK", "KOR", "CHN", "RUS", "JPN"]

COUNTRIES: tuple[CountryCode, ...] = ("USA", "PRK", "KOR", "CHN", "RUS", "JPN")
"""The country axis of every state array, in this order."""

USA, PRK, KOR, CHN, RUS, JPN = range(6)
"""Indices on the country axis."""

INDEX: dict[str, int] = {code: i for i, code in enumerate(COUNTRIES)}

DISPLAY_NAMES: dict[str, str] = {
    "USA": "United States",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "CHN": "China",
    "RUS": "Russia",
    "JPN": "Japan",
}

SHORT_NAMES: dict[str, str] = {
    "USA": "the US",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "CHN": "China",
    "RUS": "Russia",
    "JPN": "Japan",
}
"""Names as they read inside a sentence ("its trust in the US")."""
