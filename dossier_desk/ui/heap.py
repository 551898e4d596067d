"""Keep the garbage collector's full passes short while the window is in use.

A full (generation 2) collection walks every tracked object in the process: at start-up that is every
module, class and function of Qt, httpx, MSAL and the app, and it stalled the window for 50-100 ms at a
time during a sync. Objects alive once the window is built (and once the table is filled) live as long
as the session, so they are moved out of the collector's view with :func:`gc.freeze`; later full passes
walk only what was made since. Reference counting still frees everything as usual; only reference
cycles already alive at a freeze are kept until the process ends.
"""

from __future__ import annotations

import gc
import sys


def settle_heap() -> None:
    """Freeze what is alive now (long-lived: modules, the window, the table's rows); see the module."""
    gc.freeze()


def return_free_memory() -> None:
    """Give the C allocator's free memory back to the system (glibc keeps it otherwise).

    Filling the table frees far more than it keeps (each page of decoded rows, the columns of the batch
    being built), and glibc holds on to freed memory inside its arenas: tens of MB at 100k rows that the
    process would never use again. ``malloc_trim`` releases it; elsewhere this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes  # only here: a Linux-only call after start-up

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
