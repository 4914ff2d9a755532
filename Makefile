# Two commands for a newcomer: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORT

.PHONY: install run test test-pg lint worker clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/.installed

# SQLite in instance/, the chat simulator at http://127.0.0.1:$(PORT)/dev/chat, no LINE account needed.
run: install
	$(BIN)/flask db upgrade
	@echo "Chat simulator: http://127.0.0.1:$(PORT)/dev/chat"
	$(BIN)/flask run --port $(PORT) --with-threads

test: install
	$(BIN)/python -m pytest -q

# The same suite on PostgreSQL (the database named in TEST_DATABASE_URL is emptied first).
test-pg: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -q

# ruff (style and likely bugs) and mypy (types); both are configured in pyproject.toml.
lint: install
	$(BIN)/ruff check . && $(BIN)/mypy

worker: install
	$(BIN)/flask worker

clean:
	rm -rf $(VENV) instance .pytest_cache
