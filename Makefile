# Rota — the two commands a new user needs:
#   make run    set up (installs libglpk-dev and libsqlite3-dev when missing), build, and solve the example practice
#   make test   set up (also chromium and the icalendar Python package: the HTML and calendar tests read Rota's
#               pages and feeds with them) and run the tests
# `make bench` records the benchmark of BENCHMARKS.md (needs the benchmark folder, see BENCHMARKS.md).

SHELL := /bin/bash
EXAMPLE ?= scenarios/riverside-2026-12.yaml
TIME_LIMIT ?= 60
NRP_DIR ?= ../shared/benchmarks/nrp

.PHONY: run test setup test-setup build bench

setup:
	@missing=""; \
	[ -f /usr/include/glpk.h ] || missing="$$missing libglpk-dev"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing with apt-get"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@command -v swift >/dev/null || { echo "Swift 6 is required: https://www.swift.org/install/"; exit 1; }

build: setup
	swift build -c release

run: build
	./.build/release/rota solve $(EXAMPLE) --time-limit $(TIME_LIMIT)

# What the tests read Rota's output with, independently of Rota: chromium (the HTML page's DOM) and Python's
# icalendar package (the calendar feeds, scripts/check_ics.py).
test-setup: setup
	@command -v chromium >/dev/null || { echo "installing chromium with apt-get"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@python3 -c "import icalendar" 2>/dev/null || { echo "installing the icalendar Python package with pip"; \
		python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore icalendar; }

# The tests run optimised (the local search and the brute-force suites are tight loops some thirty times
# slower unoptimised); -enable-testing keeps @testable imports working in a release build.
test: test-setup
	swift test -c release -Xswiftc -enable-testing

bench: build
	./.build/release/rota bench nrp $(NRP_DIR) --time-limit 60
