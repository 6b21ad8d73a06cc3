"""cloudcentre: may this French public-sector workload be hosted on that cloud offering?

>>> import cloudcentre
>>> decision = cloudcentre.assess(case)          # doctest: +SKIP
>>> decision.verdict, [r.status for r in decision.requirements]  # doctest: +SKIP
"""

from __future__ import annotations

from ._errors import (
    CloudcentreError,
    EngineError,
    InvalidArgument,
    InvalidCase,
    InvalidCatalogue,
    InvalidInterpretation,
    InvalidRulePack,
    UnknownEngine,
)
from .catalogue import Catalogue, bundled_catalogue, load_catalogue
from .decide.api import assess, default_pack, get_engine, rules_in_force, timeline
from .decide.batch import assess_many
from .decide.outcome import (
    VERDICT_TABLE,
    Assumption,
    Decision,
    FactChange,
    FactNode,
    Justification,
    Question,
    Remedy,
    RequirementOutcome,
    RequirementResult,
    RuleStep,
    Status,
    Verdict,
)
from .decide.remedies import apply_remedy
from .decide.shortlist import (
    EligibilityPeriod,
    OfferingHistory,
    Shortlist,
    ShortlistHistory,
    ShortlistRow,
    shortlist,
    shortlist_over_time,
)
from .decide.timeline import Change, Period, Timeline, timeline_to_dict
from .engine.base import CompiledPack, Derivation, Engine, Inference, compile_rules
from .engine.native import NativeEngine
from .law.interpretations import INTERPRETATIONS, Interpretation, Option
from .law.language import Citation, Conclusion, ForAll, Op, Ref, Rule, RulePack, Test
from .law.packs import PACKS, RULES
from .law.requirements import REQUIREMENTS, Requirement
from .model.case import (
    Case,
    Certification,
    CertStatus,
    Derogation,
    DerogationBasis,
    HdsExemption,
    Milestone,
    Offering,
    OfferingKind,
    Organisation,
    OrgKind,
    Provider,
    Scheme,
    Service,
    ServiceModel,
    Workload,
    WorkloadData,
)
from .model.convert import case_from_dict, case_from_json, case_to_dict
from .model.facts import Fact
from .model.limits import InputLimits

__version__ = "0.1.0"

__all__ = [
    "INTERPRETATIONS",
    "PACKS",
    "REQUIREMENTS",
    "RULES",
    "VERDICT_TABLE",
    "Assumption",
    "Case",
    "Catalogue",
    "CertStatus",
    "Certification",
    "Change",
    "Citation",
    "CloudcentreError",
    "CompiledPack",
    "Conclusion",
    "Decision",
    "Derivation",
    "Derogation",
    "DerogationBasis",
    "EligibilityPeriod",
    "Engine",
    "EngineError",
    "Fact",
    "FactChange",
    "FactNode",
    "ForAll",
    "HdsExemption",
    "Inference",
    "InputLimits",
    "Interpretation",
    "InvalidArgument",
    "InvalidCase",
    "InvalidCatalogue",
    "InvalidInterpretation",
    "InvalidRulePack",
    "Justification",
    "Milestone",
    "NativeEngine",
    "Offering",
    "OfferingHistory",
    "OfferingKind",
    "Op",
    "Option",
    "OrgKind",
    "Organisation",
    "Period",
    "Provider",
    "Question",
    "Ref",
    "Remedy",
    "Requirement",
    "RequirementOutcome",
    "RequirementResult",
    "Rule",
    "RulePack",
    "RuleStep",
    "Scheme",
    "Service",
    "ServiceModel",
    "Shortlist",
    "ShortlistHistory",
    "ShortlistRow",
    "Status",
    "Test",
    "Timeline",
    "UnknownEngine",
    "Verdict",
    "Workload",
    "WorkloadData",
    "__version__",
    "apply_remedy",
    "assess",
    "assess_many",
    "bundled_catalogue",
    "case_from_dict",
    "case_from_json",
    "case_to_dict",
    "compile_rules",
    "default_pack",
    "get_engine",
    "load_catalogue",
    "rules_in_force",
    "shortlist",
    "shortlist_over_time",
    "timeline",
    "timeline_to_dict",
]
