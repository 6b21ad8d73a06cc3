"""The catalogue's data model: providers and offerings whose every attribute is sourced and dated.

An attribute is a tuple of :class:`Sourced` values, each valid over a period (``start`` to
``end``, both inclusive, ``None`` meaning open). On a day no value covers, the attribute
is unknown. Values are plain JSON data (lists as tuples), already checked against the case
model, so that an offering judged on any day is a valid case section.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

__all__ = [
    "Catalogue",
    "CertificateEntry",
    "OfferingEntry",
    "ProviderEntry",
    "Source",
    "SourceQuality",
    "Sourced",
]

#: A plain JSON value of an attribute (lists are stored as tuples).
Plain = bool | int | float | str | tuple[str, ...] | tuple[int, ...]


class SourceQuality(enum.StrEnum):
    PRIMARY = "primary"
    """The register, the official text, or the provider's own page, certificate or filing."""
    SECONDARY = "secondary"
    """Press, aggregators, or a third-party transcription of a primary register."""


@attrs.frozen(slots=True)
class Source:
    """Where a value comes from, how good the source is, and when it was last checked."""

    key: str
    url: str
    quality: SourceQuality
    checked: dt.date
    note: str | None = None


@attrs.frozen(slots=True)
class Sourced:
    """One value of an attribute, with its source and the period it holds."""

    value: Plain
    source: Source
    start: dt.date | None = None
    end: dt.date | None = None
    assumption: str | None = None
    """Set when the value rests on a point no source confirms (⚠)."""
    note: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)


@attrs.frozen(slots=True)
class CertificateEntry:
    """A certificate or qualification of an offering, as case data, with its source."""

    id: str
    fields: tuple[tuple[str, Plain], ...]
    """The certificate in the case format (dates as ``YYYY-MM-DD``), field by field."""
    source: Source
    version_source: Source | None = None
    assumption: str | None = None
    note: str | None = None

    def to_case(self) -> dict[str, object]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.fields}


Attributes = tuple[tuple[str, tuple[Sourced, ...]], ...]


@attrs.frozen(slots=True)
class ProviderEntry:
    id: str
    name: str | None
    attributes: Attributes
    file: str

    def attribute(self, name: str) -> tuple[Sourced, ...]:
        return dict(self.attributes).get(name, ())


@attrs.frozen(slots=True)
class OfferingEntry:
    id: str
    provider: str
    name: str | None
    attributes: Attributes
    certifications: tuple[CertificateEntry, ...] | None
    """``None``: the catalogue does not know the offering's certificates."""
    certifications_source: Source | None
    """The source for the list being complete (needed when it is empty)."""
    open_questions: tuple[str, ...]
    """What the sources leave open about this offering (shown with every shortlist row)."""
    file: str

    def attribute(self, name: str) -> tuple[Sourced, ...]:
        return dict(self.attributes).get(name, ())


@attrs.frozen(slots=True)
class Catalogue:
    """Providers and offerings, sorted by id."""

    providers: tuple[ProviderEntry, ...]
    offerings: tuple[OfferingEntry, ...]
    files: tuple[str, ...] = ()

    def provider(self, provider_id: str) -> ProviderEntry | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    def offering(self, offering_id: str) -> OfferingEntry | None:
        return next((o for o in self.offerings if o.id == offering_id), None)
