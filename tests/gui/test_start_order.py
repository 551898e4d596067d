"""Start-up order: the table paints before the network stack and the window's other parts are imported,
and everything works once they follow (a fresh process: this one has imported everything already)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.fresh_process import printed_json
from tests.gui.start_order_child import WATCHED


def test_the_table_paints_before_the_network_stack_and_the_tabs_are_imported(
    sandbox, caseworker_token: str, tmp_path: Path
) -> None:
    args = {
        "api_root": sandbox.api_root,
        "authority": sandbox.authority,
        "company_id": sandbox.company_id,
        "token": caseworker_token,
    }
    env = {**os.environ, "DOSSIER_DESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    report = printed_json(["-m", "tests.gui.start_order_child", json.dumps(args)], env, timeout=120)
    assert report["at_paint"] == [], "imported before the table painted"
    assert report["tabs_at_paint"] == 1  # Details only
    assert not report["contacts_at_paint"]  # the Contacts tab's view is built when first shown
    assert report["contacts_view"] == "ContactsView"
    assert report["contacts_in_page"]
    assert not report["form_at_paint"]  # the detail form: built with the window's other parts
    assert report["form_after_parts"]
    assert report["tabs"][:3] == ["Details", "Documents", "Workflow log"]
    assert report["documents_tab"]
    # The client was built at the sync's first request and filled the table from the sandbox.
    assert report["api_built"]
    assert report["httpx_now"]
    assert report["preferences_shown"]  # Edit > Preferences… imports its dialog's widgets when chosen
    assert report["rows"] > 0
    assert set(WATCHED) >= {"httpx", "cryptography", "dossier_desk.ui.documents.tab"}


def _printed_json(code: str, unset: str = "", **env: str) -> object:
    """Run ``code`` in a fresh interpreter (offscreen Qt, plus ``env``, without ``unset``) and return the
    JSON its last line printed."""
    base = {k: v for k, v in os.environ.items() if k != unset}
    return printed_json(["-c", code], {**base, "QT_QPA_PLATFORM": "offscreen", **env})


def test_the_app_imports_no_network_client_before_it_is_used() -> None:
    """The entry point and start-up sequence import MSAL (sign-in comes first) but not httpx, the API
    client or the start window's flow: a start on the profile used last needs none of them to paint."""
    code = (
        "import json, sys, dossier_desk.app; print(json.dumps([m for m in "
        "('httpx', 'dossier_desk.api.client', 'dossier_desk.ui.session.start_flow', "
        "'dossier_desk.ui.documents.tab', 'dossier_desk.ui.filecheck.wiring') if m in sys.modules]))"
    )
    assert _printed_json(code) == []


def test_the_layers_imported_before_qt_import_no_qt() -> None:
    """``dossier_desk.below_qt`` is imported before PySide6 (whose import hook then checks only the
    modules that follow): it must not pull Qt in itself."""
    code = (
        "import json, sys, dossier_desk.below_qt; "
        "print(json.dumps([m for m in sys.modules if 'PySide6' in m or 'shiboken' in m]))"
    )
    assert _printed_json(code) == []


def test_keyring_is_imported_before_qt_unless_it_is_switched_off() -> None:
    """The cache key needs keyring before the first paint (~15 ms dearer once PySide6's import hook is
    in place); with keyring's own "off" setting it is never imported for the cache key at all."""
    code = (
        "import json, sys, dossier_desk.below_qt; keyring = 'keyring' in sys.modules; "
        "import PySide6.QtWidgets; print(json.dumps(keyring))"
    )
    assert _printed_json(code, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring") is False
    assert _printed_json(code, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring") is False
    # Unset, keyring would discover a backend when first asked: importing it touches no keyring.
    assert _printed_json(code, unset="PYTHON_KEYRING_BACKEND") is True


def test_the_collector_is_paused_only_while_the_modules_load() -> None:
    """Loading the modules triggers ~100 collections for a few hundred garbage objects: none run until
    the entry point's imports are done; then what they made is frozen and the collector runs again."""
    assert _printed_json("import gc, json, dossier_desk.below_qt; print(json.dumps(gc.isenabled()))") is False
    code = (
        "import gc, json, dossier_desk.app; "
        "print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 10000, gc.collect() < 5000]))"
    )
    assert _printed_json(code) == [True, True, True]


def test_the_app_imports_its_qt_free_modules_before_qt() -> None:
    """PySide6's import hook reads the source of every module imported after it: the store, the cache
    key's keyring and the UI's Qt-free modules come first; the sign-in's stack (MSAL, requests,
    cryptography) is not imported with the app at all (a returning start builds its sign-in after the
    first paint)."""
    code = (
        "import json, sys, dossier_desk.app; order = list(sys.modules); "
        "print(json.dumps({m: m in sys.modules and order.index(m) < order.index('PySide6') for m in "
        "('keyring', 'dossier_desk.store.session', 'dossier_desk.ui.models.dossier_filter', "
        "'msal', 'requests', 'cryptography', 'dossier_desk.auth.session')}))"
    )
    assert _printed_json(code, unset="PYTHON_KEYRING_BACKEND") == {
        "keyring": True,
        "dossier_desk.store.session": True,
        "dossier_desk.ui.models.dossier_filter": True,
        "msal": False,
        "requests": False,
        "cryptography": False,
        "dossier_desk.auth.session": False,
    }
