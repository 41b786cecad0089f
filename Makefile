# Every target sets itself up on first use: a .venv, then only the extras it needs.
# A newcomer needs two commands: `make check` and `make test`.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check
S      ?=
ARGS   ?=

.DEFAULT_GOAL := help
.PHONY: help check test present lab slides handouts site need-chromium bench grade release new clean

help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  S=01 picks a session, e.g. make check S=01; ARGS=... passes options to kit"

$(PY):
	@echo "setting up $(VENV) (first run only)..." >&2
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11+ needed (set PYTHON=python3.11)" >&2; exit 2; }
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.core: pyproject.toml | $(PY)
	@$(PIP) -e . 2>&1 | grep -v "^WARNING: Location" >&2 || true
	@$(PY) -m compileall -q kit >/dev/null || true
	@$(PY) -c 'import kit, numpy, sympy, rich' && touch $@

$(VENV)/.slides: pyproject.toml $(VENV)/.core
	@echo "installing Jupyter, RISE and nbconvert (first run only)..." >&2
	@$(PIP) -e '.[slides]' 2>&1 | grep -v "^WARNING: Location" >&2 || true
	@$(PY) -c 'import nbconvert, nbclient, jupyterlab_rise, matplotlib' && touch $@

$(VENV)/.browser: pyproject.toml $(VENV)/.slides
	@$(PIP) -e '.[browser]' 2>&1 | grep -v "^WARNING: Location" >&2 || true
	@$(PY) -c 'import selenium' && touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.slides
	@$(PIP) -e '.[test]' 2>&1 | grep -v "^WARNING: Location" >&2 || true
	@$(PY) -c 'import pytest, xdist, hypothesis, selenium, pypdf' && touch $@

check: $(VENV)/.core ## grade your exercises (S=01 for one session)
	@$(PY) -m kit check $(S) $(ARGS)

# >>> course-only: the kit's own tests are not in the learner edition (kit release)
# Two workers, one test file each at a time: a file's fixtures (built decks, a browser) are built once.
TEST_JOBS ?= 2
test: $(VENV)/.test ## run the kit's own test suite
	@$(PY) -m pytest -n $(TEST_JOBS) --dist loadfile $(ARGS)

# <<< course-only

present: $(VENV)/.slides ## present a session live with RISE: make present S=01
	@$(PY) -m kit present $(if $(S),$(S),01) $(ARGS)

lab: $(VENV)/.slides ## JupyterLab where exercises.py opens as a notebook (Jupytext): make lab S=01
	@$(PY) -m kit present --lab $(S) $(ARGS)

slides: $(VENV)/.slides ## export static reveal.js slides into build/slides/ (they work offline)
	@$(PY) -m kit slides $(S) $(ARGS)

handouts: need-chromium $(VENV)/.browser ## print PDF handouts into build/handouts/ (needs chromium)
	@$(PY) -m kit handout $(S) $(ARGS)

site: need-chromium $(VENV)/.browser ## the course page build/index.html, with every session's slides and handout
	@$(PY) -m kit site --build $(ARGS)

# Debian's Chromium prints the handouts (and runs the browser tests); nothing downloads a browser.
need-chromium:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { echo "error: /usr/bin/chromium or /usr/bin/chromedriver is missing; install them: apt-get install chromium chromium-driver" >&2; exit 2; }

# >>> course-only: benchmarks and group grading stay with the organizer
bench: $(VENV)/.core ## time `kit check` and `kit grade` (figures go in the README)
	@$(PY) bench/check.py $(ARGS)
	@$(PY) bench/grade.py $(ARGS)

grade: $(VENV)/.core ## grade a group: make grade SUBMISSIONS=dir (writes grades/)
	@$(PY) -m kit grade $(SUBMISSIONS) $(ARGS)

release: $(VENV)/.core ## write the learner edition: make release OUT=../learner-edition
	@$(PY) -m kit release $(OUT) $(ARGS)

new: $(VENV)/.core ## scaffold a new session: make new NAME=07-calibration
	@$(PY) -m kit new $(NAME) $(ARGS)

# <<< course-only

clean: ## remove build output and caches (keeps .venv and the downloaded slide assets)
	rm -rf build .pytest_cache $(filter-out .kit-cache/npm,$(wildcard .kit-cache/*))
