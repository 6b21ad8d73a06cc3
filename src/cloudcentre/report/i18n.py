"""Translations, kept as data: rule and requirement titles, assumptions and messages.

English is the language of the rule data itself (``Rule.title``, ``Requirement.title``,
``Rule.assumption``). French titles and assumptions are in ``catalogue/fr.json``, keyed by
rule or requirement id, so a new rule needs one new line there (``missing_translations``
lists the ids that lack one; the rule's English title is shown meanwhile). Legal quotes
are never translated: they stay in French in every language.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Literal

from ..decide.outcome import Question
from ..law.packs import RULES
from ..law.requirements import REQUIREMENTS
from ..model.facts import LISTED_FACTS, QUESTIONS

__all__ = [
    "LANGS",
    "Lang",
    "assumption_text",
    "catalogue",
    "message",
    "missing_translations",
    "question_text",
    "requirement_title",
    "rule_title",
    "warning_text",
]

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

_RULES = {r.id: r for r in RULES}
_REQUIREMENTS = {r.id: r for r in REQUIREMENTS}

#: Interface messages: key -> (English, French).
MESSAGES: dict[str, tuple[str, str]] = {
    "compliant": ("COMPLIANT", "CONFORME"),
    "compliant_under_derogation": ("COMPLIANT UNDER DEROGATION", "CONFORME SOUS DÉROGATION"),
    "non_compliant": ("NON COMPLIANT", "NON CONFORME"),
    "undetermined": ("UNDETERMINED", "INDÉTERMINÉ"),
    "met": ("met", "satisfaite"),
    "unmet": ("unmet", "non satisfaite"),
    "unknown": ("unknown", "indéterminée"),
    "derogated": ("derogated", "couverte par dérogation"),
    "not_applicable": ("not applicable", "sans objet"),
    "as_of": ("as of", "au"),
    "engine": ("{engine} engine", "moteur {engine}"),
    "rules_version": ("rules", "règles"),
    "requirements": ("requirements", "exigences"),
    "none_applies": ("(none applies)", "(aucune ne s'applique)"),
    "questions": ("questions (answer these to decide)", "questions (à renseigner pour conclure)"),
    "warnings": ("warnings", "avertissements"),
    "assumptions": (
        "assumptions (unconfirmed legal points)",
        "hypothèses (points de droit non confirmés)",
    ),
    "remedies": (
        "remedies (each verified by re-running the engine)",
        "remèdes (chacun vérifié en relançant le moteur)",
    ),
    "no_remedy": (
        "no remedy found within the changes a user controls",
        "aucun remède trouvé parmi les changements à la main de l'utilisateur",
    ),
    "nothing_to_remedy": (
        "nothing to remedy: the case is compliant",
        "rien à corriger : le cas est conforme",
    ),
    "why": ("why (full justification)", "pourquoi (justification complète)"),
    "why_fails": (
        "why not (justification of what fails)",
        "pourquoi pas (justification de ce qui échoue)",
    ),
    "derogation_ends": ("derogation ends", "fin de la dérogation"),
    "needs": ("needs", "à renseigner"),
    "given": ("given in the case", "donné par le cas"),
    "other_rules": ("other rules agree", "autres règles concordantes"),
    "see_above": ("see above", "voir plus haut"),
    "input": ("input", "saisie"),
    "verdict": ("verdict", "verdict"),
    "unknown_fact": ("not given", "non renseigné"),
    "covered_by": ("covered by the derogation", "couverte par la dérogation"),
    "gives": ("gives", "donne"),
    "derogation_grant": (
        "derogation: basis {basis}, covers {covers}, until {until}",
        "dérogation : fondement {basis}, couvre {covers}, jusqu'au {until}",
    ),
    "choose_one": ("choose one of these offerings", "choisir l'une de ces offres"),
}


@functools.cache
def catalogue(lang: Lang) -> dict[str, dict[str, str]]:
    """The translation catalogue of ``lang`` (empty for English, the data's language)."""
    if lang == "en":
        return {"rules": {}, "requirements": {}, "assumptions": {}, "questions": {}}
    text = resources.files(__package__).joinpath("catalogue", f"{lang}.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def message(key: str, lang: Lang) -> str:
    """The interface message ``key`` in ``lang``."""
    en, fr = MESSAGES[key]
    return fr if lang == "fr" else en


def rule_title(rule_id: str, lang: Lang, default: str = "") -> str:
    """A rule's title in ``lang`` (its English title if no translation exists)."""
    found = catalogue(lang)["rules"].get(rule_id)
    if found:
        return found
    rule = _RULES.get(rule_id)
    return rule.title if rule else default


def requirement_title(requirement_id: str, lang: Lang, default: str = "") -> str:
    """A requirement's title in ``lang``."""
    found = catalogue(lang)["requirements"].get(requirement_id)
    if found:
        return found
    req = _REQUIREMENTS.get(requirement_id)
    return req.title if req else default


def assumption_text(rule_id: str, english: str, lang: Lang) -> str:
    """The assumption of a rule or requirement in ``lang``."""
    return catalogue(lang)["assumptions"].get(rule_id) or english


_CERT_FIELD = re.compile(r"^offering\.certifications\[(?P<entity>[^]]+)\]\.(?P<field>\w+)$")


def question_text(question: Question, lang: Lang) -> str:
    """A question in ``lang`` (its English text if no translation exists)."""
    if lang == "en":
        return question.question
    match = _CERT_FIELD.match(question.field)
    entity = ""
    if match:
        key, entity = f"certificate.{match['field']}", match["entity"]
    elif question.field == "offering.certifications":
        key = next((k for k in sorted(LISTED_FACTS) if QUESTIONS[k] == question.question), "")
    else:
        key = question.field
    found = catalogue(lang)["questions"].get(key)
    return found.format(entity=entity) if found else question.question


_WAIVE = re.compile(r"^the derogation names `(?P<id>[^`]+)`, which no derogation can waive")


_CONTRADICT = re.compile(
    r"^the facts contradict certificate `(?P<cert>[^`]+)`: (?P<rule>\S+) takes "
    r"`(?P<fact>[^`]+)` as attested, but (?P<other>\S+) concludes false \((?P<facts>.*)\); "
    r"false wins$"
)


def warning_text(warning: str, lang: Lang) -> str:
    """A decision's warning in ``lang``."""
    if lang != "fr":
        return warning
    contradiction = _CONTRADICT.match(warning)
    if contradiction:
        c = contradiction
        return (
            f"les faits contredisent le certificat `{c['cert']}` : {c['rule']} tient "
            f"`{c['fact']}` pour attesté, mais {c['other']} conclut à faux ({c['facts']}) ; "
            "le faux l'emporte"
        )
    match = _WAIVE.match(warning)
    if match:
        return (
            f"la dérogation vise `{match['id']}`, qu'aucune dérogation ne peut écarter : "
            "l'exigence repose sur une loi (CSP, RGPD) ou sur une hypothèse, non sur la doctrine"
        )
    return warning


def missing_translations(lang: Lang = "fr") -> dict[str, list[str]]:
    """The rule and requirement ids (and assumptions) that ``lang``'s catalogue lacks."""
    cat = catalogue(lang)
    if lang == "en":
        return {"rules": [], "requirements": [], "assumptions": [], "questions": []}
    with_assumption = [r.id for r in RULES if r.assumption] + [
        r.id for r in REQUIREMENTS if r.assumption
    ]
    return {
        "rules": [r.id for r in RULES if r.id not in cat["rules"]],
        "requirements": [r.id for r in REQUIREMENTS if r.id not in cat["requirements"]],
        "assumptions": [rid for rid in with_assumption if rid not in cat["assumptions"]],
        "questions": [name for name in QUESTIONS if name not in cat["questions"]],
    }
