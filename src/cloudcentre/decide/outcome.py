"""What a decision is: verdicts, requirement statuses, the combining table, and the
decision with its questions and justification, with its JSON form."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from ..engine.base import Inference
from ..law.language import Citation, Value
from ..law.requirements import Requirement
from ..model.convert import output_converter

__all__ = [
    "DEFAULT_VERDICT",
    "FORMAT_VERSION",
    "VERDICT_TABLE",
    "Assumption",
    "Decision",
    "Explanation",
    "FactChange",
    "FactNode",
    "Justification",
    "Question",
    "Remedy",
    "RequirementOutcome",
    "RequirementResult",
    "RuleStep",
    "Status",
    "Verdict",
    "combine",
    "combine_verdicts",
    "unstructure_decision",
]


class Verdict(enum.StrEnum):
    COMPLIANT = "compliant"
    COMPLIANT_UNDER_DEROGATION = "compliant_under_derogation"
    NON_COMPLIANT = "non_compliant"
    UNDETERMINED = "undetermined"


class Status(enum.StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    DEROGATED = "derogated"
    """Unmet or unknown, but covered by a derogation in force."""
    NOT_APPLICABLE = "not_applicable"


#: The combining table: the first row whose status some requirement has gives the verdict.
VERDICT_TABLE: tuple[tuple[Status, Verdict], ...] = (
    (Status.UNMET, Verdict.NON_COMPLIANT),
    (Status.UNKNOWN, Verdict.UNDETERMINED),
    (Status.DEROGATED, Verdict.COMPLIANT_UNDER_DEROGATION),
)
#: The verdict when no row matches: every requirement is met or not applicable.
DEFAULT_VERDICT = Verdict.COMPLIANT


def combine(statuses: Iterable[Status]) -> Verdict:
    """Apply :data:`VERDICT_TABLE` to requirement statuses."""
    present = set(statuses)
    for status, verdict in VERDICT_TABLE:
        if status in present:
            return verdict
    return DEFAULT_VERDICT


def combine_verdicts(first: Verdict, second: Verdict) -> Verdict:
    """The verdict of two decisions taken together, by the order of :data:`VERDICT_TABLE`
    (non_compliant, then undetermined, then under derogation, then compliant)."""
    order = [verdict for _, verdict in VERDICT_TABLE] + [DEFAULT_VERDICT]
    return first if order.index(first) <= order.index(second) else second


@attrs.frozen(slots=True)
class RuleStep:
    """One rule application in a justification: the rule, its sources, its premises."""

    rule: str
    title: str
    citations: tuple[Citation, ...]
    because: tuple[FactNode, ...]
    assumption: str | None = None


@attrs.frozen(slots=True)
class FactNode:
    """A fact in a justification: an input, a derived fact, or an unknown one."""

    fact: str
    value: Value | None
    source: str
    """``input``, ``derived`` or ``unknown``."""
    entity: str = ""
    derived_by: tuple[RuleStep, ...] = ()
    field: str = ""
    """For an input, the case-format field it was written in (``provider.us_controlled``,
    ``offering.certifications[ID].version``); empty for a derived or unknown fact."""


@attrs.frozen(slots=True)
class RequirementResult:
    id: str
    title: str
    status: Status
    applies: bool | None
    met: bool | None
    citations: tuple[Citation, ...]
    because: tuple[FactNode, ...]
    assumption: str | None = None


@attrs.frozen(slots=True)
class Question:
    """A fact the user did not give, whose answer could settle an undetermined requirement."""

    field: str
    question: str
    requirements: tuple[str, ...]


@attrs.frozen(slots=True)
class Justification:
    """Verdict ← requirements ← facts ← rules ← ... ← input facts."""

    verdict: Verdict
    rule: str
    because: tuple[RequirementResult, ...]


@attrs.frozen(slots=True)
class Assumption:
    rule: str
    assumption: str


@attrs.frozen(slots=True)
class RequirementOutcome:
    """A requirement's status and the two facts behind it, without the reasons."""

    requirement: Requirement
    status: Status
    applies: bool | None
    met: bool | None
    derogation: bool
    """Whether a derogation covers it, so that its in-force fact is among the reasons."""


class Explanation(Protocol):
    """The reasons for a decision, built on demand (see ``decide.decision``)."""

    def results(self) -> tuple[RequirementResult, ...]: ...

    def assumptions(self) -> tuple[Assumption, ...]: ...

    def graph(self) -> dict[str, Any]: ...


#: The version of the decision JSON format (``format_version``). 2: the justification
#: is a graph of facts and rule applications, each listed once (1 was a tree).
FORMAT_VERSION = 2


@attrs.frozen(slots=True)
class FactChange:
    """One change to a fact the user controls: set a case field, or add a certificate."""

    kind: str
    """What is changed (a key of ``decide/remedies.py``'s ``CHANGES``: ``provider``,
    ``locations``, ``secnumcloud``, ``hds``, ``derogation``, ``answer``...)."""
    field: str
    """The case-format path (``offering.certifications`` for an added certificate)."""
    value: Any
    """The new value, in the case format (JSON data)."""
    add: bool = False
    """``True``: ``value`` is appended to the list at ``field``."""


@attrs.frozen(slots=True)
class Remedy:
    """A smallest set of changes that makes the case compliant, verified by the engine."""

    changes: tuple[FactChange, ...]
    verdict: Verdict
    """The verdict of the changed case (``compliant`` or ``compliant_under_derogation``)."""

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.kind for c in self.changes))


@attrs.frozen(slots=True)
class Decision:
    """The answer: a verdict, the requirements that apply, questions, and why.

    The reasons (``requirements`` with their trees, ``justification``, ``assumptions``)
    are built from the inference's derivations when first asked for, and kept.
    """

    verdict: Verdict
    as_of: dt.date
    outcomes: tuple[RequirementOutcome, ...]
    """Every requirement's status, in the fixed requirement order."""
    missing: tuple[Question, ...]
    derogation_until: dt.date | None
    """Under derogation: the last day it helps, found by looking ahead over the dates on
    which rules and the case's dates change; ``None`` if no end is known yet."""
    warnings: tuple[str, ...]
    """Things in the case the decision had to disregard, and why."""
    engine: str
    case: str | None
    inference: Inference = attrs.field(eq=False, repr=False)
    explanation: Explanation = attrs.field(eq=False, repr=False)
    interpretations: tuple[tuple[str, str], ...] = ()
    """``(name, value)`` of each named interpretation the decision relied on (a rule in force
    that day reads it and its other conditions hold; see ``cloudcentre interpretations``)."""

    @property
    def requirements(self) -> tuple[RequirementResult, ...]:
        """Every requirement that applies or may apply (not the not-applicable ones)."""
        return tuple(r for r in self.explanation.results() if r.status is not Status.NOT_APPLICABLE)

    @property
    def justification(self) -> Justification:
        """Verdict ← requirements ← facts ← rules ← ... ← input facts, as a tree."""
        return Justification(self.verdict, "VERDICT-TABLE", self.explanation.results())

    @property
    def assumptions(self) -> tuple[Assumption, ...]:
        """The unconfirmed legal points the decision rests on, sorted by id."""
        return self.explanation.assumptions()

    @property
    def statuses(self) -> tuple[tuple[str, Status], ...]:
        """``(requirement id, status)`` for the requirements that apply or may apply."""
        return tuple(
            (o.requirement.id, o.status)
            for o in self.outcomes
            if o.status is not Status.NOT_APPLICABLE
        )

    subject: Any = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """The :class:`~cloudcentre.Case` decided (set by :func:`~cloudcentre.assess`)."""
    rules: tuple[Any, ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)
    """The rule pack the decision was made with (every rule, in force or not)."""
    finder: Callable[[int, Sequence[Mapping[str, Any]]], tuple[Remedy, ...]] | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True
    )

    def remedies(
        self, max_changes: int = 3, offerings: Sequence[Mapping[str, Any]] = ()
    ) -> tuple[Remedy, ...]:
        """The smallest sets of changes (at most ``max_changes``) to facts the user
        controls that make the case compliant, each verified by re-running the engine.

        ``offerings`` are alternatives to choose from (a catalogue's entries): mappings
        with an ``offering`` and, optionally, a ``provider`` in the case format, and an
        optional ``name``. Choosing one replaces the case's offering and provider.

        Empty for a compliant decision, and for one made without :func:`~cloudcentre.assess`.
        The data's nature and the organisation are never changed.
        """
        if self.compliant or self.finder is None:
            return ()
        return self.finder(max_changes, offerings)

    @property
    def compliant(self) -> bool:
        """True for ``compliant`` and ``compliant_under_derogation``."""
        return self.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_UNDER_DEROGATION)

    def to_dict(self) -> dict[str, object]:
        """The JSON form (see ``schemas/decision.schema.json``)."""
        return unstructure_decision(self)


# ------------------------------------------------------------------------------ JSON
_output = output_converter(Status, Verdict)


def unstructure_decision(decision: Decision) -> dict[str, Any]:
    """The JSON form of a :class:`~cloudcentre.Decision`: canonical key order, no engine state."""
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "verdict": decision.verdict.value,
        "requirements": [
            {
                "id": o.requirement.id,
                "title": o.requirement.title,
                "status": o.status.value,
                "applies": o.applies,
                "met": o.met,
                **({"assumption": o.requirement.assumption} if o.requirement.assumption else {}),
            }
            for o in decision.outcomes
            if o.status is not Status.NOT_APPLICABLE
        ],
        "missing": _output.unstructure(decision.missing),
        "justification": decision.explanation.graph(),
        "as_of": decision.as_of.isoformat(),
        "derogation_until": None
        if decision.derogation_until is None
        else decision.derogation_until.isoformat(),
        "assumptions": _output.unstructure(decision.assumptions),
        "warnings": list(decision.warnings),
        "interpretations": dict(decision.interpretations),
        "case": decision.case,
        "engine": decision.engine,
    }
    return out
