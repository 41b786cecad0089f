"""Headless Chromium (Debian's, driven by Selenium and chromedriver) with the network cut.

Used to print handouts and by tests/test_browser.py. The browser gets a fresh profile and the flags
that keep it quiet, and cannot reach anything but this machine: every host name resolves to nothing
(except 127.0.0.1) and every connection goes through a proxy port that refuses, which also stops
IP-literal URLs; loopback bypasses the proxy. Chromium's performance log records each request the
page makes, so `requests()` can show that none left the machine.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kit.errors import KitError

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = "apt-get install chromium chromium-driver"
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
         "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication"]
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome", "chrome-untrusted", "chrome-error", "devtools"}
# Pages of the browser's own (its new-tab page, loaded in the background now and then) are not ours.
BROWSER_PAGES = {"chrome", "chrome-untrusted", "devtools"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Request:
    url: str
    failed: str = ""          # Chromium's error text when the load failed, e.g. net::ERR_FILE_NOT_FOUND
    document: str = ""        # the page that asked for it

    @property
    def external(self) -> bool:
        return not is_local(self.url) and urlsplit(self.document).scheme not in BROWSER_PAGES


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") in LOOPBACK


def file_url(path: Path, query: str = "") -> str:
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def check_installed() -> None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            raise KitError(f"{path} is missing: the handouts and browser tests need Debian's Chromium; {INSTALL}")
    try:
        import selenium  # noqa: F401
    except ImportError:
        raise KitError("Selenium is not installed here; run `make handouts`, which installs it")


class Browser:
    """One headless Chromium for many pages: `with Browser() as b: b.open(url); b.driver…`."""

    def __init__(self, width: int = 1000, height: int = 750):
        check_installed()
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service

        self.profile = Path(tempfile.mkdtemp(prefix="kit-chromium-"))
        # A port that is bound but never listens: connecting to it is refused at once.
        self._dead = socket.socket()
        self._dead.bind(("127.0.0.1", 0))
        dead_port = self._dead.getsockname()[1]
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in [*QUIET, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                     f"--proxy-server=http://127.0.0.1:{dead_port}"]:
            options.add_argument(flag)
        # "none": never block on a page that keeps loading, such as reveal's speaker view (it writes
        # itself into about:blank and never closes the document); callers wait for what they need.
        options.page_load_strategy = "none"
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        service = Service(executable_path=str(CHROMEDRIVER), log_output=subprocess.DEVNULL)
        try:
            self.driver = webdriver.Chrome(service=service, options=options)
        except WebDriverException as err:
            self._cleanup()
            first = (err.msg or str(err)).strip().splitlines()[0]
            raise KitError(f"Chromium did not start ({first}); check `{CHROMIUM} --headless --version`, or {INSTALL}")
        self.driver.set_script_timeout(60)
        # --window-size counts invisible browser chrome in headless mode: make the page itself width × height.
        inner = self.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        self.driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self._cleanup()

    def _cleanup(self) -> None:
        self._dead.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def open(self, url: str, seconds: float = 60) -> None:
        """Load a page (until its DOM is parsed), forgetting the requests of earlier pages."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        self.requests()
        self.driver.execute_script("window.__kitOldPage = true")   # gone once the new page is there
        self.driver.get(url)
        try:
            WebDriverWait(self.driver, seconds, poll_frequency=0.05).until(lambda d: d.execute_script(
                "return !window.__kitOldPage && document.readyState !== 'loading'"))
        except TimeoutException:
            raise KitError(f"{url} did not load within {seconds:g} s")

    def requests(self) -> list[Request]:
        """Every request the page made since the last call (its URL, and why it failed if it did)."""
        urls: dict[str, str] = {}
        documents: dict[str, str] = {}
        failed: dict[str, str] = {}
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method", ""), message.get("params", {})
            if method == "Network.requestWillBeSent":
                urls.setdefault(params["requestId"], params["request"]["url"])
                documents.setdefault(params["requestId"], params.get("documentURL", ""))
            elif method == "Network.webSocketCreated":
                urls.setdefault(params["requestId"], params["url"])
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                failed[params["requestId"]] = params.get("errorText") or "failed"
        return [Request(url, failed.get(rid, ""), documents.get(rid, "")) for rid, url in urls.items()]

    def wait_ready(self, what: str, seconds: float = 60) -> str:
        """Wait for kit's slide pages to say they are typeset (window.kitReady); return the view."""
        from selenium.common.exceptions import TimeoutException

        self.driver.set_script_timeout(seconds)
        try:
            return self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "if (!window.kitReady) { done('no kitReady: not a page made by kit slides'); return; }"
                "window.kitReady.then(() => done(document.documentElement.dataset.kitReady),"
                "                     (e) => done('failed: ' + e));")
        except TimeoutException:
            raise KitError(f"{what} did not finish loading within {seconds:g} s; open it in a browser to see why")
