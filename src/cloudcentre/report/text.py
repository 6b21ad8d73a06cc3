"""Plain-text rendering of decisions and rules, for the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from ..decide.outcome import Decision, FactNode, Remedy, Status
from ..decide.remedies import CHANGES, offering_name
from ..decide.timeline import Timeline
from ..law.interpretations import INTERPRETATIONS, Interpretation
from ..law.language import Citation, Rule
from ..law.packs import RULES
from .explain import RequirementSummary, field_label, summarise
from .i18n import Lang, assumption_text, message, question_text, rule_title, warning_text

__all__ = [
    "EXPLAIN_MODES",
    "interpretation_to_dict",
    "render_decision",
    "render_interpretations",
    "render_remedies",
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


EXPLAIN_MODES = ("off", "summary", "fails", "full", "remedies")


def _short(citations: Iterable[Citation]) -> str:
    return "; ".join(_cite(c) for c in citations)


def _fact(node: FactNode, depth: int, lines: list[str], seen: set[tuple[str, str, str]]) -> None:
    pad = "  " * depth
    if node.source == "input" and not node.derived_by:
        label = field_label(node.fact, node.entity)
        lines.append(f"{pad}{label} = {_value(node.value)} (input)")
        return
    where = f"[{node.entity}]" if node.entity else ""
    key = (node.fact, node.entity, _value(node.value))
    if node.derived_by and key in seen:
        lines.append(f"{pad}{node.fact}{where} = {_value(node.value)} (see above)")
        return
    seen.add(key)
    lines.append(f"{pad}{node.fact}{where} = {_value(node.value)}")
    for step in node.derived_by:
        lines.append(f"{pad}  ← {step.rule}: {step.title}")
        for c in step.citations:
            lines.append(f"{pad}      § {_cite(c)}")
        if not step.citations:
            lines.append(f"{pad}      ⚠ no source it cites is in force on this date")
        if step.assumption:
            lines.append(f"{pad}      ⚠ assumption: {step.assumption}")
        for premise in step.because:
            _fact(premise, depth + 3, lines, seen)


def _summary_line(item: RequirementSummary, lang: Lang) -> list[str]:
    head = f"  {_MARK[item.status]} {item.id} {message(item.status.value, lang)}"
    reason = item.reason
    if reason is not None:
        facts = ", ".join(p.describe() for p in reason.premises)
        others = f"; +{reason.others} {message('other_rules', lang)}" if reason.others else ""
        title = rule_title(reason.rule, lang, reason.title)
        prefix = f"{message('covered_by', lang)}: " if item.status is Status.DEROGATED else ""
        out = [f"{head}: {prefix}{title} ({reason.rule}: {facts}{others})"]
        if reason.citations:
            out.append(f"      § {_short(reason.citations)}")
        return out
    if item.questions:
        return [f"{head}: {message('needs', lang)} {', '.join(item.questions)}"]
    if item.given:
        facts = ", ".join(p.describe() for p in item.given)
        return [f"{head}: {facts} ({message('given', lang)})"]
    return [head]


def render_remedies(remedies: Iterable[Remedy], lang: Lang = "en") -> list[str]:
    """The lines listing ``remedies`` (one numbered remedy, then its changes)."""
    lines: list[str] = []
    remedies = list(remedies)
    choices = [r for r in remedies if r.kinds == ("offering",)]
    number = 0
    if choices:
        number += 1
        lines.append(f"  {number}. {message('choose_one', lang)}:")
        for remedy in choices:
            lines.append(
                f"       - {offering_name(remedy)} → {message(remedy.verdict.value, lang)}"
            )
    for remedy in remedies:
        if remedy in choices:
            continue
        number += 1
        kinds = " + ".join(CHANGES[k][1 if lang == "fr" else 0] for k in remedy.kinds)
        lines.append(f"  {number}. {kinds} → {message(remedy.verdict.value, lang)}")
        for change in remedy.changes:
            if change.kind == "derogation" and isinstance(change.value, dict):
                grant = change.value
                lines.append(
                    "       "
                    + message("derogation_grant", lang).format(
                        basis=grant["basis"],
                        covers=", ".join(grant["covers"]),
                        until=grant.get("valid_until"),
                    )
                )
                continue
            if change.kind == "offering" and isinstance(change.value, dict):
                name = change.value.get("name") or "(unnamed)"
                lines.append(f"       {change.field} = {name}")
                continue
            op = "+=" if change.add else "="
            lines.append(f"       {change.field} {op} {_value(change.value)}")
    return lines


def render_decision(
    decision: Decision,
    explain: str = "summary",
    lang: Lang = "en",
    remedies: Sequence[Remedy] | None = None,
) -> str:
    """The decision as text: the verdict first, then (``explain``) the summary, the
    justification of what fails (``fails``) or of everything (``full``), or the remedies.

    ``remedies`` defaults to ``decision.remedies()`` in ``remedies`` mode.
    """
    if explain not in EXPLAIN_MODES:
        raise ValueError(f"`{explain}` is not an explain mode")
    lines: list[str] = []
    name = decision.case or "case"
    verdict = message(decision.verdict.value, lang)
    lines.append(
        f"{verdict} — {name}, {message('as_of', lang)} {decision.as_of.isoformat()} "
        f"({message('engine', lang).format(engine=decision.engine)})"
    )
    if decision.derogation_until is not None:
        lines.append(f"{message('derogation_ends', lang)}: {decision.derogation_until.isoformat()}")
    if explain == "off":
        return "\n".join(lines) + "\n"
    lines.append("")
    lines.append(f"{message('requirements', lang)}:")
    items = summarise(decision)
    if not items:
        lines.append(f"  {message('none_applies', lang)}")
    for item in items:
        lines.extend(_summary_line(item, lang))
    if decision.missing:
        lines.append("")
        lines.append(f"{message('questions', lang)}:")
        for q in decision.missing:
            text = question_text(q, lang)
            lines.append(f"  - {q.field}: {text}  [{', '.join(q.requirements)}]")
    if decision.warnings:
        lines.append("")
        lines.append(f"{message('warnings', lang)}:")
        for warning in decision.warnings:
            lines.append(f"  ! {warning_text(warning, lang)}")
    if decision.interpretations:
        lines.append("")
        lines.append("interpretations (readings of contested points this decision relies on):")
        for name, value in decision.interpretations:
            known = INTERPRETATIONS_BY_NAME.get(name)
            how = "default" if known is not None and value == known.default else "chosen"
            lines.append(f"  ⚖ {name} = {value} ({how})")
    if decision.assumptions:
        lines.append("")
        lines.append(f"{message('assumptions', lang)}:")
        for a in decision.assumptions:
            lines.append(f"  ⚠ {a.rule}: {assumption_text(a.rule, a.assumption, lang)}")
    if explain == "remedies":
        found = decision.remedies() if remedies is None else remedies
        lines.append("")
        lines.append(f"{message('remedies', lang)}:")
        if decision.compliant:
            lines.append(f"  {message('nothing_to_remedy', lang)}")
        elif not found:
            lines.append(f"  {message('no_remedy', lang)}")
        lines.extend(render_remedies(found, lang))
    if explain in ("fails", "full"):
        lines.append("")
        lines.append(f"{message('why' if explain == 'full' else 'why_fails', lang)}:")
        seen: set[tuple[str, str, str]] = set()
        for req in decision.justification.because:
            if explain == "fails" and req.status not in (Status.UNMET, Status.UNKNOWN):
                continue
            lines.append(f"  {req.id}: {message(req.status.value, lang)}")
            for node in req.because:
                _fact(node, 2, lines, seen)
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
