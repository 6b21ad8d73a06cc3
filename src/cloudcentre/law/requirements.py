"""Requirements: what a hosting must satisfy, each decided by two facts.

A requirement *applies* when its ``applies`` fact is true, and is *met* when its
``met`` fact is true. Both facts come from the rules (or, for the homologation
requirements, straight from the case). A ``false`` from any rule beats a ``true``:
the decision fails closed.
"""

from __future__ import annotations

import attrs

from .language import Citation
from .sources import SOURCES

__all__ = ["REQUIREMENTS", "Requirement"]


@attrs.frozen(slots=True)
class Requirement:
    id: str
    title: str
    applies: str
    """The fact that says whether the requirement applies."""
    met: str
    """The fact that says whether the offering satisfies it."""
    citations: tuple[Citation, ...]
    assumption: str | None = None
    derogable: bool = False
    """A derogation under the doctrine or SREN art. 31 III may waive it (not so for laws
    such as CSP L.1111-8 or the RGPD, which no ministerial derogation can set aside)."""


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "SECNUMCLOUD-QUALIFICATION",
        "The offering holds an ANSSI SecNumCloud qualification in force",
        "trusted_cloud.required",
        "secnumcloud.qualified",
        (SOURCES["circ-2021-r9-snc"], SOURCES["circ-2023-r9-secrets"], SOURCES["circ-2026-snc"]),
        derogable=True,
    ),
    Requirement(
        "EXTRA-EU-IMMUNITY",
        "The provider is immune to extra-EU law (SecNumCloud 3.2 §19.6, SREN art. 31 I)",
        "immunity.required",
        "immunity.protected",
        (SOURCES["snc-19-6-a"], SOURCES["snc-19-6-b"], SOURCES["sren-31-i"]),
        derogable=True,
    ),
    Requirement(
        "EU-LOCALISATION",
        "Data are stored, processed and administered in the EU (SecNumCloud 3.2 §19.2)",
        "trusted_cloud.required",
        "localisation.in_eu",
        (SOURCES["snc-19-2-b"], SOURCES["snc-19-2-c"], SOURCES["snc-19-2-d"]),
        derogable=True,
    ),
    Requirement(
        "HDS-CERTIFICATION",
        "The host is HDS-certified for the activities it performs (CSP L.1111-8)",
        "hds.required",
        "hds.certified",
        (SOURCES["csp-l1111-8"], SOURCES["csp-r1111-9"]),
    ),
    Requirement(
        "HDS-EEA-STORAGE",
        "Health data are stored only in the EEA (HDS v2 referential)",
        "hds.eea_storage_required",
        "hds.eea_storage",
        (SOURCES["hds-v2"], SOURCES["hds-v2-transition"]),
    ),
    Requirement(
        "ARCHIVING-AGREMENT",
        "An electronic-archiving host of health data holds the agrément of the minister of culture",
        "archiving.agrement_required",
        "offering.archiving_agrement",
        (SOURCES["csp-l1111-8-agrement"], SOURCES["francearchives-agrement"]),
        assumption="Assumed: the agrément remains required after SREN art. 32 (current wording "
        "of CSP "
        "L.1111-8 III not read).",
    ),
    Requirement(
        "GDPR-TRANSFERS",
        "Any transfer of personal data outside the EEA is lawful (RGPD chapter V)",
        "gdpr.applies",
        "gdpr.transfers_lawful",
        (SOURCES["rgpd-44"], SOURCES["rgpd-45"], SOURCES["rgpd-46"]),
    ),
    Requirement(
        "DR-HOMOLOGATION",
        "Diffusion Restreinte information sits on a system homologated for DR, "
        "on an acceptable host",
        "dr.homologation_required",
        "dr.hosting_acceptable",
        (SOURCES["dr-mention"], SOURCES["ii-901"], SOURCES["anssi-cloud-2024"]),
    ),
    Requirement(
        "CLASSIFIED-HOMOLOGATION",
        "Classified information sits on a system homologated under IGI 1300",
        "classified.homologation_required",
        "offering.classified_homologated",
        (SOURCES["igi-1300"],),
        assumption="Assumed: classified information is outside the commercial-cloud rules "
        "and needs a homologated classified system.",
    ),
)
