"""A large org chart as linked pages: an index of the top levels and one page per subtree.

Shrinking a 1,000-box chart to a screen makes every label a speck; so a tree-shaped chart
("tree" layout) with more than :data:`PAGE_BOXES` boxes is cut into pages instead:

* every box is on exactly one page. The index holds the top of the tree; a subtree cut off
  is one linked box on its parent's page ("▸ 34 positions, 41 posts"), and a page of its own;
  a subtree still too large is cut again (pages of pages);
* cuts are made bottom-up: a box whose subtree would hold more than the budget gives up its
  largest branches first, each to a page of its own, while that helps; branches too small to
  help (a manager with 200 direct reports) are packed, in chart order, into pages of at most
  the budget, one link box each;
* every page starts with its way back: one breadcrumb box per page above it, from the index
  down, each linking to that page (and, when the subtree's parent is not the top of its
  page, a last one naming that parent).

Links are file names given by the caller (``file_of(page name)``): pages are meant to lie side
by side (``reporting.svg``, ``reporting--cfo.svg``). A page's name is its top box's entity id
(``:`` written ``~``, which ids cannot contain), or ``<parent>+<n>`` for the n-th pack of a
parent's small branches (``+`` neither). Everything keeps chart order: the same chart gives
the same pages. Edges between two pages (a dotted line across) are not drawn.

The budget: a 1,440 x 900 window shows five or six 190-pt boxes across and about ten rows
down at 11 pt, so 60 boxes read on one or two screens; the docs site uses the same number.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from boconf import numbers
from boconf.i18n import _, ngettext
from boconf.rendering.chart import Chart, Edge, Node
from boconf.rendering.tree_layout import depths, tree_of

PAGE_BOXES = 60
TOP = ""  # the index page's name, and the virtual parent of the chart's roots
LINK_CLASS = "page-link"
CRUMB_CLASS = "crumb"


@dataclass
class ChartPage:
    name: str  # TOP for the index
    chart: Chart
    parent: str | None = None  # the page above (None for the index)
    boxes: int = 0  # entities the page's subtrees hold, on it and on the pages below it
    posts: int = 0
    label: str = ""  # how links name the page


def _entities(nodes: list[Node]) -> int:
    """How many entities these boxes stand for: echoes are drawn twice, counted once."""
    return sum(1 for node in nodes if not node.echo)


def _slug(key: str) -> str:
    return key.replace(":", "~")


def page_chart(
    chart: Chart, file_of: Callable[[str], str], budget: int = PAGE_BOXES
) -> list[ChartPage]:
    """The chart as pages, the index first; a small or non-tree chart is one page, itself."""
    if chart.layout != "tree" or len(chart.nodes) <= budget:
        return [
            ChartPage(TOP, chart, None, _entities(chart.nodes), sum(n.posts for n in chart.nodes))
        ]
    pager = _Pager(chart, file_of, budget)
    # The index also holds what no root reaches (posts on a reporting cycle).
    unreached = [node.id for node in chart.nodes if node.id not in pager.depth]
    cut_at_top = {root for group in pager.cuts[TOP] for root in group}
    # Breadth first, so that pages list the index, then its pages, then theirs.
    todo: list[_Todo] = [
        _Todo(TOP, "", [r for r in pager.kids[TOP] if r not in cut_at_top], None, [], unreached)
    ]
    pages: list[ChartPage] = []
    while todo:
        pages.append(pager.page(todo.pop(0), todo))
    return pages


@dataclass
class _Todo:
    """A page still to make: its name and label, its top boxes, the page above, the
    breadcrumbs it starts with, and boxes it holds besides its subtrees."""

    name: str
    label: str
    tops: list[str]
    parent_page: str | None
    crumbs: list[Node]
    extra: list[str]


class _Pager:
    """One chart's cuts (bottom-up) and counts, and the pages made from them."""

    def __init__(self, chart: Chart, file_of: Callable[[str], str], budget: int) -> None:
        self.chart = chart
        self.file_of = file_of
        _parents, children, roots = tree_of(chart)
        self.depth = depths(children, roots)
        self.kids: dict[str, list[str]] = {
            node: [child for child in children.get(node, ()) if child in self.depth]
            for node in self.depth
        }
        self.kids[TOP] = roots
        self.by_id = {node.id: node for node in chart.nodes}
        bottom_up = sorted(self.depth, key=lambda n: -self.depth[n])
        self.cuts = _cuts([*bottom_up, TOP], self.kids, budget)
        # Each node's whole subtree, for the counts on link boxes.
        self.boxes: dict[str, int] = {}
        self.posts: dict[str, int] = {}
        for node in bottom_up:
            below = self.kids[node]
            own = 0 if self.by_id[node].echo else 1  # an echo is counted by its own box
            self.boxes[node] = own + sum(self.boxes[c] for c in below)
            self.posts[node] = self.by_id[node].posts + sum(self.posts[c] for c in below)
        self.keys = chart.keys()
        self.used = {TOP}

    def name_of(self, group: list[str], parent: str, number: int) -> str:
        keys = self.keys
        if len(group) == 1:
            key = keys.get(group[0], group[0])
            name = _slug(key.split(":", 1)[-1])
            if name in self.used:
                name = _slug(key)
        else:
            base = "top" if parent == TOP else _slug(keys.get(parent, parent).split(":", 1)[-1])
            name = f"{base}+{number}"
        while name in self.used:  # only a name like "x+2" met twice gets here
            name += "+"
        self.used.add(name)
        return name

    def short(self, node: str) -> str:
        return self.by_id[node].lines[0] if self.by_id[node].lines else node

    def describe(self, group: list[str], parent: str) -> str:
        if len(group) == 1:
            return self.short(group[0])
        first, last = self.short(group[0]), self.short(group[-1])
        return _range(first, last, self.short(parent) if parent != TOP else None)

    def members(self, item: _Todo) -> set[str]:
        """The boxes on the page: its tops' subtrees down to the cuts, and its extra boxes."""
        members = set(item.extra)
        walk = list(reversed(item.tops))
        while walk:
            node = walk.pop()
            members.add(node)
            cut_off = {child for group in self.cuts[node] for child in group}
            walk.extend(reversed([c for c in self.kids[node] if c not in cut_off]))
        return members

    def page(self, item: _Todo, todo: list[_Todo]) -> ChartPage:
        """The page ``item`` names, with a link box per cut below it (queued on ``todo``)."""
        chart = self.chart
        label, crumbs, tops = item.label, item.crumbs, item.tops
        page = Chart(
            f"{chart.title}: {label}" if label else chart.title,
            chart.direction,
            chart.layout,
            chart.noun,
        )
        members = self.members(item)
        page.nodes.extend(crumbs)
        page.edges.extend(Edge(a.id, b.id, "dashed") for a, b in itertools.pairwise(crumbs))
        if crumbs:
            page.edges.extend(Edge(crumbs[-1].id, top, "dashed") for top in tops)
        page.nodes.extend(node for node in chart.nodes if node.id in members)
        page.edges.extend(
            edge for edge in chart.edges if edge.source in members and edge.target in members
        )
        parents = [n.id for n in chart.nodes if n.id in members and n.id in self.cuts]
        for parent in [TOP, *parents] if item.name == TOP else parents:
            for number, group in enumerate(self.cuts[parent], start=1):
                todo.append(self.link(page, item, parent, number, group))
        if item.name == TOP:
            held = (_entities(chart.nodes), sum(node.posts for node in chart.nodes))
        else:
            held = (sum(self.boxes[t] for t in tops), sum(self.posts[t] for t in tops))
        return ChartPage(item.name, page, item.parent_page, *held, label or chart.title)

    def link(self, page: Chart, item: _Todo, parent: str, number: int, group: list[str]) -> _Todo:
        """A link box on ``page`` for a group cut off below ``parent``; the group's page."""
        chart, file_of = self.chart, self.file_of
        child = self.name_of(group, parent, number)
        about = self.describe(group, parent)
        counts = (
            f"{_count(sum(self.boxes[g] for g in group), chart.noun)}, "
            f"{_count(sum(self.posts[g] for g in group), ('post', 'posts'))} ▸"
        )
        link = Node(
            f"pg_{len(page.nodes)}",
            [about, counts],
            (LINK_CLASS,),
            file_of(child),
            _("Open the page of {about}").format(about=about),
        )
        page.nodes.append(link)
        if parent != TOP:
            page.edges.append(Edge(parent, link.id))
        own_crumb = Node(
            f"cr_{len(item.crumbs)}",
            [f"▲ {item.label or chart.title}"],
            (CRUMB_CLASS,),
            file_of(item.name),
            _("Up to this page"),
        )
        trail = [*item.crumbs, own_crumb]
        if parent != TOP and parent not in item.tops:
            trail.append(
                Node(
                    f"cr_{len(trail)}",
                    [f"▲ {self.short(parent)}"],
                    (CRUMB_CLASS,),
                    file_of(item.name),
                    _("Up to the page above"),
                )
            )
        return _Todo(child, about, group, item.name, trail, [])


def _cuts(order: list[str], kids: dict[str, list[str]], budget: int) -> dict[str, list[list[str]]]:
    """Bottom-up, the groups of children each node cuts off to pages of their own."""
    residual: dict[str, int] = {}
    cuts: dict[str, list[list[str]]] = {}
    for node in order:
        below = kids[node]
        size = {child: residual[child] for child in below}
        total = (node != TOP) + sum(size.values())
        groups: list[list[str]] = []
        kept = list(below)
        for child in sorted(below, key=lambda c: -size[c]):  # stable: chart order on ties
            if total <= budget or size[child] <= 1:
                break
            groups.append([child])
            kept.remove(child)
            total -= size[child] - 1
        if total > budget:  # many small branches: packs of at most the budget, in order
            pack: list[str] = []
            for child in kept:
                if pack and sum(size[c] for c in pack) + size[child] > budget:
                    groups.append(pack)
                    pack = []
                pack.append(child)
            groups.append(pack)
            total = (node != TOP) + len(groups)
        order_of = {child: index for index, child in enumerate(below)}
        cuts[node] = sorted(groups, key=lambda group: order_of[group[0]])
        residual[node] = total
    return cuts


def _range(first: str, last: str, parent: str | None) -> str:
    """A pack of branches on a link box: ``Anna … Zeno (under CFO)``."""
    if parent is None:
        return f"{first} … {last}"
    return _("{first} … {last} (under {parent})").format(first=first, last=last, parent=parent)


# The nouns charts count their boxes in (Chart.noun), each with its plural in the catalogs:
# the literal ngettext calls are what Babel extracts.
_COUNTED: dict[tuple[str, str], Callable[[int], str]] = {
    ("unit", "units"): lambda n: ngettext("{n} unit", "{n} units", n),
    ("position", "positions"): lambda n: ngettext("{n} position", "{n} positions", n),
    ("post", "posts"): lambda n: ngettext("{n} post", "{n} posts", n),
    ("box", "boxes"): lambda n: ngettext("{n} box", "{n} boxes", n),
}


def _count(number: int, noun: tuple[str, str]) -> str:
    """``34 positions``, in the active language."""
    return _COUNTED[noun](number).format(n=numbers.number(number, 0))
