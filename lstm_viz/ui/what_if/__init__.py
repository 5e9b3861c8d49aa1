"""The What if page's parts: presets, own edits, cached runs, figures, sentences, widgets, the view."""
