"""The engine: step equations and derivatives, the recurrent core, replay, recording, BPTT, Trace, grads.

Imports only `lstm_viz.limits`: no task, figure, training or Streamlit code.
"""
