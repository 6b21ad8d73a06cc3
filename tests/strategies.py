"""Hypothesis strategies for :class:`cloudcentre.Case` and helpers to forget one known field.

Every field of every model class is drawn: all enum members, tri-state booleans
(``True``/``False``/``None``), country codes from every group the rules distinguish,
percentages around the §19.6 thresholds, certificates of every scheme and status, and
dates around the days on which an instrument entered into force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeAlias

import attrs
from hypothesis import strategies as st

import cloudcentre as cc

__all__ = [
    "ADEQUACY_COUNTRIES",
    "BOUNDARY_DAYS",
    "COUNTRIES",
    "EEA_ONLY_COUNTRIES",
    "EU_COUNTRIES",
    "OTHER_COUNTRIES",
    "US_COUNTRIES",
    "Path",
    "case_and_removal",
    "cases",
    "certifications",
    "countries",
    "dates",
    "derogations",
    "interpretations",
    "known_fact_removal",
    "known_field_removal",
    "offerings",
    "organisations",
    "percentages",
    "providers",
    "removable_paths",
    "set_unknown",
    "tri",
    "workload_data",
    "workloads",
]

Path: TypeAlias = tuple[str | int, ...]
"""Where a field sits in a case: attribute names, and an index into ``certifications``."""

EU_COUNTRIES = ("FR", "DE", "IE", "NL")
EEA_ONLY_COUNTRIES = ("NO", "IS")
ADEQUACY_COUNTRIES = ("CH", "GB", "JP")
US_COUNTRIES = ("US",)
OTHER_COUNTRIES = ("IN", "CN")
COUNTRIES = (
    *EU_COUNTRIES, *EEA_ONLY_COUNTRIES, *ADEQUACY_COUNTRIES, *US_COUNTRIES, *OTHER_COUNTRIES
)

_D = dt.date
#: Days on which an instrument took effect (doctrine 2021, DINUM note, SecNumCloud 3.2,
#: doctrine 2023, Data Privacy Framework, SREN, HDS v2 and the end of its transition),
#: with the day before and the day after each.
BOUNDARY_DAYS: tuple[dt.date, ...] = tuple(
    sorted(
        day + dt.timedelta(days=delta)
        for day in (_D(2021, 7, 10), _D(2021, 9, 15), _D(2022, 3, 8), _D(2023, 6, 1),
                    _D(2023, 7, 10), _D(2024, 5, 23), _D(2024, 11, 16), _D(2026, 5, 17),
                    _D(2021, 12, 17), _D(2025, 7, 1), _D(2026, 2, 5), _D(2026, 11, 17))
        for delta in (-1, 0, 1)
    )
)

REQUIREMENT_IDS: tuple[str, ...] = tuple(req.id for req in cc.REQUIREMENTS)

#: Fields that carry no legal fact (see ``_facts._NOT_FACTS``), and ``as_of`` (``None``
#: means today, not unknown).
_NOT_REMOVABLE = frozenset({"name", "id", "title", "reference", "granted_by", "as_of"})

tri: st.SearchStrategy[bool | None] = st.sampled_from([True, False, None])

dates: st.SearchStrategy[dt.date] = st.one_of(
    st.sampled_from(BOUNDARY_DAYS),
    st.dates(min_value=_D(2019, 1, 1), max_value=_D(2028, 12, 31)),
)

_names: st.SearchStrategy[str | None] = st.none() | st.text(max_size=8)

percentages: st.SearchStrategy[float | None] = st.one_of(
    st.none(),
    st.sampled_from([0, 24, 25, 39, 40, 100, 24.0, 24.5, 39.0, 39.5]),
    st.integers(min_value=0, max_value=100),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)

_country: st.SearchStrategy[str] = st.sampled_from(COUNTRIES)
_country_or_none: st.SearchStrategy[str | None] = st.none() | _country


def countries() -> st.SearchStrategy[list[str] | None]:
    """A list of country codes (maybe empty) from every group, or unknown."""
    return st.none() | st.lists(_country, max_size=4)


def _activities() -> st.SearchStrategy[list[int] | None]:
    return st.none() | st.lists(st.integers(min_value=1, max_value=6), max_size=6)


def _enum_or_none(cls: Any) -> st.SearchStrategy[Any]:
    return st.none() | st.sampled_from(list(cls))


@st.composite
def organisations(draw: st.DrawFn) -> cc.Organisation:
    """Only a GIP may be the Health Data Hub; other kinds get false or unknown."""
    kind = draw(st.sampled_from(list(cc.OrgKind)))
    gip = kind is cc.OrgKind.PUBLIC_INTEREST_GROUP
    return cc.Organisation(
        kind=kind,
        name=draw(_names),
        state_supervised=draw(tri),
        includes_state_bodies=draw(tri),
        health_data_platform=draw(tri if gip else st.sampled_from([False, None])),
    )


@st.composite
def workload_data(draw: st.DrawFn) -> cc.WorkloadData:
    """Every flag tri-state, respecting the two invariants of :class:`cloudcentre.Case`."""
    flags = {
        field.name: draw(tri, label=field.name) for field in attrs.fields(cc.WorkloadData)
    }
    if flags["medical_secret"] is True and flags["protected_secret"] is False:
        flags["protected_secret"] = draw(st.sampled_from([True, None]))
    if flags["personal_health_data"] is True and flags["personal_data"] is False:
        flags["personal_data"] = draw(st.sampled_from([True, None]))
    return cc.WorkloadData(**flags)


def workloads() -> st.SearchStrategy[cc.Workload]:
    return st.builds(
        cc.Workload,
        data=workload_data(),
        name=_names,
        hds_exemption=_enum_or_none(cc.HdsExemption),
        hds_activities=_activities(),
        services=st.none() | st.lists(st.sampled_from(list(cc.Service)), max_size=3),
        dr_system_homologated=tri,
    )


def providers() -> st.SearchStrategy[cc.Provider]:
    return st.builds(
        cc.Provider,
        name=_names,
        statutory_seat=_country_or_none,
        central_administration=_country_or_none,
        principal_establishment=_country_or_none,
        largest_non_eu_share=percentages,
        combined_non_eu_share=percentages,
        non_eu_control=tri,
        non_eu_subcontractor_access=tri,
        us_controlled=tri,
        dpf_certified=tri,
        privacy_shield_certified=tri,
    )


@st.composite
def _certification(draw: st.DrawFn, cert_id: str) -> cc.Certification:
    first, second = draw(dates), draw(dates)
    scheme = draw(st.sampled_from(list(cc.Scheme)))
    status = draw(st.sampled_from(list(cc.CertStatus)))
    versions = ["1", "2"] if scheme is cc.Scheme.HDS else ["3.1", "3.2", "2024", "v1"]
    in_process = status is cc.CertStatus.IN_PROCESS
    return cc.Certification(
        scheme=scheme,
        status=status,
        # An undated certificate (a date unknown) now and then.
        valid_from=None if draw(st.integers(0, 5)) == 0 else min(first, second),
        valid_until=None if draw(st.integers(0, 5)) == 0 else max(first, second),
        version=draw(st.none() | st.sampled_from(versions)),
        id=cert_id,
        hds_activities=draw(_activities()),
        milestone=draw(_enum_or_none(cc.Milestone)) if in_process else None,
    )


@st.composite
def certifications(draw: st.DrawFn) -> list[cc.Certification] | None:
    """Unknown, or 0 to 3 certificates with distinct ids."""
    if draw(st.booleans()):
        return None
    count = draw(st.integers(min_value=0, max_value=3))
    return [draw(_certification(f"cert-{i}")) for i in range(count)]


@st.composite
def _data_and_storage(draw: st.DrawFn) -> tuple[list[str] | None, list[str] | None]:
    """Data locations, and storage locations among them (or unknown)."""
    data = draw(countries())
    if data is None:
        return None, draw(countries())
    return data, draw(st.none() | st.lists(st.sampled_from(data), unique=True) if data else
                      st.none() | st.just([]))


@st.composite
def offerings(draw: st.DrawFn) -> cc.Offering:
    data, storage = draw(_data_and_storage())
    return draw(_offerings(data, storage))


def _offerings(
    data: list[str] | None, storage: list[str] | None
) -> st.SearchStrategy[cc.Offering]:
    return st.builds(
        cc.Offering,
        kind=st.sampled_from(list(cc.OfferingKind)),
        name=_names,
        service_model=_enum_or_none(cc.ServiceModel),
        data_locations=st.just(data),
        storage_locations=st.just(storage),
        technical_data_locations=countries(),
        administration_locations=countries(),
        support_locations=countries(),
        support_controlled_from_eu=tri,
        transfer_safeguards=tri,
        dr_homologated=tri,
        archiving_agrement=tri,
        classified_homologated=tri,
        certifications=certifications(),
        certifications_open=st.lists(st.sampled_from(list(cc.Scheme)), max_size=2),
    )


@st.composite
def derogations(draw: st.DrawFn) -> cc.Derogation:
    """Any basis, a subset of the requirement ids, an end date (if any) after the grant."""
    granted_on = draw(dates)
    valid_until = draw(st.none() | dates.map(lambda day: max(day, granted_on)))
    offer = draw(tri)
    return cc.Derogation(
        basis=draw(st.sampled_from(list(cc.DerogationBasis))),
        covers=draw(st.lists(st.sampled_from(REQUIREMENT_IDS), unique=True)),
        granted_on=granted_on,
        valid_until=valid_until,
        open_ended=draw(tri) if valid_until is None else draw(st.sampled_from([False, None])),
        project_advanced=draw(tri),
        offer_available=offer,
        offer_available_since=None if offer is False else draw(st.none() | dates),
        granted_by=draw(_names),
        reference=draw(_names),
    )


def cases() -> st.SearchStrategy[cc.Case]:
    """Any valid case, judged on a date drawn like the other dates."""
    return st.builds(
        cc.Case,
        organisation=organisations(),
        offering=offerings(),
        workload=workloads(),
        provider=providers(),
        derogation=st.none() | derogations(),
        as_of=dates,
        id=_names,
        title=_names,
    )


# ----------------------------------------------------------------------------- forgetting
def _get(obj: Any, step: str | int) -> Any:
    return obj[step] if isinstance(step, int) else getattr(obj, step)


def _optional(field: attrs.Attribute[Any]) -> bool:
    return field.default is None and field.name not in _NOT_REMOVABLE


def _paths(obj: Any, prefix: Path) -> list[Path]:
    out: list[Path] = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if value is None:
            continue
        here: Path = (*prefix, field.name)
        if _optional(field):
            out.append(here)
        if attrs.has(type(value)):
            out.extend(_paths(value, here))
        elif field.name == "certifications":
            for index, cert in enumerate(value):
                out.extend(_paths(cert, (*here, index)))
    return out


def removable_paths(case: cc.Case) -> list[Path]:
    """Every optional field of ``case`` that is known and carries a fact.

    Includes whole optional sections (``derogation``, ``offering.certifications``) and
    the optional fields of each certificate, but not ``as_of`` (``None`` means today).
    """
    return _paths(case, ())


def _replace(obj: Any, path: Path) -> Any:
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(obj)
        items[step] = _replace(items[step], rest)
        return tuple(items)
    if not rest:
        return attrs.evolve(obj, **{step: None})
    return attrs.evolve(obj, **{step: _replace(getattr(obj, step), rest)})


def set_unknown(case: cc.Case, path: Path) -> cc.Case:
    """``case`` with the field at ``path`` set to ``None`` (unknown)."""
    if _get_path(case, path) is None:
        raise ValueError(f"{path} is already unknown")
    return _replace(case, path)  # type: ignore[no-any-return]


def _get_path(obj: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        obj = _get(obj, step)
    return obj


def known_field_removal(case: cc.Case) -> st.SearchStrategy[tuple[Path, cc.Case]]:
    """One known optional field of ``case``, and ``case`` with that field unknown."""
    paths = removable_paths(case)
    return st.sampled_from(paths).map(lambda path: (path, set_unknown(case, path)))


known_fact_removal = known_field_removal


@st.composite
def case_and_removal(draw: st.DrawFn) -> tuple[cc.Case, Path, cc.Case]:
    """A case, a known field of it, and the same case with that field unknown."""
    case = draw(cases())
    # Every case has a known optional field: ``workload.data`` always exists, but its
    # flags may all be unknown, so fall back on adding one known flag first.
    if not removable_paths(case):
        case = attrs.evolve(
            case, organisation=attrs.evolve(case.organisation, state_supervised=True)
        )
    path, reduced = draw(known_field_removal(case))
    return case, path, reduced


@st.composite
def interpretations(draw: st.DrawFn) -> dict[str, str]:
    """A choice of readings for some of the named interpretations (the others: default)."""
    chosen: dict[str, str] = {}
    for item in cc.INTERPRETATIONS:
        if draw(st.booleans()):
            chosen[item.name] = draw(st.sampled_from(item.values))
    return chosen
