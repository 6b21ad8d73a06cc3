"""Decisions: requirement statuses, the combining table, questions and justification."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..engine.base import CompiledPack, Inference, ref_scope
from ..law.language import ENTITY, ForAll, Ref, Rule, Value, compare
from ..law.requirements import REQUIREMENTS
from ..model.facts import QUESTIONS, Fact, case_field
from .citations import cited_in_force, requirement_citations
from .findings import contradictions, interpretations_relied_on, warnings_raised
from .outcome import (
    Assumption,
    Decision,
    FactNode,
    Question,
    RequirementOutcome,
    RequirementResult,
    RuleStep,
    Status,
    Verdict,
    combine,
)

__all__ = ["Explanation", "decide", "justification_graph", "set_default_pack"]


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


class _Questions:
    """Backward chaining from an unknown fact to the unknown inputs that could settle it."""

    def __init__(self, pack: CompiledPack, inference: Inference) -> None:
        self.pack = pack
        self.inference = inference
        self.values = inference.values
        self.concluding = _concluding(pack, inference.rules_in_force)

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
        members = self.inference.entities(rule.for_each)
        if rule.conclusion.entity is None:
            return [entity] if entity in members else []
        return members if rule.conclusion.entity == entity else []

    def _open_conditions(self, rule: Rule, bound: str) -> list[tuple[str, str]] | None:
        """Unknown facts a rule still waits for, or ``None`` if a known fact blocks it."""
        wanted: list[tuple[str, str]] = []
        for cond in rule.conditions:
            if isinstance(cond, ForAll):
                for member in self.inference.entities(cond.kind):
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


def _concluding(pack: CompiledPack, in_force: tuple[str, ...]) -> dict[str, list[Rule]]:
    """The rules in force by the fact they conclude (kept in the pack, per set of rules)."""
    key = "concluding"
    table = pack.cache.get(key)
    if not isinstance(table, dict):
        table = pack.cache[key] = {}
    found = table.get(in_force)
    if found is None:
        found = defaultdict(list)
        for rule_id in in_force:
            rule = pack.rule(rule_id)
            found[rule.conclusion.fact].append(rule)
        if len(table) > 64:
            table.clear()
        table[in_force] = found
    return found


# ----------------------------------------------------------------------------- explanation
#: How to get the built-in pack (set by ``decide.api``, which compiles it).
_DEFAULT_PACK: list[Callable[[], CompiledPack]] = []


def set_default_pack(get: Callable[[], CompiledPack]) -> None:
    """Tell explanations how to find the built-in pack after unpickling."""
    _DEFAULT_PACK[:] = [get]


class Explanation:
    """Why a decision is what it is, built when first asked for and kept: the tree of
    :class:`FactNode` and :class:`RuleStep` under each requirement, the assumptions the
    decision rests on, and the JSON graph. It reads the inference's derivations only."""

    __slots__ = ("_cache", "inference", "outcomes", "pack", "verdict")

    def __init__(
        self,
        pack: CompiledPack,
        inference: Inference,
        outcomes: tuple[RequirementOutcome, ...],
        verdict: Verdict,
    ) -> None:
        self.pack = pack
        self.inference = inference
        self.outcomes = outcomes
        self.verdict = verdict
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        shared = _DEFAULT_PACK[0] if _DEFAULT_PACK else None
        return {
            # the built-in pack pickles as a reference: decisions from worker processes
            # then share the receiving process's pack instead of carrying a copy each
            "pack": None if shared is not None and self.pack is shared() else self.pack,
            "inference": self.inference,
            "outcomes": self.outcomes,
            "verdict": self.verdict,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        pack = state["pack"] if state["pack"] is not None else _DEFAULT_PACK[0]()
        self.__init__(  # type: ignore[misc]
            pack, state["inference"], state["outcomes"], state["verdict"]
        )

    # -- what each requirement rests on ----------------------------------------------
    def roots(self, outcome: RequirementOutcome) -> list[tuple[str, str]]:
        req = outcome.requirement
        keys = [(req.applies, ""), (req.met, "")]
        if outcome.derogation:
            keys.append(("derogation.in_force", ""))
        return keys

    def _facts(self, name: str, entity: str) -> list[Fact]:
        return [Fact(name, v, entity) for v in self.inference.values(name, entity)]

    # -- the tree --------------------------------------------------------------------
    def results(self) -> tuple[RequirementResult, ...]:
        """Every requirement's result, with its tree of reasons."""
        found = self._cache.get("results")
        if found is None:
            found = self._cache["results"] = self._build_results()
        return found

    def _build_results(self) -> tuple[RequirementResult, ...]:
        derivations = self.inference.derivations()
        inputs = self.inference.input_facts()
        nodes: dict[Fact, FactNode] = {}
        pack = self.pack
        as_of = self.inference.as_of

        def node(fact: Fact, stack: frozenset[Fact]) -> FactNode:
            cached = nodes.get(fact)
            if cached is not None:
                return cached
            steps = []
            inner = stack | {fact}
            for derivation in derivations.get(fact, ()):
                rule = pack.rule(derivation.rule)
                premises = tuple(node(p, inner) for p in derivation.premises if p not in inner)
                citations = cited_in_force(rule.citations, as_of)
                steps.append(RuleStep(rule.id, rule.title, citations, premises, rule.assumption))
            if not steps:
                field = case_field(fact.name, fact.entity)
                made = FactNode(fact.name, fact.value, "input", fact.entity, field=field)
            else:
                source = "input" if fact in inputs else "derived"
                field = case_field(fact.name, fact.entity) if source == "input" else ""
                made = FactNode(fact.name, fact.value, source, fact.entity, tuple(steps), field)
            nodes[fact] = made
            return made

        out = []
        for outcome in self.outcomes:
            because: list[FactNode] = []
            for name, entity in self.roots(outcome):
                facts = self._facts(name, entity)
                if not facts:
                    because.append(FactNode(name, None, "unknown", entity))
                because.extend(node(f, frozenset()) for f in facts)
            req = outcome.requirement
            out.append(
                RequirementResult(
                    req.id,
                    req.title,
                    outcome.status,
                    outcome.applies,
                    outcome.met,
                    requirement_citations(because, req.citations, as_of),
                    tuple(because),
                    req.assumption,
                )
            )
        return tuple(out)

    # -- assumptions -----------------------------------------------------------------
    def assumptions(self) -> tuple[Assumption, ...]:
        """Those of the rules the reasons use, and of the applicable requirements."""
        found = self._cache.get("assumptions")
        if found is not None:
            return found  # type: ignore[no-any-return]
        derivations = self.inference.derivations()
        used: set[str] = set()
        seen: set[Fact] = set()
        todo = [f for o in self.outcomes for key in self.roots(o) for f in self._facts(*key)]
        while todo:
            fact = todo.pop()
            if fact in seen:
                continue
            seen.add(fact)
            for derivation in derivations.get(fact, ()):
                used.add(derivation.rule)
                todo.extend(derivation.premises)
        out: dict[str, str] = {}
        for rule_id in used:
            rule = self.pack.rule(rule_id)
            if rule.assumption:
                out[rule.id] = rule.assumption
        for outcome in self.outcomes:
            req = outcome.requirement
            if outcome.status is not Status.NOT_APPLICABLE and req.assumption:
                out[req.id] = req.assumption
        found = self._cache["assumptions"] = tuple(Assumption(k, v) for k, v in sorted(out.items()))
        return found

    # -- the JSON graph --------------------------------------------------------------
    def graph(self) -> dict[str, Any]:
        """The justification as a graph: each fact, rule application, rule and source once."""
        found = self._cache.get("graph")
        if found is None:
            found = self._cache["graph"] = justification_graph(self)
        return found


def _question_text(name: str, entity: str) -> tuple[str, str]:
    if entity:
        kind, field = name.split(".", 1)
        path = f"offering.certifications[{entity}].{field}" if kind == "certificate" else name
        text = QUESTIONS.get(name, f"What is `{field}` for {kind} `{entity}`?")
        return path, text.format(entity=entity)
    return case_field(name), QUESTIONS.get(name, f"What is `{name}`?")


# ----------------------------------------------------------------------------- decide
def decide(pack: CompiledPack, inference: Inference, engine: str, case_id: str | None) -> Decision:
    """Turn an engine's inference into a decision (its reasons are built when asked for)."""
    values = inference.values
    derogation = _bool_of(values("derogation.in_force"), false_wins=True)
    covers = values("derogation.covers")
    named = {str(v) for v in covers[0]} if covers and isinstance(covers[0], tuple) else set()
    covered = named & _DEROGABLE
    warnings = tuple(
        f"the derogation names `{rid}`, which no derogation can waive: it rests on a law "
        "(CSP, RGPD) or on an assumption, not on the doctrine"
        for rid in sorted(named - _DEROGABLE)
    ) + contradictions(inference)

    outcomes: list[RequirementOutcome] = []
    goals: list[tuple[str, list[str]]] = []
    for req in REQUIREMENTS:
        applies = _bool_of(values(req.applies), false_wins=False)
        met = _bool_of(values(req.met), false_wins=True)
        status = _status(applies, met)
        wanted: list[str] = []
        if status is Status.UNKNOWN:
            if applies is None:
                wanted.append(req.applies)
            if met is None:
                wanted.append(req.met)
        with_derogation = status in (Status.UNMET, Status.UNKNOWN) and req.id in covered
        if with_derogation:
            if derogation is True:
                status = Status.DEROGATED
                wanted = []
            elif derogation is None:
                status = Status.UNKNOWN
                wanted.append("derogation.in_force")
        if wanted:
            goals.append((req.id, wanted))
        outcomes.append(RequirementOutcome(req, status, applies, met, with_derogation))

    verdict = combine(o.status for o in outcomes)
    missing: tuple[Question, ...] = ()
    if verdict is Verdict.UNDETERMINED:
        chaining = _Questions(pack, inference)
        asked: dict[tuple[str, str], set[str]] = defaultdict(set)
        for req_id, wanted in goals:
            visited: set[tuple[str, str]] = set()
            for goal in wanted:
                chaining.questions(goal, "", asked, req_id, visited)
        missing = tuple(
            sorted(
                (
                    Question(*_question_text(n, e), tuple(sorted(reqs)))
                    for (n, e), reqs in asked.items()
                ),
                key=lambda q: q.field,
            )
        )
    frozen = tuple(outcomes)
    return Decision(
        verdict=verdict,
        as_of=inference.as_of,
        outcomes=frozen,
        missing=missing,
        derogation_until=None,  # assess() looks ahead for it
        warnings=warnings + warnings_raised(pack, inference),
        engine=engine,
        case=case_id,
        inference=inference,
        explanation=Explanation(pack, inference, frozen, verdict),
        interpretations=interpretations_relied_on(pack, inference),
    )


_DEROGABLE = frozenset(req.id for req in REQUIREMENTS if req.derogable)


# ----------------------------------------------------------------------------- JSON graph
def _json_value(value: Value | None) -> Any:
    return list(value) if isinstance(value, tuple) else value


def justification_graph(explanation: Explanation) -> dict[str, Any]:
    """The JSON form of the reasons, a graph: requirements point to facts, facts to the
    rule applications that derived them, applications to their premises. Each fact and
    each application appears once, with an id (``f1``..., ``d1``...) given in the order
    a depth-first walk from the requirements meets them. Rules are named by id: their
    titles, sources and quotations are in ``cloudcentre rules --format json``."""
    inference = explanation.inference
    derivations = inference.derivations()
    inputs = inference.input_facts()
    ids: dict[object, str] = {}
    facts: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []

    def fact(one: Fact) -> str:
        fid = ids.get(one)
        if fid is not None:
            return fid
        fid = ids[one] = f"f{len(facts) + 1}"
        applied = derivations.get(one, ())
        source = "derived" if applied and one not in inputs else "input"
        entry: dict[str, Any] = {
            "id": fid,
            "fact": one.name,
            "value": _json_value(one.value),
            "source": source,
        }
        if one.entity:
            entry["entity"] = one.entity
        if source == "input":
            field = case_field(one.name, one.entity)
            if field != one.name:  # where the case says it, when its name does not
                entry["field"] = field
        facts.append(entry)
        if applied:
            by: list[str] = []
            entry["derived_by"] = by
            for derivation in applied:
                sid = f"d{len(steps) + 1}"
                by.append(sid)
                step: dict[str, Any] = {"id": sid, "rule": derivation.rule}
                if derivation.entity:
                    step["entity"] = derivation.entity
                steps.append(step)
                step["because"] = [fact(p) for p in derivation.premises]
        return fid

    def unknown(name: str, entity: str) -> str:
        fid = ids.get((name, entity))
        if fid is None:
            fid = ids[(name, entity)] = f"f{len(facts) + 1}"
            entry: dict[str, Any] = {"id": fid, "fact": name, "value": None, "source": "unknown"}
            if entity:
                entry["entity"] = entity
            facts.append(entry)
        return fid

    requirements = []
    for outcome in explanation.outcomes:
        because: list[str] = []
        for name, entity in explanation.roots(outcome):
            values = inference.values(name, entity)
            if not values:
                because.append(unknown(name, entity))
            because.extend(fact(Fact(name, v, entity)) for v in values)
        requirements.append(
            {"id": outcome.requirement.id, "status": outcome.status.value, "because": because}
        )
    return {
        "verdict": explanation.verdict.value,
        "rule": "VERDICT-TABLE",
        "requirements": requirements,
        "facts": facts,
        "derivations": steps,
    }
