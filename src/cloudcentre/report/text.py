"""Plain-text rendering of decisions and rules, for the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..decide.outcome import Decision, FactNode, RequirementResult, Status
from ..decide.timeline import Timeline
from ..law.interpretations import INTERPRETATIONS, Interpretation
from ..law.language import Citation, Rule
from ..law.packs import RULES

__all__ = [
    "interpretation_to_dict",
    "render_decision",
    "render_interpretations",
    "render_rules",
    "render_timeline",
]

INTERPRETATIONS_BY_NAME: dict[str, Interpretation] = {i.name: i for i in INTERPRETATIONS}

_MARK = {
    Status.MET: "✓",
    Status.UNMET: "✗",
    Status.UNKNOWN: "?",
    Status.DEROGATED: "~",
    Status.NOT_APPLICABLE: "-",
}


def _value(value: object) -> str:
    if value is None:
        return "unknown"
    return json.dumps(value, ensure_ascii=False)


def _cite(c: Citation) -> str:
    return f"{c.instrument}, {c.article}"


def _fact(node: FactNode, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    where = f"[{node.entity}]" if node.entity else ""
    suffix = " (input)" if node.source == "input" and not node.derived_by else ""
    lines.append(f"{pad}{node.fact}{where} = {_value(node.value)}{suffix}")
    for step in node.derived_by:
        lines.append(f"{pad}  ← {step.rule}: {step.title}")
        for c in step.citations:
            lines.append(f"{pad}      § {_cite(c)}")
        if step.assumption:
            lines.append(f"{pad}      ⚠ assumption: {step.assumption}")
        for premise in step.because:
            _fact(premise, depth + 3, lines)


def _requirement(req: RequirementResult, lines: list[str]) -> None:
    lines.append(f"  {_MARK[req.status]} {req.status.value:<15} {req.id}: {req.title}")


def render_decision(decision: Decision) -> str:
    lines: list[str] = []
    name = decision.case or "case"
    lines.append(f"{name}, as of {decision.as_of.isoformat()} ({decision.engine} engine)")
    verdict = decision.verdict.value.replace("_", " ").upper()
    lines.append(f"verdict: {verdict}")
    if decision.derogation_until is not None:
        lines.append(f"derogation ends: {decision.derogation_until.isoformat()}")
    for warning in decision.warnings:
        lines.append(f"warning: {warning}")
    lines.append("")
    lines.append("requirements:")
    if not decision.requirements:
        lines.append("  (none applies)")
    for req in decision.requirements:
        _requirement(req, lines)
    if decision.missing:
        lines.append("")
        lines.append("missing facts (answer these to decide):")
        for q in decision.missing:
            lines.append(f"  - {q.field}: {q.question}  [{', '.join(q.requirements)}]")
    lines.append("")
    lines.append("why:")
    for req in decision.justification.because:
        lines.append(f"  {req.id}: {req.status.value}")
        for node in req.because:
            _fact(node, 2, lines)
    if decision.interpretations:
        lines.append("")
        lines.append("interpretations (readings of contested points this decision relies on):")
        for name, value in decision.interpretations:
            known = INTERPRETATIONS_BY_NAME.get(name)
            how = "default" if known is not None and value == known.default else "chosen"
            lines.append(f"  ⚖ {name} = {value} ({how})")
    if decision.assumptions:
        lines.append("")
        lines.append("assumptions (unconfirmed legal points):")
        for a in decision.assumptions:
            lines.append(f"  ⚠ {a.rule}: {a.assumption}")
    return "\n".join(lines) + "\n"


def render_rules(rules: Iterable[Rule]) -> str:
    lines: list[str] = []
    pack = None
    for rule in rules:
        if rule.pack != pack:
            pack = rule.pack
            lines.append(f"== {pack} ==")
        lines.append(f"{rule.id}: {rule.title}")
        for cond in rule.conditions:
            lines.append(f"    when  {cond.describe()}")
        lines.append(f"    then  {rule.conclusion.describe()}")
        start = rule.valid_from.isoformat() if rule.valid_from else "…"
        end = rule.valid_until.isoformat() if rule.valid_until else "…"
        lines.append(f"    in force {start} → {end}")
        for c in rule.citations:
            date = f" ({c.date.isoformat()})" if c.date else ""
            lines.append(f"    § {_cite(c)}{date} [{c.quality.value}] {c.url}")
            if c.quote:
                lines.append(f"      « {c.quote} »")
        for name in rule.interpretations:
            lines.append(f"    ⚖ depends on interpretation: {name}")
        if rule.assumption:
            lines.append(f"    ⚠ assumption: {rule.assumption}")
        if rule.applies_later_text:
            later = rule.applies_later_text
            lines.append(f"    ⏪ applies a later text to an earlier period: {later}")
        lines.append("")
    return "\n".join(lines)


def render_timeline(timeline: Timeline) -> str:
    lines = [f"{timeline.case or 'case'}: verdict over time ({timeline.engine} engine)"]
    chosen = [
        f"{name} = {value}"
        for name, value in timeline.interpretations
        if name in INTERPRETATIONS_BY_NAME and value != INTERPRETATIONS_BY_NAME[name].default
    ]
    if chosen:
        lines.append(f"interpretations chosen (others default): {', '.join(chosen)}")
    for period in timeline.periods:
        end = period.end.isoformat() if period.end else "…"
        verdict = period.verdict.value.replace("_", " ").upper()
        lines.append("")
        lines.append(f"{period.start.isoformat()} → {end:<10}  {verdict}")
        if period.cause:
            lines.append(f"    because on {period.start.isoformat()}:")
            for change in period.cause:
                lines.append(
                    f"      {change.kind} {change.id}: {change.event} — {change.description}"
                )
        for rid, status in period.requirements:
            lines.append(f"    {_MARK[Status(status)]} {status:<15} {rid}")
    return "\n".join(lines) + "\n"


def render_interpretations(interpretations: Iterable[Interpretation]) -> str:
    """The named interpretations, their options and sources, as text."""
    lines: list[str] = []
    for item in interpretations:
        lines.append(f"{item.name}: {item.title}")
        lines.append(f"    {item.question}")
        for option in item.options:
            mark = " (default)" if option.value == item.default else ""
            lines.append(f"  - {option.value}{mark}: {option.title}")
            if option.note:
                lines.append(f"      note: {option.note}")
            for c in option.citations:
                date = f" ({c.date.isoformat()})" if c.date else ""
                lines.append(f"      § {_cite(c)}{date} [{c.quality.value}] {c.url}")
        lines.append(f"  why the default: {item.why_default}")
        rules = [r.id for r in RULES if item.name in r.interpretations]
        lines.append(f"  rules: {', '.join(rules) if rules else '(none yet)'}")
        lines.append("")
    return "\n".join(lines)


def interpretation_to_dict(item: Interpretation) -> dict[str, object]:
    """The JSON form of a named interpretation, with the rules that read it."""
    return {
        "name": item.name,
        "title": item.title,
        "question": item.question,
        "default": item.default,
        "why_default": item.why_default,
        "options": [
            {
                "value": option.value,
                "title": option.title,
                "note": option.note,
                "citations": [
                    {
                        "instrument": c.instrument,
                        "article": c.article,
                        "date": c.date and c.date.isoformat(),
                        "url": c.url,
                        "quote": c.quote,
                        "quality": c.quality.value,
                    }
                    for c in option.citations
                ],
            }
            for option in item.options
        ],
        "rules": [r.id for r in RULES if item.name in r.interpretations],
    }
