"""From an assignment of abstract values back to a concrete, valid :class:`Case`.

``cloudcentre verify`` uses it to keep only the assignments the case model accepts and
to write each counterexample as a case file ``cloudcentre assess`` can replay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import case as m
from ..model.facts import LISTED_FACTS, listed_fact
from .fields import LISTED, MODEL, UNKNOWN, Key

__all__ = ["build_case", "build_part"]

_CLASSES: dict[str, type] = {
    "organisation": m.Organisation,
    "workload": m.Workload,
    "workload.data": m.WorkloadData,
    "provider": m.Provider,
    "offering": m.Offering,
    "derogation": m.Derogation,
    "certificate": m.Certification,
}
_FAR_PAST, _FAR_FUTURE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
#: Values for required fields the assignment leaves out (the most permissive ones).
_DEFAULTS: dict[str, dict[str, Any]] = {
    "organisation": {"kind": m.OrgKind.PUBLIC_INTEREST_GROUP},
    "offering": {"kind": m.OfferingKind.COMMERCIAL},
    "derogation": {"basis": m.DerogationBasis.CAC_2021_R9_AL4, "covers": (),
                   "granted_on": _FAR_PAST},
    "certificate": {"scheme": m.Scheme.OTHER, "status": m.CertStatus.GRANTED,
                    "valid_from": _FAR_PAST, "valid_until": _FAR_FUTURE},
}


def _value(owner: str, field: str, value: Any) -> Any:
    info = MODEL.get(f"{owner}.{field}")
    if info is not None and info.type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _make(owner: str, fields: Mapping[str, Any], **extra: Any) -> Any:
    values = {**_DEFAULTS.get(owner, {}),
              **{k: _value(owner, k, v) for k, v in fields.items()}, **extra}
    if owner == "certificate" and "valid_until" not in fields and "valid_from" in fields:
        values["valid_until"] = max(values["valid_from"], _FAR_FUTURE)
    if owner == "certificate" and "valid_from" not in fields and "valid_until" in fields:
        values["valid_from"] = min(values["valid_until"], _FAR_PAST)
    return _CLASSES[owner](**values)


def build_part(owner: str, fields: Mapping[str, Any], as_of: dt.date) -> bool:
    """Whether the model accepts these fields of one part of a case."""
    if owner not in _CLASSES:
        return True
    try:
        part = _make(owner, fields)
        if owner == "workload.data":
            m.Case(m.Organisation(m.OrgKind.PRIVATE_BODY), m.Offering(m.OfferingKind.COMMERCIAL),
                   workload=m.Workload(data=part))
    except (ValueError, TypeError):
        return False
    return True


def build_case(assignment: Iterable[tuple[Key, Any]], as_of: dt.date,
               covers: tuple[str, ...] = ()) -> m.Case:
    """A case whose facts are the assignment's (unknown ones left out), on ``as_of``."""
    parts: dict[str, dict[str, Any]] = {}
    listed = False
    complete: set[m.Scheme] = set()
    for (name, _), value in assignment:
        if value is UNKNOWN:
            continue
        if name == LISTED:
            listed = True
            continue
        if name in LISTED_FACTS:  # the list is complete for this scheme
            listed = True
            complete |= {s for s in m.Scheme if listed_fact(s) == name}
            continue
        owner, _, field = name.rpartition(".")
        if owner in _CLASSES:
            parts.setdefault(owner, {})[field] = value
    certs: tuple[m.Certification, ...] | None = None
    if "certificate" in parts:
        certs = (_make("certificate", parts["certificate"], id="c1"),)
    elif listed:
        certs = ()
    still_open = tuple(sorted(set(m.Scheme) - complete))
    data = _make("workload.data", parts.get("workload.data", {}))
    derogation = None
    if "derogation" in parts:
        derogation = _make("derogation", parts["derogation"], covers=covers)
    return m.Case(
        organisation=_make("organisation", parts.get("organisation", {})),
        offering=_make("offering", parts.get("offering", {}), certifications=certs,
                       certifications_open=still_open if certs is not None else ()),
        workload=_make("workload", parts.get("workload", {}), data=data),
        provider=_make("provider", parts.get("provider", {})),
        derogation=derogation,
        as_of=as_of,
    )
