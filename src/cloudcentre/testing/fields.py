"""The case model as the verifier sees it: each input fact's section, type and whether it
is required, read from the attrs classes; and the abstract value ``UNKNOWN``."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from ..model import case as m

__all__ = ["CERT", "LISTED", "MODEL", "UNKNOWN", "FieldInfo", "Key", "key_of"]


class _Unknown(enum.Enum):
    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown.UNKNOWN
"""The abstract value "no fact"."""

Key = tuple[str, str]
"""``(fact name, entity)``."""

CERT = "c1"
"""The entity of the one certificate the space enumerates."""

LISTED = "offering.certifications_listed"


@attrs.frozen(slots=True)
class FieldInfo:
    section: str
    """``certificate``, ``derogation``, or ``case`` for the sections every case has."""
    type: Any
    required: bool


def _model_fields() -> dict[str, FieldInfo]:
    out: dict[str, FieldInfo] = {}

    def walk(prefix: str, cls: type, section: str) -> None:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            kind = hints[field.name]
            name = f"{prefix}.{field.name}"
            inner = _strip_none(kind)
            if isinstance(inner, type) and attrs.has(inner):
                walk(name, inner, section)
            elif field.name == "certifications":
                out[LISTED] = FieldInfo("case", bool, False)
                walk("certificate", m.Certification, "certificate")
            else:
                out[name] = FieldInfo(section, inner, field.default is attrs.NOTHING)

    for name in ("organisation", "workload", "provider", "offering"):
        walk(name, _strip_none(typing.get_type_hints(m.Case)[name]), "case")
    walk("derogation", m.Derogation, "derogation")
    return out


def _strip_none(kind: Any) -> Any:
    args = typing.get_args(kind)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
        return kind
    return kind


MODEL: dict[str, FieldInfo] = _model_fields()


def key_of(name: str) -> Key:
    return (name, CERT if name.startswith("certificate.") else "")
