"""Reading catalogue files (TOML or JSON), strictly, and merging a user's files over the bundle.

A file holds ``sources`` (a table of sources by key), ``providers`` and ``offerings`` (arrays
of tables). Every attribute value names its source (a key, or an inline table with ``url``,
``quality`` and ``checked``). Values are checked with the case model itself, so a catalogue
entry is exactly as strict as a case. Every error names the file, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from .._errors import InvalidCase, InvalidCatalogue
from ..model.case import Certification, Offering, Provider
from ..model.convert import case_from_dict
from .entries import (
    Catalogue,
    CertificateEntry,
    OfferingEntry,
    Plain,
    ProviderEntry,
    Source,
    Sourced,
    SourceQuality,
)

__all__ = ["bundled_catalogue", "load_catalogue"]

PROVIDER_ATTRIBUTES: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Provider) if f.name != "name"
)
OFFERING_ATTRIBUTES: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Offering) if f.name not in ("name", "certifications")
)
CERTIFICATE_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Certification))
_SOURCE_KEYS = ("url", "quality", "checked", "note")
_VALUE_KEYS = ("value", "source", "from", "until", "assumption", "note")
_CERT_EXTRA = ("source", "version_source", "assumption", "note")
_PROVIDER_KEYS = ("id", "name", *PROVIDER_ATTRIBUTES)
_OFFERING_KEYS = (
    "id", "provider", "name", "open_questions", "certifications", "certifications_source",
    *OFFERING_ATTRIBUTES,
)
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHARED = "sources.toml"


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class _Where:
    """The file and entry being read, to name them in errors."""

    def __init__(self, file: str, entry: str = "") -> None:
        self.file = file
        self.entry = entry

    def at(self, entry: str) -> _Where:
        return _Where(self.file, entry)

    def error(
        self, message: str, field: str = "", value: object = None, hint: str = ""
    ) -> InvalidCatalogue:
        return InvalidCatalogue(
            message, file=self.file, entry=self.entry, field=field, value=value, hint=hint
        )


def _keys(table: Any, allowed: Iterable[str], where: _Where, field: str) -> Mapping[str, Any]:
    if not isinstance(table, Mapping):
        raise where.error(f"`{_show(table)[:40]}` is not a table", field, table,
                          "write a table (TOML) or an object (JSON)")
    known = tuple(allowed)
    for key in table:
        if key not in known:
            path = f"{field}.{key}" if field else str(key)
            raise where.error(f"unknown key `{key}`", path, key,
                              "known keys here: " + ", ".join(f"`{k}`" for k in known))
    return table


def _text(value: Any, where: _Where, field: str, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise where.error(f"`{_show(value)}` is not a non-empty string", field, value)
    return value


def _date(value: Any, where: _Where, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise where.error(f"`{value}` is a date-time, not a date", field, str(value),
                          "write dates as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.error(f"`{_show(value)}` is not a date", field, value, "write dates as YYYY-MM-DD")


def _source_table(key: str, table: Any, where: _Where, field: str) -> Source:
    body = _keys(table, _SOURCE_KEYS, where, field)
    for needed in ("url", "quality", "checked"):
        if needed not in body:
            raise where.error("required field is missing", f"{field}.{needed}",
                              hint="a source has `url`, `quality` (primary or secondary) and "
                                   "`checked` (the day it was checked)")
    url = _text(body["url"], where, f"{field}.url")
    assert url is not None
    if not url.startswith(("https://", "http://")):
        raise where.error(f"`{url}` is not a web address", f"{field}.url", url,
                          "give the https:// address of the source")
    quality = body["quality"]
    if quality not in tuple(q.value for q in SourceQuality):
        raise where.error(f"`{_show(quality)}` is not a source quality", f"{field}.quality",
                          quality, "one of `primary`, `secondary`")
    return Source(
        key=key,
        url=url,
        quality=SourceQuality(quality),
        checked=_date(body["checked"], where, f"{field}.checked"),
        note=_text(body.get("note"), where, f"{field}.note", required=False),
    )


class _Sources:
    def __init__(self, shared: Mapping[str, Source], own: Mapping[str, Source]) -> None:
        self.shared = shared
        self.own = own

    def get(self, ref: Any, where: _Where, field: str) -> Source:
        if ref is None:
            raise where.error("no source", field,
                              hint="every value names its `source`: a key of `sources`, or a "
                                   "table with `url`, `quality` and `checked`")
        if isinstance(ref, str):
            found = self.own.get(ref) or self.shared.get(ref)
            if found is None:
                known = sorted({*self.own, *self.shared})
                raise where.error(f"`{ref}` is not a known source", field, ref,
                                  "define it under `sources`; known: "
                                  + ", ".join(f"`{k}`" for k in known))
            return found
        return _source_table("", ref, where, field)


def _plain(value: Any) -> Plain:
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[no-any-return]


def _check_value(section: str, name: str, value: Any, where: _Where, field: str) -> None:
    """Check one attribute value with the case model (same strictness as a case)."""
    offering: dict[str, Any] = {"kind": "commercial"}
    case: dict[str, Any] = {"organisation": {"kind": "state_administration"}, "offering": offering}
    if section == "provider":
        case["provider"] = {name: value}
    else:
        offering[name] = value
    try:
        case_from_dict(case)
    except InvalidCase as exc:
        raise where.error(exc.message, field, exc.value, exc.hint) from None


def _attribute(
    section: str, name: str, raw: Any, sources: _Sources, where: _Where
) -> tuple[Sourced, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise where.error("no value", name, hint="give at least one value with its source, "
                          "or leave the attribute out (unknown)")
    out: list[Sourced] = []
    for index, item in enumerate(items):
        field = f"{name}[{index}]"
        body = _keys(item, _VALUE_KEYS, where, field)
        if "value" not in body:
            raise where.error("required field is missing", f"{field}.value")
        value = body["value"]
        _check_value(section, name, value, where, f"{field}.value")
        start = _date(body["from"], where, f"{field}.from") if "from" in body else None
        end = _date(body["until"], where, f"{field}.until") if "until" in body else None
        if start and end and end < start:
            raise where.error(f"`{end}` is before from `{start}`", f"{field}.until", str(end))
        out.append(Sourced(
            value=_plain(value),
            source=sources.get(body.get("source"), where, f"{field}.source"),
            start=start,
            end=end,
            assumption=_text(body.get("assumption"), where, f"{field}.assumption", required=False),
            note=_text(body.get("note"), where, f"{field}.note", required=False),
        ))
    ordered = sorted(out, key=lambda s: s.start or dt.date.min)
    for before, after in itertools.pairwise(ordered):
        if before.end is None or after.start is None or before.end >= after.start:
            raise where.error("two values overlap in time", name,
                              hint="give each value `from` and `until` dates that do not overlap")
    return tuple(ordered)


def _certificate(raw: Any, index: int, sources: _Sources, where: _Where) -> CertificateEntry:
    field = f"certifications[{index}]"
    body = _keys(raw, (*CERTIFICATE_FIELDS, *_CERT_EXTRA), where, field)
    cert_id = body.get("id")
    if not isinstance(cert_id, str) or not cert_id:
        raise where.error("required field is missing", f"{field}.id",
                          hint="give each certificate an `id` (a decision or certificate number)")
    fields: dict[str, Any] = {}
    for key in CERTIFICATE_FIELDS:
        if key in body:
            value = body[key]
            if key in ("valid_from", "valid_until"):
                value = _date(value, where, f"{field}.{key}").isoformat()
            fields[key] = value
    try:
        case_from_dict({
            "organisation": {"kind": "state_administration"},
            "offering": {"kind": "commercial", "certifications": [fields]},
        })
    except InvalidCase as exc:
        path = exc.path.removeprefix("offering.certifications[0]").lstrip(".")
        raise where.error(exc.message, f"{field}.{path}" if path else field, exc.value,
                          exc.hint) from None
    version_source = body.get("version_source")
    return CertificateEntry(
        id=cert_id,
        fields=tuple((k, _plain(fields[k])) for k in CERTIFICATE_FIELDS if k in fields),
        source=sources.get(body.get("source"), where, f"{field}.source"),
        version_source=None if version_source is None
        else sources.get(version_source, where, f"{field}.version_source"),
        assumption=_text(body.get("assumption"), where, f"{field}.assumption", required=False),
        note=_text(body.get("note"), where, f"{field}.note", required=False),
    )


def _entry_id(body: Mapping[str, Any], where: _Where, kind: str, index: int) -> str:
    value = body.get("id")
    if not isinstance(value, str) or not _ID.match(value):
        raise where.at(f"{kind}[{index}]").error(
            f"`{_show(value)}` is not an id", "id", value,
            "ids are lower-case letters, digits, dots and dashes, such as `outscale-iaas`")
    return value


@attrs.frozen(slots=True)
class _Parsed:
    file: str
    providers: tuple[tuple[ProviderEntry, frozenset[str]], ...]
    """Each provider, with the keys its file gives (a correction replaces only those)."""
    offerings: tuple[tuple[OfferingEntry, frozenset[str]], ...]


def _read(path: Path, name: str) -> Mapping[str, Any]:
    where = _Where(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise where.error("no such file", hint="give the path of a catalogue file") from None
    except IsADirectoryError:
        raise where.error("is a directory, not a file") from None
    except PermissionError:
        raise where.error("cannot read the file (permission denied)") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise where.error("the file is not UTF-8 text") from None
    if path.suffix == ".toml":
        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise where.error(f"malformed toml: {str(exc).lower()}") from None
    elif path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise where.error(f"malformed json: {exc.msg.lower()} at line {exc.lineno} "
                              f"column {exc.colno}") from None
    else:
        raise where.error(f"`{path.suffix or path.name}` is not a catalogue file type",
                          hint="a catalogue file ends in .toml or .json")
    return _keys(data, ("sources", "providers", "offerings"), where, "")


def _parse(path: Path, name: str, shared: Mapping[str, Source]) -> _Parsed:
    data = _read(path, name)
    where = _Where(name)
    own_raw = data.get("sources", {})
    if not isinstance(own_raw, Mapping):
        raise where.error("`sources` is not a table", "sources")
    own: dict[str, Source] = {}
    for key, table in own_raw.items():
        if key in shared:
            raise where.at(f"sources[{key}]").error(
                f"`{key}` redefines a shared source", "", key,
                "use the shared source as it is, or give yours another key")
        own[key] = _source_table(key, table, where.at(f"sources[{key}]"), "")
    sources = _Sources(shared, own)
    providers: list[tuple[ProviderEntry, frozenset[str]]] = []
    for index, raw in enumerate(_list(data.get("providers", []), where, "providers")):
        body = _keys(raw, _PROVIDER_KEYS, where.at(f"providers[{index}]"), "")
        pid = _entry_id(body, where, "providers", index)
        at = where.at(f"providers[{pid}]")
        provider_attributes = tuple(
            (k, _attribute("provider", k, body[k], sources, at))
            for k in PROVIDER_ATTRIBUTES if k in body
        )
        provider = ProviderEntry(pid, _text(body.get("name"), at, "name", required=False),
                                 provider_attributes, name)
        providers.append((provider, frozenset(body)))
    offerings: list[tuple[OfferingEntry, frozenset[str]]] = []
    for index, raw in enumerate(_list(data.get("offerings", []), where, "offerings")):
        body = _keys(raw, _OFFERING_KEYS, where.at(f"offerings[{index}]"), "")
        oid = _entry_id(body, where, "offerings", index)
        at = where.at(f"offerings[{oid}]")
        attributes = tuple(
            (k, _attribute("offering", k, body[k], sources, at))
            for k in OFFERING_ATTRIBUTES if k in body
        )
        certs: tuple[CertificateEntry, ...] | None = None
        if "certifications" in body:
            listed = _list(body["certifications"], at, "certifications")
            certs = tuple(_certificate(c, i, sources, at) for i, c in enumerate(listed))
            ids = [c.id for c in certs]
            for cert_id in ids:
                if ids.count(cert_id) > 1:
                    raise at.error(f"two certificates have the id `{cert_id}`", "certifications",
                                   cert_id, "give each certificate a distinct `id`")
        certs_source = body.get("certifications_source")
        if certs == () and certs_source is None:
            raise at.error("no source", "certifications_source",
                           hint="an empty list of certificates needs a source saying so")
        questions = _list(body.get("open_questions", []), at, "open_questions")
        entry = OfferingEntry(
            id=oid,
            provider=_text(body.get("provider"), at, "provider", required=False) or "",
            name=_text(body.get("name"), at, "name", required=False),
            attributes=attributes,
            certifications=certs,
            certifications_source=None if certs_source is None
            else sources.get(certs_source, at, "certifications_source"),
            open_questions=tuple(
                _text(q, at, f"open_questions[{i}]") or "" for i, q in enumerate(questions)
            ),
            file=name,
        )
        offerings.append((entry, frozenset(body)))
    return _Parsed(name, tuple(providers), tuple(offerings))


def _list(value: Any, where: _Where, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise where.error(f"`{_show(value)[:40]}` is not a list", field, value)
    return value


def _shared_sources(path: Path, name: str) -> dict[str, Source]:
    data = _read(path, name)
    where = _Where(name)
    raw = data.get("sources", {})
    if not isinstance(raw, Mapping) or data.get("providers") or data.get("offerings"):
        raise where.error("the shared sources file holds only `sources`")
    return {key: _source_table(key, table, where.at(f"sources[{key}]"), "")
            for key, table in raw.items()}


def _data_dir() -> Path:
    return Path(str(resources.files("cloudcentre.catalogue") / "data"))


@functools.cache
def _bundled_sources() -> dict[str, Source]:
    return _shared_sources(_data_dir() / _SHARED, f"catalogue/data/{_SHARED}")


class _Merger:
    def __init__(self) -> None:
        self.providers: dict[str, ProviderEntry] = {}
        self.offerings: dict[str, OfferingEntry] = {}
        self.defined: dict[tuple[str, str], str] = {}
        self.base: set[tuple[str, str]] = set()

    def add(self, parsed: _Parsed) -> None:
        for entry, keys in parsed.providers:
            self._claim("providers", entry.id, parsed.file)
            old = self.providers.get(entry.id)
            self.providers[entry.id] = entry if old is None else attrs.evolve(
                old,
                name=entry.name if "name" in keys else old.name,
                attributes=_merge(old.attributes, entry.attributes),
                file=parsed.file,
            )
        for offering, keys in parsed.offerings:
            self._claim("offerings", offering.id, parsed.file)
            previous = self.offerings.get(offering.id)
            if previous is None:
                self.offerings[offering.id] = offering
                continue
            where = _Where(parsed.file, f"offerings[{offering.id}]")
            if "provider" in keys and offering.provider != previous.provider:
                raise where.error(
                    f"`{offering.provider}` conflicts with provider `{previous.provider}` of the "
                    f"same offering in {previous.file}", "provider", offering.provider,
                    "a correction keeps the offering's provider; give a new offering a new id")
            self.offerings[offering.id] = attrs.evolve(
                previous,
                name=offering.name if "name" in keys else previous.name,
                attributes=_merge(previous.attributes, offering.attributes),
                certifications=_merge_certs(previous.certifications, offering.certifications),
                certifications_source=offering.certifications_source
                or previous.certifications_source,
                open_questions=offering.open_questions if "open_questions" in keys
                else previous.open_questions,
                file=parsed.file,
            )

    def _claim(self, kind: str, entry_id: str, file: str) -> None:
        key = (kind, entry_id)
        if key in self.defined and key not in self.base:
            raise InvalidCatalogue(
                f"`{entry_id}` is defined twice (also in {self.defined[key]})",
                file=file, entry=f"{kind}[{entry_id}]", field="id", value=entry_id,
                hint="correct an entry in one file only")
        self.defined[key] = file

    def freeze_base(self) -> None:
        self.base = set(self.defined)
        self.defined = dict(self.defined)

    def catalogue(self, files: tuple[str, ...]) -> Catalogue:
        for offering in self.offerings.values():
            where = _Where(offering.file, f"offerings[{offering.id}]")
            if not offering.provider:
                raise where.error("required field is missing", "provider",
                                  hint="name the provider's id")
            if offering.provider not in self.providers:
                raise where.error(f"`{offering.provider}` is not a provider of the catalogue",
                                  "provider", offering.provider,
                                  "define the provider under `providers`, or use a known id")
            if not offering.attribute("kind"):
                raise where.error("required field is missing", "kind",
                                  hint="give the offering's kind with its source")
        return Catalogue(
            providers=tuple(self.providers[k] for k in sorted(self.providers)),
            offerings=tuple(self.offerings[k] for k in sorted(self.offerings)),
            files=files,
        )


def _merge(
    old: tuple[tuple[str, tuple[Sourced, ...]], ...],
    new: tuple[tuple[str, tuple[Sourced, ...]], ...],
) -> tuple[tuple[str, tuple[Sourced, ...]], ...]:
    merged = dict(old)
    merged.update(new)
    return tuple(sorted(merged.items()))


def _merge_certs(
    old: tuple[CertificateEntry, ...] | None, new: tuple[CertificateEntry, ...] | None
) -> tuple[CertificateEntry, ...] | None:
    if new is None:
        return old
    merged = {c.id: c for c in old or ()}
    merged.update((c.id, c) for c in new)
    return tuple(merged[k] for k in sorted(merged))


@functools.cache
def bundled_catalogue() -> Catalogue:
    """The catalogue shipped with cloudcentre (``catalogue/data/*.toml``)."""
    merger = _Merger()
    shared = _bundled_sources()
    names = sorted(p.name for p in _data_dir().iterdir() if p.suffix == ".toml")
    files: list[str] = []
    for file_name in names:
        if file_name == _SHARED:
            continue
        label = f"catalogue/data/{file_name}"
        merger.add(_parse(_data_dir() / file_name, label, shared))
        files.append(label)
    return merger.catalogue(tuple(files))


def load_catalogue(*paths: str | Path, bundled: bool = True) -> Catalogue:
    """The bundled catalogue with the user's files merged over it, in order.

    An entry whose id is already known corrects it: each attribute it gives replaces the
    bundled one (with its own source), each certificate replaces the one of the same id.
    An id defined twice among the user's files, an unknown key, a value without a source,
    or an offering whose provider is unknown raises :class:`InvalidCatalogue`.
    """
    merger = _Merger()
    files: list[str] = []
    if bundled:
        base = bundled_catalogue()
        merger.providers = {p.id: p for p in base.providers}
        merger.offerings = {o.id: o for o in base.offerings}
        merger.defined = {("providers", p.id): p.file for p in base.providers}
        merger.defined.update({("offerings", o.id): o.file for o in base.offerings})
        merger.freeze_base()
        files.extend(base.files)
    shared = _bundled_sources()
    for path in paths:
        merger.add(_parse(Path(path), str(path), shared))
        files.append(str(path))
    return merger.catalogue(tuple(files))
