"""Hypothesis strategies for cloudcentre cases, valid by construction.

Every field of every model class is drawn: all enum members, tri-state booleans
(``True``/``False``/``None``: unknowns are drawn by default), country codes from every
group the rules distinguish, percentages around the §19.6 thresholds, certificates of
every scheme and status, and dates around the days on which a rule enters or leaves
force (read from the rule data). Keyword arguments pin parts of what is drawn, either
to a value or to a strategy::

    cases(org_kind="public_hospital", health_data=True, as_of=st.dates(...))
    derogations(in_force=True, as_of=dt.date(2025, 1, 1))

A bad argument raises :class:`hypothesis.errors.InvalidArgument` when the strategy is
drawn from. Every verdict is reached, ``compliant_under_derogation`` included: a share
of the cases is built around a derogation in force.

Needs Hypothesis: ``pip install 'cloudcentre[test]'``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "cloudcentre.strategies needs Hypothesis: pip install 'cloudcentre[test]'"
    ) from exc

import attrs

from ..decide.api import default_pack
from ..law.interpretations import INTERPRETATIONS
from ..model import case as m
from ._pins import (
    _bool_pin,
    _choice,
    _date_pin,
    _draw_date,
    _maybe,
    _or,
    _part,
    _tri,
)
from .forget import Path, removable_paths, set_unknown
from .values import (
    _EARLIEST,
    ADEQUACY_COUNTRIES,
    BOUNDARY_DAYS,
    COUNTRIES,
    DEROGABLE_IDS,
    EEA_ONLY_COUNTRIES,
    EU_COUNTRIES,
    OTHER_COUNTRIES,
    REQUIREMENT_IDS,
    US_COUNTRIES,
    _activities,
    _enum,
    _names,
    countries,
    dates,
    percentages,
    tri,
)

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
    "certification_lists",
    "certifications",
    "countries",
    "dates",
    "derogations",
    "interpretations",
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

T = TypeVar("T")

# ----------------------------------------------------------------------------- parts
@st.composite
def organisations(
    draw: st.DrawFn, *, kind: Any = None, unknowns: bool = True
) -> m.Organisation:
    """An organisation; ``kind`` pins its kind. Only a GIP may be the Health Data Hub."""
    chosen = _or(_choice("kind", kind, m.OrgKind), st.sampled_from(list(m.OrgKind)))
    org_kind = draw(chosen)
    gip = org_kind is m.OrgKind.PUBLIC_INTEREST_GROUP
    flag = _tri(unknowns)
    return m.Organisation(
        kind=org_kind,
        name=draw(_names),
        state_supervised=draw(flag),
        includes_state_bodies=draw(flag),
        health_data_platform=draw(flag if gip else _maybe(st.just(False), unknowns)),
    )


@st.composite
def workload_data(
    draw: st.DrawFn,
    *,
    health_data: bool | None = None,
    personal_data: bool | None = None,
    sensitive: bool | None = None,
    unknowns: bool = True,
) -> m.WorkloadData:
    """Every flag drawn, respecting the model's invariants.

    ``health_data=True``: personal health data collected during care (the HDS case);
    ``False``: no personal health data. ``personal_data`` pins personal data.
    ``sensitive=True``: covered by a secret protected by law; ``False``: outside every
    sensitive category of the doctrine (2021 and 2023 wordings).
    """
    health = _bool_pin("health_data", health_data)
    personal = _bool_pin("personal_data", personal_data)
    secret = _bool_pin("sensitive", sensitive)
    if health is True and personal is False:
        raise InvalidArgument("health_data=True contradicts personal_data=False")
    flags = {f.name: draw(_tri(unknowns), label=f.name) for f in attrs.fields(m.WorkloadData)}
    if health is not None:
        flags["personal_health_data"] = health
        if health:
            flags["collected_during_care"] = True
    if personal is not None:
        flags["personal_data"] = personal
    if secret is True:
        flags["protected_secret"] = True
    elif secret is False:
        for name in (
            "protected_secret", "medical_secret", "essential_state_mission",
            "citizens_personal_data", "companies_economic_data",
            "agents_business_application", "agents_collaboration_suite",
        ):
            flags[name] = False
    if flags["medical_secret"] is True and flags["protected_secret"] is False:
        flags["protected_secret"] = draw(_maybe(st.just(True), unknowns))
    if flags["personal_health_data"] is True and flags["personal_data"] is False:
        flags["personal_data"] = draw(_maybe(st.just(True), unknowns))
    return m.WorkloadData(**flags)


@st.composite
def workloads(
    draw: st.DrawFn,
    *,
    health_data: bool | None = None,
    personal_data: bool | None = None,
    sensitive: bool | None = None,
    services: Any = None,
    unknowns: bool = True,
) -> m.Workload:
    """A workload and its data (see :func:`workload_data` for the pins)."""
    data = draw(
        workload_data(
            health_data=health_data, personal_data=personal_data, sensitive=sensitive,
            unknowns=unknowns,
        )
    )
    drawn_services = _maybe(st.lists(st.sampled_from(list(m.Service)), max_size=3), unknowns)
    return m.Workload(
        data=data,
        name=draw(_names),
        hds_exemption=draw(_enum(m.HdsExemption, unknowns)),
        hds_activities=draw(_activities(unknowns)),
        services=draw(drawn_services) if services is None else services,
        dr_system_homologated=draw(_tri(unknowns)),
    )


def providers(*, unknowns: bool = True) -> st.SearchStrategy[m.Provider]:
    """A provider: seats from every country group, shares around the 24 % and 39 % thresholds."""
    country = _maybe(st.sampled_from(COUNTRIES), unknowns)
    share = percentages if unknowns else percentages.filter(lambda v: v is not None)
    return st.builds(
        m.Provider,
        name=_names,
        statutory_seat=country,
        central_administration=country,
        principal_establishment=country,
        largest_non_eu_share=share,
        combined_non_eu_share=share,
        non_eu_control=_tri(unknowns),
        non_eu_subcontractor_access=_tri(unknowns),
        us_controlled=_tri(unknowns),
        dpf_certified=_tri(unknowns),
        privacy_shield_certified=_tri(unknowns),
    )


@st.composite
def certifications(
    draw: st.DrawFn,
    *,
    scheme: Any = None,
    status: Any = None,
    in_force_on: dt.date | None = None,
    id: str | None = None,
    unknowns: bool = True,
) -> m.Certification:
    """One certificate of any scheme and status; pins choose them.

    ``in_force_on``: granted, with validity dates around that day (for SecNumCloud,
    within the three years).
    """
    cert_scheme = draw(_or(_choice("scheme", scheme, m.Scheme), st.sampled_from(list(m.Scheme))))
    cert_status = draw(
        _or(_choice("status", status, m.CertStatus), st.sampled_from(list(m.CertStatus)))
    )
    if in_force_on is not None:
        if not isinstance(in_force_on, dt.date):
            raise InvalidArgument(f"in_force_on=`{in_force_on!r}` is not a date")
        if status is not None and cert_status is not m.CertStatus.GRANTED:
            raise InvalidArgument(f"status=`{cert_status.value}` contradicts in_force_on")
        cert_status = m.CertStatus.GRANTED
        back = draw(st.integers(min_value=0, max_value=3 * 365 - 40))
        start: dt.date | None = in_force_on - dt.timedelta(days=back)
        end: dt.date | None = in_force_on + dt.timedelta(
            days=draw(st.integers(min_value=0, max_value=900)))
    else:
        first, second = draw(dates), draw(dates)
        start, end = min(first, second), max(first, second)
        if unknowns:  # an undated certificate (a date unknown) now and then
            start = None if draw(st.integers(0, 5)) == 0 else start
            end = None if draw(st.integers(0, 5)) == 0 else end
    versions = ["1", "2"] if cert_scheme is m.Scheme.HDS else ["3.1", "3.2", "2024", "v1"]
    version = draw(_maybe(st.sampled_from(versions), unknowns))
    if in_force_on is not None and cert_scheme is m.Scheme.HDS and version is None:
        version = "2"
    in_process = cert_status is m.CertStatus.IN_PROCESS
    return m.Certification(
        scheme=cert_scheme,
        status=cert_status,
        valid_from=start,
        valid_until=end,
        version=version,
        id=id,
        hds_activities=draw(_activities(unknowns)),
        milestone=draw(_enum(m.Milestone, unknowns)) if in_process else None,
    )


@st.composite
def certification_lists(
    draw: st.DrawFn, *, max_size: int = 3, unknowns: bool = True
) -> list[m.Certification] | None:
    """Unknown, or 0 to ``max_size`` certificates with distinct ids."""
    if unknowns and draw(st.booleans()):
        return None
    count = draw(st.integers(min_value=0, max_value=max_size))
    return [draw(certifications(id=f"cert-{i}", unknowns=unknowns)) for i in range(count)]


@st.composite
def _data_and_storage(
    draw: st.DrawFn, unknowns: bool
) -> tuple[list[str] | None, list[str] | None]:
    """Data locations, and the storage locations among them (or unknown)."""
    data = draw(countries(unknowns=unknowns))
    if data is None:
        return None, draw(countries(unknowns=unknowns))
    among = st.lists(st.sampled_from(data), unique=True) if data else st.just([])
    return data, draw(_maybe(among, unknowns))


@st.composite
def offerings(
    draw: st.DrawFn,
    *,
    kind: Any = None,
    certifications: Any = None,
    unknowns: bool = True,
) -> m.Offering:
    """An offering; ``kind`` pins its kind, ``certifications`` its list (value or strategy)."""
    if isinstance(certifications, st.SearchStrategy):
        certs: st.SearchStrategy[Any] = certifications
    elif certifications is not None:
        certs = st.just(certifications)
    else:
        certs = certification_lists(unknowns=unknowns)
    data, storage = draw(_data_and_storage(unknowns))
    return draw(st.builds(
        m.Offering,
        kind=_or(_choice("kind", kind, m.OfferingKind), st.sampled_from(list(m.OfferingKind))),
        name=_names,
        service_model=_enum(m.ServiceModel, unknowns),
        data_locations=st.just(data),
        storage_locations=st.just(storage),
        technical_data_locations=countries(unknowns=unknowns),
        administration_locations=countries(unknowns=unknowns),
        support_locations=countries(unknowns=unknowns),
        support_controlled_from_eu=_tri(unknowns),
        transfer_safeguards=_tri(unknowns),
        dr_homologated=_tri(unknowns),
        archiving_agrement=_tri(unknowns),
        classified_homologated=_tri(unknowns),
        certifications=certs,
        certifications_open=st.lists(st.sampled_from(list(m.Scheme)), max_size=2)
        if unknowns else st.just(()),
    ))


@functools.cache
def _basis_starts() -> dict[m.DerogationBasis, dt.date]:
    """The first day a derogation on each basis can be in force, read from the rules."""
    out: dict[m.DerogationBasis, dt.date] = {}
    for rule in default_pack().rules:
        if rule.conclusion.fact != "derogation.in_force" or rule.conclusion.value is not True:
            continue
        for cond in rule.conditions:
            if cond.fact == "derogation.basis" and isinstance(cond.value, str):
                out[m.DerogationBasis(cond.value)] = rule.valid_from or _EARLIEST
    return out


@st.composite
def derogations(
    draw: st.DrawFn,
    *,
    basis: Any = None,
    in_force: bool | None = None,
    as_of: Any = None,
    covers: Sequence[str] | None = None,
    unknowns: bool = True,
) -> m.Derogation:
    """A derogation. ``in_force=True`` (needs ``as_of``): granted, within its stated
    window and its 12-month clock on ``as_of``, for a project « très avancé »: in force as
    far as the grant goes (the case may still set it aside: SREN art. 31 binding the body,
    or services outside a DINUM derogation). ``in_force=False``: not yet granted, or
    ended, on ``as_of``."""
    pinned = _bool_pin("in_force", in_force)
    day_strategy = _date_pin("as_of", as_of)
    if pinned is not None and day_strategy is None:
        raise InvalidArgument(f"derogations(in_force={pinned}) needs as_of=<a date>")
    if covers is not None:
        bad = sorted(set(covers) - set(REQUIREMENT_IDS))
        if bad:
            raise InvalidArgument(f"covers names `{bad[0]}`, which is not a requirement id")
    cover = list(covers) if covers is not None else draw(
        st.lists(st.sampled_from(REQUIREMENT_IDS), unique=True)
    )
    chosen = _choice("basis", basis, m.DerogationBasis)
    if pinned is None:
        granted_on = draw(dates)
        valid_until = draw(_maybe(dates.map(lambda day: max(day, granted_on)), True))
        offer = draw(_tri(unknowns))
        return m.Derogation(
            basis=draw(_or(chosen, st.sampled_from(list(m.DerogationBasis)))),
            covers=cover,
            granted_on=granted_on,
            valid_until=valid_until,
            open_ended=draw(_tri(unknowns)) if valid_until is None else draw(
                _maybe(st.just(False), unknowns)
            ),
            project_advanced=draw(_tri(unknowns)),
            offer_available=offer,
            offer_available_since=None if offer is False else draw(_maybe(dates, unknowns)),
            granted_by=draw(_names),
            reference=draw(_names),
        )
    assert day_strategy is not None
    day = _draw_date(draw, "as_of", day_strategy)
    if pinned:
        usable = [b for b, start in sorted(_basis_starts().items()) if start <= day]
        if chosen is not None:
            base = draw(chosen)
            if base not in usable:
                raise InvalidArgument(
                    f"no `{base.value}` derogation can be in force on {day.isoformat()}"
                )
        elif not usable:
            raise InvalidArgument(f"no derogation basis exists on {day.isoformat()}")
        else:
            base = draw(st.sampled_from(usable))
        granted_on = day - dt.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        open_ended = draw(st.booleans())
        until = None if open_ended else day + dt.timedelta(days=draw(st.integers(0, 700)))
        open_flag: bool | None = open_ended
        offer = draw(st.booleans())
        since = day - dt.timedelta(days=draw(st.integers(0, 300))) if offer else None
        advanced: bool | None = True
    else:
        base = draw(_or(chosen, st.sampled_from(list(m.DerogationBasis))))
        if draw(st.booleans()):  # granted after the day
            granted_on = day + dt.timedelta(days=draw(st.integers(min_value=1, max_value=400)))
            until = draw(st.none() | st.just(granted_on + dt.timedelta(days=30)))
        else:  # ended before the day
            until = day - dt.timedelta(days=draw(st.integers(min_value=1, max_value=400)))
            granted_on = until - dt.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        open_flag = False if until is not None else draw(_maybe(st.just(False), unknowns))
        offer, since, advanced = draw(_tri(unknowns)), None, draw(_tri(unknowns))
    return m.Derogation(
        basis=base,
        covers=cover,
        granted_on=granted_on,
        valid_until=until,
        open_ended=open_flag,
        project_advanced=advanced,
        offer_available=offer,
        offer_available_since=since,
        granted_by=draw(_names),
        reference=draw(_names),
    )


# ----------------------------------------------------------------------------- cases
_BOUND_BY_SREN = (m.OrgKind.STATE_ADMINISTRATION, m.OrgKind.STATE_OPERATOR)


@st.composite
def cases(
    draw: st.DrawFn,
    *,
    org_kind: Any = None,
    offering_kind: Any = None,
    health_data: bool | None = None,
    personal_data: bool | None = None,
    sensitive: bool | None = None,
    derogation: Any = None,
    as_of: Any = None,
    offering: Any = None,
    provider: Any = None,
    unknowns: bool = True,
) -> m.Case:
    """A valid case, judged on a date (``as_of``: a date or a strategy of dates).

    ``org_kind`` and ``offering_kind`` pin the kinds; ``health_data``, ``personal_data``
    and ``sensitive`` pin the data (see :func:`workload_data`); ``derogation`` is
    ``False`` (none), ``True`` (one, in any state), ``"in_force"`` (one in force on
    ``as_of`` covering the trusted-cloud requirements) or a strategy of derogations;
    ``offering`` and ``provider`` pin those parts (a value or a strategy, such as
    :func:`offerings` with its own pins); ``unknowns=False`` draws every optional fact
    known. Without pins, about one case in five is built around a derogation in force,
    so every verdict is reached.
    """
    offering_strategy = _part("offering", offering, m.Offering)
    provider_strategy = _part("provider", provider, m.Provider)
    if derogation not in (None, True, False, "in_force") and not isinstance(
        derogation, st.SearchStrategy
    ):
        raise InvalidArgument(
            f"derogation=`{derogation!r}` is not None, True, False, \"in_force\" or a strategy"
        )
    for name, value in (("health_data", health_data), ("personal_data", personal_data),
                        ("sensitive", sensitive)):
        _bool_pin(name, value)
    day_strategy = _or(_date_pin("as_of", as_of), dates)
    org_kind = _choice("org_kind", org_kind, m.OrgKind)
    offering_kind = _choice("offering_kind", offering_kind, m.OfferingKind)
    targeted = derogation == "in_force" or (
        derogation is None and draw(st.integers(0, 4), label="around a derogation") == 0
    )
    if targeted:
        earliest = min(_basis_starts().values())
        day = _draw_date(draw, "as_of", day_strategy)
        if day < earliest:
            if derogation == "in_force":
                raise InvalidArgument(f"no derogation can be in force on {day.isoformat()}")
            targeted = False
    else:
        day = _draw_date(draw, "as_of", day_strategy)
    if not targeted:
        return m.Case(
            organisation=draw(organisations(kind=org_kind, unknowns=unknowns)),
            offering=draw(_or(offering_strategy, offerings(kind=offering_kind, unknowns=unknowns))),
            workload=draw(workloads(health_data=health_data, personal_data=personal_data,
                                    sensitive=sensitive, unknowns=unknowns)),
            provider=draw(_or(provider_strategy, providers(unknowns=unknowns))),
            derogation=draw(_derogation_for(derogation, day, unknowns)),
            as_of=day,
            id=draw(_names),
            title=draw(_names),
        )
    # Around a derogation in force: a body the doctrine binds, sensitive data on a
    # commercial cloud, the other requirements out of the way unless pinned.
    kinds = [m.OrgKind.STATE_ADMINISTRATION, m.OrgKind.STATE_OPERATOR, m.OrgKind.PUBLIC_HOSPITAL]
    organisation = draw(
        organisations(kind=_or(org_kind, st.sampled_from(kinds)), unknowns=unknowns)
    )
    bound = organisation.kind in _BOUND_BY_SREN
    sren_start = _basis_starts()[m.DerogationBasis.SREN_31_III]
    basis = m.DerogationBasis.SREN_31_III if day >= sren_start and bound else None
    if basis is None:
        basis = m.DerogationBasis.CAC_2021_R9_AL4 if day < sren_start or draw(
            st.booleans()
        ) else m.DerogationBasis.SREN_31_III
    grant = draw(derogations(basis=basis, in_force=True, as_of=day, covers=DEROGABLE_IDS,
                             unknowns=unknowns))
    workload = draw(workloads(
        health_data=False if health_data is None else health_data,
        personal_data=False if personal_data is None and health_data is not True
        else personal_data,
        sensitive=True if sensitive is None else sensitive,
        unknowns=unknowns,
    ))
    if workload.data.diffusion_restreinte or workload.data.classified:
        workload = attrs.evolve(workload, data=attrs.evolve(
            workload.data, diffusion_restreinte=False, classified=False))
    return m.Case(
        organisation=organisation,
        offering=draw(_or(offering_strategy, offerings(
            kind=_or(offering_kind, m.OfferingKind.COMMERCIAL), unknowns=unknowns))),
        workload=workload,
        provider=draw(_or(provider_strategy, providers(unknowns=unknowns))),
        derogation=grant,
        as_of=day,
        id=draw(_names),
        title=draw(_names),
    )


def _derogation_for(
    derogation: Any, day: dt.date, unknowns: bool
) -> st.SearchStrategy[m.Derogation | None]:
    if isinstance(derogation, st.SearchStrategy):
        return derogation
    if derogation is False:
        return st.none()
    if derogation is True:
        return derogations(unknowns=unknowns)
    return st.none() | derogations(unknowns=unknowns)


# ----------------------------------------------------------------------------- forgetting
def known_field_removal(case: m.Case) -> st.SearchStrategy[tuple[Path, m.Case]]:
    """One known optional field of ``case``, and ``case`` with that field unknown."""
    paths = removable_paths(case)
    return st.sampled_from(paths).map(lambda path: (path, set_unknown(case, path)))


@st.composite
def case_and_removal(draw: st.DrawFn, /, **pins: Any) -> tuple[m.Case, Path, m.Case]:
    """A case (``pins`` as for :func:`cases`), a known field of it, and the case without it."""
    case = draw(cases(**pins))
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
    for item in INTERPRETATIONS:
        if draw(st.booleans()):
            chosen[item.name] = draw(st.sampled_from(item.values))
    return chosen
