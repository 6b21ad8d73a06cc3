"""Engines: the interface and compiled packs (``base``), the native engine
(``native``) and the durable-rules Rete backend (``durable``, imported only on demand:
it is the one module that imports ``durable``)."""
