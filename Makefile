# htx: collective-economy annual reports from registry data.
# Every target sets up .venv (Python >= 3.11) on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := htx
UNIT   ?= data/van-quan
YEAR   ?= 2024
# the sample province built from three communes, built beside the default unit only
ifeq ($(origin UNIT),file)
ROLLUP ?= data/lang-son-mau
endif

.DEFAULT_GOAL := help
.PHONY: help setup report batch validate texts test lint format lab shell codebook clean

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -c "from htxlib.report.publishing.runner import install_kernel; install_kernel('$(KERNEL)')"
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the toolkit with its dependencies

report: $(STAMP) ## Build the plan document (HTML, Word) and the analyst annex (UNIT=..., YEAR=...)
	@$(BIN)/htx report --data $(UNIT) --year $(YEAR) --out reports
	@$(if $(ROLLUP),$(BIN)/htx report --data $(ROLLUP) --year $(YEAR) --out reports)

batch: $(STAMP) ## Build every unit folder under a folder, roll-ups included (DATA=..., YEAR=...)
	@$(BIN)/htx batch --data $(or $(DATA),data) --year $(YEAR) --out reports

validate: $(STAMP) ## Check a unit folder and its analyst texts (UNIT=...)
	$(BIN)/htx validate --data $(UNIT)

texts: $(STAMP) ## Create a year's analyst text files with guidance (UNIT=units/..., YEAR=...)
	$(BIN)/htx texts --data $(UNIT) --year $(YEAR)

test: $(STAMP) ## Lint, then run the test suite (pytest and nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n auto --dist loadfile

lint: $(STAMP) ## Lint and format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP) ## Open the tour in JupyterLab (Vietnamese interface; htx kernel)
	$(BIN)/python -m htxlib.lab

shell: $(STAMP) ## Start a shell where `htx` and `jupyter` are on the PATH
	@echo "htx: .venv is active; type exit to leave"
	@PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $${SHELL:-/bin/sh}

codebook: $(STAMP) ## Regenerate data/README.md from htxlib/data/codebook.py
	$(BIN)/htx codebook --output data/README.md

clean: ## Remove the virtual environment and generated reports
	rm -rf $(VENV) reports/*/ reports/index.html .pytest_cache .ruff_cache
