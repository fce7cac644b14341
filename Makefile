# `make run` and `make test` set everything up on a fresh machine (Python >= 3.12 as python3).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-stamp
STAMP  := $(VENV)/.installed-stamp

LOCK     := requirements.lock
DEV_LOCK := requirements-dev.lock
UV_LOCK  := requirements-uv.lock
CALIBRATE_LOCK  := requirements-calibrate.lock
CALIBRATE_STAMP := $(VENV)/.calibrate-stamp
COMPILE  := $(BIN)/uv pip compile --quiet --python-version 3.12 --generate-hashes --no-strip-extras \
	--no-emit-index-url --index-url https://pypi.org/simple --custom-compile-command "make lock"

.PHONY: run test lint typecheck unit bench golden docs clean lock lowest calibrate

# The installer: uv, pinned with its hashes (requirements-uv.lock), installed by pip. It installs
# the lock files below with the same hashes as pip would, in a fraction of pip's time.
INSTALL := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

# What running needs: the hashed versions of requirements.lock, then neasim without resolving again.
$(RUN_STAMP): pyproject.toml $(LOCK) $(UV_LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "neasim needs Python >= 3.12 as python3 (see .python-version)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(UV_LOCK)
	$(INSTALL) --require-hashes -r $(LOCK)
	$(INSTALL) --no-deps -e .
	touch $(RUN_STAMP)

# What developing needs as well: tests, linters, the notebook's kernel (requirements-dev.lock).
$(STAMP): $(RUN_STAMP) $(DEV_LOCK)
	$(INSTALL) --require-hashes -r $(DEV_LOCK)
	touch $(STAMP)

# The optional `calibrate` extra (pyabc, for `neasim calibrate`): for the tests, not for `make run`.
# requirements-calibrate.lock is the whole of running plus pyabc, at requirements-dev.lock's versions.
$(CALIBRATE_STAMP): $(STAMP) $(CALIBRATE_LOCK)
	$(INSTALL) --require-hashes -r $(CALIBRATE_LOCK)
	touch $(CALIBRATE_STAMP)

lock: $(STAMP)  ## pin the newest versions pyproject.toml allows, with hashes, into the four lock files
	$(COMPILE) --upgrade --extra test -o $(DEV_LOCK) pyproject.toml
	$(COMPILE) -o $(LOCK) pyproject.toml
	$(COMPILE) --upgrade --extra calibrate -c $(DEV_LOCK) -o $(CALIBRATE_LOCK) pyproject.toml
	echo uv | $(COMPILE) -c $(DEV_LOCK) -o $(UV_LOCK) -

run: $(RUN_STAMP)  ## the baseline: a narrative and a run directory under runs/
	$(BIN)/neasim run baseline

# The type checks run beside the tests: one process against the tests' two workers keeps both
# cores busy while the tests' last files finish. A failure of either fails `make test`.
test: lint  ## everything CI checks
	$(MAKE) --no-print-directory -j2 --output-sync=line typecheck unit

lowest: $(STAMP)  ## the quick tests at the lowest versions pyproject.toml allows (needs the network)
	$(BIN)/python -m tools.lowest

lint: $(STAMP)
	$(BIN)/ruff check sim analysis tools tests benchmarks docs/tour.ipynb
	$(BIN)/ruff format --check sim analysis tools tests benchmarks docs/tour.ipynb

typecheck: $(STAMP) $(CALIBRATE_STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(CALIBRATE_STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

bench: $(STAMP) $(CALIBRATE_STAMP)  ## performance figures (not tests)
	$(BIN)/python benchmarks/stepping.py
	$(BIN)/python benchmarks/cli_startup.py
	$(BIN)/python benchmarks/page_lever.py
	$(BIN)/python benchmarks/calibrate_dask.py

golden: $(STAMP)  ## rewrite tests/golden after an intended change of behaviour
	$(BIN)/python tests/golden/regenerate.py

docs: golden  ## regenerate every generated table, quoted figure and the notebook of docs/
	$(BIN)/python -m tools.odd_table --write docs/ODD.md
	$(BIN)/neasim calibrate --table --out docs/calibration.md
	$(BIN)/neasim calibrate --check
	$(BIN)/python -m tools.identifiability --write docs/calibration.md
	$(BIN)/python -m tools.robustness --write docs/calibration.md
	$(BIN)/python -m tools.posterior_patterns --write docs/calibration.md
	$(BIN)/python -m tools.pattern_conditions --write docs/calibration.md
	$(BIN)/python -m tools.posterior_screen --write docs/calibration.md
	$(BIN)/python -m tools.left_out_facts --write docs/calibration.md
	$(BIN)/python -m tools.ablation --write docs/ablation.md
	$(BIN)/python -m tools.scenario_outcomes --write docs/teaching.md
	$(BIN)/python -m tools.inert_parameters --write docs/inert_parameters.md
	$(BIN)/python -m tools.mechanism_reach --write docs/mechanism_reach.md --write docs/ablation.md
	$(BIN)/python -m tools.counterfactual_stories --write docs/counterfactual_stories.md
	$(BIN)/python -m tools.calibration_audit --write docs/calibration.md
	$(BIN)/python -m tools.chosen_values --write docs/calibration.md
	$(BIN)/python -m tools.doc_figures --write
	$(BIN)/python -m tools.tour --write

calibrate: $(CALIBRATE_STAMP)  ## recompute data/posterior.parquet after a change of the model, then the checks
	$(BIN)/neasim calibrate
	$(BIN)/neasim calibrate --check

clean:
	rm -rf $(VENV) .venv-lowest .venv-lowest.txt .pytest_cache .mypy_cache .ruff_cache
