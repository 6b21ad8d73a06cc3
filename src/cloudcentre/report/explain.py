"""One justification structure, read by every output: the decisive reason of each requirement.

A requirement's status is decided by a fact (``met`` false for an unmet requirement, the
derogation for a derogated one...). Its *decisive reason* follows the first rule that derived
that fact down through single derived premises to the rule that rests on the case's inputs:
for a US-controlled provider, ``immunity.protected = false`` ← ``EXT-EXPOSED-NOT-IMMUNE`` ←
``extra_eu_law.exposed = true`` ← ``EXT-US-CONTROLLED`` ← ``provider.us_controlled = true``.
The text, Markdown and Graphviz outputs are views of this structure and of the decision's
justification tree (``Decision.justification``).

Inputs are labelled by the case-format field a user wrote (``provider.us_controlled``,
``offering.certifications[azure-hds-2024].version``), never by an internal fact name.
"""

from __future__ import annotations

import json

import attrs

from ..decide.outcome import Decision, FactNode, Question, RequirementResult, RuleStep, Status
from ..law.language import Citation, Value
from ..law.requirements import REQUIREMENTS
from ..model.case import Case
from ..model.facts import case_field

__all__ = [
    "Premise",
    "Reason",
    "RequirementSummary",
    "field_label",
    "show_value",
    "summarise",
]

_BY_ID = {r.id: r for r in REQUIREMENTS}


def field_label(name: str, entity: str = "") -> str:
    """The case-format path of an input fact (``certificate.version[x]`` is
    ``offering.certifications[x].version``)."""
    return case_field(name, entity)


def show_value(value: Value | None) -> str:
    """A fact value as JSON text (``unknown`` for a missing one)."""
    if value is None:
        return "unknown"
    return json.dumps(value, ensure_ascii=False)


@attrs.frozen(slots=True)
class Premise:
    """A premise of the decisive rule: a field of the case, or a fact derived from them."""

    label: str
    value: Value | None
    source: str
    """``input``, ``derived`` or ``unknown``."""

    def describe(self) -> str:
        if self.label == "offering.certifications" and self.value is True:
            return "offering.certifications (listed)"
        return f"{self.label} = {show_value(self.value)}"


@attrs.frozen(slots=True)
class Reason:
    """The rule and the facts that settle a requirement (the decisive path's last rule)."""

    rule: str
    title: str
    premises: tuple[Premise, ...]
    citations: tuple[Citation, ...]
    chain: tuple[str, ...]
    """The rules from the deciding fact down to ``rule`` (``rule`` last)."""
    others: int = 0
    """How many other rules also derived the deciding fact."""
    assumption: str | None = None


@attrs.frozen(slots=True)
class RequirementSummary:
    """One line of the summary: a requirement, its status and why."""

    id: str
    title: str
    status: Status
    reason: Reason | None
    """``None`` when no rule decided it: a field given in the case, or unknown facts."""
    given: tuple[Premise, ...]
    """The case fields that decided it directly (no rule), or the unknown facts."""
    questions: tuple[str, ...]
    """The fields whose answer could settle an unknown requirement."""
    citations: tuple[Citation, ...]
    result: RequirementResult = attrs.field(eq=False, repr=False)


def _premise(node: FactNode) -> Premise:
    if node.source == "input" and not node.derived_by:
        return Premise(field_label(node.fact, node.entity), node.value, "input")
    where = f"[{node.entity}]" if node.entity else ""
    return Premise(f"{node.fact}{where}", node.value, node.source)


def _reason(node: FactNode) -> Reason | None:
    if not node.derived_by:
        return None
    step: RuleStep = node.derived_by[0]
    others = len(node.derived_by) - 1
    chain = [step.rule]
    while True:
        derived = [p for p in step.because if p.derived_by]
        if len(derived) != 1 or len(step.because) != 1:
            break
        step = derived[0].derived_by[0]
        chain.append(step.rule)
    premises = tuple(
        _premise(p) for p in step.because if not (p.fact == "case.as_of" and len(step.because) > 1)
    )
    return Reason(
        step.rule, step.title, premises, step.citations, tuple(chain), others, step.assumption
    )


def _deciding(result: RequirementResult) -> FactNode | None:
    req = _BY_ID.get(result.id)
    applies = req.applies if req else None
    met = req.met if req else None
    wanted: tuple[tuple[str | None, Value | None], ...]
    if result.status is Status.NOT_APPLICABLE:
        wanted = ((applies, False),)
    elif result.status is Status.UNMET:
        wanted = ((met, False),)
    elif result.status is Status.MET:
        wanted = ((met, True),)
    elif result.status is Status.DEROGATED:
        wanted = (("derogation.in_force", True),)
    else:
        wanted = (("derogation.in_force", None), (applies, None), (met, None))
    for name, value in wanted:
        for node in result.because:
            if node.fact == name and node.value == value:
                return node
    return None


def _certificate_keys(decision: Decision, premise: Premise) -> Premise:
    """``offering.certifications`` as the keys of the certificates the case lists."""
    case = decision.subject
    if premise.label != "offering.certifications" or not isinstance(case, Case):
        return premise
    certs = case.offering.certifications or ()
    return attrs.evolve(premise, value=tuple(c.key() for c in certs))


def summarise(decision: Decision) -> tuple[RequirementSummary, ...]:
    """The decisive reason of each requirement that applies or may apply."""
    asked: dict[str, list[str]] = {}
    for q in decision.missing:
        for rid in q.requirements:
            asked.setdefault(rid, []).append(q.field)
    out = []
    for result in decision.requirements:
        node = _deciding(result)
        reason = None if node is None else _reason(node)
        if reason is not None:
            premises = tuple(_certificate_keys(decision, p) for p in reason.premises)
            reason = attrs.evolve(reason, premises=premises)
        given: tuple[Premise, ...] = ()
        if node is not None and reason is None:
            given = (_premise(node),)
        elif node is None:
            given = tuple(_premise(n) for n in result.because if n.source == "unknown")
        out.append(
            RequirementSummary(
                result.id,
                result.title,
                result.status,
                reason,
                given,
                tuple(asked.get(result.id, ())),
                result.citations,
                result,
            )
        )
    return tuple(out)


def questions_for(decision: Decision, requirement: str) -> tuple[Question, ...]:
    """The questions whose answer could settle ``requirement``."""
    return tuple(q for q in decision.missing if requirement in q.requirements)
