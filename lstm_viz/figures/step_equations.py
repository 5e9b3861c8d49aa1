"""The step equations of one unit written out with the real numbers of a Trace (no Streamlit here).

`step_numbers` reads, for one (sample, t, unit, layer, direction), every recorded quantity from the Trace and
splits each gate's pre-activation into its input part (w . x_t), recurrent part (u . h_prev) and bias, from
the model's weights. The gate values themselves always come from the Trace: this module only does the
matrix products the equations start from, never the cell equations (those live in `engine.equations`).
`latex_lines` turns the numbers into one LaTeX line per equation. A symbolic input (one-hot over a vocabulary:
characters, words) is named by its symbol (`StepNumbers.symbol`, given `vocab`): the first line says which
symbol x_t is, rather than listing the 0s and the 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_viz.engine.kinds import KINDS, has_forget_gate
from lstm_viz.engine.trace import Trace, trace_key

from .heatmaps import input_symbols
from .symbols import hover_char


def fmt(value: float) -> str:
    """The one number format of the page (and of the tests that read it): 4 decimals."""
    text = f"{float(value):.4f}"
    return "0.0000" if text == "-0.0000" else text


def _term(value: float) -> str:
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


@dataclass
class Part:
    """One pre-activation: w . x_t (input), u . h_prev (recurrent), biases, and an extra (peephole) term."""

    input: float
    recurrent: float
    bias_input: float
    bias_recurrent: float
    extra: float = 0.0

    @property
    def bias(self) -> float:
        return self.bias_input + self.bias_recurrent

    @property
    def total(self) -> float:
        return self.input + self.recurrent + self.bias + self.extra


@dataclass
class StepNumbers:
    kind: str
    variant: str
    nonlinearity: str
    t: int
    prev_t: int | None  # t - 1 (forward) or t + 1 (reverse); None at the first step of the direction
    reverse: bool
    layer: int
    values: dict[str, float] = field(default_factory=dict)  # quantities + "hidden_prev" (+ "cell_prev")
    parts: dict[str, Part] = field(default_factory=dict)  # "i", "f", ... -> pre-activation parts
    inputs: np.ndarray | None = None  # x_t of this layer, (I,)
    symbol: str | None = None  # the symbol x_t is one-hot of (layer 0 of a symbolic input), else None
    symbol_index: int | None = None  # its index in the vocabulary


def _weights(core, layer: int, reverse: bool):
    suffix = "_reverse" if reverse else ""

    def get(name):
        return getattr(core, f"{name}_l{layer}{suffix}").detach().double().numpy()

    peephole = get("peephole") if core.variant == "peephole" else None
    return get("weight_ih"), get("weight_hh"), get("bias_ih"), get("bias_hh"), peephole


def layer_input(trace: Trace, sample: int, t: int, layer: int) -> np.ndarray:
    """x_t as layer `layer` sees it: the input for layer 0, else the layer below's hidden state(s)."""
    if layer == 0:
        return trace.input[sample, t].astype(np.float64)
    below = [trace[trace_key(layer - 1, "hidden")][sample, t]]
    if trace.meta.get("bidirectional"):
        below.append(trace[trace_key(layer - 1, "hidden", True)][sample, t])
    return np.concatenate(below).astype(np.float64)


def step_numbers(
    core, trace: Trace, sample: int, t: int, unit: int, layer: int = 0, reverse: bool = False, vocab=None
):
    """Every number of one unit's step, read from the Trace and split from the model's weights; with vocab
    (the task's symbols), a one-hot input at layer 0 is named by its symbol."""
    kind, hidden = core.kind, core.hidden_size
    length = trace.length
    prev_t = t + 1 if reverse else t - 1
    prev_t = prev_t if 0 <= prev_t < length else None
    numbers = StepNumbers(kind, core.variant, core.nonlinearity, t, prev_t, reverse, layer)

    def at(quantity, step):
        return float(trace[trace_key(layer, quantity, reverse)][sample, step, unit])

    def vector_at(quantity, step):
        if step is None:
            return np.zeros(hidden)
        return trace[trace_key(layer, quantity, reverse)][sample, step].astype(np.float64)

    for _, quantity in KINDS[kind].blocks:
        numbers.values[quantity] = at(quantity, t)
    if kind == "lstm":
        numbers.values["cell"] = at("cell", t)
        numbers.values["cell_prev"] = float(vector_at("cell", prev_t)[unit])
    numbers.values["hidden"] = at("hidden", t)
    numbers.values["hidden_prev"] = float(vector_at("hidden", prev_t)[unit])

    w_ih, w_hh, b_ih, b_hh, peephole = _weights(core, layer, reverse)
    x_t = layer_input(trace, sample, t, layer)
    h_prev = vector_at("hidden", prev_t)
    numbers.inputs = x_t
    symbols = input_symbols(x_t[None, :], vocab) if layer == 0 else None
    if symbols is not None:
        numbers.symbol, numbers.symbol_index = symbols[0], int(x_t.argmax())
    for block, (name, _) in enumerate(KINDS[kind].blocks):
        row = block * hidden + unit
        numbers.parts[name] = Part(
            float(w_ih[row] @ x_t), float(w_hh[row] @ h_prev), float(b_ih[row]), float(b_hh[row])
        )
    if peephole is not None:
        c_prev, c_t = numbers.values["cell_prev"], numbers.values["cell"]
        numbers.parts["i"].extra = float(peephole[0, unit] * c_prev)
        numbers.parts["f"].extra = float(peephole[1, unit] * c_prev)
        numbers.parts["o"].extra = float(peephole[2, unit] * c_t)
    return numbers


def _aligned(lhs: str, symbols: str, *numbers: str) -> str:
    """One equation over two or three lines: the symbols, then the numbers (fits a narrow column, a phone's
    too)."""
    rows = [symbols, " = ".join(numbers)]
    if len(numbers) > 1 and len(rows[1]) > 44:  # a long line of numbers: the result gets its own line
        rows[1:] = [numbers[0], " = ".join(numbers[1:])]
    body = " \\\\ &= ".join(rows)
    return f"\\begin{{aligned}} {lhs} &= {body} \\end{{aligned}}"


_LATEX_TEXT = {
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "#": "\\#", "%": "\\%",
    "_": "\\_", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
}  # fmt: skip


def latex_symbol(symbol: str) -> str:
    """A symbol (character or word) as KaTeX text in quotes: every character TeX would read is escaped."""
    return "\\text{“" + "".join(_LATEX_TEXT.get(c, c) for c in hover_char(symbol)) + "”}"


def latex_lines(n: StepNumbers) -> list[tuple[str, str]]:
    """[(quantity, LaTeX)]: one equation per quantity, symbols first, then the same with the numbers; a
    symbolic input first gets ("input", x_t = one-hot of its symbol)."""
    prev = "t+1" if n.reverse else "t-1"
    v = n.values
    lines = []
    if n.symbol is not None:
        lines.append(
            ("input", f"x_t = \\mathrm{{onehot}}({latex_symbol(n.symbol)}) = e_{{{n.symbol_index}}}")
        )

    def gate(symbol, quantity, squash, peephole_symbol=None):
        p = n.parts[symbol]
        extra_sym = f" + p_{symbol} \\odot c_{{{peephole_symbol}}}" if peephole_symbol else ""
        extra_num = f" + {_term(p.extra)}" if peephole_symbol else ""
        func = "\\sigma" if squash == "sigmoid" else "\\tanh"
        return (
            quantity,
            _aligned(
                f"{symbol}_t",
                f"{func}(W_{symbol} x_t + U_{symbol} h_{{{prev}}} + b_{symbol}{extra_sym})",
                f"{func}({_term(p.input)} + {_term(p.recurrent)} + {_term(p.bias)}{extra_num})",
                f"{func}({fmt(p.total)})",
                fmt(v[quantity]),
            ),
        )

    if n.kind == "lstm":
        peep = n.variant == "peephole"
        lines.append(gate("i", "input_gate", "sigmoid", prev if peep else None))
        if has_forget_gate(n.kind, n.variant):
            lines.append(gate("f", "forget_gate", "sigmoid", prev if peep else None))
        elif n.variant == "no_forget_gate":
            lines.append(("forget_gate", _aligned("f_t", "1", fmt(v["forget_gate"]))))
        else:
            lines.append(
                (
                    "forget_gate",
                    _aligned("f_t", "1 - i_t", f"1 - {_term(v['input_gate'])}", fmt(v["forget_gate"])),
                )
            )
        lines.append(gate("g", "cell_candidate", "tanh"))
        lines.append(
            (
                "cell",
                _aligned(
                    "c_t",
                    f"f_t\\, c_{{{prev}}} + i_t\\, g_t",
                    f"{_term(v['forget_gate'])} \\times {_term(v['cell_prev'])} + {_term(v['input_gate'])}"
                    f" \\times {_term(v['cell_candidate'])}",
                    fmt(v["cell"]),
                ),
            )
        )
        lines.append(gate("o", "output_gate", "sigmoid", "t" if peep else None))
        lines.append(
            (
                "hidden",
                _aligned(
                    "h_t",
                    "o_t \\tanh(c_t)",
                    f"{_term(v['output_gate'])} \\times \\tanh({fmt(v['cell'])})",
                    fmt(v["hidden"]),
                ),
            )
        )
    elif n.kind == "gru":
        lines.append(gate("r", "reset_gate", "sigmoid"))
        lines.append(gate("z", "update_gate", "sigmoid"))
        p = n.parts["n"]
        lines.append(
            (
                "candidate",
                _aligned(
                    "n_t",
                    f"\\tanh(W_n x_t + b_{{in}} + r_t \\odot (U_n h_{{{prev}}} + b_{{hn}}))",
                    f"\\tanh({_term(p.input + p.bias_input)} + {_term(v['reset_gate'])} \\times "
                    f"{_term(p.recurrent + p.bias_recurrent)})",
                    fmt(v["candidate"]),
                ),
            )
        )
        lines.append(
            (
                "hidden",
                _aligned(
                    "h_t",
                    f"(1 - z_t)\\, n_t + z_t\\, h_{{{prev}}}",
                    f"(1 - {_term(v['update_gate'])}) \\times {_term(v['candidate'])} + "
                    f"{_term(v['update_gate'])} \\times {_term(v['hidden_prev'])}",
                    fmt(v["hidden"]),
                ),
            )
        )
    else:
        p = n.parts["a"]
        lines.append(
            (
                "preactivation",
                _aligned(
                    "a_t",
                    f"W x_t + U h_{{{prev}}} + b",
                    f"{_term(p.input)} + {_term(p.recurrent)} + {_term(p.bias)}",
                    fmt(v["preactivation"]),
                ),
            )
        )
        phi = "\\tanh" if n.nonlinearity == "tanh" else "\\mathrm{ReLU}"
        lines.append(
            ("hidden", _aligned("h_t", f"{phi}(a_t)", f"{phi}({fmt(v['preactivation'])})", fmt(v["hidden"])))
        )
    return lines
