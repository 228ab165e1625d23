"""The documentation site: an organisation as static HTML (or Markdown) pages with charts.

``plan_site`` gathers every page's content and every chart from a checked organisation;
``render_site`` turns the plan into files (charts rendered on every core); ``write_site``
writes them atomically; ``write_site_as_made`` does both, each worker writing the files it
makes. ``site_dot_sources`` is what the benchmark times the renderer on.
"""

from boconf.website.build import render_site, write_site_as_made
from boconf.website.plan import SiteOptions, SitePlan, plan_site, site_dot_sources
from boconf.website.writing import write_site

__all__ = [
    "SiteOptions",
    "SitePlan",
    "plan_site",
    "render_site",
    "site_dot_sources",
    "write_site",
    "write_site_as_made",
]
