"""The lint settings file's schema (``.boconf.yaml``, or ``[tool.boconf]``).

A model like the documents' ones, below the linter: ``boconf.schema`` (and so ``boconf init``)
describes it without loading the rule catalogue. Rule references in it are plain strings,
checked against the registry by :mod:`boconf.linting.settings`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from boconf.diagnostics import Severity


class Settings(BaseModel):
    """The settings file's schema."""

    model_config = ConfigDict(extra="forbid")

    extends: Literal["recommended", "strict", "none"] = "recommended"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = Field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    reference_date: dt.date | None = None
    # The language of every command's text in this repository, unless --lang says otherwise
    # (read by the CLI before it loads the organisation).
    lang: Literal["en", "it"] | None = Field(
        default=None,
        description="The language of boconf's messages, reports and site in this repository "
        "(en or it); --lang wins over it, and it over LC_ALL, LC_MESSAGES and LANG.",
    )
