"""The browser assets static slides need offline: reveal.js, MathJax, require.js and jQuery.

They come from the npm registry at build time, pinned to a version and to the tarball's sha512
(npm's `integrity`), cached in .kit-cache/npm/ and copied next to the slides, never committed.
Only the files a slide page loads are extracted, and only regular files under `package/`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kit.errors import KitError


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str                 # npm's "sha512-<base64>" of the tarball
    files: tuple[str, ...]         # paths or folders inside the package that the pages load

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:      # the name `npm pack` gives it (unscoped packages)
        return f"{self.name}-{self.version}.tgz"

    @property
    def folder(self) -> str:       # where it lands under assets/
        return f"{self.name}-{self.version}"


REVEAL = Package(
    "reveal.js", "5.2.1",
    "sha512-r7//6mIM5p34hFiDMvYfXgyjXqGRta+/psd9YtytsgRlrpRzFv4RbH76TXd2qD+7ZPZEbpBDhdRhJaFgfQ7zNQ==",
    ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/theme/fonts/source-sans-pro",
     "plugin/notes/notes.js", "LICENSE"),
)
MATHJAX = Package(
    "mathjax", "3.2.2",
    "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
    # the combined TeX + CommonHTML component, its web fonts, and what its menu loads on demand
    ("es5/tex-chtml-full.js", "es5/output/chtml", "es5/input/tex", "es5/a11y", "es5/ui", "es5/sre", "LICENSE"),
)
REQUIREJS = Package(
    "requirejs", "2.3.7",
    "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
    ("require.js", "LICENSE"),
)
JQUERY = Package(
    "jquery", "3.7.1",
    "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
    ("dist/jquery.min.js", "LICENSE.txt"),
)
PACKAGES = (REVEAL, MATHJAX, REQUIREJS, JQUERY)
STAMP = ".kit-complete"   # written last into an extracted folder; holds the tarball's integrity


def cache_dir(root: Path) -> Path:
    return root / ".kit-cache" / "npm"


def integrity_of(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def fetch(packages: tuple[Package, ...], cache: Path) -> dict[str, Path]:
    """Each package's tarball in the cache, downloaded with `npm pack` when missing or damaged."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = [p for p in packages if not _cached(p, cache)]
    if missing:
        _npm_pack(missing, cache)
        for p in missing:
            if not (cache / p.tarball).exists():
                raise KitError(f"npm did not produce {p.tarball} in {cache}; rerun, or fetch it by hand: "
                               f"npm pack {p.spec} --pack-destination {cache}")
            got = integrity_of(cache / p.tarball)
            if got != p.integrity:
                (cache / p.tarball).unlink()
                raise KitError(f"{p.spec} from the npm registry does not match the pinned checksum "
                               f"(got {got[:24]}…); check your npm registry setting (npm config get registry)")
    return {p.name: cache / p.tarball for p in packages}


def _cached(p: Package, cache: Path) -> bool:
    path = cache / p.tarball
    if not path.exists():
        return False
    if integrity_of(path) == p.integrity:
        return True
    path.unlink()          # damaged or replaced: fetch it again rather than trust it
    return False


def _npm_pack(packages: list[Package], cache: Path) -> None:
    npm = shutil.which("npm")
    names = ", ".join(p.tarball for p in packages)
    if not npm:
        raise KitError(f"the slides need {names} from the npm registry, and npm is not installed; "
                       f"install Node.js and npm (apt-get install npm), or copy those files into {cache}/")
    command = [npm, "pack", *(p.spec for p in packages), "--pack-destination", str(cache), "--json",
               "--ignore-scripts", "--prefer-offline", "--fetch-retries=1", "--fetch-retry-mintimeout=2000",
               "--fetch-retry-maxtimeout=10000", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "npm_config_update_notifier": "false"})
    except subprocess.TimeoutExpired:
        raise KitError(f"npm took more than 10 minutes to fetch {names}; check the network and rerun")
    if done.returncode != 0:
        raise KitError(f"could not fetch {names} from the npm registry ({_npm_reason(done)}); "
                       f"connect to the internet once and rerun (they are cached in {cache}/ afterwards)")


def _npm_reason(done: subprocess.CompletedProcess) -> str:
    """npm's one-line summary of what went wrong (its --json error, else the first telling stderr line)."""
    text = done.stdout.strip()
    try:
        error = json.loads(text).get("error", {}) if text.startswith("{") else {}
    except json.JSONDecodeError:
        error = {}
    summary = error.get("summary") if isinstance(error, dict) else None
    if summary:
        return summary.strip().splitlines()[0]
    lines = [l.strip() for l in done.stderr.splitlines() if l.strip() and "Unknown user config" not in l
             and not l.startswith("npm error A complete log")]
    for line in lines:
        if "code E" in line or "ENOTFOUND" in line or "ECONNREFUSED" in line or "ETIMEDOUT" in line:
            return line.removeprefix("npm error ").strip()
    return (lines[0].removeprefix("npm error ").strip() if lines else f"npm exited with {done.returncode}")


def wanted(name: str, files: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f.rstrip("/") + "/") for f in files)


def extract(tgz: Path, dest: Path, files: tuple[str, ...]) -> int:
    """Copy the regular files under `package/<files…>` from an npm tarball into dest; return how many.

    Never follows or creates links, never writes outside dest, ignores everything not asked for."""
    count = 0
    dest.mkdir(parents=True, exist_ok=True)
    base = dest.resolve()
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue                               # directories, links, devices: never
            parts = PurePosixPath(member.name).parts
            if len(parts) < 2 or parts[0] != "package" or any(p in ("", ".", "..") for p in parts):
                continue
            rel = PurePosixPath(*parts[1:])
            if rel.is_absolute() or not wanted(rel.as_posix(), files):
                continue
            target = (base / rel).resolve()
            if base not in target.parents:
                raise KitError(f"{tgz.name} holds a file outside its folder ({member.name}); delete {tgz} and rerun")
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            with source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            os.chmod(target, 0o644)
            count += 1
    return count


def install(out_dir: Path, root: Path) -> dict[str, str]:
    """Put every package's page files under out_dir/assets/; return each package's URL relative to out_dir."""
    assets = out_dir / "assets"
    todo = [p for p in PACKAGES if _stamp(assets / p.folder) != p.integrity]
    if todo:
        tarballs = fetch(tuple(todo), cache_dir(root))
        assets.mkdir(parents=True, exist_ok=True)
        for p in todo:
            final = assets / p.folder
            staging = Path(tempfile.mkdtemp(prefix=f".{p.folder}-", dir=assets))
            os.chmod(staging, 0o755)   # mkdtemp makes it private; a web server may serve these
            try:
                if extract(tarballs[p.name], staging, p.files) == 0:
                    raise KitError(f"{p.tarball} holds none of the files the slides need; delete it from "
                                   f"{cache_dir(root)}/ and rerun")
                (staging / STAMP).write_text(p.integrity)
                if final.exists():
                    shutil.rmtree(final)
                staging.rename(final)
            finally:
                if staging.exists():
                    shutil.rmtree(staging)
    return {p.name: f"assets/{p.folder}" for p in PACKAGES}


def _stamp(folder: Path) -> str:
    try:
        return (folder / STAMP).read_text().strip()
    except OSError:
        return ""
