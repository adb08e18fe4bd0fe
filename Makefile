# Two entry points for a fresh clone: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch: an unpinned torch pulls a multi-GB CUDA build.
TORCH := torch==2.13.0
INDEX := index/reference
REPORTS := reports

.PHONY: setup demo test lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check "$(TORCH)" -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/factcheck index reference_docs --out $(INDEX)
	$(BIN)/factcheck verify examples/lunar_article.md --index $(INDEX) --report-dir $(REPORTS)

lint: setup
	$(BIN)/ruff check verifier tests bench training

# The browser test needs Debian's chromium + chromium-driver (installed once, as root).
test: setup lint
	bash scripts/install_browser.sh
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(INDEX) $(REPORTS)
