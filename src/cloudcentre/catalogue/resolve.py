"""From catalogue entries to case data: an offering and its provider as they stood on a day.

A case may name an offering by id (``"offering": {"catalogue": "outscale-iaas"}``); the
offering and its provider are then filled in from the catalogue as of the case's date,
and any field the case gives itself overrides the catalogue's.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Mapping
from typing import Any

from .._errors import InvalidCase
from ..model.case import Case
from ..model.convert import case_from_dict, check_case_data
from ..model.limits import parse_json
from .entries import Catalogue, OfferingEntry, Sourced
from .load import bundled_catalogue

__all__ = [
    "case_from_catalogue_dict",
    "case_from_catalogue_json",
    "offering_assumptions",
    "offering_sections",
    "resolve_case_dict",
    "value_on",
]


def value_on(values: tuple[Sourced, ...], day: dt.date) -> Sourced | None:
    """The value that holds on ``day``, or ``None`` (unknown that day)."""
    return next((v for v in values if v.holds_on(day)), None)


def _json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _known(catalogue: Catalogue, offering_id: str) -> OfferingEntry:
    entry = catalogue.offering(offering_id)
    if entry is None:
        ids = [o.id for o in catalogue.offerings]
        close = difflib.get_close_matches(offering_id, ids, n=3)
        hint = ("did you mean " + ", ".join(f"`{c}`" for c in close) + "?") if close else (
            "`cloudcentre providers` lists the catalogue's offerings")
        raise InvalidCase(f"`{offering_id}` is not an offering of the catalogue",
                          path="offering.catalogue", value=offering_id, hint=hint)
    return entry


def offering_sections(
    catalogue: Catalogue, offering_id: str, day: dt.date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``offering`` and ``provider`` sections of a case, as in the catalogue on ``day``."""
    entry = _known(catalogue, offering_id)
    provider = catalogue.provider(entry.provider)
    assert provider is not None  # the loader checks every offering's provider
    offering: dict[str, Any] = {"name": entry.name} if entry.name else {}
    for name, values in entry.attributes:
        found = value_on(values, day)
        if found is not None:
            offering[name] = _json(found.value)
    if entry.certifications is not None:
        offering["certifications"] = [c.to_case() for c in entry.certifications]
    provider_section: dict[str, Any] = {"name": provider.name} if provider.name else {}
    for name, values in provider.attributes:
        found = value_on(values, day)
        if found is not None:
            provider_section[name] = _json(found.value)
    return offering, provider_section


def offering_assumptions(catalogue: Catalogue, offering_id: str, day: dt.date) -> tuple[str, ...]:
    """The catalogue's labelled assumptions behind an offering and its provider on ``day``."""
    entry = _known(catalogue, offering_id)
    provider = catalogue.provider(entry.provider)
    out: list[str] = []
    for section, attributes in (("provider", provider.attributes if provider else ()),
                                ("offering", entry.attributes)):
        for name, values in attributes:
            found = value_on(values, day)
            if found is not None and found.assumption:
                out.append(f"{section}.{name}: {found.assumption}")
    for cert in entry.certifications or ():
        if cert.assumption:
            out.append(f"offering.certifications[{cert.id}]: {cert.assumption}")
    return tuple(out)


def _day(data: Mapping[str, Any], as_of: dt.date | None) -> dt.date:
    if as_of is not None:
        return as_of
    text = data.get("as_of")
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # the case converter reports the bad date
    return dt.date.today()


def resolve_case_dict(
    data: Mapping[str, Any], catalogue: Catalogue | None = None, as_of: dt.date | None = None
) -> Mapping[str, Any]:
    """``data`` with a catalogue reference in ``offering`` replaced by the catalogue's data.

    Without a reference, ``data`` is returned as it is.
    """
    offering = data.get("offering")
    if not isinstance(offering, Mapping) or "catalogue" not in offering:
        return data
    ref = offering["catalogue"]
    if not isinstance(ref, str):
        raise InvalidCase(f"`{json.dumps(ref, default=str)}` is not an offering id",
                          path="offering.catalogue", value=ref,
                          hint="give the id of a catalogue offering, such as `outscale-iaas`")
    found, provider = offering_sections(catalogue or bundled_catalogue(), ref, _day(data, as_of))
    found.update((k, v) for k, v in offering.items() if k != "catalogue")
    given = data.get("provider")
    if isinstance(given, Mapping):
        provider.update(given)
    elif given is not None:
        provider = given  # let the case converter report it
    return {**data, "offering": found, "provider": provider}


def case_from_catalogue_dict(
    data: Mapping[str, Any], catalogue: Catalogue | None = None, as_of: dt.date | None = None
) -> Case:
    """:func:`~cloudcentre.case_from_dict`, resolving a catalogue reference first."""
    check_case_data(data)  # hostile input is rejected before the reference is read
    return case_from_dict(resolve_case_dict(data, catalogue, as_of))


def case_from_catalogue_json(
    text: str | bytes, catalogue: Catalogue | None = None, as_of: dt.date | None = None
) -> Case:
    """:func:`~cloudcentre.case_from_json`, resolving a catalogue reference first."""
    data = parse_json(text)  # the loader's strict parser: the same errors as case_from_json
    if not isinstance(data, Mapping):
        return case_from_dict(data)  # raises the usual error
    return case_from_catalogue_dict(data, catalogue, as_of)
