"""The documentation site: an organisation as static HTML (or Markdown) pages with charts.

``plan_site`` gathers every page's content and every chart from a checked organisation;
``render_site`` turns the plan into files (charts rendered on every core); ``write_site``
writes them atomically. ``site_dot_sources`` is what the benchmark times the renderer on.
"""

from boconf.website.build import render_site
from boconf.website.plan import SiteOptions, SitePlan, plan_site, site_dot_sources
from boconf.website.writing import write_site

__all__ = ["SiteOptions", "SitePlan", "plan_site", "render_site", "site_dot_sources", "write_site"]
