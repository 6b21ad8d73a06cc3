"""Decisions: requirement statuses, the combining table, questions and justification."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..engine.base import CompiledPack, Derivation, FactStore, Inference, ref_scope
from ..law.language import ENTITY, ForAll, Ref, Rule, Value, compare
from ..law.requirements import REQUIREMENTS, Requirement
from ..model.facts import QUESTIONS, Fact, case_field
from .citations import cited_in_force, requirement_citations
from .outcome import (
    Assumption,
    Decision,
    FactNode,
    Justification,
    Question,
    RequirementResult,
    RuleStep,
    Status,
    Verdict,
    combine,
)

__all__ = ["decide"]


# ----------------------------------------------------------------------------- statuses
def _bool_of(values: Iterable[Value], *, false_wins: bool) -> bool | None:
    seen = set(values)
    if false_wins and False in seen:
        return False
    if True in seen:
        return True
    if False in seen:
        return False
    return None


def _status(applies: bool | None, met: bool | None) -> Status:
    if applies is False:
        return Status.NOT_APPLICABLE
    if met is True:
        return Status.MET
    if applies is True and met is False:
        return Status.UNMET
    return Status.UNKNOWN


class _Context:
    def __init__(self, pack: CompiledPack, inference: Inference) -> None:
        self.pack = pack
        self.inference = inference
        self.store = FactStore()
        for fact in inference.facts():
            self.store.add(fact)
        self.inputs = set(inference.inputs)
        self.derivations: Mapping[Fact, tuple[Derivation, ...]] = inference.derivations()
        self.in_force = tuple(pack.rule(rid) for rid in inference.rules_in_force)
        self.concluding: dict[str, list[Rule]] = defaultdict(list)
        for rule in self.in_force:
            self.concluding[rule.conclusion.fact].append(rule)
        self._nodes: dict[Fact, FactNode] = {}
        self.used_rules: set[str] = set()

    def values(self, name: str, entity: str = "") -> list[Value]:
        return self.store.get(name, entity)

    # -- justification ---------------------------------------------------------------
    def nodes_for(self, name: str, entity: str = "") -> tuple[FactNode, ...]:
        values = self.values(name, entity)
        if not values:
            return (FactNode(name, None, "unknown", entity),)
        return tuple(self.node(Fact(name, v, entity), frozenset()) for v in values)

    def node(self, fact: Fact, stack: frozenset[Fact]) -> FactNode:
        cached = self._nodes.get(fact)
        if cached is not None:
            return cached
        derivations = self.derivations.get(fact, ())
        if not derivations:
            field = case_field(fact.name, fact.entity)
            node = FactNode(fact.name, fact.value, "input", fact.entity, field=field)
        else:
            inner = stack | {fact}
            steps = []
            for derivation in derivations:
                rule = self.pack.rule(derivation.rule)
                self.used_rules.add(rule.id)
                premises = tuple(self.node(p, inner) for p in derivation.premises if p not in inner)
                citations = cited_in_force(rule.citations, self.inference.as_of)
                steps.append(RuleStep(rule.id, rule.title, citations, premises, rule.assumption))
            source = "input" if fact in self.inputs else "derived"
            field = case_field(fact.name, fact.entity) if source == "input" else ""
            node = FactNode(fact.name, fact.value, source, fact.entity, tuple(steps), field)
        self._nodes[fact] = node
        return node

    # -- questions -------------------------------------------------------------------
    def questions(
        self,
        name: str,
        entity: str,
        out: dict[tuple[str, str], set[str]],
        requirement: str,
        visited: set[tuple[str, str]],
    ) -> None:
        """Collect the unknown inputs that could settle ``name[entity]`` (backward chaining)."""
        key = (name, entity)
        if key in visited:
            return
        visited.add(key)
        if name in self.pack.inputs or name not in self.pack.derived:
            out[key].add(requirement)
            return
        for rule in self.concluding.get(name, ()):
            for bound in self._bindings_concluding(rule, entity):
                wanted = self._open_conditions(rule, bound)
                if wanted is None:
                    continue
                for fact_name, fact_entity in wanted:
                    self.questions(fact_name, fact_entity, out, requirement, visited)

    def _bindings_concluding(self, rule: Rule, entity: str) -> list[str]:
        if rule.for_each is None:
            return [""] if (rule.conclusion.entity or "") == entity else []
        members = sorted(self.store.entities.get(rule.for_each, ()))
        if rule.conclusion.entity is None:
            return [entity] if entity in members else []
        return members if rule.conclusion.entity == entity else []

    def _open_conditions(self, rule: Rule, bound: str) -> list[tuple[str, str]] | None:
        """Unknown facts a rule still waits for, or ``None`` if a known fact blocks it."""
        wanted: list[tuple[str, str]] = []
        for cond in rule.conditions:
            if isinstance(cond, ForAll):
                for member in sorted(self.store.entities.get(cond.kind, ())):
                    values = self.values(cond.fact, member)
                    if not values:
                        wanted.append((cond.fact, member))
                    elif not any(compare(cond.op, v, cond.value) for v in values):
                        return None
                continue
            scope = rule.entity_of(cond.fact, cond.entity)
            where = bound if scope is None else scope
            values = self.values(cond.fact, where)
            operands: list[Value]
            if isinstance(cond.value, Ref):
                if cond.value is ENTITY or cond.value.fact == ENTITY.fact:
                    operands = [bound]
                else:
                    ref_entity = ref_scope(cond.value, bound)
                    operands = [
                        cond.value.resolve(v) for v in self.values(cond.value.fact, ref_entity)
                    ]
                    if not operands:
                        wanted.append((cond.value.fact, ref_entity))
            else:
                operands = [cond.value]
            if not values:
                wanted.append((cond.fact, where))
            elif operands and not any(compare(cond.op, v, o) for v in values for o in operands):
                return None
        return wanted


def _question_text(name: str, entity: str) -> tuple[str, str]:
    if entity:
        kind, field = name.split(".", 1)
        path = f"offering.certifications[{entity}].{field}" if kind == "certificate" else name
        text = QUESTIONS.get(name, f"What is `{field}` for {kind} `{entity}`?")
        return path, text.format(entity=entity)
    return case_field(name), QUESTIONS.get(name, f"What is `{name}`?")


# ----------------------------------------------------------------------------- decide
def decide(pack: CompiledPack, inference: Inference, engine: str, case_id: str | None) -> Decision:
    """Turn an engine's inference into a decision."""
    ctx = _Context(pack, inference)
    in_force = ctx.values("derogation.in_force")
    derogation = _bool_of(in_force, false_wins=True)
    covers = ctx.values("derogation.covers")
    named = {str(v) for v in covers[0]} if covers and isinstance(covers[0], tuple) else set()
    derogable = {req.id for req in REQUIREMENTS if req.derogable}
    covered = named & derogable
    warnings = tuple(
        f"the derogation names `{rid}`, which no derogation can waive: it rests on a law "
        "(CSP, RGPD) or on an assumption, not on the doctrine"
        for rid in sorted(named - derogable)
    ) + _contradictions(inference)

    results: list[RequirementResult] = []
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for req in REQUIREMENTS:
        applies = _bool_of(ctx.values(req.applies), false_wins=False)
        met = _bool_of(ctx.values(req.met), false_wins=True)
        status = _status(applies, met)
        because = [*ctx.nodes_for(req.applies), *ctx.nodes_for(req.met)]
        goals: list[str] = []
        if status is Status.UNKNOWN:
            if applies is None:
                goals.append(req.applies)
            if met is None:
                goals.append(req.met)
        if status in (Status.UNMET, Status.UNKNOWN) and req.id in covered:
            because.extend(ctx.nodes_for("derogation.in_force"))
            if derogation is True:
                status = Status.DEROGATED
                goals = []
            elif derogation is None:
                status = Status.UNKNOWN
                goals.append("derogation.in_force")
        visited: set[tuple[str, str]] = set()
        for goal in goals:
            ctx.questions(goal, "", wanted, req.id, visited)
        results.append(
            RequirementResult(
                req.id,
                req.title,
                status,
                applies,
                met,
                requirement_citations(because, req.citations, inference.as_of),
                tuple(because),
                req.assumption,
            )
        )

    verdict = combine(r.status for r in results)
    applicable = tuple(r for r in results if r.status is not Status.NOT_APPLICABLE)
    missing = tuple(
        sorted(
            (
                Question(*_question_text(n, e), tuple(sorted(reqs)))
                for (n, e), reqs in wanted.items()
            ),
            key=lambda q: q.field,
        )
    )
    assumptions = _assumptions(ctx, pack, applicable)
    return Decision(
        verdict=verdict,
        as_of=inference.as_of,
        requirements=applicable,
        missing=missing if verdict is Verdict.UNDETERMINED else (),
        justification=Justification(verdict, "VERDICT-TABLE", tuple(results)),
        assumptions=assumptions,
        derogation_until=None,  # assess() looks ahead for it
        warnings=warnings,
        engine=engine,
        case=case_id,
        inference=inference,
    )


def _contradictions(inference: Inference) -> tuple[str, ...]:
    """Warnings for facts that a qualification attests (``*-ATTESTS-*`` rules) while other
    known facts say the opposite: the opposite wins, but the user should know."""
    derived = inference.derivations()
    out: list[str] = []
    for fact, derivations in inference.derived:
        if fact.value is not True:
            continue
        attests = [d for d in derivations if "-ATTESTS-" in d.rule]
        against = derived.get(Fact(fact.name, False, fact.entity), ())
        if not attests or not against:
            continue
        for attest in attests:
            for other in against:
                leaves = _leaves(other.premises, derived, set())
                premises = ", ".join(
                    f"{p.label()} = {json.dumps(p.value, ensure_ascii=False)}" for p in leaves
                )
                out.append(
                    f"the facts contradict certificate `{attest.entity}`: {attest.rule} takes "
                    f"`{fact.name}` as attested, but {other.rule} concludes false ({premises}); "
                    "false wins"
                )
    return tuple(out)


def _leaves(
    facts: Iterable[Fact], derived: Mapping[Fact, tuple[Derivation, ...]], seen: set[Fact]
) -> list[Fact]:
    """The input facts under ``facts`` (first derivation of each derived fact), in order."""
    out: list[Fact] = []
    for fact in facts:
        if fact in seen:
            continue
        seen.add(fact)
        below = derived.get(fact, ())
        out.extend(_leaves(below[0].premises, derived, seen) if below else [fact])
    return out


def _assumptions(
    ctx: _Context, pack: CompiledPack, applicable: Iterable[RequirementResult]
) -> tuple[Assumption, ...]:
    out: dict[str, str] = {}
    for rule_id in sorted(ctx.used_rules):
        rule = pack.rule(rule_id)
        if rule.assumption:
            out[rule.id] = rule.assumption
    by_id: dict[str, Requirement] = {r.id: r for r in REQUIREMENTS}
    for result in applicable:
        req = by_id[result.id]
        if req.assumption:
            out[req.id] = req.assumption
    return tuple(Assumption(k, v) for k, v in sorted(out.items()))
