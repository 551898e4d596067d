"""The status bar's connection text while the sign-in service refuses the session: a reachable server
still reads "Not signed in" (it answered, but not to us), working offline says so, and a new token
brings back the connection state as last reported."""

from __future__ import annotations

from dossier_desk.ui.views.status_bar import DossierStatusBar


def test_a_refused_session_reads_not_signed_in_until_a_new_token(qtbot) -> None:
    bar = DossierStatusBar("caseworker@demo", "Sandbox")
    qtbot.addWidget(bar)
    bar.show_not_signed_in()
    bar.on_connectivity_changed(True, False)  # the next sync pass reached the server
    assert "Not signed in" in bar.connectivity.text()
    bar.on_connectivity_changed(True, True)
    assert "Working offline" in bar.connectivity.text()
    bar.on_connectivity_changed(False, False)
    assert "Not signed in" in bar.connectivity.text()
    bar.show_signed_in()
    assert "Offline" in bar.connectivity.text()  # as last reported
    bar.on_connectivity_changed(True, False)
    assert "Online" in bar.connectivity.text()
