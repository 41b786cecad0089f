"""Slide assets from the npm registry: pinned by checksum, cached, extracted safely, and a clear
one-line error when they can neither be fetched nor found in the cache."""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tarfile
import threading
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

    def fake_download(p, where, missing):
        fetched.append(p.name)
        shutil.copy(good, where / package.tarball)

    monkeypatch.setattr(assets, "_download", fake_download)
    path = assets.fetch((package,), cache)["demo"]
    assert fetched == ["demo"] and assets.integrity_of(path) == package.integrity
    fetched.clear()
    assets.fetch((package,), cache)
    assert fetched == [], "a good cached tarball is used as it is"


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """A local npm registry serving tarballs at /<name>/-/<name>-<version>.tgz; no Node.js on PATH."""
    root = tmp_path / "registry"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("npm_config_registry", f"http://127.0.0.1:{server.server_address[1]}/")
    monkeypatch.setenv("PATH", "/nonexistent")
    yield root
    server.shutdown()
    server.server_close()


def publish(registry: Path, name: str, version: str, members: dict) -> Path:
    folder = registry / name / "-"
    folder.mkdir(parents=True)
    return tarball(folder / f"{name}-{version}.tgz", members)


def test_tarballs_come_from_the_registry_address_without_npm(tmp_path, registry):
    good = publish(registry, "demo", "1.0.0", {"package/a.js": b"a"})
    package = assets.Package("demo", "1.0.0", assets.integrity_of(good), ("a.js",))
    path = assets.fetch((package,), tmp_path / "cache")["demo"]
    assert path.read_bytes() == good.read_bytes() and path.name == "demo-1.0.0.tgz"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["demo-1.0.0.tgz"], "no partial download left"


def test_a_tarball_that_does_not_match_the_pin_is_refused(tmp_path, registry):
    publish(registry, "demo", "1.0.0", {"package/a.js": b"evil"})
    package = assets.Package("demo", "1.0.0", "sha512-" + "A" * 86 + "==", ("a.js",))
    with pytest.raises(KitError, match="does not match the pinned checksum"):
        assets.fetch((package,), tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == [], "a tarball that failed its check is not kept"


def test_the_pinned_addresses_are_the_npm_registry_tarballs():
    urls = [p.url(assets.REGISTRY) for p in assets.PACKAGES]
    assert "https://registry.npmjs.org/reveal.js/-/reveal.js-5.2.1.tgz" in urls
    assert "https://registry.npmjs.org/mathjax/-/mathjax-3.2.2.tgz" in urls


def offline_checkout(tmp_path: Path) -> Path:
    """A checkout with one session and an empty asset cache."""
    session = sessions()[0]
    shutil.copytree(session.path, tmp_path / "sessions" / session.name)
    return tmp_path


@pytest.mark.parametrize("env,says", [
    pytest.param({"npm_config_registry": "http://127.0.0.1:9/"}, "could not fetch", id="registry-unreachable"),
    pytest.param({"npm_config_registry": "http://127.0.0.1:9/", "PATH": "/nonexistent"},
                 "could not fetch", id="offline-without-npm"),
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
