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

# A lecture hall: app processes behind nginx with sticky sessions (README "A lecture hall"),
# e.g. `make hall PROCESSES=6 ADDRESS=0.0.0.0`.
PROCESSES ?= 2
PORT ?= 8080
ADDRESS ?= 127.0.0.1
hall: $(STAMP)
	$(PY) scripts/serve_hall.py --processes $(PROCESSES) --port $(PORT) --address $(ADDRESS)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	OMP_NUM_THREADS=2 $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_trace.py

.PHONY: install run hall test bench
