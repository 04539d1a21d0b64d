# Deskless: `make run` starts the local stack, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATA_DIR ?= .local
DYNAMODB_ENDPOINT ?=
STAGE ?= dev

.PHONY: run test lint bench package reset clean venv send-email

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

run: venv
	$(BIN)/python -m chalicelib.local run --port $(PORT) --data-dir $(DATA_DIR) $(if $(DYNAMODB_ENDPOINT),--dynamodb-endpoint $(DYNAMODB_ENDPOINT))

send-email: venv
	$(BIN)/python -m chalicelib.local send-email $(FILE) --endpoint http://127.0.0.1:$$(( $(PORT) + 1 ))

reset:
	$(if $(wildcard $(BIN)/python),$(BIN)/python -m chalicelib.local reset --data-dir $(DATA_DIR),rm -rf $(DATA_DIR))

test: venv
	$(BIN)/python -m pytest -n auto --maxprocesses=4

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: venv
	$(BIN)/python -m bench

package: venv
	rm -rf dist && mkdir -p dist
	$(BIN)/python -m infra.build_merge_template --stage $(STAGE) > dist/merge-template.json
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(BIN)/chalice package --stage $(STAGE) --merge-template dist/merge-template.json dist/$(STAGE)
	$(BIN)/python -m infra.slim_package dist/$(STAGE)/deployment.zip
	$(BIN)/cfn-lint dist/$(STAGE)/sam.json

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
