# The report's two commands: `make book` and `make test` (see README.md).
# Each first installs what is missing, so a fresh Debian or Ubuntu machine needs nothing else;
# on a ready machine the set-up steps find their stamps and take a second.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
BUILD := _build
PDF_NAME := kadiz-report.pdf
# Warnings are errors and every cross-reference must resolve, for the site and the PDF alike.
JB_FLAGS := -W -n --keep-going

# Debian packages: TeX Live (XeLaTeX) for the PDF, Chromium for the browser checks, poppler for PDF checks;
# Node.js and npm (for axe-core) only when no npm is on the PATH, since some machines carry their own Node.js.
APT_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex \
	latexmk fonts-freefont-otf chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CHAPTERS := $(wildcard chapters/*.ipynb chapters/*.md)
BOOK_SOURCES := _config.yml _toc.yml references.bib CITATION.cff $(CHAPTERS) $(wildcard _ext/*.py)
# The student edition: the same book with the solutions of the chapter questions hidden (_ext/edition.py).
STUDENT := $(BUILD)/student
# Inputs the execution cache cannot see (it keys on code cells only): a change clears the cache.
CACHE_INPUTS := $(shell find data kadiz -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: book html pdf student test validate setup system-packages outputs clean

## ------------------------------------------------------------------ set-up
setup: system-packages $(VENV)/.installed node_modules/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The lock pins every package (and setuptools, wheel); requirements.txt names what the report uses.
$(VENV)/.installed: requirements.txt requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# axe-core, which the accessibility checks inject into each page, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## ------------------------------------------------------------------ the data
# `make validate DATA=<folder>` checks another folder laid out like data/.
validate: $(VENV)/.installed
	$(BIN)/python -m kadiz.validate $(DATA)

## ------------------------------------------------------------------ the book
book: setup html pdf student

html: $(BUILD)/html/.stamp
pdf: $(BUILD)/html/_static/$(PDF_NAME)

$(BUILD)/.cache-inputs: $(CACHE_INPUTS) | $(VENV)/.installed
	rm -rf $(BUILD)/.jupyter_cache $(STUDENT)/_build/.jupyter_cache
	mkdir -p $(BUILD) && touch $@

# The data are validated before any chapter runs: the build stops on bad data.
$(BUILD)/html/.stamp: $(BOOK_SOURCES) $(BUILD)/.cache-inputs $(VENV)/.installed
	$(BIN)/python -m kadiz.validate $(DATA)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	touch $@

$(BUILD)/latex/$(PDF_NAME): $(BUILD)/html/.stamp
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)

# The site offers the PDF for download from every page (see _ext/report_pdf_link.py).
$(BUILD)/html/_static/$(PDF_NAME): $(BUILD)/latex/$(PDF_NAME)
	cp $< $@

# Site and PDF of the student edition, in _build/student/_build/{html,latex}.
student: $(STUDENT)/.stamp
$(STUDENT)/.stamp: $(BUILD)/html/.stamp
	KADIZ_EDITION=student $(BIN)/jupyter-book build . $(JB_FLAGS) --path-output $(STUDENT)
	KADIZ_EDITION=student $(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS) --path-output $(STUDENT)
	cp $(STUDENT)/_build/latex/$(PDF_NAME) $(STUDENT)/_build/html/_static/$(PDF_NAME)
	touch $@

## ------------------------------------------------------------------ the checks
# pytest over the package and the data, strict nbval over every chapter, and checks of the built
# site and PDF (tests/test_site.py and others read _build/).
test: book
	$(BIN)/python -m pytest tests chapters --nbval

clean:
	rm -rf $(BUILD)

## ------------------------------------------------------------------ for authors
# Strict nbval compares each chapter with the outputs committed in it: after editing a chapter,
# its data or the package, re-run the chapters in place and commit the refreshed outputs.
outputs: $(VENV)/.installed
	$(BIN)/python -m kadiz.validate $(DATA)
	$(BIN)/python scripts/execute_chapters.py

## ------------------------------------------------------------------ by hand
.PHONY: reproducible benchmark

# Builds HEAD twice in fresh clones, each with its own venv, and compares figures/ and the site
# (about a minute; not part of `make test`). `make reproducible VENV=$PWD/.venv` reuses this venv.
reproducible:
	$(PYTHON) scripts/check_reproducible.py

# Build, rebuild, test and PDF times, and the weight of each page (prints a table; checks nothing).
benchmark: setup
	$(BIN)/python scripts/benchmark.py
