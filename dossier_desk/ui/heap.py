"""Keep the garbage collector's full passes short while the window is in use.

A full (generation 2) collection walks every tracked object in the process: at start-up that is every
module, class and function of Qt, httpx, MSAL and the app, and it stalled the window for 50-100 ms at a
time during a sync. Objects alive once the window is built (and once the table is filled) live as long
as the session, so they are moved out of the collector's view with :func:`gc.freeze`; later full passes
walk only what was made since. Reference counting still frees everything as usual; only reference
cycles already alive at a freeze are kept until the process ends.

It also holds the two calls that keep the C allocator from holding on to the table's fill's memory
(:func:`large_blocks_mapped`, :func:`return_free_memory`).
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import Any


def settle_heap() -> None:
    """Freeze what is alive now (long-lived: modules, the window, the table's rows); see the module."""
    gc.freeze()


_M_TRIM_THRESHOLD = -1  # mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
_LARGE_BLOCK = 256 * 1024
_AFTER_FILL = 4 * 1024 * 1024  # afterwards: a 1 MB upload chunk comes from the heap, not a fresh map


@contextlib.contextmanager
def large_blocks_mapped() -> Iterator[None]:
    """While the table's fill runs, have glibc map every block of 256 KB or more on its own.

    glibc raises its mapping threshold each time it frees a mapped block, so after a few pages of
    decoded rows the fill's big short-lived blocks (a page's rows, a batch's growing columns) came from
    the worker thread's heap instead; ``malloc_trim`` cannot give back the top of such a heap, which
    at 100k rows now and then kept 10-16 MB in memory. Fixed thresholds keep big blocks mapped (freed,
    they are unmapped at once) and let heaps shrink. Afterwards the thresholds are set to 4 MB (maps)
    and 8 MB (trims): mapping every 1 MB block anew would cost page faults on each (uploads, sync
    pages). Elsewhere than glibc this does nothing.
    """
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, _LARGE_BLOCK)
        libc.mallopt(_M_TRIM_THRESHOLD, _LARGE_BLOCK)
    try:
        yield
    finally:
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, _AFTER_FILL)
            libc.mallopt(_M_TRIM_THRESHOLD, 2 * _AFTER_FILL)


def _glibc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # only here: a Linux-only call after start-up

        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def return_free_memory() -> None:
    """Give the C allocator's free memory back to the system (glibc keeps it otherwise).

    Filling the table frees far more than it keeps (each page of decoded rows, the columns of the batch
    being built), and glibc holds on to freed memory inside its arenas: tens of MB at 100k rows that the
    process would never use again. ``malloc_trim`` releases it; elsewhere this does nothing.
    """
    libc = _glibc()  # not glibc (musl has no malloc_trim): nothing to do
    if libc is not None:
        libc.malloc_trim(0)
