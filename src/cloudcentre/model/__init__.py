"""The case: the attrs model of a workload and its hosting (``case``), the facts a case
gives (``facts``), and JSON (de)structuring (``convert``)."""
