"""Dock and dialogs: build parameters, start algorithms as tasks, show results. No analysis."""
