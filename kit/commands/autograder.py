"""`kit autograder --out autograder.zip`: a Gradescope autograder (setup.sh, run_autograder, the kit)."""

from __future__ import annotations

from kit.errors import KitError


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="ZIP", default="autograder.zip", help="the zip to write (default autograder.zip)")
    parser.add_argument("--session", metavar="SESSION", help="grade one session (a learner may then upload exercises.py alone)")


SETUP = """#!/usr/bin/env bash
# Gradescope runs this once when the autograder image is built: the learner's path only.
set -euo pipefail
apt-get update -q && apt-get install -y -q python3 python3-pip python3-venv
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this per submission; writes $ROOT/results/results.json.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${KIT_PYTHON:-$ROOT/venv/bin/python}"
cd "$ROOT/source"
exec "$PYTHON" -m kit.autograde "$ROOT"
"""


def run(args) -> int:
    import shutil
    import tempfile
    import zipfile
    from pathlib import Path

    from kit.config import repo_root
    from kit.release import release
    from kit.sessions import resolve

    root = repo_root()
    out = Path(args.out).resolve()
    if out.suffix != ".zip":
        raise KitError(f"--out {out.name} must end in .zip (Gradescope takes a zip)")
    only = resolve([args.session], root)[0].name if args.session else ""
    with tempfile.TemporaryDirectory() as tmp:
        source = release(root, Path(tmp) / "source")
        if only:
            (source / "AUTOGRADER_SESSION").write_text(only + "\n")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in (("setup.sh", SETUP), ("run_autograder", RUN)):
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o755 << 16
                zf.writestr(info, text)
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    zf.write(path, f"source/{path.relative_to(source).as_posix()}")
        shutil.rmtree(source, ignore_errors=True)
    print(f"wrote {out}: upload it as the assignment's autograder (Gradescope, 'Zip file upload')")
    return 0
