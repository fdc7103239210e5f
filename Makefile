# The report's two commands: `make book` and `make test` (see README.md).
# Each first installs what is missing, so a fresh Debian or Ubuntu machine needs nothing else;
# on a ready machine the set-up steps find their stamps and take a second.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
BUILD := _build
# Chapters and build scripts import the package of this tree, even from a copy that shares another's venv.
export PYTHONPATH := $(CURDIR)

# The book is built from data/ only. Another folder can be checked (`make validate DATA=...`), never half-used:
# a build that validated one folder and executed the chapters on another would publish what nobody checked.
ifneq ($(DATA),data)
ifneq ($(filter-out validate,$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
$(error DATA=$(DATA) is only for `make validate`; the book is built from data/ (copy the repository to build other data))
endif
endif

# Debian packages: TeX Live (XeLaTeX) for the PDF, Chromium for the browser checks, poppler for PDF checks,
# Liberation Sans (the metric twin of Arial and Helvetica) so that a chart's text prints and shows as wide as
# vl-convert measured it; Node.js and npm (for axe-core) only when no npm is on the PATH, since some machines carry
# their own Node.js.
APT_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex \
	latexmk fonts-freefont-otf fonts-liberation chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Set-up steps are skipped when the SHA-256 of what they install from equals the one recorded last time.
PY_LOCK_FILES := requirements.txt requirements.lock pyproject.toml
NODE_LOCK_FILES := package.json package-lock.json

.PHONY: book test test-incremental validate contract setup system-packages venv node-modules outputs clean

## ------------------------------------------------------------------ set-up
setup: system-packages venv node-modules

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The lock pins every package (and setuptools, wheel); requirements.txt names what the report uses.
venv:
	@want=$$(cat $(PY_LOCK_FILES) | sha256sum); \
	if [ "$$(cat $(VENV)/.installed 2>/dev/null)" != "$$want" ]; then \
		set -x; \
		test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
		$(BIN)/python -m pip install --quiet --upgrade pip; \
		$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements.lock; \
		$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .; \
		echo "$$want" > $(VENV)/.installed; \
	fi

# Node.js packages pinned by package-lock.json: PurgeCSS, which the build runs on the site's stylesheet, axe-core,
# which the accessibility checks inject into each page, and Lighthouse for the benchmark.
node-modules:
	@want=$$(cat $(NODE_LOCK_FILES) | sha256sum); \
	if [ "$$(cat node_modules/.installed 2>/dev/null)" != "$$want" ]; then \
		set -x; \
		npm ci --no-audit --no-fund; \
		echo "$$want" > node_modules/.installed; \
	fi

## ------------------------------------------------------------------ the data
# `make validate DATA=<folder>` checks another folder laid out like data/.
validate: venv
	$(BIN)/python -m kadiz.validate $(DATA)

## ------------------------------------------------------------------ the book
# Validates data/, re-executes the chapters whose inputs changed, lets Sphinx rebuild the pages that changed in
# both editions, and publishes each site with its PDF (scripts/build_book.py says how it decides). One build at
# a time per folder: a second waits for the first; Ctrl-C stops every worker and kernel the build started.
book: setup
	$(BIN)/python scripts/build_book.py

## ------------------------------------------------------------------ the checks
# pytest over the package and the data, strict nbval over every chapter, and checks of the built site and
# PDF (tests/test_site.py and others read _build/); its options, on every core, are in pyproject.toml.
test: book
	$(BIN)/python -m pytest

# The data contract's property test at length: many more generated edits of the data than the few, always the same,
# that `make test` runs (tests/test_contract.py; Hypothesis profile "contract", new examples each run). Needs no
# build; each example validates a copy of data/ and re-runs the chapters that read what it changed (tens of minutes).
contract: venv
	$(BIN)/python -m pytest tests/test_contract.py -o addopts="-p no:cacheprovider" -n 0 --hypothesis-profile=contract \
		--hypothesis-show-statistics

# An incremental build equals a clean one, and Ctrl-C in the PDF phase keeps the last site whole (tests/test_incremental.py:
# four builds of the book in temporary copies, 30 minutes on a busy 2-core machine; CI runs it after `make test`).
test-incremental: setup
	$(BIN)/python -m pytest tests/test_incremental.py -m incremental -n 0

# For a build from nothing: `make book` after it rebuilds every page and re-executes no chapter.
clean:
	rm -rf $(BUILD)

## ------------------------------------------------------------------ for authors
# Re-executes every chapter in place (`make book` re-executes only the chapters whose inputs changed).
outputs: venv
	$(BIN)/python -m kadiz.validate
	$(BIN)/python scripts/execute_chapters.py

## ------------------------------------------------------------------ by hand
.PHONY: reproducible benchmark serve lab

# The built site on http://127.0.0.1:8000/ (PORT=... for another); search shows page snippets only over http.
PORT ?= 8000
serve: book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(BUILD)/html

# JupyterLab, offline, on the teacher's reader notebooks copied into lab/ (not committed; edits there are kept, and
# never reach chapters/). LAB_ARGS passes options to JupyterLab, e.g. LAB_ARGS=--no-browser.
LAB_ARGS ?=
lab: book
	$(BIN)/python scripts/lab.py $(LAB_ARGS)

# Executes and builds HEAD twice in fresh clones, each with its own venv, and compares the chapters, figures/
# and the site (a few minutes; not part of `make test`). `make reproducible VENV=$PWD/.venv` reuses this venv.
reproducible:
	$(PYTHON) scripts/check_reproducible.py

# Build, rebuild (after a prose typo, a docstring edit and a data edit), test and PDF times, and the weight of
# each page (prints a table; checks nothing).
benchmark: setup
	$(BIN)/python scripts/benchmark.py
