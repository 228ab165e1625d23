"""The names boconf's files are known by outside: the apiVersion, the id pattern, the
identifiers of the JSON Schemas.

Plain constants, apart from the pydantic models, so that code which only writes files (the
importers, ``boconf init``) starts without building every model.
"""

from __future__ import annotations

API_VERSION = "boconf/v1"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A name, not an address: no server publishes the schemas. Files find them by relative paths
# (the modelines `init` and `import` write); `$id` only has to be a unique absolute URI.
SCHEMA_BASE = "urn:boconf:schemas:v1:"
COMBINED = "boconf.schema.json"
SETTINGS = "settings.schema.json"
SCENARIO = "scenario.schema.json"
