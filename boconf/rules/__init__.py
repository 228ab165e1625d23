"""Lint rules: one module per rule, registered explicitly in :mod:`boconf.rules.registry`."""
