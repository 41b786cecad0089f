"""`kit`: argument parsing and dispatch only. Each subcommand lives in kit/commands/."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

from kit.errors import KitError

COMMANDS = {
    "list": ("listing", "list the sessions, with title and exercises"),
    "check": ("check", "grade exercises against the derivations (a learner's own work)"),
    "present": ("present", "start Jupyter and print the URL of a session's live RISE slideshow"),
    "slides": ("slides", "export static reveal.js slides into build/slides/ (they work offline)"),
    "handout": ("handout", "print each session's slides as a PDF handout into build/handouts/ (needs chromium)"),
    "site": ("site", "write the course page build/index.html, linking every session's slides, handout and exercises"),
    "grade": ("grade", "grade a whole group's submissions into a gradebook, grades.csv and report.html"),
    "release": ("release", "write the learner edition (no solutions, no kit tests) into a folder"),
    "autograder": ("autograder", "build a Gradescope autograder zip (setup.sh, run_autograder, the learner edition)"),
    "new": ("new", "scaffold a new session folder (slides, derivations, exercises, checks, solution, README)"),
}


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit code 2, argparse's convention, no usage dump
        raise KitError(f"{message} (see `kit {self.prog.split()[-1] if ' ' in self.prog else ''} --help`)".replace("kit  --help", "kit --help"))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every command is listed; only the one being run is built and imports its module (a learner's
    `make check` should not pay for `kit present`'s)."""
    parser = Parser(prog="kit", description="The reading-group kit: present sessions, check exercises, grade a group.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    chosen = _chosen(argv) if argv is not None else None
    for name, (module, help_text) in COMMANDS.items():
        if chosen is None or name == chosen:
            cmd = sub.add_parser(name, help=help_text, description=help_text)
            importlib.import_module(f"kit.commands.{module}").add_arguments(cmd)
    return parser


def _chosen(argv: list[str]) -> str | None:
    """The command named before any other positional argument (None: list them all)."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or bool(os.environ.get("KIT_DEBUG"))
    if _chosen(argv) == "check":
        # A short run that allocates a lot while importing: the cyclic collector would only slow it.
        gc.disable()
        from kit.sandbox import start

        start.early()   # its sandbox forks first, before NumPy is imported (kit/sandbox/start.py)
    try:
        args = build_parser(argv).parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return 2
        if debug and args.command in ("check", "grade"):
            importlib.import_module("kit.grading").RAISE_JUDGE_ERRORS = True
        module = importlib.import_module(f"kit.commands.{COMMANDS[args.command][0]}")
        return int(module.run(args) or 0)
    except KitError as err:
        if debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:   # `kit check | head`: the reader left; nothing more to say, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        gc.enable()
        if "kit.sandbox.start" in sys.modules:
            sys.modules["kit.sandbox.start"].discard()   # forked early, never taken (a bad argument, say)
