"""Deciding: the decision and its combining table (``outcome``), requirement statuses,
questions and justification (``decision``), the verdict timeline (``timeline``) and the
entry points ``assess`` and ``timeline`` (``api``)."""
