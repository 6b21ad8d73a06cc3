"""What a decision reports besides its statuses: the interpretations it relied on, the
warnings rules raised, and the contradictions between a qualification and known facts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..engine.base import CompiledPack, Derivation, Inference, match
from ..engine.compiled import Run
from ..engine.matching import matcher
from ..law.language import INTERPRETATION_PREFIX, Rule
from ..law.warnings import WARNING_PREFIX, WARNINGS
from ..model.facts import Fact

__all__ = ["contradictions", "interpretations_relied_on", "warnings_raised"]


def interpretations_relied_on(
    pack: CompiledPack, inference: Inference
) -> tuple[tuple[str, str], ...]:
    """The interpretations the decision relied on, with their values: those read by a rule
    in force whose other conditions all hold, so that the reading decided whether it fired."""
    probes = _probes(pack, inference.rules_in_force)
    if not probes:
        return ()
    run = inference.run_view()
    compiled = run if isinstance(run, Run) else None  # the compiled engine's own store
    store = None if compiled is not None else inference.fact_store()
    relied: set[str] = set()
    for names, probe, probe_match in probes:
        if names <= relied:
            continue
        if probe is not None:
            kind = probe.for_each
            bound = [""] if kind is None else inference.entities(kind)
            if compiled is not None:
                S, E = compiled.store, compiled.entities_by_kind
                if all(probe_match(S, E, entity) is None for entity in bound):
                    continue
            elif all(match(probe, entity, store) is None for entity in bound):  # type: ignore[arg-type]
                continue
        relied |= names
    out: dict[str, str] = {}
    for fact in inference.input_facts():
        if fact.name.startswith(INTERPRETATION_PREFIX):
            name = fact.name[len(INTERPRETATION_PREFIX) :]
            if name in relied:
                out[name] = str(fact.value)
    return tuple(sorted(out.items()))


def _probes(
    pack: CompiledPack, in_force: tuple[str, ...]
) -> tuple[tuple[frozenset[str], Rule | None, Any], ...]:
    """For each rule in force that reads interpretations: their names, the rule without
    those conditions (``None`` when it has no other) and its compiled matcher. Kept in
    the pack."""
    table = pack.cache.get("interpretation_probes")
    if not isinstance(table, dict):
        table = pack.cache["interpretation_probes"] = {}
    found = table.get(in_force)
    if found is None:
        out = []
        for rule_id in in_force:
            rule = pack.rule(rule_id)
            names = frozenset(rule.interpretations)
            if not names:
                continue
            rest = tuple(c for c in rule.conditions if not c.fact.startswith(INTERPRETATION_PREFIX))
            probe = attrs.evolve(rule, conditions=rest) if rest else None
            out.append((names, probe, None if probe is None else matcher(probe)))
        found = tuple(out)
        if len(table) > 64:
            table.clear()
        table[in_force] = found
    return found


def warnings_raised(pack: CompiledPack, inference: Inference) -> tuple[str, ...]:
    """The warnings rules raised (``warning.NAME = true``), in the words of law/warnings."""
    raising = _warning_rules(pack)
    if not raising or not (raising & inference.fired_rules()):
        return ()  # the common case, without sorting every fact
    out = []
    for fact in inference.facts():
        if fact.name.startswith(WARNING_PREFIX) and fact.value is True:
            name = fact.name[len(WARNING_PREFIX) :]
            out.append(WARNINGS.get(name, name))
    return tuple(out)


def _warning_rules(pack: CompiledPack) -> frozenset[str]:
    found = pack.cache.get("warning_rules")
    if not isinstance(found, frozenset):
        found = pack.cache["warning_rules"] = frozenset(
            r.id for r in pack.rules if r.conclusion.fact.startswith(WARNING_PREFIX)
        )
    return found


def contradictions(inference: Inference) -> tuple[str, ...]:
    """Warnings for facts that a qualification attests (``*-ATTESTS-*`` rules) while other
    known facts say the opposite: the opposite wins, but the user should know."""
    if not any("-ATTESTS-" in rule for rule in inference.fired_rules()):
        return ()  # the common case, without building the derivations
    derived = inference.derivations()
    out: list[str] = []
    # Only facts some ATTESTS rule derived, in the canonical order (as `inference.derived`).
    candidates = sorted(
        (f for f, ds in derived.items() if any("-ATTESTS-" in d.rule for d in ds)),
        key=Fact.sort_key,
    )
    for fact in candidates:
        derivations = derived[fact]
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
