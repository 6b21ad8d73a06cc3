"""The values the strategies draw from: country groups, boundary days of the rules,
dates, three-valued flags and shares around the §19.6 thresholds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from ..decide.api import default_pack
from ..law.countries import ADEQUACY, EEA, EU, US
from ..law.requirements import REQUIREMENTS
from ._pins import _maybe

EU_COUNTRIES = ("FR", "DE", "IE", "NL")
EEA_ONLY_COUNTRIES = ("NO", "IS")
ADEQUACY_COUNTRIES = ("CH", "GB", "JP")
US_COUNTRIES = ("US",)
OTHER_COUNTRIES = ("IN", "CN")
COUNTRIES = (
    *EU_COUNTRIES, *EEA_ONLY_COUNTRIES, *ADEQUACY_COUNTRIES, *US_COUNTRIES, *OTHER_COUNTRIES
)
assert set(EU_COUNTRIES) <= EU
assert set(EEA_ONLY_COUNTRIES) <= EEA - EU
assert set(ADEQUACY_COUNTRIES) <= ADEQUACY
assert set(US_COUNTRIES) <= US
assert not set(OTHER_COUNTRIES) & (EEA | ADEQUACY | US)


def _rule_days() -> tuple[dt.date, ...]:
    days: set[dt.date] = set()
    for rule in default_pack().rules:
        if rule.valid_from is not None:
            days.add(rule.valid_from)
        if rule.valid_until is not None:
            days.add(rule.valid_until + dt.timedelta(days=1))
    return tuple(sorted(days))


#: Days on which a bundled rule enters or leaves force, with the day before and after.
BOUNDARY_DAYS: tuple[dt.date, ...] = tuple(
    sorted({day + dt.timedelta(days=delta) for day in _rule_days() for delta in (-1, 0, 1)})
)

REQUIREMENT_IDS: tuple[str, ...] = tuple(req.id for req in REQUIREMENTS)
DEROGABLE_IDS: tuple[str, ...] = tuple(req.id for req in REQUIREMENTS if req.derogable)

_EARLIEST, _LATEST = dt.date(2019, 1, 1), dt.date(2028, 12, 31)
dates: st.SearchStrategy[dt.date] = st.one_of(
    st.sampled_from(BOUNDARY_DAYS), st.dates(min_value=_EARLIEST, max_value=_LATEST)
)
tri: st.SearchStrategy[bool | None] = st.sampled_from([True, False, None])
_names: st.SearchStrategy[str | None] = st.none() | st.text(max_size=8)

percentages: st.SearchStrategy[float | None] = st.one_of(
    st.none(),
    st.sampled_from([0, 24, 25, 39, 40, 100, 24.0, 24.5, 39.0, 39.5]),
    st.integers(min_value=0, max_value=100),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)


def countries(*, unknowns: bool = True) -> st.SearchStrategy[list[str] | None]:
    """A list of country codes (maybe empty) from every group, or unknown."""
    return _maybe(st.lists(st.sampled_from(COUNTRIES), max_size=4), unknowns)


def _activities(unknowns: bool) -> st.SearchStrategy[list[int] | None]:
    return _maybe(st.lists(st.integers(min_value=1, max_value=6), max_size=6), unknowns)


def _enum(cls: Any, unknowns: bool) -> st.SearchStrategy[Any]:
    return _maybe(st.sampled_from(list(cls)), unknowns)
