# The two commands a newcomer needs: `make site` and `make test`.
# Both create .venv and install the pinned dependencies first.
# `make site` needs Python 3.11.2+ with venv, and make: nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Test-only tools from npm, pinned in package-lock.json; .npmrc skips install scripts.
NODE_STAMP := node_modules/.installed
UV_VERSION := 0.13.8
# Material's end-of-life notice (9.x ends 2027-05-05) would print ten lines on every build
# and preview: hidden; docs/dev/stack-future.md has the dates and the exit.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lighthouse check check-content generate golden fuzz bench new-article schemas clean translations-status \
	translations-confirm translations-migrate translations-export translations-import lock system-deps check-properdocs

# Runtime dependencies only (requirements.lock, with hashes); the tests' own
# are added by $(TEST_STAMP).
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 2) else "Python 3.11.2 or newer is needed (found " + sys.version.split()[0] + "): make PYTHON=/path/to/python3.11")'
	@echo "setting up $(VENV): the pinned dependencies of requirements.lock (a minute the first time)" >&2
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	@rm -f $(TEST_STAMP)
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-test.lock
	touch $(TEST_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p node_modules
	touch $(NODE_STAMP)

## system-deps: the Debian packages the tests need (installs them as root, else prints the command)
system-deps:
	@sh scripts/system-deps.sh

# STRICT=1: stale or unreviewed translations, and HTML warnings, stop `make site` and `make check`.
STRICT_FLAG := $(if $(STRICT),--strict,)

## site: check the content, build the whole site, check it, publish it to site/
## (a check whose program is missing is skipped and named; STRICT=1 or CI=true refuse that)
site: $(STAMP)
	$(PY) -m helpcenter build $(STRICT_FLAG)

## serve: live preview on http://127.0.0.1:8000, rebuilt when content/ changes
serve: $(STAMP)
	$(PY) -m helpcenter serve --dev-addr 127.0.0.1:8000

## check-properdocs: the whole check, the site built by ProperDocs instead of MkDocs
check-properdocs: $(TEST_STAMP)
	$(PY) -m helpcenter build --no-publish --builder properdocs $(STRICT_FLAG)

# The branch coverage of scripts/helpcenter (every process the tests start: pyproject.toml,
# [tool.coverage.run]) below which `make test` fails: the suite's own before it was made
# faster, rounded down (README, "Tests").
COVERAGE_FLOOR := 92.1
# This checkout's test runs keep their temporary folders here, not in the /tmp/pytest-of-USER
# that every checkout's runs share: pytest deletes all but the three newest sessions' folders
# there, so a run started in another checkout could delete a running one's built sites.
export PYTEST_DEBUG_TEMPROOT ?= /tmp/helpcenter-tests$(subst /,-,$(CURDIR))

# Two test workers per core: about half of a test's time is spent waiting (for a browser's
# page, a server, a subprocess starting), which another worker's work fills.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))

## test: the whole test suite but Lighthouse, two workers per core, under coverage; prints the
## branch coverage of scripts/helpcenter and fails below COVERAGE_FLOOR (as root, installs the
## Debian packages it needs first)
test: system-deps $(TEST_STAMP) $(NODE_STAMP)
	@rm -f .coverage .coverage.*
	@mkdir -p "$(PYTEST_DEBUG_TEMPROOT)"
	$(PY) -m coverage run -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not lighthouse"; tests=$$?; \
	$(PY) -m coverage combine --quiet && $(PY) -m coverage report --fail-under=$(COVERAGE_FLOOR); covered=$$?; \
	[ $$tests -ne 0 ] && exit $$tests; exit $$covered

## lighthouse: Lighthouse on every page type of the real site, served by nginx (tests/test_lighthouse.py; minutes)
lighthouse: system-deps $(TEST_STAMP) $(NODE_STAMP)
	@mkdir -p "$(PYTEST_DEBUG_TEMPROOT)"
	$(PY) -m pytest -m lighthouse tests/test_lighthouse.py

## check: the whole check: content, then a build checked for pages, links, HTML
## validity and accessibility; publishes nothing (site/ is left as it is)
check: $(STAMP)
	$(PY) -m helpcenter build --no-publish $(STRICT_FLAG)

## check-content: check content/ only (a second; writes nothing)
check-content: $(STAMP)
	$(PY) -m helpcenter check $(STRICT_FLAG)

## translations-status: per language, the missing, stale and new translations
translations-status: $(STAMP)
	$(PY) -m helpcenter translations status

# LANG=xx on the command line only: the environment's LANG (the system locale, en_US.UTF-8) is not a language of ours.
LANGUAGE_ARG := $(if $(filter command line,$(origin LANG)),$(LANG),)

## translations-confirm: record reviewed translations (all, or FILE=content/... [KEY=key.path])
translations-confirm: $(STAMP)
	$(PY) -m helpcenter translations confirm $(if $(FILE),--file '$(FILE)',) $(if $(KEY),--key '$(KEY)',) $(if $(LANGUAGE_ARG),--lang '$(LANGUAGE_ARG)',)

## translations-export: every text in LANG as a gettext PO file for translators (translations/LANG.po)
translations-export: $(STAMP)
	@test -n "$(LANGUAGE_ARG)" || { echo "usage: make translations-export LANG=en" >&2; exit 2; }
	$(PY) -m helpcenter translations export --lang '$(LANGUAGE_ARG)'

## translations-import: a translated PO file back into content/ (only its texts change), reviews into the lock
translations-import: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make translations-import FILE=translations/en.po" >&2; exit 2; }
	$(PY) -m helpcenter translations import --po '$(FILE)'

## translations-migrate: convert content/translations.lock to per-language reviews (keeps every review)
translations-migrate: $(STAMP)
	$(PY) -m helpcenter translations migrate

## generate: write the pages into docs/ without building
generate: $(STAMP)
	$(PY) -m helpcenter generate

## golden: rewrite the expected pages in tests/golden/ after a deliberate change
golden: $(TEST_STAMP)
	@mkdir -p "$(PYTEST_DEBUG_TEMPROOT)"
	$(PY) -m helpcenter golden
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_bad_input.py tests/test_published_site.py tests/test_trio.py -k "bad_input or published"

## fuzz: the content property test at length (FUZZ_EXAMPLES cases per content, default 2000; figures printed)
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),2000) $(PY) -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_fuzz_content.py -k "mutation"

## bench: our pipeline vs bare MkDocs (default and tuned) at 10, 100, 1000 articles, then one search
## query's payload and time, ours vs Pagefind, at 100, 1000, 10000 (bench-results/); BENCH_SIZES=10,100
## for a quick look; BENCH_ONLY=search BENCH_SEARCH_SIZES=100: the search bench alone, quick
bench: $(TEST_STAMP)
	$(PY) scripts/bench.py
## new-article: scaffold content/scenarios/$(ID).yml (SECTION=... optional); see EDITING.md
new-article: $(STAMP)
	@test -n "$(ID)" || { echo "usage: make new-article ID=lost-parcel [SECTION=after-shipping]" >&2; exit 2; }
	$(PY) -m helpcenter new-article "$(ID)" $(if $(SECTION),--section "$(SECTION)")

## schemas: rewrite scripts/helpcenter/schemas/*.json from schema.py (commit them)
schemas: $(STAMP)
	$(PY) -m helpcenter schemas

## lock: re-resolve requirements*.lock from pyproject.toml (for Python 3.11.2), with hashes;
## `make lock UPGRADE=1` moves every dependency to its newest allowed version
lock: $(STAMP)
	$(PIP) install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11.2 --quiet \
		--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade,) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11.2 --quiet \
		--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade,) -o requirements-test.lock

clean:
	rm -rf site .build node_modules .coverage .coverage.* "$(PYTEST_DEBUG_TEMPROOT)"
