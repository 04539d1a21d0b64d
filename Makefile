# Deskless: `make run` starts the local stack, `make test` runs the suite, `make help` lists the rest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The local DynamoDB/S3 server's port; empty: PORT + 1.
DB_PORT ?=
DATA_DIR ?= .local
DYNAMODB_ENDPOINT ?=
STAGE ?= dev
# deploy: an existing S3 bucket for the packaged code (`aws s3 mb s3://<name>` once per account/region).
ARTIFACTS_BUCKET ?=
STACK ?= deskless-$(STAGE)
INBOUND_EMAIL_DOMAIN ?=
ALARM_EMAIL ?=
PUBLIC_URL ?=
# The web app's CloudFront distribution: PriceClass_100|200|All; a custom domain needs its us-east-1 certificate.
PRICE_CLASS ?=
APP_DOMAIN ?=
APP_CERTIFICATE_ARN ?=
# Only the parameters given are passed: an update keeps the stack's previous values for the others.
DEPLOY_OVERRIDES := $(if $(INBOUND_EMAIL_DOMAIN),InboundEmailDomain=$(INBOUND_EMAIL_DOMAIN)) $(if $(ALARM_EMAIL),AlarmEmail=$(ALARM_EMAIL)) $(if $(PUBLIC_URL),PublicUrl=$(PUBLIC_URL)) \
	$(if $(PRICE_CLASS),PriceClass=$(PRICE_CLASS)) $(if $(APP_DOMAIN),AppDomainName=$(APP_DOMAIN)) $(if $(APP_CERTIFICATE_ARN),AppCertificateArn=$(APP_CERTIFICATE_ARN))
# ROTATE_ORIGIN_SECRET=1: a new OriginVerifySecret (CloudFront's proof to the API; generated once, then kept).
ROTATE_ORIGIN_SECRET ?=

.DEFAULT_GOAL := help
.PHONY: help run web screenshots chromium job reindex-lists backfill-report-counters send-email reset test lint bench package policies routes clients deploy venv clean

# Checked before anything is created. The check runs on any Python (2.7 too) and names the one found.
PYTHON_NEEDED := Python 3.11+ is needed
CHECK_PYTHON = command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "$(PYTHON_NEEDED) (found none: no $(PYTHON) on PATH). Install it, or name it: make PYTHON=python3.11 ..."; exit 2; }; \
	$(PYTHON) -c 'import sys; v = tuple(sys.version_info[:2]); sys.exit(0 if v >= (3, 11) else \
		"$(PYTHON_NEEDED) (found %d.%d). Install it, or name it: make PYTHON=python3.11 ..." % v)'

# A failed or interrupted install removes the venv: the stamp below is written only after a
# complete one, and no later target ever runs a half-built venv.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(CHECK_PYTHON)
	@if [ -d "$(VENV)" ]; then echo "Updating $(VENV) (requirements changed)..."; \
	else echo "Installing dependencies into $(VENV) from requirements-dev.txt: about a minute on a fresh machine, once."; fi
	@trap 'rm -rf "$(VENV)"; exit 130' INT TERM; \
	$(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt || { \
		status=$$?; rm -rf "$(VENV)"; \
		echo "make: the install failed: $(VENV) was removed, nothing half-built is left. Fix the error above and run make again."; \
		exit $$status; }
	@touch $@
	@echo "$(VENV) is ready."

help: ## list the targets (plain `make` does the same)
	@echo "Deskless: make run starts the local stack, make test runs the whole suite."
	@echo "Targets:"
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-z][a-z-]*:.*## / { printf "  %-11s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo "Settings: PORT=$(PORT) DATA_DIR=$(DATA_DIR) PYTHON=$(PYTHON) DYNAMODB_ENDPOINT=... STAGE=$(STAGE) (README.md)"

venv: $(BIN)/.installed ## create .venv with the pinned dependencies (the other targets do it when needed)

run: venv ## start the whole local stack: API + web app (/app/) on PORT, database/S3 on PORT+1 (DB_PORT=...), data in DATA_DIR
	@$(BIN)/python -m chalicelib.local.webbuild --optional
	$(BIN)/python -m chalicelib.local run --port $(PORT) $(if $(DB_PORT),--db-port $(DB_PORT)) --data-dir $(DATA_DIR) $(if $(DYNAMODB_ENDPOINT),--dynamodb-endpoint $(DYNAMODB_ENDPOINT))

web: venv ## build the web app into web/dist (npm ci + vite build, only what changed; needs Node.js 20.19+)
	@$(BIN)/python -m chalicelib.local.webbuild

# Each browser journey (web/e2e/*.mjs) on a fresh seeded local stack; the PNGs replace docs/screenshots/ when all pass.
screenshots: web chromium ## regenerate docs/screenshots/ from the browser journeys (needs Node.js 20.19+ and chromium)
	$(BIN)/python -m chalicelib.local.journeys --screenshots docs/screenshots

chromium: venv ## install Debian's chromium for the browser tests when missing (as root; otherwise names the package)
	@$(BIN)/python -m chalicelib.local.chromium $(if $(filter 1,$(DESKLESS_REQUIRE_BROWSER)),--require)

# stdout is the job's JSON report only (no command echo), so it can be piped.
job: venv ## run a scheduled job now on the running stack: make job NAME=retention [AT=+31d]
	@$(BIN)/python -m chalicelib.local run-job $(NAME) $(if $(AT),--at '$(AT)') $(if $(DB_PORT),--endpoint http://127.0.0.1:$(DB_PORT),--port $(PORT)) --data-dir $(DATA_DIR) $(if $(DYNAMODB_ENDPOINT),--dynamodb-endpoint $(DYNAMODB_ENDPOINT))

reindex-lists: venv ## one-off after deploying issues 20 and 22: recompute list index keys, set queue counters (running stack)
	@$(BIN)/python -m chalicelib.jobs.reindex_lists --endpoint http://127.0.0.1:$(if $(DB_PORT),$(DB_PORT),$$(( $(PORT) + 1 ))) --data-dir $(DATA_DIR)

backfill-report-counters: venv ## one-off after deploying issue 25: count tickets older than the tickets report's flow counters (running stack)
	@$(BIN)/python -m chalicelib.jobs.backfill_report_counters --endpoint http://127.0.0.1:$(if $(DB_PORT),$(DB_PORT),$$(( $(PORT) + 1 ))) --data-dir $(DATA_DIR)

send-email: venv ## drop a raw message into the running stack's inbox: make send-email FILE=examples/hello-demo.eml
	$(BIN)/python -m chalicelib.local send-email $(FILE) --endpoint http://127.0.0.1:$(if $(DB_PORT),$(DB_PORT),$$(( $(PORT) + 1 )))

reset: ## delete the local data (DATA_DIR)
	$(if $(wildcard $(BIN)/python),$(BIN)/python -m chalicelib.local reset --data-dir $(DATA_DIR),rm -rf $(DATA_DIR))

test: venv chromium ## run the whole suite in parallel (no network, no AWS; chromium for the browser tests)
	$(BIN)/python -m pytest -n auto --maxprocesses=4

# The web app's type check needs Node.js 20.19+: skipped without it, except in CI (DESKLESS_REQUIRE_BROWSER=1).
lint: venv ## ruff check, ruff format --check, mypy, the web app's tsc --noEmit (what CI runs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@$(BIN)/python -m chalicelib.local.webbuild --typecheck $(if $(filter 1,$(DESKLESS_REQUIRE_BROWSER)),,--optional)

bench: venv ## the benchmarks (bench/results.md)
	$(BIN)/python -m bench

# dist/<stage>/sam.json + deployment.zip (boto3/botocore removed), cfn-lint clean, and the web app's
# build in dist/<stage>/web (make web: npm ci + vite build, needs Node.js). No AWS access needed.
package: venv ## build dist/STAGE/ (CloudFormation template, code zip, web app build), cfn-lint clean; no AWS access
	rm -rf dist/$(STAGE) && mkdir -p dist
	$(BIN)/python -m infra.policies --check
	$(BIN)/python -m infra.build_merge_template --stage $(STAGE) > dist/$(STAGE)-merge-template.json
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(BIN)/chalice package --stage $(STAGE) --merge-template dist/$(STAGE)-merge-template.json dist/$(STAGE)
	$(BIN)/python -m infra.slim_package dist/$(STAGE)/deployment.zip
	$(BIN)/cfn-lint dist/$(STAGE)/sam.json
	$(BIN)/python -m chalicelib.local.webbuild
	cp -R web/dist dist/$(STAGE)/web

# Regenerate .chalice/policy-<stage>-<function>.json and the config's iam_policy_file entries.
policies: venv ## regenerate the IAM policy files under .chalice/
	$(BIN)/python -m infra.policies

# chalicelib/api/route_table.py: the routes the API registers at import (each module loaded on first use),
# generated from the route modules; tests/infra/test_lazy_routes.py fails when it is stale.
routes: venv ## regenerate the API's route table after adding, removing or changing a route
	$(BIN)/python -m infra.route_table

# clients/: the OpenAPI document, the Python package (clients/python) and the TypeScript types, generated
# from the routes without a server; node_modules for openapi-typescript is installed by npm ci from the lockfile.
clients: venv ## regenerate the typed clients under clients/ after an API change (needs Node.js 20+ and npm)
	$(BIN)/python -m infra.clients

# CloudFormation deploy of the packaged stack, then the web app's files (needs AWS credentials; never run in CI).
CFN_DEPLOY = aws cloudformation deploy --template-file dist/$(STAGE)/packaged.json --stack-name $(STACK) \
	--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset
STACK_VALUE = aws cloudformation describe-stacks --stack-name $(STACK) --output text --query
deploy: ## package and deploy to AWS with CloudFormation, then publish the web app: make deploy STAGE=dev ARTIFACTS_BUCKET=...
	@test -n "$(ARTIFACTS_BUCKET)" || { echo "set ARTIFACTS_BUCKET=<an S3 bucket for the code zip>"; exit 2; }
	@command -v aws >/dev/null || { echo "the AWS CLI (v2) is needed: https://aws.amazon.com/cli/"; exit 2; }
	$(MAKE) package STAGE=$(STAGE)
	aws cloudformation package --template-file dist/$(STAGE)/sam.json --s3-bucket $(ARTIFACTS_BUCKET) \
		--s3-prefix $(STACK) --output-template-file dist/$(STAGE)/packaged.json
	@# OriginVerifySecret: generated when the stack has none (or on rotation), else the stack keeps its value;
	@# never echoed (docs/deploy.md "The origin secret").
	@secret=$$($(BIN)/python -m infra.origin_secret --stack $(STACK) $(if $(ROTATE_ORIGIN_SECRET),--rotate)) || exit 1; \
	set -- $(strip $(DEPLOY_OVERRIDES)) $$secret; \
	if [ $$# -gt 0 ]; then $(CFN_DEPLOY) --parameter-overrides "$$@"; else $(CFN_DEPLOY); fi
	@# Without PublicUrl, links in account mail need the distribution's domain, known only now (docs/deploy.md).
	@public=$$($(STACK_VALUE) "Stacks[0].Parameters[?ParameterKey=='PublicUrl'].ParameterValue"); \
	if [ -z "$$public" ] || [ "$$public" = "None" ]; then \
		origin=$$($(STACK_VALUE) "Stacks[0].Outputs[?OutputKey=='AppOrigin'].OutputValue"); \
		echo "PublicUrl is empty: setting it to $$origin"; \
		$(CFN_DEPLOY) --parameter-overrides PublicUrl=$$origin; \
	fi
	$(BIN)/python -m infra.deploy_web --stack $(STACK) --build dist/$(STAGE)/web
	aws cloudformation describe-stacks --stack-name $(STACK) --query 'Stacks[0].Outputs' --output table

clean: ## remove .venv, dist/, the tool caches and the clients' node_modules (not the local data)
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache clients/typescript/node_modules
