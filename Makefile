# algo-trade build entry point. A fresh machine needs only Node + npm: Bun is installed from
# npm (the `bun` package ships its binary) into .tools/, pinned to BUN_VERSION.
SHELL := /bin/bash
BUN_VERSION := 1.4.5
TOOLS := $(CURDIR)/.tools
BUN := $(TOOLS)/node_modules/.bin/bun
export PATH := $(TOOLS)/node_modules/.bin:$(CURDIR)/node_modules/.bin:$(PATH)
SOURCES := $(shell find src tui scripts -name '*.ts' -o -name '*.tsx' 2>/dev/null | grep -v '\.test\.tsx\?$$') package.json bun.lock

.PHONY: all build run test check bench clean deps bun help

all: build

help:
	@echo "make          build ./algo-trade and ./algo-trade-tui"
	@echo "make run      build, then start the daemon on embedded defaults"
	@echo "make test     unit + integration + end-to-end tests"
	@echo "make check    typecheck + convention lint + dependency-direction + determinism checks"
	@echo "make bench    run every benchmark under bench/"
	@echo "make clean    remove binaries, caches and installed tools"

$(BUN):
	@mkdir -p $(TOOLS)
	@echo "Installing Bun $(BUN_VERSION) from npm into .tools/"
	@echo '{"private":true,"description":"tools installed by the Makefile"}' > $(TOOLS)/package.json
	@cd $(TOOLS) && npm install --no-package-lock --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION) >/dev/null
	@$(BUN) --version >/dev/null

bun: $(BUN)

node_modules/.installed: package.json bun.lock | $(BUN)
	$(BUN) install --frozen-lockfile
	@touch $@

deps: node_modules/.installed

build: algo-trade algo-trade-tui

algo-trade algo-trade-tui &: $(SOURCES) node_modules/.installed
	$(BUN) run scripts/build.ts

run: build
	./algo-trade daemon

test: build
	sh scripts/ensure-system-deps.sh
	$(BUN) run scripts/run-tests.ts

check: deps
	$(BUN) x tsc --noEmit -p tsconfig.json
	$(BUN) run scripts/check-boundaries.ts
	$(BUN) run scripts/check-determinism.ts
	$(BUN) run scripts/lint.ts

bench: build
	$(BUN) run bench/run-all.ts

clean:
	rm -rf algo-trade algo-trade-tui dist .cache node_modules $(TOOLS)
