"""Running learner code in confined child processes, with a wall clock enforced from outside.

runner.py is the kit's side (lanes, run orders, the report state machine), lanes.py the forked
side (zygote, lane template, supervisor, learner), reports.py what the kit accepts back,
channel.py the frames, sources.py how a learner's file is read, start.py the first fork.
"""

__all__ = ["ExerciseRun", "Job", "LaneLost", "Sandbox"]


def __getattr__(name: str):
    # Loaded on first use, so `kit.sandbox.start` can fork before NumPy is imported.
    if name in __all__:
        from kit.sandbox import runner

        return getattr(runner, name)
    raise AttributeError(name)
