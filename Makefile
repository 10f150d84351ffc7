# Set-up and everyday commands. Every target creates the virtual environment at .venv first
# (pinned, hash-checked installs from requirements/*.txt) and is safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCKS := requirements/main.txt requirements/dev.txt
GOLD := ../shared/gold/dev

.PHONY: setup sample test dashboard demo-store lint eval bench lock clean

setup: $(STAMP)

$(STAMP): $(LOCKS) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "thucydides needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/main.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## The main job: code the bundled sample article (one JSON line on stdout).
sample: $(STAMP)
	$(BIN)/thucydides code src/thucydides/samples/sample-article.txt --date 2022-03-15

## The tests: lint, then the whole suite (the eval gate included).
test: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/python -m pytest -q

## A store of the bundled sample articles, served on http://127.0.0.1:8000 (Ctrl-C to stop).
dashboard: $(STAMP)
	mkdir -p out
	$(BIN)/thucydides ingest src/thucydides/samples/sample-articles.jsonl --db out/sample.duckdb
	$(BIN)/thucydides serve --db out/sample.duckdb

## A real-news store, offline and reproducible: the bundled samples, the HTML pages and WARC files
## of ../shared/samples and the polnear dev articles -> out/demo.duckdb (replaced on every run).
## Its figures: .venv/bin/python scripts/store_report.py --db out/demo.duckdb
demo-store: $(STAMP)
	$(BIN)/python scripts/demo_store.py --db out/demo.duckdb

## In-sample scores of the shipped event model on the dev files (each under its own convention: PLV
## and ConfliBERT label one event per sentence; the out-of-fold figures are the model card's), and
## the quotes of PolNeAR dev, which the attribution model never saw (all, then direct ones only).
eval: $(STAMP)
	$(BIN)/thucydides eval $(GOLD)/events_plv_train.jsonl --main-event
	$(BIN)/thucydides eval $(GOLD)/events_conflibert_train.jsonl --main-event
	$(BIN)/thucydides eval $(GOLD)/events_cameo_multirater.jsonl
	$(BIN)/thucydides eval $(GOLD)/quotes_polnear_dev.jsonl
	$(BIN)/thucydides eval $(GOLD)/quotes_polnear_dev.jsonl --quote-kind direct

## Retrain the shipped models from the gold files (seeded, deterministic; needs ../shared).
train: $(STAMP)
	$(BIN)/thucydides train events $(GOLD)/events_plv_train.jsonl $(GOLD)/events_conflibert_train.jsonl $(GOLD)/events_cameo_multirater.jsonl
	$(BIN)/thucydides train quotes $(GOLD)/quotes_polnear_train.jsonl

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

## Re-pin the dependencies (needs network access to PyPI and pip-tools).
lock:
	pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o requirements/main.txt requirements/main.in
	pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
