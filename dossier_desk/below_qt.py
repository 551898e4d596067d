"""The layers below the UI, imported before Qt when the app (or its start-up benchmark) starts.

Once imported, PySide6 checks every module imported after it for its ``__feature__`` switches by
reading that module's source (``inspect.getsource``), a fraction of a millisecond per module. The
config, API, domain and store modules never import Qt (lint-enforced layering) and are all needed
before the window's first paint, so importing them first is the same work minus ~150 of those checks.
The same holds for the UI's Qt-free modules (the table's row storage and filter, its Next deadline
column, the task scope) and for ``keyring``, which the cache key (or the sign-in's token cache) needs
before the first paint: it costs ~15 ms more when imported after Qt. When keyring is switched off it
is not imported at all. A module listed here that starts importing Qt must leave this list
(``tests/gui/test_start_order.py`` checks that nothing here imports Qt).

The garbage collector is paused from here until the entry point has imported its modules and calls
:func:`modules_loaded` (see :mod:`dossier_desk.collector_pause`).
"""

from __future__ import annotations

import dossier_desk.collector_pause

# isort: split
import dossier_desk.api.deferred
import dossier_desk.api.tokens
import dossier_desk.capabilities
import dossier_desk.config
import dossier_desk.domain.deadlines
import dossier_desk.session_config
import dossier_desk.store.accounts
import dossier_desk.store.first_rows
import dossier_desk.store.session
import dossier_desk.store.upload_rules
import dossier_desk.store.wipe
import dossier_desk.ui.documents.temp_files
import dossier_desk.ui.following
import dossier_desk.ui.heap
import dossier_desk.ui.models.deadline_column
import dossier_desk.ui.models.dossier_filter
import dossier_desk.ui.ports
import dossier_desk.ui.task_scope
import dossier_desk.ui.workflow.ports
from dossier_desk.store.crypto import keyring_switched_off

if keyring_switched_off() is None:
    import keyring  # noqa: F401


def modules_loaded() -> None:
    """The entry point's modules are imported: freeze what they made and let the collector run again."""
    dossier_desk.collector_pause.resume()
