"""libyaml's own words (a syntax error's problem and context) in the user's language.

libyaml explains a syntax error in English phrases of its own; boconf quotes them in its
diagnostics. The phrases libyaml uses are few and fixed, so each is marked here for
translation; a phrase not listed (a newer libyaml's) is shown as libyaml wrote it. Braces are
doubled in the marked text, as in every message (``{{`` is a brace, not a placeholder).
"""

from __future__ import annotations

from boconf.i18n import N_, _

_PHRASES = frozenset(
    {
        # problems
        N_("mapping values are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("did not find expected key"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected node content"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("could not find expected ':'"),
        N_("found unexpected end of stream"),
        N_("found character that cannot start any token"),
        N_("found unknown escape character"),
        N_("found undefined alias"),
        N_("found undefined tag handle"),
        N_("found unexpected document indicator"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("block sequence entries are not allowed in this context"),
        N_("control characters are not allowed"),
        N_("invalid YAML"),
        # contexts
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a simple key"),
        N_("while scanning for the next token"),
        N_("while scanning a block scalar"),
    }
)


def yaml_problem(phrase: str) -> str:
    """``phrase`` in the active language when it is one of libyaml's known phrases."""
    marked = phrase.replace("{", "{{").replace("}", "}}")
    return _(marked).format() if marked in _PHRASES else phrase
