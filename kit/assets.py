"""The browser assets static slides need offline: reveal.js, MathJax, require.js and jQuery.

They come from the npm registry at build time, pinned to a version and to the tarball's sha512
(npm's `integrity`), cached in .kit-cache/npm/ and copied next to the slides, never committed.
The tarballs are downloaded from the registry's tarball addresses with the standard library, so
building slides needs no Node.js or npm; $npm_config_registry (npm's own setting) picks a mirror.
Only the files a slide page loads are extracted, and only regular files under `package/`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
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

    def url(self, registry: str) -> str:   # the registry's tarball address (unscoped packages)
        return f"{registry.rstrip('/')}/{self.name}/-/{self.tarball}"


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
REGISTRY = "https://registry.npmjs.org"


def cache_dir(root: Path) -> Path:
    return root / ".kit-cache" / "npm"


def integrity_of(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def registry() -> str:
    return os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY") or REGISTRY


def fetch(packages: tuple[Package, ...], cache: Path) -> dict[str, Path]:
    """Each package's tarball in the cache, downloaded when missing or damaged, checked against its pin."""
    cache.mkdir(parents=True, exist_ok=True)
    for p in packages:
        if not _cached(p, cache):
            _download(p, cache, [q.tarball for q in packages if not (cache / q.tarball).exists()])
    return {p.name: cache / p.tarball for p in packages}


def _cached(p: Package, cache: Path) -> bool:
    path = cache / p.tarball
    if not path.exists():
        return False
    if integrity_of(path) == p.integrity:
        return True
    path.unlink()          # damaged or replaced: fetch it again rather than trust it
    return False


def _download(p: Package, cache: Path, missing: list[str]) -> None:
    """cache/<tarball> from the registry, kept only when its sha512 is the pinned one."""
    import urllib.error
    import urllib.request

    url = p.url(registry())
    partial = Path(tempfile.mkstemp(prefix=f".{p.tarball}-", dir=cache)[1])
    try:
        try:
            with urllib.request.urlopen(url, timeout=30) as answer, open(partial, "wb") as out:
                shutil.copyfileobj(answer, out)
        except urllib.error.HTTPError as err:
            raise KitError(f"could not fetch {p.tarball} from the npm registry ({url}: HTTP {err.code}); "
                           f"check the registry setting (npm_config_registry)")
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", None) or err
            raise KitError(f"could not fetch {', '.join(missing)} from the npm registry ({reason}); connect to "
                           f"the internet once and rerun (they are cached in {cache}/ afterwards)")
        got = integrity_of(partial)
        if got != p.integrity:
            raise KitError(f"{p.spec} from the npm registry does not match the pinned checksum "
                           f"(got {got[:24]}…); check the registry setting (npm_config_registry)")
        partial.rename(cache / p.tarball)
    finally:
        partial.unlink(missing_ok=True)


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
