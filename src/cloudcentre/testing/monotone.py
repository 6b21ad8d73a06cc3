"""The monotonicities ``cloudcentre verify`` checks, as changes of one abstract input."""

from __future__ import annotations

from typing import Any

from ..law.countries import EU
from .fields import Key
from .space import Space

__all__ = ["MORE_IS_WORSE", "flips"]


def flips(space: Space, key: Key, value: Any) -> list[tuple[str, Any]]:
    """The single-fact changes a monotonicity makes to ``key = value``: (name, new value)."""
    name = key[0]
    out: list[tuple[str, Any]] = []
    if name.startswith("workload.data.") and value is False:
        if True in space.domains[key]:
            out.append(("more-sensitive-data", True))
    elif name.endswith("_locations") and isinstance(value, tuple):
        for place in value:
            if place not in EU:
                moved = tuple(sorted({*(p for p in value if p != place), "FR"}))
                found = space.represent(key, moved)
                if found is not None and found != value:
                    out.append(("eu-location", found))
    elif name.startswith("provider.") and isinstance(value, str) and value not in EU and \
            name.rsplit(".", 1)[1] in ("statutory_seat", "central_administration",
                                       "principal_establishment"):
        found = space.represent(key, "FR")
        if found is not None:
            out.append(("eu-location", found))
    elif name.endswith("non_eu_share") and isinstance(value, int | float):
        out += [("lower-non-eu-share", v) for v in space.domains[key]
                if isinstance(v, int | float) and v < value]
    return out


#: The monotonicities where more is worse (a change must not improve the status).
MORE_IS_WORSE = frozenset({"more-sensitive-data"})
