# samverkan — two commands set up a machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
VENV := .venv
SAMVERKAN := $(VENV)/bin/samverkan
CHROMIUM ?= /usr/bin/chromium
export UV_PYTHON := $(PYTHON)
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install uv chromium lint format check-ci serve demo

uv:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --quiet uv

install: uv
	$(UV) sync --frozen

demo: install
	$(SAMVERKAN) migrate --noinput
	$(SAMVERKAN) load-demo

run: demo
	$(SAMVERKAN) serve --host 127.0.0.1 --port $${SAMVERKAN_PORT:-8000}

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

test: install chromium
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
