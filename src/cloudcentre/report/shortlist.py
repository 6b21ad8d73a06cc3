"""Plain-text and JSON forms of shortlists and of the catalogue, for the CLI."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..catalogue.entries import Catalogue, Sourced
from ..catalogue.resolve import value_on
from ..decide.shortlist import ELIGIBLE, Shortlist, ShortlistHistory

__all__ = ["catalogue_to_dict", "render_catalogue", "render_shortlist", "render_shortlist_history"]

_LABEL = {
    "compliant": "COMPLIANT",
    "compliant_under_derogation": "COMPLIANT UNDER DEROGATION",
    "undetermined": "UNDETERMINED",
    "non_compliant": "NON COMPLIANT",
}


def render_shortlist(result: Shortlist) -> str:
    lines = [f"shortlist for {result.workload or 'workload'}, as of {result.as_of.isoformat()}"]
    lines += _readings(result.interpretations)
    eligible = len(result.eligible)
    lines.append(f"{eligible} of {len(result.rows)} offerings may host it")
    for row in result.rows:
        lines.append("")
        lines.append(f"{_LABEL[row.verdict.value]:<27} {row.offering} ({row.provider})")
        if row.name:
            lines.append(f"    {row.name}")
        for reason in row.reasons:
            lines.append(f"    ✗ {reason}")
        for question in row.questions:
            lines.append(f"    ? {question.field}: {question.question}")
        for warning in row.warnings:
            lines.append(f"    ! {warning}")
        if row.verdict in ELIGIBLE:
            for assumption in row.assumptions:
                lines.append(f"    ⚠ assumes {assumption}")
        else:
            for still_open in row.open_questions:
                lines.append(f"    ⚠ open in the sources: {still_open}")
    return "\n".join(lines) + "\n"


def render_shortlist_history(result: ShortlistHistory) -> str:
    end = "open" if result.end is None else result.end.isoformat()
    lines = [f"shortlist for {result.workload or 'workload'}, {result.start.isoformat()} to {end}"]
    lines += _readings(result.interpretations)
    for row in result.rows:
        lines.append("")
        lines.append(f"{row.offering} ({row.provider})")
        for period in row.periods:
            to = "" if period.end is None else period.end.isoformat()
            mark = "✓" if period.eligible else "✗"
            lines.append(
                f"  {mark} {period.start.isoformat()} → {to:<10} {_LABEL[period.verdict.value]}"
            )
            for cause in period.cause:
                lines.append(f"      because {cause}")
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def _sourced(value: Sourced) -> dict[str, Any]:
    return {
        "value": list(value.value) if isinstance(value.value, tuple) else value.value,
        "from": None if value.start is None else value.start.isoformat(),
        "until": None if value.end is None else value.end.isoformat(),
        "source": value.source.url,
        "quality": value.source.quality.value,
        "checked": value.source.checked.isoformat(),
        **({"assumption": value.assumption} if value.assumption else {}),
        **({"note": value.note} if value.note else {}),
    }


def _pick(values: tuple[Sourced, ...], as_of: dt.date | None) -> list[Sourced]:
    if as_of is None:
        return list(values)
    found = value_on(values, as_of)
    return [] if found is None else [found]


def catalogue_to_dict(catalogue: Catalogue, as_of: dt.date | None = None) -> dict[str, Any]:
    """Every provider and offering with each attribute's value, source, quality and check date
    (only the values holding on ``as_of`` when it is given)."""
    providers = []
    for provider in catalogue.providers:
        providers.append(
            {
                "id": provider.id,
                "name": provider.name,
                "file": provider.file,
                "attributes": {
                    name: [_sourced(v) for v in _pick(values, as_of)]
                    for name, values in provider.attributes
                },
                "offerings": [
                    {
                        "id": o.id,
                        "name": o.name,
                        "file": o.file,
                        "attributes": {
                            name: [_sourced(v) for v in _pick(values, as_of)]
                            for name, values in o.attributes
                        },
                        "certifications": None
                        if o.certifications is None
                        else [
                            {
                                **c.to_case(),
                                "source": c.source.url,
                                "quality": c.source.quality.value,
                                "checked": c.source.checked.isoformat(),
                                **(
                                    {"version_source": c.version_source.url}
                                    if c.version_source
                                    else {}
                                ),
                                **({"assumption": c.assumption} if c.assumption else {}),
                                **({"note": c.note} if c.note else {}),
                            }
                            for c in o.certifications
                        ],
                        "open_questions": list(o.open_questions),
                    }
                    for o in catalogue.offerings
                    if o.provider == provider.id
                ],
            }
        )
    return {"as_of": None if as_of is None else as_of.isoformat(), "providers": providers}


def _line(name: str, value: Sourced) -> str:
    period = ""
    if value.start or value.end:
        start = value.start.isoformat() if value.start else "…"
        end = value.end.isoformat() if value.end else "…"
        period = f" [{start} → {end}]"
    flag = " ⚠" if value.assumption else ""
    return (
        f"    {name} = {_value(value.value)}{period}{flag}  "
        f"({value.source.quality.value}, checked {value.source.checked.isoformat()}, "
        f"{value.source.url})"
    )


def render_catalogue(catalogue: Catalogue, as_of: dt.date | None = None) -> str:
    head = "catalogue" + ("" if as_of is None else f", values holding on {as_of.isoformat()}")
    lines = [head]
    for provider in catalogue.providers:
        lines.append("")
        lines.append(f"{provider.id}: {provider.name or ''}")
        for name, values in provider.attributes:
            lines.extend(_line(name, v) for v in _pick(values, as_of))
        for offering in catalogue.offerings:
            if offering.provider != provider.id:
                continue
            lines.append(f"  offering {offering.id}: {offering.name or ''}")
            for name, values in offering.attributes:
                lines.extend(_line(name, v) for v in _pick(values, as_of))
            for cert in offering.certifications or ():
                data = cert.to_case()
                version = f" {data['version']}" if "version" in data else ""
                start, end = data.get("valid_from", "?"), data.get("valid_until", "?")
                dates = "undated" if start == end == "?" else f"{start} → {end}"
                flag = " ⚠" if cert.assumption else ""
                lines.append(
                    f"    certificate {cert.id}: {data['scheme']}{version} {data['status']} "
                    f"{dates}{flag}  "
                    f"({cert.source.quality.value}, checked {cert.source.checked.isoformat()}, "
                    f"{cert.source.url})"
                )
            for question in offering.open_questions:
                lines.append(f"    ⚠ open: {question}")
    return "\n".join(lines) + "\n"


def _readings(chosen: tuple[tuple[str, str], ...]) -> list[str]:
    """The line naming the readings chosen instead of the defaults, if any."""
    if not chosen:
        return []
    return ["readings chosen: " + ", ".join(f"{name}={value}" for name, value in chosen)]
