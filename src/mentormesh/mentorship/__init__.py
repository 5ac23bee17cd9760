"""Mentorship in the app: the engine's ties persisted, maps, confirmations, marks, requests."""
