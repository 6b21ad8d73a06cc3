"""Named interpretations: the contested readings of the law, as data.

Where the sources disagree or a text is unclear, the rule packs do not pick a reading
silently. Each contested point is an :class:`Interpretation` with its options, the
sources for each option, and a default: the prudent reading, unless a primary source
settles the point. An interpretation is an input fact, ``interpretation.NAME``, whose
value is the chosen option; rules that depend on it test that fact, so the engines,
the timeline and verification treat it like any other fact.

``assess(..., interpretations={"sren31_requirement": "non_eu_access_protection"})`` or
``cloudcentre assess --interpretation NAME=VALUE`` adopts another reading; every
decision lists the interpretations it relied on and their values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._errors import InvalidInterpretation
from .language import INTERPRETATION_PREFIX, Citation
from .sources import SOURCES

__all__ = [
    "INTERPRETATIONS",
    "Interpretation",
    "Option",
    "interpretation_fact",
    "resolve_interpretations",
]


def _citations(value: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Option:
    """One reading: its value, what it says, and the sources that support it."""

    value: str
    title: str
    citations: tuple[Citation, ...] = attrs.field(converter=_citations)
    note: str = ""
    """Whose reading this is when no source states it (e.g. the review's opinion)."""


def _options(value: Iterable[Option]) -> tuple[Option, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Interpretation:
    """A contested reading: a question, its options, and the default option."""

    name: str
    title: str
    question: str
    options: tuple[Option, ...] = attrs.field(converter=_options)
    default: str
    why_default: str
    """Why the default is the default: the prudent reading, or the primary source that
    settles the point."""

    def __attrs_post_init__(self) -> None:
        values = [option.value for option in self.options]
        if len(values) < 2 or len(set(values)) != len(values):
            raise ValueError(f"interpretation `{self.name}` needs two distinct options or more")
        if self.default not in values:
            raise ValueError(f"interpretation `{self.name}`: default `{self.default}` is no option")

    @property
    def fact(self) -> str:
        """The input fact that carries the chosen option."""
        return INTERPRETATION_PREFIX + self.name

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option:
        for option in self.options:
            if option.value == value:
                return option
        raise KeyError(value)


def interpretation_fact(name: str) -> str:
    """The fact name of the interpretation called ``name``."""
    return INTERPRETATION_PREFIX + name


def _o(value: str, title: str, cites: list[str], note: str = "") -> Option:
    return Option(value, title, tuple(SOURCES[c] for c in cites), note)


INTERPRETATIONS: tuple[Interpretation, ...] = (
    Interpretation(
        "sren31_requirement",
        "What SREN art. 31 requires for data of particular sensitivity",
        "Does SREN art. 31 require a SecNumCloud qualification, or only protection against "
        "access by non-EU public authorities (criteria still to be set by décret)?",
        (
            _o("secnumcloud",
               "A SecNumCloud qualification (with §19.6 immunity and §19.2 localisation) is "
               "required: the statute takes up the doctrine, and from 5 February 2026 the "
               "circulaire 6519/SG presents the qualification as the way to attest the level "
               "art. 31 requires, health data included.",
               ["sren-31-doctrine", "circ-2026-snc", "circ-2026-health"]),
            _o("non_eu_access_protection",
               "Only protection against access by non-EU public authorities is required "
               "(EXTRA-EU-IMMUNITY); a trusted offer is « pas systématiquement obligatoire » "
               "and sensitivity is judged case by case, with the statute's harm condition.",
               ["sren-31-i", "sren-31-harm", "dinum-vade-mecum"],
               "The legal review's opinion (§4): the statute does not name SecNumCloud."),
        ),
        default="secnumcloud",
        why_default="The prudent reading: the décret setting the criteria was not found, and "
        "the Government's own instrument (circulaire 6519/SG) reads art. 31 as SecNumCloud.",
    ),
    Interpretation(
        "public_hospitals_in_doctrine",
        "Are public hospitals bound by the Cloud au centre circulaires?",
        "Are établissements publics de santé « organismes placés sous [la] tutelle » of the "
        "State within the meaning of décret 2019-1088, and so bound by the doctrine?",
        (
            _o("covered",
               "Public hospitals, attached to the State, are within the doctrine's scope.",
               ["circ-2023-scope"],
               "Two secondary sources (desmarais-avocats, ITforBusiness), from 2023."),
            _o("not_covered",
               "Only the State and the bodies under its tutelle are bound; no primary text "
               "names public hospitals, which have their own legal personality.",
               ["decret-2019-1088"],
               "The legal review's opinion (§5): arguable, not settled."),
        ),
        default="covered",
        why_default="The prudent reading: no primary source settles it, and the stricter "
        "reading requires SecNumCloud for a hospital's sensitive data.",
    ),
    Interpretation(
        "private_bodies_under_tutelle",
        "Are private-law bodies under State tutelle bound by the circulaires?",
        "Does décret 2019-1088's « organismes placés sous sa tutelle » include private-law "
        "bodies under State supervision (a local social-security fund, for one)?",
        (
            _o("covered",
               "Décret 2019-1088 does not distinguish public-law from private-law bodies: a "
               "private body under State tutelle is bound.",
               ["decret-2019-1088"]),
            _o("not_covered",
               "Only public bodies under State tutelle are bound.",
               ["circ-2021-scope"],
               "A reading of the circulaire's scope; no source states it."),
            _o("unsettled",
               "The point is left open: whether the doctrine applies stays unknown, and the "
               "decision is undetermined where it matters.",
               ["decret-2019-1088"],
               "The legal review's opinion (§11): uncertain."),
        ),
        default="covered",
        why_default="The prudent reading: the décret's words cover any body under State "
        "tutelle.",
    ),
    Interpretation(
        "dr_hosting",
        "Where may Diffusion Restreinte information be hosted?",
        "Is it the body's information system that must be homologated at DR level (II 901), "
        "on a SecNumCloud offering or an internal cloud, or must the offering itself be "
        "homologated for DR?",
        (
            _o("homologated_system",
               "The body's own information system is homologated at DR level (II 901), and "
               "it runs on a SecNumCloud-qualified offering, an internal cloud, or an offering "
               "homologated for DR (ANSSI's July 2024 recommendations).",
               ["ii-901", "anssi-cloud-2024", "anssi-cloud-faq"]),
            _o("dr_homologated_offering",
               "The offering itself must be homologated for DR (such as cloud Pi's DR offer); "
               "SecNumCloud alone is not shown to suffice.",
               ["dr-mention"],
               "The project's earlier assumption (brief §1.7)."),
        ),
        default="homologated_system",
        why_default="Settled by primary sources: II 901 homologates the entity's system, and "
        "ANSSI's recommendations cover DR systems on SecNumCloud offerings.",
    ),
    Interpretation(
        "derogation_clock",
        "When does an R9 al. 4 or DINUM derogation end?",
        "Does the derogation run until 12 months after an acceptable trusted offer is "
        "available in France, or for one year from its grant?",
        (
            _o("after_acceptable_offer",
               "At the latest 12 months after an acceptable trusted offer is available in "
               "France, as the circulaire's words are quoted.",
               ["circ-2021-r9-al4", "dinum-2021-derogation"]),
            _o("one_year_from_grant",
               "One year from the grant, as press summaries put it.",
               ["dsih-2021-one-year"]),
        ),
        default="after_acceptable_offer",
        why_default="The circulaire's own words, quoted by April (R9 al. 4) and by the DINUM "
        "note, tie the 12 months to an acceptable offer; the « un an » is a summary.",
    ),
    Interpretation(
        "hds_v1_transition_end",
        "When does the HDS v1 → v2 transition end?",
        "Are the 24 months granted to hosts already certified counted from the JO "
        "publication (16 May 2024) or from the v2 application date (16 November 2024)?",
        (
            _o("may_2026",
               "24 months from the JO publication: v1 certificates count until 16 May 2026.",
               ["hds-v2-transition", "hds-v2-transition-date"]),
            _o("november_2026",
               "24 months from 16 November 2024, when v2 applied to new certifications.",
               ["hds-v2-transition"],
               "A reading of « 24 mois » without a stated start; no source found states it."),
        ),
        default="may_2026",
        why_default="Corroborated by two law-firm notes and by the authorities as reported "
        "(« au plus tard le 16 mai 2026 »); it is also the earlier, prudent end.",
    ),
    Interpretation(
        "snc32_attests",
        "What a SecNumCloud 3.2 qualification attests",
        "Does a SecNumCloud 3.2 qualification in force establish §19.6 (immunity) and §19.2 "
        "(localisation), or must each provider fact still be shown?",
        (
            _o("attests",
               "Since 3.2 made §19.6 and §19.2 conditions of the qualification, a 3.2 "
               "qualification in force establishes them (known contrary facts still win).",
               ["snc-32-audit-immunity", "snc-32-published", "snc-19-6-a", "snc-19-2-b",
                "circ-2026-snc"]),
            _o("facts_required",
               "Every §19.6 and §19.2 fact must be stated for the requirement to be met.",
               ["snc-19-6-b", "snc-19-2-b"]),
        ),
        default="attests",
        why_default="The referential 3.2 itself makes §19.6 and §19.2 qualification "
        "requirements (rules `SNC-32-ATTESTS-19.6` and `SNC-32-ATTESTS-19.2`).",
    ),
    Interpretation(
        "dinum_derogation_condition",
        "Is the DINUM Office 365 derogation limited to projects « très avancés »?",
        "Is the DINUM note's derogation R9 al. 4 narrowed to messaging and personal drive, "
        "so that the project had to be « très avancé » on 5 July 2021?",
        (
            _o("project_advanced_required",
               "The note narrows the R9 al. 4 derogation to two services; the « très avancé » "
               "condition still applies.",
               ["dinum-2021-advanced", "dinum-2021-derogation", "circ-2021-r9-al4"],
               "The legal review's opinion (§2), supported by the press accounts of the note."),
            _o("services_only",
               "The note's derogation stands on its own: messaging and personal drive only, "
               "within the 12-month clock.",
               ["dinum-2021-derogation"]),
        ),
        default="project_advanced_required",
        why_default="The prudent reading, and the one every press account of the note gives.",
    ),
    Interpretation(
        "citizens_personal_data",
        "Are citizens' personal data under the « vie privée » secret after May 2023?",
        "When a workload holds citizens' personal data but the case says no legal secret "
        "applies, is that answer taken as given, or are the data presumed covered by the "
        "« vie privée » secret (CRPA L.311-6), hence sensitive?",
        (
            _o("as_answered",
               "The case's `protected_secret` answer is taken as given; the decision warns.",
               ["circ-2023-r9-secrets"]),
            _o("presumed_private_life_secret",
               "Citizens' personal data are presumed covered by the « vie privée » secret, "
               "hence sensitive (2023 R9 1°, SREN art. 31 II 1°).",
               ["circ-2023-r9-privacy", "sren-31-ii"],
               "The legal review's opinion (§8): most citizen files fall under that secret."),
        ),
        default="as_answered",
        why_default="Whether a file falls under a secret depends on its content, which the "
        "case states; the decision warns when the answer looks doubtful.",
    ),
)

_BY_NAME: dict[str, Interpretation] = {i.name: i for i in INTERPRETATIONS}


def resolve_interpretations(
    overrides: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every interpretation's value: the default, or the override given for it.

    Raises :class:`~cloudcentre.InvalidInterpretation` on an unknown name or value.
    """
    values = {i.name: i.default for i in INTERPRETATIONS}
    for name, value in sorted((overrides or {}).items()):
        found = _BY_NAME.get(name)
        if found is None:
            known = ", ".join(f"`{n}`" for n in sorted(_BY_NAME))
            raise InvalidInterpretation(
                f"unknown interpretation `{name}`",
                path=f"interpretations.{name}",
                value=name,
                hint=f"known interpretations: {known} (see `cloudcentre interpretations`)",
            )
        if not isinstance(value, str) or value not in found.values:
            options = ", ".join(f"`{v}`" for v in found.values)
            raise InvalidInterpretation(
                f"`{value}` is not an option of `{name}`",
                path=f"interpretations.{name}",
                value=value,
                hint=f"one of {options}",
            )
        values[name] = value
    return values
