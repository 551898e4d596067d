"""Dialogs. All are opened with ``open()`` (window-modal, non-blocking) so the qasync loop keeps running;
callers connect to their signals instead of waiting on ``exec()``, which qasync cannot run inside a
coroutine ("Cannot enter into task ... while another task is being executed")."""
