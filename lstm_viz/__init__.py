"""lstm-viz: look inside recurrent networks, step by step.

The engine (everything here except `lstm_viz.ui`) is plain PyTorch + NumPy and works in a notebook:
`models.Recurrent(...).run_with_trace(x)` returns the output and a `Trace` of every gate and state.
"""

__version__ = "0.1.0"
