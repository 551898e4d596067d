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


def settle_heap() -> None:
    """Freeze what is alive now (long-lived: modules, the window, the table's rows); see the module."""
    gc.freeze()
