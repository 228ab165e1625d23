"""The names boconf's files are known by outside: the apiVersion, the id pattern, the URLs of
the published JSON Schemas.

Plain constants, apart from the pydantic models, so that code which only writes files (the
importers, ``boconf init``) starts without building every model.
"""

from __future__ import annotations

API_VERSION = "boconf/v1"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://boconf.dev/schemas/v1/"
COMBINED = "boconf.schema.json"
SETTINGS = "settings.schema.json"
SCENARIO = "scenario.schema.json"
