# Sora: `make run` serves a demo installation, `make test` runs every check CI runs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
SYSTEM_PACKAGES := python3-venv gettext libvoikko1 voikko-fi chromium fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 poppler-utils \
	libreoffice-writer-nogui libreoffice-calc-nogui
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/sora
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := sora.settings

.PHONY: install system-packages messages run serve worker test lint migrations-check \
	translations-check test-sqlite test-postgres makemessages lock bench clean

install: system-packages $(VENV)/.installed messages

system-packages:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.lock
	touch $@

messages: $(VENV)/.installed
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv -v0

# The demo's analysts and administrators sign in with a password alone unless told otherwise
# (`make run TWO_FACTOR_REQUIRED=true`); production requires two-factor sign-in.
run: export TWO_FACTOR_REQUIRED ?= false
run: install
	DEBUG=true $(PY) manage.py migrate --noinput -v0
	DEBUG=true $(PY) manage.py createcachetable
	DEBUG=true $(PY) manage.py collectstatic --noinput -v0
	DEBUG=true $(PY) manage.py load_demo
	@echo "Sora: http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@DEBUG=true $(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: install lint migrations-check translations-check test-sqlite test-postgres

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check:
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

translations-check:
	DEBUG=true $(PY) scripts/check_translations.py

test-sqlite:
	DATABASE_URL=sqlite:///db-test.sqlite3 $(VENV)/bin/pytest

test-postgres:
	DATABASE_URL=$(POSTGRES_URL) $(VENV)/bin/pytest

makemessages:
	DEBUG=true $(PY) manage.py makemessages -l fi -l sv -l en --no-obsolete --ignore=.venv --ignore=bench --ignore=scripts --ignore=tests --add-location=file

lock:
	rm -rf /tmp/sora-lock && $(PYTHON) -m venv /tmp/sora-lock
	$(PYTHON) scripts/requirements.py > /tmp/sora-lock/requirements.txt
	/tmp/sora-lock/bin/pip install -q --disable-pip-version-check -r /tmp/sora-lock/requirements.txt
	/tmp/sora-lock/bin/pip freeze --exclude-editable | sort > requirements.lock

clean:
	rm -rf $(VENV) staticfiles db-test.sqlite3
