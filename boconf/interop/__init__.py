"""Interop: importers from HR exports and Backstage, exporters to other tools, scaffolding."""
