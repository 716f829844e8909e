# Two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := cd src && ../$(BIN)/python manage.py
PYTEST := $(BIN)/pytest
export DJANGO_ALLOW_ASYNC_UNSAFE := true

SITE_CSS := build/static/css/site.css
CSS_CONTENT := $(shell find src/bestuursspiegel -name '*.html' -o -name '*.svg' -o -name '*.txt' -o -name '*.js' -o -name '*.py' -not -path '*/tests/*' -not -path '*/migrations/*' 2>/dev/null)

.PHONY: run setup test test-setup test-sqlite test-postgres test-resilience test-cluster lint messages requirements bench clean

run: setup ## Set everything up and serve the demo at http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

setup: $(VENV)/.installed node_modules/.installed $(SITE_CSS) src/bestuursspiegel/locale/nl/LC_MESSAGES/django.mo
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_content
	$(MANAGE) setup_demo

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	bin/install-system-deps.sh run
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The one stylesheet: only the CSS rules the templates, forms and scripts can use (bin/build-css.mjs).
$(SITE_CSS): node_modules/.installed bin/build-css.mjs src/bestuursspiegel/static/css/app.css $(CSS_CONTENT)
	node bin/build-css.mjs

src/bestuursspiegel/locale/nl/LC_MESSAGES/django.mo: src/bestuursspiegel/locale/nl/LC_MESSAGES/django.po $(VENV)/.installed
	cd src/bestuursspiegel && ../../$(BIN)/django-admin compilemessages --locale nl >/dev/null

test: test-setup lint test-sqlite test-postgres test-resilience test-cluster ## The whole suite on SQLite and on PostgreSQL

test-setup: $(VENV)/.installed node_modules/.installed $(SITE_CSS) src/bestuursspiegel/locale/nl/LC_MESSAGES/django.mo
	bin/install-system-deps.sh test

test-sqlite: test-setup
	mkdir -p var
	DATABASE_URL= $(PYTEST) $(PYTEST_ARGS)

test-postgres: test-setup
	bin/with-postgres.sh $(PYTEST) $(PYTEST_ARGS)

# Nothing lost: PostgreSQL restarted and web workers killed during a burst of real submissions.
test-resilience: test-setup
	bin/with-postgres.sh $(BIN)/python bench/resilience.py --participants 30 --stop-after 1 --check-only

test-cluster: test-setup
	bin/with-postgres.sh $(BIN)/python bench/cluster.py --check-only --participants 20 --phones 8 --facilitators 3 --rounds 1

lint: $(VENV)/.installed
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	cd src && DJANGO_SETTINGS_MODULE=bestuursspiegel.conf.ci ../$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	cd src && DJANGO_SETTINGS_MODULE=bestuursspiegel.conf.ci ../$(BIN)/python manage.py check --fail-level WARNING
	# Django's deployment checks against the production settings, with throw-away secrets.
	cd src && env -u DJANGO_ALLOW_ASYNC_UNSAFE DJANGO_SETTINGS_MODULE=bestuursspiegel.conf.production \
		ALLOWED_HOSTS=bestuursspiegel.example.org \
		SECRET_KEY=$$(../$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		FIELD_ENCRYPTION_KEY=check-deploy-only ../$(BIN)/python manage.py check --deploy --fail-level WARNING

messages: $(VENV)/.installed ## Refresh the Dutch message catalogue after changing UI strings
	cd src/bestuursspiegel && ../../$(BIN)/django-admin makemessages --locale nl --no-obsolete --no-location --extension html,txt,py,svg

requirements: $(VENV)/.installed ## Re-pin requirements/*.txt after editing requirements/*.in
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras -o requirements/dev.txt requirements/dev.in

bench: $(VENV)/.installed node_modules/.installed $(SITE_CSS) ## Benchmarks on SQLite and PostgreSQL; results go to docs/benchmarks.md
	bin/install-system-deps.sh test
	$(BIN)/python bench/answer_save.py
	bin/with-postgres.sh $(BIN)/python bench/answer_save.py
	bin/with-postgres.sh $(BIN)/python bench/answer_save.py --participants 200 --rounds 3
	$(BIN)/python bench/answer_save_profile.py
	bin/with-postgres.sh $(BIN)/python bench/answer_save_profile.py
	$(BIN)/python bench/results_page.py
	bin/with-postgres.sh $(BIN)/python bench/results_page.py
	$(BIN)/python bench/national_overview.py
	bin/with-postgres.sh $(BIN)/python bench/national_overview.py
	$(BIN)/python bench/pdf_report.py
	bin/with-postgres.sh $(BIN)/python bench/resilience.py
	bin/with-postgres.sh $(BIN)/python bench/cluster.py
	$(BIN)/python bench/live_session.py
	$(BIN)/python bench/page_weight.py

clean:
	rm -rf $(VENV) node_modules var staticfiles build
