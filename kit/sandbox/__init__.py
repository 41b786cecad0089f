"""Running learner code in confined child processes, with a wall clock enforced from outside.

runner.py is the kit's side (lanes, run orders, the report state machine), lanes.py the forked
side (zygote, lane template, supervisor, learner), reports.py what the kit accepts back,
channel.py the frames, sources.py how a learner's file is read.
"""

from kit.sandbox.runner import ExerciseRun, Job, LaneLost, Sandbox

__all__ = ["ExerciseRun", "Job", "LaneLost", "Sandbox"]
