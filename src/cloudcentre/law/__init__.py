"""The law as data: the rule language, legal sources, requirements, country groups and
the rule packs (``law.packs``, one module per instrument).

Nothing here imports from the rest of the package except the leaf ``_errors``.
"""
