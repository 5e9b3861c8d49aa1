"""Public: gradient diagnostics of a Trace (`from lstm_viz import grads`).

A re-export for notebooks and scripts; the code lives in `lstm_viz.engine.grads`. Nothing inside the package
imports this module.
"""

from lstm_viz.engine.grads import (
    DecayFit,
    fit_decay,
    forget_carousel,
    jacobian_norms,
    largest_singular_value,
    pascanu_bound,
    saliency,
    saturation_fractions,
    state_grad_norms,
)

__all__ = [
    "DecayFit",
    "fit_decay",
    "forget_carousel",
    "jacobian_norms",
    "largest_singular_value",
    "pascanu_bound",
    "saliency",
    "saturation_fractions",
    "state_grad_norms",
]
