"""Outputs for people: text rendering (``text``) and the generated rules reference
(``rules``: ``python -m cloudcentre.report.rules`` prints ``docs/rules.md``)."""
