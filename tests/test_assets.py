"""Slide assets from the npm registry: pinned by checksum, cached, extracted safely, and a clear
one-line error when they can neither be fetched nor found in the cache."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import sessions
from kit import assets
from kit.errors import KitError


def tarball(path: Path, members: dict[str, bytes | str]) -> Path:
    """An npm-style .tgz; a str value makes a symlink to that target."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            if isinstance(data, str):
                info.type, info.linkname = tarfile.SYMTYPE, data
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def test_extract_takes_only_the_wanted_regular_files(tmp_path):
    tgz = tarball(tmp_path / "p.tgz", {
        "package/dist/reveal.js": b"ok",
        "package/dist/theme/white.css": b"css",
        "package/README.md": b"not wanted",
        "package/dist/../../escape.js": b"outside",
        "/etc/absolute.js": b"absolute",
        "package/dist/link.js": "/etc/passwd",
    })
    dest = tmp_path / "out"
    assert assets.extract(tgz, dest, ("dist/reveal.js", "dist/theme")) == 2
    got = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file() or p.is_symlink())
    assert got == ["dist/reveal.js", "dist/theme/white.css"]
    assert not (tmp_path / "escape.js").exists() and not list(tmp_path.glob("**/link.js"))


def test_a_damaged_cached_tarball_is_fetched_again(tmp_path, monkeypatch):
    good = tarball(tmp_path / "good.tgz", {"package/a.js": b"a"})
    package = assets.Package("demo", "1.0.0", assets.integrity_of(good), ("a.js",))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / package.tarball).write_bytes(b"damaged")
    fetched = []

    def fake_pack(packages, where):
        fetched.extend(p.name for p in packages)
        shutil.copy(good, where / package.tarball)

    monkeypatch.setattr(assets, "_npm_pack", fake_pack)
    path = assets.fetch((package,), cache)["demo"]
    assert fetched == ["demo"] and assets.integrity_of(path) == package.integrity
    fetched.clear()
    assets.fetch((package,), cache)
    assert fetched == [], "a good cached tarball is used as it is"


def test_a_tarball_that_does_not_match_the_pin_is_refused(tmp_path, monkeypatch):
    package = assets.Package("demo", "1.0.0", "sha512-" + "A" * 86 + "==", ("a.js",))
    monkeypatch.setattr(assets, "_npm_pack",
                        lambda packages, where: tarball(where / package.tarball, {"package/a.js": b"evil"}))
    with pytest.raises(KitError, match="does not match the pinned checksum"):
        assets.fetch((package,), tmp_path)
    assert not (tmp_path / package.tarball).exists()


def offline_checkout(tmp_path: Path) -> Path:
    """A checkout with one session and an empty asset cache."""
    session = sessions()[0]
    shutil.copytree(session.path, tmp_path / "sessions" / session.name)
    return tmp_path


@pytest.mark.parametrize("env,says", [
    pytest.param({"npm_config_registry": "http://127.0.0.1:9/"}, "could not fetch", id="registry-unreachable"),
    pytest.param({"PATH": "/nonexistent"}, "npm is not installed", id="no-npm"),
])
def test_kit_slides_without_assets_says_so_in_one_line(tmp_path, env, says):
    root = offline_checkout(tmp_path / "checkout")
    done = subprocess.run(
        [sys.executable, "-m", "kit", "slides", "01", "--out", str(tmp_path / "slides")], cwd=root,
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "KIT_ROOT": str(root), "npm_config_cache": str(tmp_path / "npm-cache"),
             "npm_config_fetch_retries": "0", **env})
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], done.stderr
    assert "reveal.js-5.2.1.tgz" in lines[0] and "Traceback" not in done.stderr
    assert not (tmp_path / "slides" / "01-relu-backprop.html").exists()


def test_pins_name_every_file_a_slide_page_loads():
    reveal = dict((p.name, p) for p in assets.PACKAGES)["reveal.js"]
    assert assets.wanted("dist/theme/white.css", reveal.files)
    assert assets.wanted("dist/theme/fonts/source-sans-pro/source-sans-pro-regular.woff", reveal.files)
    assert assets.wanted("plugin/notes/notes.js", reveal.files)
    assert not assets.wanted("dist/theme/simple.css", reveal.files), "simple.css imports Google web fonts"
