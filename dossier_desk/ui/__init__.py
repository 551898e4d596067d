"""Qt user interface of Dossier Desk.

Only this package imports Qt. Widgets receive their collaborators (repository, sync control, settings,
the event bridge) through their constructors; see :mod:`dossier_desk.ui.ports` for what they need.
"""
