# `make run` and `make test` set everything up on a fresh machine (Python >= 3.12 as python3).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

LOCK   := requirements.lock

.PHONY: run test lint typecheck unit bench golden docs clean lock

# The exact versions of requirements.lock first, then neasim itself without resolving again.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "neasim needs Python >= 3.12 as python3 (see .python-version)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lock: $(STAMP)  ## pin the newest versions pyproject.toml allows into requirements.lock
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --allow-unsafe --extra test --strip-extras --no-emit-find-links \
		--no-emit-index-url --no-emit-trusted-host -o $(LOCK) pyproject.toml

run: $(STAMP)  ## the baseline: a narrative and a run directory under runs/
	$(BIN)/neasim run baseline

test: lint typecheck unit  ## everything CI checks

lint: $(STAMP)
	$(BIN)/ruff check sim analysis tools tests benchmarks
	$(BIN)/ruff format --check sim analysis tools tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)  ## performance figures (not tests)
	$(BIN)/python benchmarks/stepping.py
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/page_lever.py

golden: $(STAMP)  ## rewrite tests/golden after an intended change of behaviour
	$(BIN)/python tests/golden/regenerate.py

docs: golden  ## regenerate every generated table of docs/ after an intended change of behaviour
	$(BIN)/python -m tools.odd_table --write docs/ODD.md
	$(BIN)/neasim calibrate --out docs/calibration.md
	$(BIN)/python -m tools.robustness --write docs/calibration.md
	$(BIN)/python -m tools.ablation --write docs/ablation.md
	$(BIN)/python -m tools.scenario_outcomes --write docs/teaching.md
	$(BIN)/python -m tools.lesson_figures --write
	$(BIN)/python -m tools.inert_parameters --write docs/inert_parameters.md
	$(BIN)/python -m tools.mechanism_reach --write docs/mechanism_reach.md
	$(BIN)/python -m tools.counterfactual_stories --write docs/counterfactual_stories.md
	$(BIN)/python -m tools.calibration_audit --write docs/calibration.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
