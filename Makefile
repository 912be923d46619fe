# MDO Planner: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TS     := $(wildcard ui/translations/*.ts)
QM     := $(TS:.ts=.qm)


.PHONY: run test bench lint typecheck package translations clean setup

# The venv is rebuilt only when pyproject.toml changes, so re-running is fast.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) translations

ui/translations/%.qm: ui/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# The preflight installs the system libraries Qt's window needs (as root or with sudo), or
# says which packages to install and stops, instead of Qt aborting with the reason in a log.
run: setup
	$(BIN)/python -m ui.preflight --install
	$(BIN)/mdo-planner --demo

# One worker per core (pytest-xdist; an idle worker takes tests from a busy one): the suite
# takes about half the time on two cores. PYTEST_XDIST=0 runs it in one process.
PYTEST_XDIST ?= auto
test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(PYTEST_XDIST) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The type check: settings and the (shrinking) list of modules still excused in pyproject.toml.
typecheck: $(STAMP)
	$(BIN)/mypy

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m bench -p no:cacheprovider -s tests/bench $(PYTEST_ARGS)

package: setup
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/mdo-planner.spec

clean:
	rm -rf build dist $(VENV) .pytest_cache .ruff_cache $(QM)
