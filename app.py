"""lstm-viz, the app: `streamlit run app.py` (or the `lstm-viz` command after `pip install .`).

The frame lives in the package (lstm_viz/ui/start.py, then ui/main.py) so that an installed copy has it too;
the page scripts are in pages/ beside this file. This file only hands over to the frame.
"""

from lstm_viz.ui.start import run

run()
