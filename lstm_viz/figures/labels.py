"""The English text of every figure: axis titles, legend names, hover labels and captions.

Figures take `labels` with these keys; lstm_viz/ui/strings.py holds the Chinese table with the same keys.
Every value is a str.format template: {placeholders} are filled in, literal braces are doubled.
"""

# Every string a figure shows, in English. Key groups:
#   axis titles (also the names in hover text); "blocks" wraps an axis title when columns are averaged;
#   "abs_value" / "log_abs_value" / "key_title*" wrap a quantity's display name;
#   "q.<quantity>": display names of trace quantities (kinds.QUANTITIES, the *_grad keys, saliency) and of the
#   previous states "q.cell_prev", "q.hidden_prev";
#   "act.*": activation functions; "prod.*": lines of derivative_products;
#   "eq.*" and "diagram.*": cell_diagram;
#   "caption.<builder>": the one-line captions, "caption.scale_<kind>": how to read each colour scale.
LABELS: dict[str, str] = {
    "time_step": "time step t",
    "unit": "hidden unit",
    "input": "input x_t",
    "feature": "input feature",
    "sample": "sample",
    "training_step": "training step",
    "lag": "lag (steps back from the end)",
    "value": "value",
    "loss": "loss",
    "pre_activation": "pre-activation a",
    "activation_value": "activation φ(a)",
    "derivative_value": "slope φ′(a)",
    "factors": "number of factors k",
    "product": "product of k slopes (log scale)",
    "grad_norm": "‖∂L/∂h_t‖ (log scale)",
    "jacobian_norm": "‖∂h_T/∂h_t‖ (log scale)",
    "left_saturated": "share of steps below 0.1 (left-saturated)",
    "right_saturated": "share of steps above 0.9 (right-saturated)",
    "blocks": "{axis} (each column averages {stride} steps)",
    "abs_value": "|{quantity}|",
    "log_abs_value": "|{quantity}| (log scale)",
    "key_title": "{quantity}, layer {layer}",
    "key_title_reverse": "{quantity}, layer {layer}, reverse direction",
    "q.input_gate": "input gate i_t",
    "q.forget_gate": "forget gate f_t",
    "q.cell_candidate": "candidate g_t",
    "q.output_gate": "output gate o_t",
    "q.cell": "cell state c_t",
    "q.hidden": "hidden state h_t",
    "q.reset_gate": "reset gate r_t",
    "q.update_gate": "update gate z_t",
    "q.candidate": "candidate n_t",
    "q.preactivation": "pre-activation a_t",
    "q.hidden_grad": "∂L/∂h_t",
    "q.cell_grad": "∂L/∂c_t",
    "q.input_grad": "∂L/∂x_t",
    "q.saliency": "saliency ‖∂L/∂x_t‖",
    "q.cell_prev": "previous cell c_{{t-1}}",
    "q.hidden_prev": "previous hidden h_{{t-1}}",
    "act.sigmoid": "sigmoid σ",
    "act.tanh": "tanh",
    "act.relu": "ReLU",
    "act.leaky_relu": "leaky ReLU (slope {slope})",
    "prod.sigmoid_bound": "σ′ at its largest: (1/4)^k",
    "prod.sigmoid_median": "σ′ at random a ~ N(0, 1), median",
    "prod.tanh_bound": "tanh′ at its largest, or an active ReLU: 1",
    "prod.tanh_median": "tanh′ at random a ~ N(0, 1), median",
    "prod.relu_mean": "ReLU: chance that no factor is 0, (1/2)^k",
    "prod.leaky_median": "leaky ReLU at random a ~ N(0, 1), median",
    "pascanu_bound": "Pascanu bound (γ·σ_max)^(T-1-t)",
    "decay_per_step": "×{factor} per step",
    "eq.lstm_cell": "c_t = f_t·c_{{t-1}} + i_t·g_t = {f}·{c_prev} + {i}·{g} = {c}",
    "eq.lstm_hidden": "h_t = o_t·tanh(c_t) = {o}·{tanh_c} = {h}",
    "eq.gru_hidden": "h_t = (1 - z_t)·n_t + z_t·h_{{t-1}} = {one_minus_z}·{n} + {z}·{h_prev} = {h}",
    "eq.rnn_hidden": "h_t = {phi}(a_t) = {phi}({a}) = {h}",
    "diagram.peephole": "dotted lines: peepholes, the gates also read the cell state",
    "diagram.no_forget_gate": "no forget gate: f_t is always 1",
    "diagram.coupled": "coupled gates: f_t = 1 - i_t",
    "caption.gates_heatmap": "Each row is one unit and each column one time step; the grey strip on top is "
    "the input at the same steps. Hover for exact numbers.",
    "caption.heatmap": "Each row is one entry of the y axis and each column one step; hover for exact "
    "numbers.",
    "caption.saturation_scatter": "One dot per gate unit: far right = almost always closed (< 0.1), high "
    "up = almost always open (> 0.9), near (0, 0) = it really switches; no dot can pass the diagonal.",
    "caption.activation_curves": "Left the functions, right their slopes: σ′ never exceeds 1/4, tanh′ never "
    "exceeds 1, and both fall to 0 when |a| is large (saturation).",
    "caption.derivative_products": "Backpropagating through k steps multiplies k slopes: on this log axis a "
    "straight falling line means the gradient vanishes exponentially.",
    "caption.grad_norm_lines": "How strongly the loss reaches back to step t (log scale): the further a line "
    "falls towards the left, the less the early steps can learn.",
    "caption.cell_diagram": "One unit at one step: the numbers are this unit's values, box colours use the "
    "heatmap scales, and the top line carries the memory from step to step.",
    "caption.line_traces": "One line per series; hover for exact values.",
    "caption.scale_gate": "Gates: dark purple = closed (0), yellow = open (1).",
    "caption.scale_state": "Red = positive, blue = negative, white = zero, on a scale symmetric about 0.",
    "caption.scale_grad": "Colour is the size of the gradient on a log scale (each tick ten times the last, "
    "black = tiny); blank cells are exactly zero.",
}
