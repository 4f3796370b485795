# Mobility Diagnosis: set-up, checks, tests on QGIS 3.22 (host) and 3.44 LTR (Debian 13 chroot), benchmarks,
# packaging. Every target that needs tools installs them first (Debian 12, as root or with sudo).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version=//p' mobility_diagnosis/metadata.txt)
TS_FILES := $(wildcard mobility_diagnosis/resources/i18n/*.ts)
BENCHES := $(sort $(wildcard bench/bench_*.py))

.PHONY: help setup setup-host setup-qgis344 test test-host test-qgis344 lint bench package translations demo clean

help:
	@echo "make test      set up, lint + security scans, then the tests on QGIS 3.22 (host) and 3.44 (chroot)"
	@echo "make lint      ruff check, ruff format --check, import layers, bandit, detect-secrets, QGIS's Qt6 check (needs the chroot)"
	@echo "make bench     every bench/bench_*.py"
	@echo "make package   dist/mobility_diagnosis-$(VERSION).zip"
	@echo "make demo      scripts/demo.sh"
	@echo "make clean     remove build output and caches (keeps .venv and the chroot)"

setup: setup-host setup-qgis344

setup-host:
	bash scripts/setup_host.sh

setup-qgis344:
	bash scripts/setup_qgis344.sh

# Lint and scans first, then both test runs even if lint failed (one CI run shows every problem); fails if
# either did.
test: setup
	@lint=0; $(MAKE) --no-print-directory lint || lint=$$?; \
	tests=0; bash scripts/run_tests.sh || tests=$$?; \
	if [ $$lint -ne 0 ]; then echo "make test: FAILED: lint or security scans (see the top of the log)"; fi; \
	if [ $$tests -ne 0 ]; then echo "make test: FAILED: tests (see the summary above)"; fi; \
	[ $$lint -eq 0 ] && [ $$tests -eq 0 ] && echo "make test: all clean and green"

test-host: setup-host
	bash scripts/run_tests.sh --only host

test-qgis344: setup
	bash scripts/run_tests.sh --only qgis344

# Every check runs (one run lists every problem); the target fails if any did. detect-secrets-hook fails on
# any secret not in the committed .secrets.baseline (it may refresh line numbers in it: commit that). The Qt6
# check runs in the QGIS 3.44 chroot (Python >= 3.12): without it, it fails saying to run `make setup-qgis344`.
lint: setup-host
	@failed=""; \
	echo "== ruff check"; $(VENV)/bin/ruff check . || failed="$$failed ruff-check"; \
	echo "== ruff format --check"; $(VENV)/bin/ruff format --check . || failed="$$failed ruff-format"; \
	echo "== import layers"; $(VENV)/bin/lint-imports --no-cache || failed="$$failed import-layers"; \
	echo "== bandit"; $(VENV)/bin/bandit -q -r mobility_diagnosis -c pyproject.toml || failed="$$failed bandit"; \
	echo "== detect-secrets"; \
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then git ls-files -z; \
	else find . -path ./.venv -prune -o -path ./.venv-bench -prune -o -path ./.git -prune -o -type f -print0; fi \
	  | xargs -0 $(VENV)/bin/detect-secrets-hook --baseline .secrets.baseline || failed="$$failed detect-secrets"; \
	echo "== qt6-check (QGIS pyqt5to6, in the QGIS 3.44 chroot)"; bash scripts/qt6_check.sh || failed="$$failed qt6-check"; \
	if [ -n "$$failed" ]; then echo "lint: FAILED:$$failed"; exit 1; fi; echo "lint: clean"

# scripts/setup_bench.sh (test venv + bench-only references such as OSMnx) when the benches need one.
bench:
	if [ -f scripts/setup_bench.sh ]; then bash scripts/setup_bench.sh; else bash scripts/setup_host.sh; fi
	@if [ -z "$(BENCHES)" ]; then echo "bench: no bench/bench_*.py yet"; fi
	@failed=0; for b in $(BENCHES); do \
	  echo "=== $$b"; \
	  QT_QPA_PLATFORM=offscreen PYTHONPATH="$(CURDIR)" $(PY) "$$b" || { echo "=== $$b FAILED"; failed=1; }; \
	done; exit $$failed

translations:
ifneq ($(TS_FILES),)
	lrelease -silent $(TS_FILES)
endif

package: translations
	python3 scripts/package.py

# scripts/demo.sh is the lead's; until it exists the target says so and fails.
demo: setup-host
	@if [ -f scripts/demo.sh ]; then bash scripts/demo.sh; else echo "demo not written yet"; exit 1; fi

clean:
	rm -rf dist build .pytest_cache .ruff_cache demo-output bench-output
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f mobility_diagnosis/resources/i18n/*.qm
