# `make demo` and `make test` do the whole set-up on a fresh Debian machine (as root).
VENV := .venv
PY := $(VENV)/bin/python
SAMPLES := $(wildcard samples/*.yaml)

.PHONY: setup system demo test test-fast lint fuzz bench clean

system:
	bash scripts/install-system-deps

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask,serve,mcp]'
	touch $@

setup: system $(VENV)/.installed

OFFICES := $(wildcard samples/offices/*/profile.yaml)
QUARTERS := $(wildcard samples/quarterly/*.yaml)

demo: setup
	$(VENV)/bin/civreport render $(SAMPLES) --out out
	# The same report as each example office prints it.
	$(foreach office,$(OFFICES),$(VENV)/bin/civreport render samples/industrial-park-2017.yaml --office $(office) --out out/offices/$(notdir $(patsubst %/,%,$(dir $(office))));)
	# One office's four quarters, and their annual roll-up.
	$(VENV)/bin/civreport render $(QUARTERS) --out out/quarterly
	$(VENV)/bin/civreport rollup $(QUARTERS) --period 2024 -o out/rollup/2024.yaml
	$(VENV)/bin/civreport render out/rollup/2024.yaml --out out/rollup
	# A rendered summary imported back into an input file, and the real seeds of tests/data.
	$(VENV)/bin/civreport import out/hedong-street-2021.docx tests/data/seeds/*.txt --out out/imported --force
	# The web editor on the first sample, as the README shows it (Debian's Chromium).
	$(PY) scripts/screenshot-editor --out out/editor/editor.png \
		--review tests/data/editor/web-page.txt --review-out out/editor/review.png \
		--in-place-out out/editor/in-place.png

lint: setup
	$(PY) -m ruff check civreport tests benchmarks
	$(PY) -m ruff format --check civreport tests benchmarks
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

# The edit-test loop, under a minute: the tests not marked slow (LibreOffice, the browser,
# worker pools, the wheel in a fresh venv, the property tests); make test runs them all.
test-fast: setup
	$(PY) -m pytest -m "not slow"

# The property tests with many more examples (minutes).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_properties.py

bench: setup
	$(PY) benchmarks/run.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/batch.py
	$(PY) benchmarks/yaml_loaders.py
	$(PY) benchmarks/scaling.py
	$(PY) benchmarks/importing.py
	$(PY) benchmarks/engines.py
	$(PY) benchmarks/wholepdf.py
	$(PY) benchmarks/preview.py

clean:
	rm -rf out $(VENV) .pytest_cache
