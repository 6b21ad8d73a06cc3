"""The decision record: a self-contained Markdown audit report, and the same fields in JSON.

The record names the inputs (the case in canonical JSON), the date, the rule pack's
version and SHA-256 digest, the verdict, the summary, the justification with each
rule's citations and quotes (quotes stay in French), the remedies and the assumptions.
The digests make it reproducible: the same case and rules give the same digests, and
``cloudcentre assess`` on the same inputs gives the same record, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..decide.outcome import Decision, FactNode, Remedy, Status
from ..decide.remedies import CHANGES, offering_name
from ..law.interpretations import INTERPRETATIONS
from ..law.language import Citation
from ..model.case import Case
from ..model.convert import case_to_dict
from .explain import field_label, show_value, summarise
from .i18n import (
    Lang,
    assumption_text,
    message,
    question_text,
    requirement_title,
    rule_title,
    warning_text,
)
from .rules import rule_to_dict

__all__ = ["canonical_json", "decision_record", "digests", "render_markdown"]

_T: dict[str, tuple[str, str]] = {
    "title": ("Decision record", "Procès-verbal de décision"),
    "case": ("Case", "Cas"),
    "date": ("Judged as of", "Apprécié au"),
    "verdict": ("Verdict", "Verdict"),
    "pack": ("Rule pack", "Corpus de règles"),
    "digests": ("Digests (SHA-256)", "Empreintes (SHA-256)"),
    "case_digest": ("canonical case JSON", "JSON canonique du cas"),
    "pack_digest": ("rule pack", "corpus de règles"),
    "summary": ("Summary", "Synthèse"),
    "requirement": ("Requirement", "Exigence"),
    "status": ("Status", "Statut"),
    "reason": ("Decisive reason", "Motif déterminant"),
    "questions": ("Questions", "Questions"),
    "warnings": ("Warnings", "Avertissements"),
    "justification": ("Justification", "Justification"),
    "remedies": ("Remedies", "Remèdes"),
    "assumptions": (
        "Assumptions (unconfirmed legal points)",
        "Hypothèses (points de droit non confirmés)",
    ),
    "inputs": ("Inputs", "Données d'entrée"),
    "interpretations": (
        "Interpretations (readings of contested points relied on)",
        "Interprétations (lectures de points contestés retenues)",
    ),
    "default": ("default", "par défaut"),
    "chosen": ("chosen", "choisie"),
    "engine": ("Engine", "Moteur"),
    "version": ("cloudcentre version", "version de cloudcentre"),
    "reproduce": (
        "Reproduce with `cloudcentre assess CASE.json --as-of {day} --format markdown "
        "--lang {lang}` on the case whose canonical JSON is below.",
        "Reproductible par `cloudcentre assess CAS.json --as-of {day} --format markdown "
        "--lang {lang}` sur le cas dont le JSON canonique figure ci-dessous.",
    ),
    "quote_note": (
        "Quotes are in French, as in the sources.",
        "Les citations sont celles des sources.",
    ),
    "none": ("none", "aucun"),
    "rules": ("rules", "règles"),
    "uncited": (
        "no instrument this rule cites is in force on this date: the rule applies a later "
        "text's criteria to an earlier day (see the rule's sources in the rules reference)",
        "aucun texte cité par cette règle n'est en vigueur à cette date : la règle applique "
        "les critères d'un texte postérieur (voir ses sources dans la référence des règles)",
    ),
    "derived_by": ("derived by", "déduit par"),
}


def _t(key: str, lang: Lang) -> str:
    en, fr = _T[key]
    return fr if lang == "fr" else en


def canonical_json(data: Any) -> str:
    """Canonical JSON: sorted keys, no whitespace, UTF-8 characters kept."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digests(decision: Decision) -> dict[str, str | None]:
    """SHA-256 of the canonical JSON of the decision's case and of its rule pack."""
    case = decision.subject
    case_digest = _sha256(canonical_json(case_to_dict(case))) if isinstance(case, Case) else None
    rules = sorted((rule_to_dict(r) for r in decision.rules), key=lambda r: str(r["id"]))
    pack_digest = _sha256(canonical_json(rules)) if rules else None
    return {"case": case_digest, "rule_pack": pack_digest}


def decision_record(
    decision: Decision, *, remedies: bool | Sequence[Remedy] = False
) -> dict[str, Any]:
    """The decision's JSON form plus a ``record``: digests, versions, the summary and
    (with ``remedies``) the remedies.

    Ids (verdicts, statuses, requirement and rule ids, change kinds) are language-neutral.
    """
    out = decision.to_dict()
    out["record"] = {
        "cloudcentre_version": __version__,
        "rule_pack_version": __version__,
        "digests": digests(decision),
        "summary": [
            {
                "requirement": item.id,
                "status": item.status.value,
                "rule": item.reason.rule if item.reason else None,
                "chain": list(item.reason.chain) if item.reason else [],
                "facts": [
                    {"field": p.label, "value": p.value, "source": p.source}
                    for p in (item.reason.premises if item.reason else item.given)
                ],
            }
            for item in summarise(decision)
        ],
        "remedies": [
            {
                "verdict": r.verdict.value,
                "changes": [
                    {"kind": c.kind, "field": c.field, "value": c.value, "add": c.add}
                    for c in r.changes
                ],
            }
            for r in _remedies(decision, remedies)
        ],
    }
    return out


def _remedies(decision: Decision, remedies: bool | Sequence[Remedy]) -> Sequence[Remedy]:
    if remedies is True:
        return decision.remedies()
    if remedies is False:
        return ()
    return remedies


def _cite(c: Citation) -> str:
    date = f" ({c.date.isoformat()})" if c.date else ""
    link = f" <{c.url}>" if c.url else ""
    quote = f" — « {c.quote} »" if c.quote else ""
    return f"{c.instrument}, {c.article}{date}{link}{quote}"


def _tree(
    node: FactNode, depth: int, lines: list[str], seen: set[tuple[str, str, str]], lang: Lang
) -> None:
    pad = "  " * depth
    if node.source == "input" and not node.derived_by:
        label = field_label(node.fact, node.entity)
        lines.append(f"{pad}- `{label}` = `{show_value(node.value)}` ({message('input', lang)})")
        return
    where = f"[{node.entity}]" if node.entity else ""
    key = (node.fact, node.entity, show_value(node.value))
    if node.derived_by and key in seen:
        lines.append(
            f"{pad}- `{node.fact}{where}` = `{show_value(node.value)}` "
            f"({message('see_above', lang)})"
        )
        return
    seen.add(key)
    lines.append(f"{pad}- `{node.fact}{where}` = `{show_value(node.value)}`")
    for step in node.derived_by:
        title = rule_title(step.rule, lang, step.title)
        lines.append(f"{pad}  - {_t('derived_by', lang)} **{step.rule}**: {title}")
        for c in step.citations:
            lines.append(f"{pad}    - § {_cite(c)}")
        if not step.citations:
            lines.append(f"{pad}    - ⚠ {_t('uncited', lang)}")
        if step.assumption:
            lines.append(f"{pad}    - ⚠ {assumption_text(step.rule, step.assumption, lang)}")
        for premise in step.because:
            _tree(premise, depth + 2, lines, seen, lang)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    decision: Decision, lang: Lang = "fr", remedies: Sequence[Remedy] | None = None
) -> str:
    """The decision as a self-contained Markdown audit record in ``lang``.

    ``remedies`` defaults to ``decision.remedies()`` (pass those found with a catalogue).
    """
    lines: list[str] = []
    name = decision.case or "case"
    verdict = message(decision.verdict.value, lang)
    lines += [f"# {_t('title', lang)}: {name}", ""]
    lines += [f"**{_t('verdict', lang)}: {verdict}** (`{decision.verdict.value}`)", ""]
    found = digests(decision)
    lines += [
        f"- {_t('date', lang)}: {decision.as_of.isoformat()}",
        f"- {_t('pack', lang)}: cloudcentre {__version__}, "
        f"{len(decision.rules)} {_t('rules', lang)}",
        f"- {_t('engine', lang)}: {decision.engine}",
        f"- {_t('digests', lang)}:",
        f"  - {_t('case_digest', lang)}: `{found['case']}`",
        f"  - {_t('pack_digest', lang)}: `{found['rule_pack']}`",
    ]
    if decision.derogation_until is not None:
        lines.append(
            f"- {message('derogation_ends', lang)}: {decision.derogation_until.isoformat()}"
        )
    lines += ["", f"## {_t('summary', lang)}", ""]
    lines += [
        f"| {_t('requirement', lang)} | {_t('status', lang)} | {_t('reason', lang)} |",
        "|---|---|---|",
    ]
    for item in summarise(decision):
        title = requirement_title(item.id, lang, item.title)
        if item.reason:
            facts = ", ".join(f"`{p.describe()}`" for p in item.reason.premises)
            rtitle = rule_title(item.reason.rule, lang, item.reason.title)
            reason = f"{rtitle} (**{item.reason.rule}**: {facts})"
        elif item.questions:
            reason = f"{message('needs', lang)} " + ", ".join(f"`{q}`" for q in item.questions)
        else:
            reason = ", ".join(f"`{p.describe()}`" for p in item.given)
        lines.append(
            f"| **{item.id}**: {_cell(title)} | {message(item.status.value, lang)} "
            f"| {_cell(reason)} |"
        )
    if decision.missing:
        lines += ["", f"## {_t('questions', lang)}", ""]
        for q in decision.missing:
            lines.append(f"- `{q.field}`: {question_text(q, lang)} ({', '.join(q.requirements)})")
    if decision.warnings:
        lines += ["", f"## {_t('warnings', lang)}", ""]
        lines += [f"- {warning_text(w, lang)}" for w in decision.warnings]
    lines += ["", f"## {_t('remedies', lang)}", ""]
    remedies = decision.remedies() if remedies is None else tuple(remedies)
    if decision.compliant:
        lines.append(message("nothing_to_remedy", lang))
    elif not remedies:
        lines.append(message("no_remedy", lang))
    choices = [r for r in remedies if r.kinds == ("offering",)]
    number = 0
    if choices:
        number += 1
        lines.append(f"{number}. {message('choose_one', lang)}:")
        for remedy in choices:
            lines.append(f"   - {offering_name(remedy)} → {message(remedy.verdict.value, lang)}")
    for remedy in remedies:
        if remedy in choices:
            continue
        number += 1
        kinds = " + ".join(CHANGES[k][1 if lang == "fr" else 0] for k in remedy.kinds)
        lines.append(f"{number}. {kinds} → {message(remedy.verdict.value, lang)}")
        for change in remedy.changes:
            if change.kind == "offering" and isinstance(change.value, dict):
                name = change.value.get("name") or "(unnamed)"
                lines.append(f"   - `{change.field}` = {name}")
                continue
            op = "+=" if change.add else "="
            lines.append(f"   - `{change.field} {op} {canonical_json(change.value)}`")
    lines += ["", f"## {_t('justification', lang)}", "", _t("quote_note", lang), ""]
    seen: set[tuple[str, str, str]] = set()
    for req in decision.justification.because:
        if req.status is Status.NOT_APPLICABLE and not any(n.derived_by for n in req.because):
            continue
        title = requirement_title(req.id, lang, req.title)
        lines += [f"### {req.id}: {message(req.status.value, lang)}", "", title, ""]
        for c in req.citations:
            lines.append(f"- § {_cite(c)}")
        if req.citations:
            lines.append("")
        for node in req.because:
            _tree(node, 0, lines, seen, lang)
        lines.append("")
    if decision.interpretations:
        lines += [f"## {_t('interpretations', lang)}", ""]
        for name, value in decision.interpretations:
            default = next((i.default for i in INTERPRETATIONS if i.name == name), None)
            how = _t("default" if value == default else "chosen", lang)
            lines.append(f"- ⚖ **{name}** = `{value}` ({how})")
        lines.append("")
    if decision.assumptions:
        lines += [f"## {_t('assumptions', lang)}", ""]
        for a in decision.assumptions:
            lines.append(f"- ⚠ **{a.rule}**: {assumption_text(a.rule, a.assumption, lang)}")
        lines.append("")
    lines += [f"## {_t('inputs', lang)}", ""]
    chosen = [
        f"`--interpretation {name}={value}`"
        for name, value in decision.interpretations
        if value != next((i.default for i in INTERPRETATIONS if i.name == name), value)
    ]
    lines.append(_t("reproduce", lang).format(day=decision.as_of.isoformat(), lang=lang))
    if chosen:
        lines.append(" ".join(chosen))
    lines.append("")
    if isinstance(decision.subject, Case):
        data = case_to_dict(decision.subject)
        lines += ["```json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), "```"]
    return "\n".join(lines).rstrip("\n") + "\n"
