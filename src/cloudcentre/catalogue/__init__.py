"""The market as dated, sourced data: providers and offerings, loaded strictly from TOML or
JSON files (the bundled ``data/`` and the user's own), and turned into case data on a day.

It sits above the case model and below the decisions: ``decide`` resolves catalogue
references in cases and builds shortlists from it.
"""

from __future__ import annotations

from .entries import (
    Catalogue,
    CertificateEntry,
    OfferingEntry,
    ProviderEntry,
    Source,
    Sourced,
    SourceQuality,
)
from .load import bundled_catalogue, load_catalogue
from .resolve import (
    case_from_catalogue_dict,
    case_from_catalogue_json,
    offering_assumptions,
    offering_sections,
    resolve_case_dict,
    value_on,
)

__all__ = [
    "Catalogue",
    "CertificateEntry",
    "OfferingEntry",
    "ProviderEntry",
    "Source",
    "SourceQuality",
    "Sourced",
    "bundled_catalogue",
    "case_from_catalogue_dict",
    "case_from_catalogue_json",
    "load_catalogue",
    "offering_assumptions",
    "offering_sections",
    "resolve_case_dict",
    "value_on",
]
