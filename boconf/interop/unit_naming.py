"""Units from their names: an id each, and the function and office their names suggest.

Every importer makes units from names it reads (a department column, a Backstage group, an
organogram's Unit); this is the one place that turns a name into a :class:`PlainUnit`.
"""

from __future__ import annotations

from collections.abc import Iterable

from boconf.interop.plain_org import PlainUnit
from boconf.interop.slugs import IdAllocator, slugify
from boconf.interop.unit_functions import guess_function, office_of


def guessed_unit(
    identifier: str,
    name: str,
    parent: str | None = None,
    *,
    description: str | None = None,
    tags: list[str] | None = None,
) -> PlainUnit:
    """A unit whose function (and so office) is guessed from its name."""
    function = guess_function(name)
    return PlainUnit(
        identifier,
        name,
        office_of(function),
        function,
        parent,
        description=description,
        tags=tags or [],
    )


def unit_ids(names: Iterable[str]) -> dict[str, str]:
    """Unit name -> unit id: the names' slugs, claimed in name order (so a clash is
    settled the same way on every run)."""
    allocator = IdAllocator()
    return {name: allocator.claim(slugify(name, "unit")) for name in sorted(set(names))}


def units_by_id(ids: dict[str, str]) -> list[PlainUnit]:
    """The units of :func:`unit_ids`, in id order (the order they are written in)."""
    return [guessed_unit(ids[name], name) for name in sorted(ids, key=ids.__getitem__)]
