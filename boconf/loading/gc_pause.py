"""Pausing the cyclic garbage collector while a large organisation is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, then move what survived out of its reach.

    Loading creates millions of long-lived objects and no reference cycles; the collector
    would rescan them over and over (more than half the load time), and after loading every
    later allocation-heavy step (linting, rendering) would pay for full collections over
    them. ``gc.freeze()`` parks the survivors in the permanent generation instead.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
