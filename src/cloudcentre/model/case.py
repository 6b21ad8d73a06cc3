"""The fact model: what a user says about a workload, its owner, a provider and an offering.

Every fact a user may not know is three-valued: ``True``, ``False`` or ``None``
(unknown). Unknown never counts as false: a rule that needs the fact does not fire,
and the decision names the question that would settle it.

All classes are frozen, slotted and validated attrs classes; lists are stored as
sorted tuples so that equal cases compare, hash and serialise identically.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..law.requirements import REQUIREMENTS

__all__ = [
    "Case",
    "CertStatus",
    "Certification",
    "Derogation",
    "DerogationBasis",
    "FieldError",
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


class OrgKind(enum.StrEnum):
    """Who owns the workload."""

    STATE_ADMINISTRATION = "state_administration"
    """A ministry or a State service (administration centrale, services déconcentrés)."""
    STATE_OPERATOR = "state_operator"
    """An opérateur de l'État (list annexed to the projet de loi de finances)."""
    PUBLIC_INTEREST_GROUP = "public_interest_group"
    """A groupement d'intérêt public (GIP)."""
    PUBLIC_HOSPITAL = "public_hospital"
    """An établissement public de santé."""
    LOCAL_AUTHORITY = "local_authority"
    """A collectivité territoriale or one of its groupings."""
    OTHER_PUBLIC_BODY = "other_public_body"
    """Any other public body; whether it is under State supervision decides."""
    PRIVATE_BODY = "private_body"
    """A company or association."""


class OfferingKind(enum.StrEnum):
    COMMERCIAL = "commercial"
    """A cloud service sold by a private provider."""
    STATE_INTERNAL = "state_internal"
    """A State-internal cloud (cloud Pi, cloud Nubo)."""
    OWN_INFRASTRUCTURE = "own_infrastructure"
    """The body's own premises or data centre (no cloud service): a hospital's own data
    centre, a ministry's own servers."""


class ServiceModel(enum.StrEnum):
    IAAS = "iaas"
    CAAS = "caas"
    PAAS = "paas"
    SAAS = "saas"


class Scheme(enum.StrEnum):
    SECNUMCLOUD = "secnumcloud"
    """ANSSI SecNumCloud qualification."""
    HDS = "hds"
    """Hébergeur de données de santé certification (CSP L.1111-8)."""
    EUCS = "eucs"
    """ENISA EU Cloud Services certification."""
    ISO27001 = "iso27001"
    OTHER = "other"


class CertStatus(enum.StrEnum):
    GRANTED = "granted"
    """Qualification or certification issued (for SecNumCloud: the J3 decision)."""
    IN_PROCESS = "in_process"
    """Application under way (SecNumCloud milestones J0 to J3): not a qualification."""
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class Milestone(enum.StrEnum):
    """SecNumCloud qualification milestones; none of them is a qualification."""

    J0 = "J0"
    """ANSSI accepts the application."""
    J1 = "J1"
    """The evaluator's strategy is validated."""
    J2 = "J2"
    """On-site evaluation."""
    J3 = "J3"
    """ANSSI decision pending or issued: record a granted qualification as `granted`."""


class Service(enum.StrEnum):
    """Services of an office or collaboration suite (DINUM note of 15 September 2021)."""

    MESSAGING = "messaging"
    PERSONAL_DRIVE = "personal_drive"
    DOCUMENTS = "documents"
    COLLABORATION = "collaboration"
    INSTANT_MESSAGING = "instant_messaging"
    VIDEO_CONFERENCING = "video_conferencing"
    WEBINAR = "webinar"
    OTHER = "other"


class HdsExemption(enum.StrEnum):
    """Why the HDS obligation might not apply to this hosting (ANS FAQ)."""

    NONE = "none"
    """Third-party hosting for the producer of the data or the patient: no exemption."""
    OWN_HOSTING = "own_hosting"
    """The controller hosts its own data."""
    ELECTRONIC_ARCHIVING = "electronic_archiving"
    """An electronic archiving service."""
    GHT_DELEGATION = "ght_delegation"
    """A GHT member hosting for the group, under the three ANS conditions."""


class DerogationBasis(enum.StrEnum):
    CAC_2021_R9_AL4 = "cac-2021-r9-al4"
    """Circulaire 6282-SG, rule R9 alinéa 4: ministerial derogation for advanced projects."""
    DINUM_2021_OFFICE = "dinum-2021-09-15"
    """DINUM note of 15 September 2021: transitional derogation for messaging and personal drive."""
    SREN_31_III = "sren-31-iii"
    """Loi SREN art. 31 III: projects engaged before entry into force (wording unconfirmed)."""


class FieldError(ValueError):
    """A field-level validation failure: which field, which value, what to do."""

    def __init__(self, field: str, value: object, message: str, hint: str = "") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.value = value
        self.message = message
        self.hint = hint


_COUNTRY = re.compile(r"^[A-Z]{2}$")
_COUNTRY_HINT = "use upper-case ISO 3166-1 alpha-2 codes, such as `FR` or `DE`"
_MISSING: Any = attrs.NOTHING


def _tri(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise FieldError(
            attribute.name,
            value,
            f"`{value!r}` is not true, false or null",
            "null (or leaving the field out) means unknown",
        )


def _countries_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(sorted(set(value)))


def _check_countries(
    _: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...] | None
) -> None:
    if value is None:
        return
    for code in value:
        if not isinstance(code, str) or not _COUNTRY.match(code):
            raise FieldError(attribute.name, code, f"`{code}` is not a country code", _COUNTRY_HINT)


def _percent(_: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise FieldError(
            attribute.name, value, f"`{value}` is not a percentage", "give a number from 0 to 100"
        )


def _tri_field(doc: str) -> Any:
    return attrs.field(default=None, validator=_tri, metadata={"doc": doc})


def _countries_field(doc: str) -> Any:
    return attrs.field(
        default=None,
        converter=_countries_tuple,
        validator=_check_countries,
        metadata={"doc": doc},
    )


@attrs.frozen(slots=True)
class Organisation:
    """The public (or private) body that owns the workload."""

    kind: OrgKind = attrs.field(converter=OrgKind)
    name: str | None = attrs.field(default=None)
    state_supervised: Tri = _tri_field(
        "The body is placed under State supervision (décret 2019-1088)."
    )
    includes_state_bodies: Tri = _tri_field(
        "For a GIP: its members include State administrations or State operators."
    )
    health_data_platform: Tri = _tri_field(
        "The body is the GIP Plateforme des données de santé (Health Data Hub, CSP L.1462-1)."
    )

    @health_data_platform.validator
    def _only_a_gip(self, attribute: attrs.Attribute[Any], value: Tri) -> None:
        if value is True and self.kind is not OrgKind.PUBLIC_INTEREST_GROUP:
            raise FieldError(
                "health_data_platform",
                True,
                f"`true` contradicts kind `{self.kind.value}`",
                "the Plateforme des données de santé is a GIP (CSP L.1462-1)",
            )


@attrs.frozen(slots=True)
class WorkloadData:
    """What the workload's data are. Each flag: true, false, or null (unknown)."""

    protected_secret: Tri = _tri_field(
        "Covered by a secret protected by law (CRPA L.311-5, L.311-6)."
    )
    medical_secret: Tri = _tri_field("Covered by medical secrecy (secret médical).")
    essential_state_mission: Tri = _tri_field(
        "Necessary to the State's essential missions (national security, public order, "
        "health and life), or their breach would harm them."
    )
    citizens_personal_data: Tri = _tri_field(
        "Personal data of French citizens (2021 doctrine example)."
    )
    companies_economic_data: Tri = _tri_field(
        "Economic data about French companies (2021 doctrine example)."
    )
    agents_business_application: Tri = _tri_field(
        "A business application about State agents (2021 doctrine example)."
    )
    agents_collaboration_suite: Tri = _tri_field(
        "Office, collaboration or messaging tools used by public agents (DINUM note 2021-09-15)."
    )
    personal_data: Tri = _tri_field("Any personal data (RGPD art. 4(1)).")
    personal_health_data: Tri = _tri_field("Personal health data (RGPD art. 4(15)).")
    collected_during_care: Tri = _tri_field(
        "Health data collected during prevention, diagnosis, care or social and "
        "medico-social follow-up (CSP L.1111-8)."
    )
    diffusion_restreinte: Tri = _tri_field("Information marked Diffusion Restreinte.")
    classified: Tri = _tri_field("Classified information (Secret, Très Secret).")


def _activities(value: Iterable[int] | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    return tuple(sorted(set(value)))


def _check_activities(
    _: Any, attribute: attrs.Attribute[Any], value: tuple[int, ...] | None
) -> None:
    if value is None:
        return
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 6:
            raise FieldError(
                attribute.name,
                item,
                f"`{item}` is not an HDS activity",
                "activities are numbered 1 to 6 (CSP R.1111-9)",
            )


def _services(value: Iterable[str] | None) -> tuple[Service, ...] | None:
    if value is None:
        return None
    return tuple(sorted({Service(v) for v in value}))


@attrs.frozen(slots=True)
class Workload:
    """The system or application to host."""

    data: WorkloadData = attrs.field(
        factory=WorkloadData, validator=attrs.validators.instance_of(WorkloadData)
    )
    name: str | None = None
    hds_exemption: HdsExemption | None = attrs.field(
        default=None, converter=attrs.converters.optional(HdsExemption)
    )
    hds_activities: tuple[int, ...] | None = attrs.field(
        default=None, converter=_activities, validator=_check_activities
    )
    services: tuple[Service, ...] | None = attrs.field(
        default=None, converter=_services, metadata={"doc": "Suite services the workload covers."}
    )


@attrs.frozen(slots=True)
class Provider:
    """The company that operates the offering."""

    name: str | None = None
    statutory_seat: str | None = attrs.field(default=None)
    central_administration: str | None = attrs.field(default=None)
    principal_establishment: str | None = attrs.field(default=None)
    largest_non_eu_share: float | None = attrs.field(default=None, validator=_percent)
    combined_non_eu_share: float | None = attrs.field(default=None, validator=_percent)
    non_eu_control: Tri = _tri_field(
        "A non-EU entity has a veto or can appoint the majority of a board (SecNumCloud 19.6 b)."
    )
    non_eu_subcontractor_access: Tri = _tri_field(
        "A non-EU (or non-EU-controlled) third party can technically obtain customer data "
        "(SecNumCloud 19.6 c)."
    )
    us_controlled: Tri = _tri_field(
        "The provider is a US person or controlled by one (CLOUD Act, FISA 702)."
    )
    dpf_certified: Tri = _tri_field("Certified under the EU-US Data Privacy Framework.")

    @statutory_seat.validator
    @central_administration.validator
    @principal_establishment.validator
    def _country(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and (not isinstance(value, str) or not _COUNTRY.match(value)):
            raise FieldError(
                attribute.name, value, f"`{value}` is not a country code", _COUNTRY_HINT
            )


_optional_date = attrs.validators.optional(attrs.validators.instance_of(dt.date))


@attrs.frozen(slots=True)
class Certification:
    """A qualification or certification held by the offering."""

    scheme: Scheme = attrs.field(converter=Scheme)
    status: CertStatus = attrs.field(converter=CertStatus)
    # A date left unknown (None): a certificate stated as held, undated.
    valid_from: dt.date | None = attrs.field(default=None, validator=_optional_date)
    valid_until: dt.date | None = attrs.field(default=None, validator=_optional_date)
    version: str | None = attrs.field(default=None)
    id: str | None = None
    hds_activities: tuple[int, ...] | None = attrs.field(
        default=None, converter=_activities, validator=_check_activities
    )
    milestone: Milestone | None = attrs.field(
        default=None, converter=attrs.converters.optional(Milestone)
    )

    @version.validator
    def _hds_version(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not isinstance(value, str):
            raise FieldError("version", value, f"`{value!r}` is not a string")
        if self.scheme is Scheme.HDS and value is not None and value not in ("1", "2"):
            raise FieldError(
                "version",
                value,
                f"`{value}` is not an HDS referential version",
                "write `1` (2018 referential) or `2` (arrêté of 26 April 2024)",
            )

    @milestone.validator
    def _only_in_process(self, attribute: attrs.Attribute[Any], value: Milestone | None) -> None:
        if value is not None and self.status is not CertStatus.IN_PROCESS:
            raise FieldError(
                "milestone",
                value.value,
                f"`{value.value}` contradicts status `{self.status.value}`",
                "a milestone belongs to a qualification still in process (status `in_process`)",
            )

    @valid_until.validator
    def _after_start(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and self.valid_from is not None and value < self.valid_from:
            raise FieldError(
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


def _sort_certifications(value: Iterable[Certification] | None) -> tuple[Certification, ...] | None:
    if value is None:
        return None
    return tuple(sorted(set(value), key=lambda c: (c.key(), repr(c))))


def _schemes(value: Iterable[str] | None) -> tuple[Scheme, ...]:
    if value is None:
        return ()
    return tuple(sorted({Scheme(v) for v in value}))


@attrs.frozen(slots=True)
class Offering:
    """The cloud service that would host the workload."""

    kind: OfferingKind = attrs.field(converter=OfferingKind)
    name: str | None = None
    service_model: ServiceModel | None = attrs.field(
        default=None, converter=attrs.converters.optional(ServiceModel)
    )
    data_locations: tuple[str, ...] | None = _countries_field(
        "Countries where customer data are stored or processed."
    )
    technical_data_locations: tuple[str, ...] | None = _countries_field(
        "Countries where technical data (identities, logs, directory...) are stored or processed."
    )
    administration_locations: tuple[str, ...] | None = _countries_field(
        "Countries from which the service is administered and supervised."
    )
    support_locations: tuple[str, ...] | None = _countries_field(
        "Countries from which customer support is provided."
    )
    support_controlled_from_eu: Tri = _tri_field(
        "Support done outside the EU is documented, controlled and supervised from the EU."
    )
    transfer_safeguards: Tri = _tri_field(
        "RGPD art. 46 safeguards (SCC or BCR with a transfer impact assessment) cover every "
        "access from a country without adequacy."
    )
    dr_homologated: Tri = _tri_field("Homologated for Diffusion Restreinte information.")
    classified_homologated: Tri = _tri_field(
        "Homologated as a classified information system (IGI 1300)."
    )
    certifications: tuple[Certification, ...] | None = attrs.field(
        default=None, converter=_sort_certifications
    )
    certifications_open: tuple[Scheme, ...] = attrs.field(default=(), converter=_schemes)
    """Schemes on which the list is not known to be complete: a certificate of such a scheme
    that is not listed is unknown, not absent. Empty (the default): the list is complete."""

    @certifications.validator
    def _unique_keys(
        self, attribute: attrs.Attribute[Any], value: tuple[Certification, ...] | None
    ) -> None:
        if value is None:
            return
        seen: set[str] = set()
        for cert in value:
            if not isinstance(cert, Certification):
                raise FieldError("certifications", cert, f"`{cert!r}` is not a Certification")
            if cert.key() in seen:
                raise FieldError(
                    "certifications",
                    cert.key(),
                    f"two certificates have the id `{cert.key()}`",
                    "give each certificate a distinct `id`",
                )
            seen.add(cert.key())


def _sorted_strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(value)))


@attrs.frozen(slots=True)
class Derogation:
    """A derogation granted for the workload."""

    basis: DerogationBasis = attrs.field(converter=DerogationBasis)
    covers: tuple[str, ...] = attrs.field(converter=_sorted_strings)
    granted_on: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    valid_until: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    """The end date the grant states; ``None``: unknown, or none stated (see ``open_ended``)."""
    open_ended: bool | None = attrs.field(default=None, validator=_tri)
    """The grant states no end date (the 12-month clock after an acceptable offer still runs)."""
    project_advanced: bool | None = attrs.field(default=None, validator=_tri)
    """For R9 al. 4: the project was « très avancé » on 5 July 2021."""
    offer_available: bool | None = attrs.field(default=None, validator=_tri)
    """An acceptable trusted offer is available in France (which starts the 12-month clock)."""
    offer_available_since: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    """Since when that offer has been available."""
    granted_by: str | None = None
    reference: str | None = None

    @covers.validator
    def _known_requirements(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:

        known = {req.id for req in REQUIREMENTS}
        for rid in value:
            if rid not in known:
                raise FieldError(
                    "covers",
                    rid,
                    f"`{rid}` is not a requirement id",
                    "one of " + ", ".join(f"`{k}`" for k in sorted(known)),
                )

    @open_ended.validator
    def _no_end_date(self, attribute: attrs.Attribute[Any], value: bool | None) -> None:
        if value is True and self.valid_until is not None:
            raise FieldError(
                "open_ended",
                True,
                f"`true` contradicts valid_until `{self.valid_until}`",
                "a grant states an end date or none, not both",
            )

    @offer_available_since.validator
    def _since_needs_offer(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and self.offer_available is False:
            raise FieldError(
                "offer_available_since",
                value.isoformat(),
                f"`{value}` contradicts offer_available `false`",
                "leave offer_available_since out when no acceptable offer is available",
            )

    @valid_until.validator
    def _after_grant(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and value < self.granted_on:
            raise FieldError(
                "valid_until",
                value.isoformat(),
                f"`{value}` is before granted_on `{self.granted_on}`",
            )


@attrs.frozen(slots=True)
class Case:
    """Everything the decision is about: one workload on one offering, on a date."""

    organisation: Organisation = attrs.field(validator=attrs.validators.instance_of(Organisation))
    offering: Offering = attrs.field(validator=attrs.validators.instance_of(Offering))
    workload: Workload = attrs.field(
        factory=Workload, validator=attrs.validators.instance_of(Workload)
    )
    provider: Provider = attrs.field(
        factory=Provider, validator=attrs.validators.instance_of(Provider)
    )
    derogation: Derogation | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Derogation)),
    )
    as_of: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    id: str | None = None
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        data = self.workload.data
        if data.medical_secret is True and data.protected_secret is False:
            raise FieldError(
                "workload.data.protected_secret",
                False,
                "`false` contradicts medical_secret `true`",
                "medical secrecy is a secret protected by law (CRPA L.311-6)",
            )
        if data.personal_health_data is True and data.personal_data is False:
            raise FieldError(
                "workload.data.personal_data",
                False,
                "`false` contradicts personal_health_data `true`",
                "personal health data are personal data",
            )
