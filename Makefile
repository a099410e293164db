# The two commands a newcomer needs: `make site` and `make test`.
# Both create .venv and install the pinned dependencies first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check generate golden new-article schemas clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## site: check the content, build the whole site, check it, publish it to site/
site: $(STAMP)
	$(PY) -m helpcenter build

## serve: live preview on http://127.0.0.1:8000, rebuilt when content/ changes
serve: $(STAMP)
	$(PY) -m helpcenter generate
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## test: the whole test suite
test: $(STAMP)
	$(PY) -m pytest

## check: check content/ only (fast; writes nothing)
check: $(STAMP)
	$(PY) -m helpcenter check

## generate: write the pages into docs/ without building
generate: $(STAMP)
	$(PY) -m helpcenter generate

## golden: rewrite the expected pages in tests/golden/ after a deliberate change
golden: $(STAMP)
	$(PY) -m helpcenter golden

## new-article: scaffold content/scenarios/$(ID).yml (SECTION=... optional); see EDITING.md
new-article: $(STAMP)
	@test -n "$(ID)" || { echo "usage: make new-article ID=lost-parcel [SECTION=after-shipping]" >&2; exit 2; }
	$(PY) -m helpcenter new-article "$(ID)" $(if $(SECTION),--section "$(SECTION)")

## schemas: rewrite scripts/helpcenter/schemas/*.json from schema.py (commit them)
schemas: $(STAMP)
	$(PY) -m helpcenter schemas

clean:
	rm -rf site .build
