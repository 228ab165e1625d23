"""Interface text translated when a template is compiled (boconf.website.constant_text) prints
exactly what Jinja2's i18n extension prints when it translates the text on every call: every
page of the example's site, in English and in Italian, byte for byte; and what it folds, and
what it leaves to run, on small templates of its own."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from boconf import i18n
from boconf.linting.check import check, settings_for
from boconf.website import SiteOptions, html_output, plan_site, templating
from boconf.website.constant_text import ConstantTranslations

from .conftest import REPO
from .test_site_italian import DAY


@pytest.mark.parametrize("language", ["en", "it"])
def test_every_page_is_the_same_as_with_gettext_on_every_call(
    language: str, tmp_path: Path
) -> None:
    org = Path(shutil.copytree(REPO / "org", tmp_path / "org"))
    with i18n.using(language):
        plan = plan_site(check(org, settings_for(org, None, DAY)), SiteOptions())
        folding = html_output.environment()
        calling = templating.environment(
            html_output.TEMPLATES,
            autoescape=True,
            matrix_cells=html_output.matrix_cells,
            position_rows=html_output.position_rows,
        )
        assert any(isinstance(e, ConstantTranslations) for e in folding.extensions.values())
        assert not any(isinstance(e, ConstantTranslations) for e in calling.extensions.values())
        # The unit page's text is folded (what is left has placeholders), not left to run.
        source = folding.loader.get_source(folding, "unit.html")[0]  # type: ignore[union-attr]
        calls = [
            env.compile(source, name="unit.html", raw=True).count("'_'")
            for env in (folding, calling)
        ]
        assert calls[0] * 5 < calls[1], calls
        templates = {page.template for page in plan.pages}
        assert {"index", "unit", "units", "findings"} <= templates
        for page in plan.pages:
            assert html_output.render_page(folding, page) == html_output.render_page(
                calling, page
            ), page.path
    if language == "it":  # the pages were translated, not left in English by both
        page = next(page for page in plan.pages if page.template == "unit")
        with i18n.using("it"):
            assert "<h2>Posizioni</h2>" in html_output.render_page(folding, page).decode()


class _Catalog(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return {"vacant": "vacante", "a %% b": "a %% b <i>x</i>", "n": "N"}.get(message, message)


def _render(source: str, **context: object) -> str:
    env = Environment(
        loader=DictLoader({"t": source}),
        autoescape=True,
        extensions=["jinja2.ext.i18n", ConstantTranslations],
    )
    env.install_gettext_translations(_Catalog(), newstyle=True)  # type: ignore[attr-defined]
    return env.get_template("t").render(context)


def test_what_is_folded_and_what_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "translations", _Catalog)
    # Folded: as newstyle gettext prints it (Markup, '%%' made '%'), in any position.
    assert _render('<td title="{{ _("vacant") }}">{{ gettext("a %% b") }}</td>') == (
        '<td title="vacante">a % b <i>x</i></td>'
    )
    assert _render("{% for i in range(2) %}[{{- _('vacant') -}}]{% endfor %}") == (
        "[vacante][vacante]"
    )
    # Left to run: placeholders, filters, other names, a variable argument.
    assert _render('{{ _("n", n=1) }}|{{ _("vacant")|upper }}|{{ f("vacant") }}', f=str) == (
        "N|VACANTE|vacant"
    )
    assert _render("{{ _(word) }}", word="vacant") == "vacante"
    # A template that gives "_" another meaning is not folded at all.
    assert _render('{% set _ = f %}{{ _("vacant") }}', f=str.upper) == "VACANT"
    assert _render('{% for _ in "a" %}{{ gettext("vacant") }}{% endfor %}') == "vacante"
