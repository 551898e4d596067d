"""Workflow log timeline, workflow action dialog and the sickness-absence deadline radar."""
