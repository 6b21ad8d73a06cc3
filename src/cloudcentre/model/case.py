"""The fact model: what a user says about a workload, its owner, a provider and an offering.

Every fact a user may not know is three-valued: ``True``, ``False`` or ``None``
(unknown). Unknown never counts as false: a rule that needs the fact does not fire,
and the decision names the question that would settle it.

All classes are frozen, slotted and validated attrs classes; lists are stored as
sorted tuples so that equal cases compare, hash and serialise identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._errors import InvalidCase
from ..law.requirements import REQUIREMENTS
from .fields import (
    SURROGATE_HINT,
    activities,
    check_activities,
    countries_field,
    country_error,
    enum_converter,
    instance_of,
    invalid,
    is_country,
    is_unicode,
    percent,
    sorted_tuple,
    text_field,
    tri,
    tri_field,
)
from .kinds import (
    CertStatus,
    DerogationBasis,
    HdsExemption,
    Milestone,
    OfferingKind,
    OrgKind,
    Scheme,
    Service,
    ServiceModel,
    to_cert_status,
    to_derogation_basis,
    to_hds_exemption_or_none,
    to_milestone_or_none,
    to_offering_kind,
    to_org_kind,
    to_scheme,
    to_service_model_or_none,
)
from .messages import did_you_mean, quoted

__all__ = [
    "Case",
    "CertStatus",
    "Certification",
    "Derogation",
    "DerogationBasis",
    "HdsExemption",
    "Milestone",
    "Offering",
    "OfferingKind",
    "OrgKind",
    "Organisation",
    "Provider",
    "Scheme",
    "Service",
    "ServiceModel",
    "Workload",
    "WorkloadData",
]

Tri = bool | None


@attrs.frozen(slots=True)
class Organisation:
    """The public (or private) body that owns the workload."""

    kind: OrgKind = attrs.field(converter=to_org_kind)
    name: str | None = text_field()
    state_supervised: Tri = tri_field(
        "The body is placed under State supervision (décret 2019-1088)."
    )
    includes_state_bodies: Tri = tri_field(
        "For a GIP: its members include State administrations or State operators."
    )
    health_data_platform: Tri = tri_field(
        "The body is the GIP Plateforme des données de santé (Health Data Hub, CSP L.1462-1)."
    )

    @health_data_platform.validator
    def _only_a_gip(self, attribute: attrs.Attribute[Any], value: Tri) -> None:
        if value is True and self.kind is not OrgKind.PUBLIC_INTEREST_GROUP:
            raise invalid(
                "health_data_platform",
                True,
                f"`true` contradicts kind `{self.kind.value}`",
                "the Plateforme des données de santé is a GIP (CSP L.1462-1)",
            )


@attrs.frozen(slots=True)
class WorkloadData:
    """What the workload's data are. Each flag: true, false, or null (unknown)."""

    protected_secret: Tri = tri_field(
        "Covered by a secret protected by law (CRPA L.311-5, L.311-6)."
    )
    medical_secret: Tri = tri_field("Covered by medical secrecy (secret médical).")
    essential_state_mission: Tri = tri_field(
        "Necessary to the State's essential missions (national security, public order, "
        "health and life), or their breach would harm them."
    )
    citizens_personal_data: Tri = tri_field(
        "Personal data of French citizens (2021 doctrine example)."
    )
    companies_economic_data: Tri = tri_field(
        "Economic data about French companies (2021 doctrine example)."
    )
    agents_business_application: Tri = tri_field(
        "A business application about State agents (2021 doctrine example)."
    )
    agents_collaboration_suite: Tri = tri_field(
        "Office, collaboration or messaging tools used by public agents (DINUM note 2021-09-15)."
    )
    breach_would_harm: Tri = tri_field(
        "A breach of the data is likely to harm public order, public security, the health or "
        "life of persons, or the protection of intellectual property (SREN art. 31 I)."
    )
    personal_data: Tri = tri_field("Any personal data (RGPD art. 4(1)).")
    personal_health_data: Tri = tri_field("Personal health data (RGPD art. 4(15)).")
    collected_during_care: Tri = tri_field(
        "Health data collected during prevention, diagnosis, care or social and "
        "medico-social follow-up (CSP L.1111-8)."
    )
    diffusion_restreinte: Tri = tri_field("Information marked Diffusion Restreinte.")
    classified: Tri = tri_field("Classified information (Secret, Très Secret).")


_service = enum_converter(Service, "services")


def _services(value: Iterable[str] | None) -> tuple[Service, ...] | None:
    if value is None:
        return None
    items = sorted_tuple("services", value)
    errors: list[InvalidCase] = []
    services: set[Service] = set()
    for item in items:
        try:
            services.add(_service(item))
        except InvalidCase as exc:
            errors.append(exc)
    if errors:
        raise InvalidCase.group(errors)
    return tuple(sorted(services))


@attrs.frozen(slots=True)
class Workload:
    """The system or application to host."""

    data: WorkloadData = attrs.field(
        factory=WorkloadData, validator=instance_of(WorkloadData, "a WorkloadData")
    )
    name: str | None = text_field()
    hds_exemption: HdsExemption | None = attrs.field(
        default=None, converter=to_hds_exemption_or_none
    )
    hds_activities: tuple[int, ...] | None = attrs.field(
        default=None, converter=activities, validator=check_activities
    )
    services: tuple[Service, ...] | None = attrs.field(
        default=None, converter=_services, metadata={"doc": "Suite services the workload covers."}
    )
    dr_system_homologated: Tri = tri_field(
        "The body's system holding Diffusion Restreinte information is homologated (II 901)."
    )


@attrs.frozen(slots=True)
class Provider:
    """The company that operates the offering."""

    name: str | None = text_field()
    statutory_seat: str | None = attrs.field(default=None)
    central_administration: str | None = attrs.field(default=None)
    principal_establishment: str | None = attrs.field(default=None)
    largest_non_eu_share: float | None = attrs.field(default=None, validator=percent)
    combined_non_eu_share: float | None = attrs.field(default=None, validator=percent)
    non_eu_control: Tri = tri_field(
        "A non-EU entity has a veto or can appoint the majority of a board (SecNumCloud 19.6 b)."
    )
    non_eu_subcontractor_access: Tri = tri_field(
        "A non-EU (or non-EU-controlled) third party can technically obtain customer data "
        "(SecNumCloud 19.6 c)."
    )
    us_controlled: Tri = tri_field(
        "The provider is a US person or controlled by one (CLOUD Act, FISA 702)."
    )
    dpf_certified: Tri = tri_field("Certified under the EU-US Data Privacy Framework.")
    privacy_shield_certified: Tri = tri_field("Was certified under the EU-US Privacy Shield.")

    @statutory_seat.validator
    @central_administration.validator
    @principal_establishment.validator
    def _country(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not is_country(value):
            raise country_error(attribute.name, value)


_optional_date = attrs.validators.optional(instance_of(dt.date, "a date"))


@attrs.frozen(slots=True)
class Certification:
    """A qualification or certification held by the offering."""

    scheme: Scheme = attrs.field(converter=to_scheme)
    status: CertStatus = attrs.field(converter=to_cert_status)
    # A date left unknown (None): a certificate stated as held, undated.
    valid_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: dt.date | None = attrs.field(default=None, validator=_optional_date)
    version: str | None = attrs.field(default=None)
    id: str | None = text_field()
    hds_activities: tuple[int, ...] | None = attrs.field(
        default=None, converter=activities, validator=check_activities
    )
    milestone: Milestone | None = attrs.field(default=None, converter=to_milestone_or_none)

    @version.validator
    def _hds_version(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not isinstance(value, str):
            raise invalid("version", value, f"{quoted(value)} is not a string")
        if value is not None and not is_unicode(value):
            raise invalid("version", value, f"{quoted(value)} is not valid text", SURROGATE_HINT)
        if self.scheme is Scheme.HDS and value is not None and value not in ("1", "2"):
            raise invalid(
                "version",
                value,
                f"{quoted(value)} is not an HDS referential version",
                "write `1` (2018 referential) or `2` (arrêté of 26 April 2024)",
            )

    @milestone.validator
    def _only_in_process(self, attribute: attrs.Attribute[Any], value: Milestone | None) -> None:
        if value is not None and self.status is not CertStatus.IN_PROCESS:
            raise invalid(
                "milestone",
                value.value,
                f"`{value.value}` contradicts status `{self.status.value}`",
                "a milestone belongs to a qualification still in process (status `in_process`)",
            )

    @valid_until.validator
    def _after_start(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and self.valid_from is not None and value < self.valid_from:
            raise invalid(
                "valid_until",
                value.isoformat(),
                f"`{value}` is before valid_from `{self.valid_from}`",
            )

    def key(self) -> str:
        """A stable identifier: the user's ``id``, or one made from the content."""
        if self.id:
            return self.id
        version = f"-{self.version}" if self.version else ""
        start = self.valid_from.isoformat() if self.valid_from else "undated"
        return f"{self.scheme.value}{version}-{start}"


def _sort_certifications(value: Any) -> tuple[Certification, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise invalid("certifications", value, f"{quoted(value)} is not a list")
    items = tuple(value)
    if not all(isinstance(c, Certification) for c in items):
        return items  # the validator names the item that is not a certificate
    return tuple(sorted(set(items), key=lambda c: (c.key(), repr(c))))


def _schemes(value: Any) -> tuple[Scheme, ...]:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise invalid("certifications_open", value, f"{quoted(value)} is not a list")
    return tuple(sorted({to_scheme(v) for v in value}))


@attrs.frozen(slots=True)
class Offering:
    """The cloud service that would host the workload."""

    kind: OfferingKind = attrs.field(converter=to_offering_kind)
    name: str | None = text_field()
    service_model: ServiceModel | None = attrs.field(
        default=None, converter=to_service_model_or_none
    )
    data_locations: tuple[str, ...] | None = countries_field(
        "Countries where customer data are stored or processed.",
        "data_locations",
    )
    storage_locations: tuple[str, ...] | None = countries_field(
        "Countries where customer data are physically hosted (HDS activities 1 and 2).",
        "storage_locations",
    )
    technical_data_locations: tuple[str, ...] | None = countries_field(
        "Countries where technical data (identities, logs, directory...) are stored or processed.",
        "technical_data_locations",
    )
    administration_locations: tuple[str, ...] | None = countries_field(
        "Countries from which the service is administered and supervised.",
        "administration_locations",
    )
    support_locations: tuple[str, ...] | None = countries_field(
        "Countries from which customer support is provided.",
        "support_locations",
    )
    support_controlled_from_eu: Tri = tri_field(
        "Support done outside the EU is documented, controlled and supervised from the EU."
    )
    transfer_safeguards: Tri = tri_field(
        "RGPD art. 46 safeguards (SCC or BCR with a transfer impact assessment) cover every "
        "access from a country without adequacy."
    )
    dr_homologated: Tri = tri_field("Homologated for Diffusion Restreinte information.")
    archiving_agrement: Tri = tri_field(
        "An electronic-archiving service with the culture ministry's agrément (CSP L.1111-8)."
    )
    classified_homologated: Tri = tri_field(
        "Homologated as a classified information system (IGI 1300)."
    )
    certifications: tuple[Certification, ...] | None = attrs.field(
        default=None, converter=_sort_certifications
    )
    certifications_open: tuple[Scheme, ...] = attrs.field(default=(), converter=_schemes)
    """Schemes on which the list is not known to be complete: a certificate of such a scheme
    that is not listed is unknown, not absent. Empty (the default): the list is complete."""

    @storage_locations.validator
    def _stored_where_processed(self, attribute: Any, value: tuple[str, ...] | None) -> None:
        known = self.data_locations
        for code in value if value is not None and known is not None else ():
            if known is not None and code not in known:
                hint = "data_locations lists where data are stored or processed: add it there"
                raise invalid(attribute.name, code, f"`{code}` is not in data_locations", hint)

    @certifications.validator
    def _unique_keys(
        self, attribute: attrs.Attribute[Any], value: tuple[Certification, ...] | None
    ) -> None:
        if value is None:
            return
        seen: set[str] = set()
        for cert in value:
            if not isinstance(cert, Certification):
                raise invalid("certifications", cert, f"{quoted(cert)} is not a Certification")
            if cert.key() in seen:
                raise invalid(
                    "certifications",
                    cert.key(),
                    f"two certificates have the id `{cert.key()}`",
                    "give each certificate a distinct `id`",
                )
            seen.add(cert.key())


def _sorted_strings(value: Iterable[str]) -> tuple[str, ...]:
    return sorted_tuple("covers", value)


@attrs.frozen(slots=True)
class Derogation:
    """A derogation granted for the workload."""

    basis: DerogationBasis = attrs.field(converter=to_derogation_basis)
    covers: tuple[str, ...] = attrs.field(converter=_sorted_strings)
    granted_on: dt.date = attrs.field(validator=instance_of(dt.date, "a date"))
    valid_until: dt.date | None = attrs.field(
        default=None, validator=instance_of(dt.date, "a date")
    )
    """The end date the grant states; ``None``: unknown, or none stated (see ``open_ended``)."""
    open_ended: bool | None = attrs.field(default=None, validator=tri)
    """The grant states no end date (the 12-month clock after an acceptable offer still runs)."""
    project_advanced: bool | None = attrs.field(default=None, validator=tri)
    """For R9 al. 4: the project was « très avancé » on 5 July 2021."""
    offer_available: bool | None = attrs.field(default=None, validator=tri)
    """An acceptable trusted offer is available in France (which starts the 12-month clock)."""
    offer_available_since: dt.date | None = attrs.field(
        default=None, validator=instance_of(dt.date, "a date")
    )
    """Since when that offer has been available."""
    granted_by: str | None = text_field()
    reference: str | None = text_field()

    @covers.validator
    def _known_requirements(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        known = sorted(req.id for req in REQUIREMENTS)
        choices = "one of " + ", ".join(f"`{k}`" for k in known)
        errors = []
        for rid in value:
            if not isinstance(rid, str) or rid not in known:
                close = did_you_mean(rid, known)
                errors.append(
                    invalid(
                        "covers",
                        rid,
                        f"{quoted(rid)} is not a requirement id",
                        f"did you mean `{close}`?" if close else choices,
                    )
                )
        if errors:
            raise InvalidCase.group(errors)

    @open_ended.validator
    def _no_end_date(self, attribute: attrs.Attribute[Any], value: bool | None) -> None:
        if value is True and self.valid_until is not None:
            raise invalid(
                "open_ended",
                True,
                f"`true` contradicts valid_until `{self.valid_until}`",
                "a grant states an end date or none, not both",
            )

    @offer_available_since.validator
    def _since_needs_offer(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and self.offer_available is False:
            raise invalid(
                "offer_available_since",
                value.isoformat(),
                f"`{value}` contradicts offer_available `false`",
                "leave offer_available_since out when no acceptable offer is available",
            )

    @valid_until.validator
    def _after_grant(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and value < self.granted_on:
            raise invalid(
                "valid_until",
                value.isoformat(),
                f"`{value}` is before granted_on `{self.granted_on}`",
            )


@attrs.frozen(slots=True)
class Case:
    """Everything the decision is about: one workload on one offering, on a date."""

    organisation: Organisation = attrs.field(validator=instance_of(Organisation, "an Organisation"))
    offering: Offering = attrs.field(validator=instance_of(Offering, "an Offering"))
    workload: Workload = attrs.field(
        factory=Workload, validator=instance_of(Workload, "a Workload")
    )
    provider: Provider = attrs.field(
        factory=Provider, validator=instance_of(Provider, "a Provider")
    )
    derogation: Derogation | None = attrs.field(
        default=None, validator=instance_of(Derogation, "a Derogation")
    )
    as_of: dt.date | None = attrs.field(default=None, validator=instance_of(dt.date, "a date"))
    id: str | None = text_field()
    title: str | None = text_field()

    def __attrs_post_init__(self) -> None:
        data = self.workload.data
        if data.medical_secret is True and data.protected_secret is False:
            raise invalid(
                "workload.data.protected_secret",
                False,
                "`false` contradicts medical_secret `true`",
                "medical secrecy is a secret protected by law (CRPA L.311-6)",
            )
        if data.personal_health_data is True and data.personal_data is False:
            raise invalid(
                "workload.data.personal_data",
                False,
                "`false` contradicts personal_health_data `true`",
                "personal health data are personal data",
            )
