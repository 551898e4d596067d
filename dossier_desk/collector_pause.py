"""No garbage collection while the app's modules load (imported first by ``dossier_desk.below_qt``).

Loading the modules makes ~60,000 long-lived objects and next to no garbage (a few hundred objects in
reference cycles), yet triggers ~100 collections that each walk the young objects: ~10 ms of a start.
The entry point calls :func:`resume` once its imports are done: what they made is frozen (as
``ui.heap`` does once the window is built) and the collector runs again.
"""

from __future__ import annotations

import gc

_was_enabled = gc.isenabled()
gc.disable()


def resume() -> None:
    """Freeze what the imports made and let the collector run again (if it ran before)."""
    gc.freeze()
    if _was_enabled:
        gc.enable()
