# Two entry points for a fresh machine: `make run` (install + serve on localhost:8501), `make test` (install + all tests).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The lstm-viz launcher serves app.py's frame (lstm_viz/ui/main.py) with the settings of .streamlit/config.toml;
# unlike `streamlit run app.py`, its first run never takes Streamlit's old pages/ mode (see ui/main.py).
run: $(STAMP)
	$(VENV)/bin/lstm-viz --server.port 8501

test: $(STAMP)
	$(VENV)/bin/ruff check .
	OMP_NUM_THREADS=2 $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_trace.py

.PHONY: install run test bench
