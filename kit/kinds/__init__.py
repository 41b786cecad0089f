"""Judges for kinds of exercise that more than one session may meet (an iterative solver's tolerance,
a subspace known up to sign, …). A session's checks.py uses them; it never re-implements one."""
