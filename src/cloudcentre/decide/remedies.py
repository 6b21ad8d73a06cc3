"""Remedies: the smallest sets of changes a user controls that make a case compliant.

A user chooses the offering and its provider, where data and administration sit, which
certificates the host holds, whether to ask for a derogation, and answers the questions
about these. The changes tried are the :data:`CHANGES` below (and an answer for each
unknown field of the provider, the offering, the workload's hosting arrangements or the
derogation). The organisation and the nature of the data (``workload.data``) are never
changed: they are not the user's to choose.

Every remedy is verified: the changed case is decided again by the same engine and rule
pack on the same day, and only sets whose verdict is ``compliant`` (or compliant under a
derogation) are kept. Sets are tried by increasing size; a set containing a smaller
remedy is not a remedy.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..catalogue.entries import Catalogue
from ..catalogue.resolve import offering_sections
from ..law.countries import EU
from ..law.requirements import REQUIREMENTS
from ..model.case import Case, DerogationBasis, Scheme
from ..model.convert import case_from_dict, case_to_dict
from .outcome import Decision, FactChange, Remedy

__all__ = [
    "CHANGES",
    "apply_changes",
    "apply_remedy",
    "catalogue_offerings",
    "find_remedies",
    "offering_name",
]

#: What each kind of change means, in English and French (for reports).
CHANGES: dict[str, tuple[str, str]] = {
    "provider": (
        "choose a provider seated and run in the EU, under no non-EU control (SecNumCloud §19.6)",
        "choisir un prestataire établi et dirigé dans l'UE, sans contrôle extra-européen "
        "(SecNumCloud §19.6)",
    ),
    "locations": (
        "keep data, technical data, administration and support in the EU",
        "garder données, données techniques, administration et support dans l'UE",
    ),
    "support": (
        "have support outside the EU controlled from the EU",
        "faire contrôler depuis l'UE le support assuré hors de l'UE",
    ),
    "safeguards": (
        "cover every transfer with RGPD art. 46 safeguards (SCC or BCR with a transfer impact "
        "assessment)",
        "couvrir chaque transfert par des garanties de l'art. 46 du RGPD (CCT ou BCR avec "
        "analyse d'impact)",
    ),
    "secnumcloud": (
        "choose an offering with a SecNumCloud qualification in force",
        "choisir une offre titulaire d'une qualification SecNumCloud en vigueur",
    ),
    "hds": (
        "choose a host with an HDS certificate in force for the activities performed",
        "choisir un hébergeur certifié HDS en vigueur pour les activités exercées",
    ),
    "dr": (
        "choose a system homologated for Diffusion Restreinte",
        "choisir un système homologué Diffusion Restreinte",
    ),
    "classified": (
        "choose a system homologated for classified information (IGI 1300)",
        "choisir un système homologué pour les informations classifiées (IGI 1300)",
    ),
    "internal": (
        "host on a State internal cloud (Pi, Nubo), where the organisation may use one",
        "héberger sur un cloud interne de l'État (Pi, Nubo), si l'organisme y a accès",
    ),
    "derogation": (
        "obtain a derogation covering the requirements that fail",
        "obtenir une dérogation couvrant les exigences non satisfaites",
    ),
    "offering": (
        "choose another offering",
        "choisir une autre offre",
    ),
    "answer": (
        "answer the question",
        "répondre à la question",
    ),
}

#: Sections whose unknown fields a user may answer (never the organisation or the data).
_ANSWERABLE = ("provider.", "offering.", "derogation.", "workload.hds_", "workload.services")

_Atom = tuple[FactChange, ...]


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        if node.get(part) is None:
            node[part] = {}
        node = node[part]
    node[parts[-1]] = value


def apply_changes(case: Case, changes: tuple[FactChange, ...]) -> Case:
    """``case`` with ``changes`` applied (a new, validated case)."""
    data = copy.deepcopy(case_to_dict(case))
    for change in changes:
        if change.add:
            current = _get(data, change.field) or []
            _set(data, change.field, [*current, change.value])
        else:
            _set(data, change.field, change.value)
    return case_from_dict(data)


def apply_remedy(case: Case, remedy: Remedy) -> Case:
    """``case`` with every change of ``remedy`` applied."""
    return apply_changes(case, remedy.changes)


def _eu_only(countries: Any) -> list[str] | None:
    if not isinstance(countries, list):
        return None
    kept = [c for c in countries if c in EU]
    if kept == countries:
        return None
    return kept or ["FR"]


def _changes(data: dict[str, Any], kind: str, values: dict[str, Any]) -> _Atom:
    return tuple(
        FactChange(kind, field, value)
        for field, value in values.items()
        if _get(data, field) != value
    )


def _certificate(kind: str, scheme: Scheme, day: dt.date, **extra: Any) -> FactChange:
    cert: dict[str, Any] = {
        "id": f"remedy-{scheme.value}",
        "scheme": scheme.value,
        "status": "granted",
        "valid_from": day.isoformat(),
        "valid_until": day.replace(year=day.year + 2).isoformat(),
        **extra,
    }
    return FactChange(kind, "offering.certifications", cert, add=True)


def _atoms(case: Case, decision: Decision, day: dt.date) -> Iterator[_Atom]:
    data = case_to_dict(case)
    provider = {
        "provider.statutory_seat": "FR",
        "provider.central_administration": "FR",
        "provider.principal_establishment": "FR",
        "provider.largest_non_eu_share": 0,
        "provider.combined_non_eu_share": 0,
        "provider.non_eu_control": False,
        "provider.non_eu_subcontractor_access": False,
        "provider.us_controlled": False,
    }
    yield _changes(data, "provider", provider)
    locations = {}
    for field in ("data", "technical_data", "administration", "support"):
        path = f"offering.{field}_locations"
        kept = _eu_only(_get(data, path))
        if kept is not None:
            locations[path] = kept
    yield _changes(data, "locations", locations)
    yield _changes(data, "support", {"offering.support_controlled_from_eu": True})
    yield _changes(data, "safeguards", {"offering.transfer_safeguards": True})
    yield (_certificate("secnumcloud", Scheme.SECNUMCLOUD, day),)
    activities = _get(data, "workload.hds_activities") or [1, 2, 3, 4, 5, 6]
    version = "2" if day >= dt.date(2024, 11, 16) else "1"
    yield (_certificate("hds", Scheme.HDS, day, version=version, hds_activities=activities),)
    yield _changes(data, "dr", {"offering.dr_homologated": True})
    yield _changes(data, "classified", {"offering.classified_homologated": True})
    yield _changes(data, "internal", {"offering.kind": "internal"})
    yield from _derogations(data, decision, day)
    yield from _answers(data, decision)


def _derogations(data: dict[str, Any], decision: Decision, day: dt.date) -> Iterator[_Atom]:
    if data.get("derogation") is not None:
        return
    derogable = {r.id for r in REQUIREMENTS if r.derogable}
    failing = sorted(r.id for r in decision.requirements if r.status.value in ("unmet", "unknown"))
    covers = [rid for rid in failing if rid in derogable]
    if not covers or len(covers) < len(failing):
        return
    for basis in DerogationBasis:
        grant: dict[str, Any] = {
            "basis": basis.value,
            "covers": covers,
            "granted_on": day.isoformat(),
            "valid_until": day.replace(year=day.year + 1).isoformat(),
        }
        yield (FactChange("derogation", "derogation", grant),)


def _answers(data: dict[str, Any], decision: Decision) -> Iterator[_Atom]:
    for question in decision.missing:
        field = question.field
        if "[" in field or not field.startswith(_ANSWERABLE):
            continue
        for value in (True, False):
            if _get(data, field) is None:
                yield (FactChange("answer", field, value),)


def offering_name(remedy: Remedy) -> str:
    """The name of the offering a remedy chooses (its provider's name after it)."""
    names = []
    for change in remedy.changes:
        if change.kind == "offering" and isinstance(change.value, dict):
            names.append(str(change.value.get("name") or "(unnamed)"))
    return " — ".join(names)


def _nested(fields: list[str]) -> bool:
    """Whether a field lies inside another (a chosen offering's provider, then changed)."""
    return any(b.startswith(a + ".") for a in fields for b in fields)


def catalogue_offerings(catalogue: Catalogue, day: dt.date) -> tuple[dict[str, Any], ...]:
    """Every offering of ``catalogue`` as it is on ``day``, as ``offerings`` for
    :func:`find_remedies` and ``Decision.remedies`` (its ``offering`` and ``provider``)."""
    out = []
    for entry in catalogue.offerings:
        offering, provider = offering_sections(catalogue, entry.id, day)
        out.append({"name": entry.id, "offering": offering, "provider": provider})
    return tuple(out)


def _valid(case: Case, atom: _Atom) -> bool:
    """Whether the case format accepts ``atom`` (an answer must have the field's type)."""
    try:
        apply_changes(case, atom)
    except ValueError:
        return False
    return True


def _alternatives(data: dict[str, Any], offerings: Sequence[Mapping[str, Any]]) -> Iterator[_Atom]:
    for entry in offerings:
        atom = [FactChange("offering", "offering", dict(entry["offering"]))]
        if entry.get("provider") is not None:
            atom.append(FactChange("offering", "provider", dict(entry["provider"])))
        changed = tuple(c for c in atom if _get(data, c.field) != c.value)
        if changed:
            yield changed


def find_remedies(
    case: Case,
    decision: Decision,
    run: Callable[[Case], Decision],
    max_changes: int = 3,
    offerings: Sequence[Mapping[str, Any]] = (),
) -> tuple[Remedy, ...]:
    """The remedies of ``decision`` (of ``case``), each checked with ``run``.

    ``run`` decides a case on the same day with the same engine and pack. Sets of up to
    ``max_changes`` atomic changes are tried by increasing size; supersets of a remedy
    are skipped. An atomic change may set several fields (choosing a provider sets its
    seat, capital and control together). Each of ``offerings`` (``offering`` and optional
    ``provider`` sections in the case format, e.g. a catalogue's entries) is one more
    change: choosing it replaces the case's offering and provider, alone or with one
    other change (such as a certificate it lacks).
    """
    day = decision.as_of
    candidates = [*_atoms(case, decision, day), *_alternatives(case_to_dict(case), offerings)]
    atoms = [atom for atom in candidates if atom and _valid(case, atom)]
    found: list[tuple[frozenset[int], Remedy]] = []
    for size in range(1, max_changes + 1):
        for combo in itertools.combinations(range(len(atoms)), size):
            chosen = frozenset(combo)
            if any(prior <= chosen for prior, _ in found):
                continue
            changes = tuple(c for i in combo for c in atoms[i])
            if size > 2 and any(c.kind == "offering" for c in changes):
                continue  # another offering, with at most one change to it
            fields = [c.field for c in changes if not c.add]
            if len(fields) != len(set(fields)) or _nested(fields):
                continue  # two answers to one question, or a change inside a replaced section
            outcome = run(apply_changes(case, changes))
            if outcome.compliant:
                found.append((chosen, Remedy(changes, outcome.verdict)))
    return tuple(attrs.evolve(r) for _, r in found)
