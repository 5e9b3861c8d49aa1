"""lstm-viz, the app: `streamlit run app.py` (or the `lstm-viz` command after `pip install .`).

The app lives in the package (lstm_viz/ui/app_main.py and lstm_viz/ui/pages/) so that an installed copy has
it too; this file only hands over to it.
"""

from lstm_viz.ui.app_main import main

main()
