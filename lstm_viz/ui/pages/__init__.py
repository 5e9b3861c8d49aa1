"""The app's pages, run by st.navigation from lstm_viz/ui/app_main.py (files, not modules to import)."""
