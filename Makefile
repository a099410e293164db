# The two commands a newcomer needs: `make site` and `make test`.
# Both create .venv and install the pinned dependencies first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The site check's tools from npm (the HTML checker, axe-core), pinned in
# package-lock.json; .npmrc skips install scripts (vnu-jar's would download a Java).
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check check-content generate golden bench new-article schemas clean translations-status translations-confirm

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# STRICT=1: stale or unreviewed translations, and HTML warnings, stop `make site` and `make check`.
STRICT_FLAG := $(if $(STRICT),--strict,)

## site: check the content, build the whole site, check it, publish it to site/
site: $(STAMP) $(NODE_STAMP)
	$(PY) -m helpcenter build $(STRICT_FLAG)

## serve: live preview on http://127.0.0.1:8000, rebuilt when content/ changes
serve: $(STAMP)
	$(PY) -m helpcenter generate
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## test: the whole test suite
test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

## check: the whole check: content, then a build checked for pages, links, HTML
## validity and accessibility; publishes nothing (site/ is left as it is)
check: $(STAMP) $(NODE_STAMP)
	$(PY) -m helpcenter build --no-publish $(STRICT_FLAG)

## check-content: check content/ only (a second; writes nothing)
check-content: $(STAMP)
	$(PY) -m helpcenter check $(STRICT_FLAG)

## translations-status: per language, the missing, stale and new translations
translations-status: $(STAMP)
	$(PY) -m helpcenter translations status

## translations-confirm: record reviewed translations (all, or FILE=content/... [KEY=key.path])
translations-confirm: $(STAMP)
	$(PY) -m helpcenter translations confirm $(if $(FILE),--file '$(FILE)',) $(if $(KEY),--key '$(KEY)',)

## generate: write the pages into docs/ without building
generate: $(STAMP)
	$(PY) -m helpcenter generate

## golden: rewrite the expected pages in tests/golden/ after a deliberate change
golden: $(STAMP) $(NODE_STAMP)
	$(PY) -m helpcenter golden
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_bad_input.py

## bench: our pipeline vs plain MkDocs at 10, 100 and 1000 articles (figures in bench-results/)
bench: $(STAMP)
	$(PY) scripts/bench.py
## new-article: scaffold content/scenarios/$(ID).yml (SECTION=... optional); see EDITING.md
new-article: $(STAMP)
	@test -n "$(ID)" || { echo "usage: make new-article ID=lost-parcel [SECTION=after-shipping]" >&2; exit 2; }
	$(PY) -m helpcenter new-article "$(ID)" $(if $(SECTION),--section "$(SECTION)")

## schemas: rewrite scripts/helpcenter/schemas/*.json from schema.py (commit them)
schemas: $(STAMP)
	$(PY) -m helpcenter schemas

clean:
	rm -rf site .build node_modules
