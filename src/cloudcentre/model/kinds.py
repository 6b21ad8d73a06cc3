"""The kinds a case's fields take (organisations, offerings, schemes, statuses...), and
their strict converters: a bad value is an :class:`~cloudcentre.InvalidCase` naming the field."""

from __future__ import annotations

import enum
from typing import Any

from .fields import enum_converter, optional_enum

__all__ = [
    "CertStatus",
    "DerogationBasis",
    "HdsExemption",
    "Milestone",
    "OfferingKind",
    "OrgKind",
    "Scheme",
    "Service",
    "ServiceModel",
    "to_cert_status",
    "to_derogation_basis",
    "to_hds_exemption_or_none",
    "to_milestone_or_none",
    "to_offering_kind",
    "to_org_kind",
    "to_scheme",
    "to_service_model_or_none",
]


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


_ORG_KIND = enum_converter(OrgKind, "kind")


def to_org_kind(value: Any) -> OrgKind:
    return _ORG_KIND(value)


_HDS_EXEMPTION_OR_NONE = optional_enum(HdsExemption, "hds_exemption")


def to_hds_exemption_or_none(value: Any) -> HdsExemption | None:
    return _HDS_EXEMPTION_OR_NONE(value)


_SCHEME = enum_converter(Scheme, "scheme")


def to_scheme(value: Any) -> Scheme:
    return _SCHEME(value)


_CERT_STATUS = enum_converter(CertStatus, "status")


def to_cert_status(value: Any) -> CertStatus:
    return _CERT_STATUS(value)


_MILESTONE_OR_NONE = optional_enum(Milestone, "milestone")


def to_milestone_or_none(value: Any) -> Milestone | None:
    return _MILESTONE_OR_NONE(value)


_OFFERING_KIND = enum_converter(OfferingKind, "kind")


def to_offering_kind(value: Any) -> OfferingKind:
    return _OFFERING_KIND(value)


_SERVICE_MODEL_OR_NONE = optional_enum(ServiceModel, "service_model")


def to_service_model_or_none(value: Any) -> ServiceModel | None:
    return _SERVICE_MODEL_OR_NONE(value)


_DEROGATION_BASIS = enum_converter(DerogationBasis, "basis")


def to_derogation_basis(value: Any) -> DerogationBasis:
    return _DEROGATION_BASIS(value)
