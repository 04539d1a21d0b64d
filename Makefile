# Deskless: `make run` starts the local stack, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
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
# Only the parameters given are passed: an update keeps the stack's previous values for the others.
DEPLOY_OVERRIDES := $(if $(INBOUND_EMAIL_DOMAIN),InboundEmailDomain=$(INBOUND_EMAIL_DOMAIN)) $(if $(ALARM_EMAIL),AlarmEmail=$(ALARM_EMAIL))
DEPLOY_PARAMETERS := $(if $(strip $(DEPLOY_OVERRIDES)),--parameter-overrides $(strip $(DEPLOY_OVERRIDES)))

.PHONY: run test lint bench package deploy policies reset clean venv send-email

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

run: venv
	$(BIN)/python -m chalicelib.local run --port $(PORT) $(if $(DB_PORT),--db-port $(DB_PORT)) --data-dir $(DATA_DIR) $(if $(DYNAMODB_ENDPOINT),--dynamodb-endpoint $(DYNAMODB_ENDPOINT))

send-email: venv
	$(BIN)/python -m chalicelib.local send-email $(FILE) --endpoint http://127.0.0.1:$(if $(DB_PORT),$(DB_PORT),$$(( $(PORT) + 1 )))

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

# dist/<stage>/sam.json + deployment.zip (boto3/botocore removed), cfn-lint clean. No AWS access needed.
package: venv
	rm -rf dist/$(STAGE) && mkdir -p dist
	$(BIN)/python -m infra.policies --check
	$(BIN)/python -m infra.build_merge_template --stage $(STAGE) > dist/$(STAGE)-merge-template.json
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(BIN)/chalice package --stage $(STAGE) --merge-template dist/$(STAGE)-merge-template.json dist/$(STAGE)
	$(BIN)/python -m infra.slim_package dist/$(STAGE)/deployment.zip
	$(BIN)/cfn-lint dist/$(STAGE)/sam.json

# Regenerate .chalice/policy-<stage>-<function>.json and the config's iam_policy_file entries.
policies: venv
	$(BIN)/python -m infra.policies

# CloudFormation deploy of the packaged stack (needs AWS credentials; never run in CI).
deploy:
	@test -n "$(ARTIFACTS_BUCKET)" || { echo "set ARTIFACTS_BUCKET=<an S3 bucket for the code zip>"; exit 2; }
	@command -v aws >/dev/null || { echo "the AWS CLI (v2) is needed: https://aws.amazon.com/cli/"; exit 2; }
	$(MAKE) package STAGE=$(STAGE)
	aws cloudformation package --template-file dist/$(STAGE)/sam.json --s3-bucket $(ARTIFACTS_BUCKET) \
		--s3-prefix $(STACK) --output-template-file dist/$(STAGE)/packaged.json
	aws cloudformation deploy --template-file dist/$(STAGE)/packaged.json --stack-name $(STACK) \
		--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset $(DEPLOY_PARAMETERS)
	aws cloudformation describe-stacks --stack-name $(STACK) --query 'Stacks[0].Outputs' --output table

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
