"""Facts: ground atoms ``name[entity] = value``, and how a case becomes facts."""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..law.interpretations import interpretation_fact, resolve_interpretations
from ..law.language import INTERPRETATION_PREFIX, Value
from .case import Case, Certification, Offering, Scheme

__all__ = [
    "LISTED_FACTS",
    "QUESTIONS",
    "SECTIONS",
    "Fact",
    "case_facts",
    "case_field",
    "listed_fact",
    "section_facts",
]


def value_sort_key(value: Value) -> str:
    """A total order on fact values of any type (JSON text): ``json.dumps(value,
    sort_keys=True)``, written out for the plain types, which is several times faster."""
    plain: Any = value
    kind = type(plain)
    if kind is str:
        return _json_string(plain)
    if kind is bool:
        return "true" if plain else "false"
    if kind is int:
        return int.__repr__(plain)
    if kind is tuple:
        return "[" + ", ".join(map(value_sort_key, plain)) + "]"
    if kind is float and _FINITE(plain):
        return float.__repr__(plain)
    return json.dumps(plain, sort_keys=True)


_json_string: Callable[[str], str] = json.encoder.encode_basestring_ascii
_FINITE = math.isfinite


@attrs.frozen(slots=True, order=False)
class Fact:
    """``name[entity] = value``. ``entity`` is ``""`` for facts about the whole case."""

    name: str
    value: Value
    entity: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.entity)

    def sort_key(self) -> tuple[str, str, str]:
        return (self.name, self.entity, value_sort_key(self.value))

    def label(self) -> str:
        where = f"[{self.entity}]" if self.entity else ""
        return f"{self.name}{where}"


#: The question to ask for each input fact a user may leave unknown.
QUESTIONS: dict[str, str] = {
    "organisation.state_supervised": "Is the organisation placed under State supervision "
    "(décret 2019-1088)?",
    "organisation.includes_state_bodies": "Does the GIP count State administrations or State "
    "operators among its members?",
    "organisation.health_data_platform": "Is the organisation the GIP Plateforme des données de "
    "santé (Health Data Hub)?",
    "workload.data.protected_secret": "Are the data covered by a secret protected by law (CRPA "
    "L.311-5, L.311-6: defence, foreign policy, State security, legal proceedings, privacy, "
    "medical secret, business secrets...)?",
    "workload.data.medical_secret": "Are the data covered by medical secrecy?",
    "workload.data.essential_state_mission": "Are the data necessary to the State's essential "
    "missions (national security, public order, protection of health and life)?",
    "workload.data.citizens_personal_data": "Does the workload hold personal data of French "
    "citizens?",
    "workload.data.companies_economic_data": "Does the workload hold economic data about French "
    "companies?",
    "workload.data.agents_business_application": "Is the workload a business application about "
    "State agents?",
    "workload.data.agents_collaboration_suite": "Is the workload an office, collaboration or "
    "messaging suite used by public agents?",
    "workload.data.breach_would_harm": "Would a breach of the data be likely to harm public "
    "order, public security, the health or life of persons, or the protection of intellectual "
    "property (SREN art. 31 I)?",
    "workload.dr_system_homologated": "Is the body's information system holding the Diffusion "
    "Restreinte information homologated at DR level (II 901)?",
    "offering.storage_locations": "In which countries are customer data physically hosted "
    "(HDS activities 1 and 2)?",
    "offering.archiving_agrement": "Does the electronic-archiving service hold the agrément of the "
    "minister of culture?",
    "workload.data.personal_data": "Does the workload process personal data?",
    "workload.data.personal_health_data": "Does the workload hold personal health data?",
    "workload.data.collected_during_care": "Were the health data collected during prevention, "
    "diagnosis, care or social and medico-social follow-up?",
    "workload.data.diffusion_restreinte": "Is any information marked Diffusion Restreinte?",
    "workload.data.classified": "Is any information classified (Secret, Très Secret)?",
    "workload.hds_exemption": "Does an HDS exemption apply (own hosting, electronic archiving, "
    "GHT delegation), or none?",
    "workload.hds_activities": "Which HDS activities (1 to 6, CSP R.1111-9) does the host "
    "perform for this workload?",
    "provider.statutory_seat": "In which country is the provider's statutory seat?",
    "provider.central_administration": "In which country is the provider's central administration?",
    "provider.principal_establishment": "In which country is the provider's principal "
    "establishment?",
    "provider.largest_non_eu_share": "What is the largest share of capital or voting rights held, "
    "directly or indirectly, by a single non-EU entity (percent)?",
    "provider.combined_non_eu_share": "What share of capital or voting rights do non-EU entities "
    "hold together, directly or indirectly (percent)?",
    "provider.non_eu_control": "Can a non-EU entity veto decisions or appoint the majority of the "
    "provider's board, management or supervisory body?",
    "provider.non_eu_subcontractor_access": "Can a non-EU (or non-EU-controlled) subcontractor "
    "technically obtain customer data?",
    "provider.us_controlled": "Is the provider a US company or controlled by one?",
    "provider.dpf_certified": "Is the provider certified under the EU-US Data Privacy Framework?",
    "provider.privacy_shield_certified": "Was the provider certified under the EU-US Privacy "
    "Shield (from 1 August 2016 until Schrems II, 16 July 2020)?",
    "offering.service_model": "Is the offering IaaS, CaaS, PaaS or SaaS?",
    "offering.data_locations": "In which countries are customer data stored and processed?",
    "offering.technical_data_locations": "In which countries are technical data (identities, "
    "logs, directory, certificates) stored and processed?",
    "offering.administration_locations": "From which countries is the service administered and "
    "supervised?",
    "offering.support_locations": "From which countries is customer support provided?",
    "offering.support_controlled_from_eu": "Is support done outside the EU documented, "
    "controlled and supervised from the EU?",
    "offering.transfer_safeguards": "Do RGPD art. 46 safeguards (SCC or BCR with a transfer "
    "impact assessment) cover every access from a country without adequacy?",
    "offering.dr_homologated": "Is the offering homologated for Diffusion Restreinte information?",
    "offering.classified_homologated": "Is the offering homologated as a classified information "
    "system (IGI 1300)?",
    "derogation.valid_until": "On what date does the derogation end?",
    "derogation.open_ended": "Does the grant state no end date at all?",
    "derogation.project_advanced": "Was the project « très avancé » on 5 July 2021 (condition "
    "of an R9 alinéa 4 derogation, and of the DINUM note's under the default reading)?",
    "derogation.offer_available": "Is an acceptable trusted cloud offer available in France "
    "(which starts the derogation's 12-month clock)?",
    "derogation.offer_available_since": "Since what date has an acceptable trusted offer been "
    "available in France?",
    "workload.services": "Which suite services does the workload cover (messaging, personal "
    "drive, documents, collaboration, instant messaging, video conferencing, webinar)?",
    "certificate.version": "Which version of its referential is certificate `{entity}` issued "
    "against (for HDS: 1 or 2)?",
    "certificate.hds_activities": "Which HDS activities (1 to 6) does certificate `{entity}` "
    "cover?",
    "derogation.granted_on": "On what date was the derogation granted?",
    "certificate.valid_from": "Since what date is certificate `{entity}` valid (the first day "
    "on its certificate or decision)?",
    "certificate.valid_until": "Until what date is certificate `{entity}` valid (the last day "
    "on its certificate or decision)?",
    "offering.secnumcloud_listed": "Does the offering hold a SecNumCloud qualification in force, "
    "and which (decision, version, validity dates)?",
    "offering.hds_listed": "Does the offering hold an HDS certificate in force, and which "
    "(version, validity dates, activities covered)?",
    "offering.eucs_listed": "Does the offering hold an EUCS certificate, and which (level, "
    "validity dates)?",
    "offering.iso27001_listed": "Does the offering hold an ISO 27001 certificate, and which "
    "(validity dates)?",
    "offering.other_listed": "Which other certifications does the offering hold?",
}

#: Fields that carry no legal fact (names, free text, identifiers).
_NOT_FACTS = frozenset({"name", "id", "title", "reference", "granted_by"})


def _plain(value: Any) -> Value:
    kind = type(value)
    if kind is str or kind is bool or kind is int or kind is float:
        return value  # type: ignore[no-any-return]
    if isinstance(value, enum.Enum):
        return value.value  # type: ignore[no-any-return]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)  # type: ignore[misc]
    return value  # type: ignore[no-any-return]


def _fact_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of an attrs class that may carry facts (kept per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.name not in _NOT_FACTS)
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}


def _flatten(prefix: str, obj: Any, out: list[Fact], entity: str = "") -> None:
    for name in _fact_fields(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        path = f"{prefix}.{name}"
        if hasattr(type(value), "__attrs_attrs__"):
            _flatten(path, value, out, entity)
        elif name == "certifications":
            assert isinstance(obj, Offering)
            out.extend(
                Fact(listed_fact(scheme), True)
                for scheme in Scheme
                if scheme not in obj.certifications_open
            )
            for cert in value:
                _certificate(cert, out)
        elif name == "certifications_open":
            continue  # read with the list: it says for which schemes the list is complete
        else:
            out.append(Fact(path, _plain(value), entity))


def listed_fact(scheme: Scheme) -> str:
    """The fact saying an offering's list gives every certificate of ``scheme`` it holds.

    It comes from a given list of certifications, for each scheme not in
    ``certifications_open``; without it, a scheme absent from the list is unknown.
    """
    return f"offering.{scheme.value}_listed"


#: Every ``offering.<scheme>_listed`` fact.
LISTED_FACTS: frozenset[str] = frozenset(listed_fact(scheme) for scheme in Scheme)


def _certificate(cert: Certification, out: list[Fact]) -> None:
    _flatten("certificate", cert, out, entity=cert.key())


#: The parts of a case that carry facts, in the order :func:`case_facts` reads them.
SECTIONS = ("organisation", "workload", "provider", "offering", "derogation")


def section_facts(section: str, value: Any) -> list[Fact]:
    """The facts of one part of a case (``case.offering``...), unsorted: :func:`case_facts`
    is the date's fact and the facts of every :data:`SECTIONS`, sorted."""
    out: list[Fact] = []
    if value is not None:
        _flatten(section, value, out)
    return out


def case_field(name: str, entity: str = "") -> str:
    """The case-format path an input fact comes from (``certificate.version[x]`` comes
    from ``offering.certifications[x].version``, ``case.as_of`` from ``as_of``)."""
    if name == "case.as_of":
        return "as_of"
    if name.startswith(INTERPRETATION_PREFIX):
        # Not a case field: the reading chosen with `assess(..., interpretations=...)`.
        return "interpretations." + name[len(INTERPRETATION_PREFIX) :]
    if name in LISTED_FACTS:
        return "offering.certifications"
    if entity and name.startswith("certificate."):
        return f"offering.certifications[{entity}].{name.split('.', 1)[1]}"
    if entity:
        return f"{name}[{entity}]"
    return name


def case_facts(
    case: Case, as_of: dt.date, interpretations: Mapping[str, str] | None = None
) -> tuple[Fact, ...]:
    """The input facts of ``case`` judged on ``as_of``, sorted. Unknown values give no fact.

    Every named interpretation is an input fact too (``interpretation.NAME``): its default,
    or the value ``interpretations`` gives (an unknown name or value raises
    :class:`~cloudcentre.InvalidInterpretation`).
    """
    out: list[Fact] = [Fact("case.as_of", as_of.isoformat())]
    for name, value in resolve_interpretations(interpretations).items():
        out.append(Fact(interpretation_fact(name), value))
    for section in ("organisation", "workload", "provider", "offering", "derogation"):
        value = getattr(case, section)
        if value is not None:
            _flatten(section, value, out)
    return tuple(sorted(out, key=Fact.sort_key))
