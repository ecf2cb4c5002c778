# The project's interface. Every target works on a fresh clone: it installs what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
FUZZ_STAMP := $(VENV)/.fuzz-installed

.PHONY: setup generate test check lint typecheck clean demo drift mutate mutate-full bench fuzz

setup: $(STAMP)

$(STAMP): requirements-dev.txt generated/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e generated
	touch $(STAMP)

generate: setup  ## render specs/ into generated/
	$(BIN)/python -m generator generate

test: setup  ## the test command CI runs
	$(BIN)/python -m pytest -n 2

mutate: setup  ## mutation proof, fast: each mutant against the tests of its constraint, patched in place in 2 workers
	$(BIN)/python -m contract_tests.mutate

mutate-full: setup  ## mutation proof, full: a fresh process per mutant on a patched copy (the reference run)
	$(BIN)/python -m contract_tests.mutate --full

check: setup lint typecheck  ## lint, type-check, and prove generated/ matches specs/
	$(BIN)/python -m generator generate --check
	$(BIN)/python -m generator release --check

lint: setup
	$(BIN)/ruff check generator tests examples demo contract_tests bench scripts
	$(BIN)/ruff format --check generator tests examples demo contract_tests bench scripts
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

typecheck: setup
	$(BIN)/mypy

drift: setup  ## compare upstream-docs/ (pages and fal's OpenAPI documents) with specs/; exit 1 on drift
	$(BIN)/python -m generator drift

$(BENCH_STAMP): $(STAMP) requirements-bench.txt  # bench-only peers, pinned; dev pins held as constraints
	$(BIN)/python -m pip install --quiet -r requirements-bench.txt -c requirements-dev.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## ours vs fal-client and datamodel-codegen: writes BENCHMARKS.md, docs/bench-throughput.png
	$(BIN)/python -m bench

$(FUZZ_STAMP): $(STAMP) requirements-fuzz.txt  # fuzz-only tool, pinned; dev pins held as constraints
	$(BIN)/python -m pip install --quiet -r requirements-fuzz.txt -c requirements-dev.txt
	touch $(FUZZ_STAMP)

fuzz: $(FUZZ_STAMP)  ## Schemathesis vs the emulator: our openapi.json, then fal's documents (bounded, seeded)
	$(BIN)/python -m contract_tests.fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

demo: setup  ## edit demo/photo.png through the CLI against the local emulator (fal and Magnific)
	$(BIN)/python demo/run_demo.py

.PHONY: dist docs

dist: setup  ## build sdist + wheel, twine check, install the wheel in a fresh venv and test it there
	scripts/dist.sh $(BIN)

docs: setup  ## the API reference site (build/site): pages from specs/, API from docstrings, examples type-checked
	rm -rf build/docs-examples
	$(BIN)/python -m generator docs --examples build/docs-examples
	$(BIN)/mypy --strict --no-warn-unused-configs build/docs-examples
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict
