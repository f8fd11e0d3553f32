# Rota — the two commands a new user needs:
#   make run    set up (installs libglpk-dev and libsqlite3-dev when missing), build, and solve the example practice
#   make test   set up (also the icalendar Python package the feed tests read .ics files with) and run the tests
# `make bench` records the benchmark of BENCHMARKS.md (needs the benchmark folder, see BENCHMARKS.md).

SHELL := /bin/bash
EXAMPLE ?= scenarios/riverside-2026-12.yaml
TIME_LIMIT ?= 10
NRP_DIR ?= ../shared/benchmarks/nrp

.PHONY: run test setup build bench

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
	@# The calendar-feed tests read Rota's .ics files with an independent parser (scripts/check_ics.py).
	@python3 -c "import icalendar" 2>/dev/null || { echo "installing the icalendar Python package with pip"; \
		python3 -m pip install --quiet --disable-pip-version-check icalendar 2>&1 | grep -v "Running pip as the 'root' user" || true; }

build: setup
	swift build -c release

run: build
	./.build/release/rota solve $(EXAMPLE) --time-limit $(TIME_LIMIT)

# The tests run optimised (the local search and the brute-force suites are tight loops some thirty times
# slower unoptimised); -enable-testing keeps @testable imports working in a release build.
test: setup
	swift test -c release -Xswiftc -enable-testing

bench: build
	./.build/release/rota bench nrp $(NRP_DIR) --time-limit 60
