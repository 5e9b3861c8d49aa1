"""The table of cell kinds: what each recurrent cell records, its gates in torch's packed order, its states.

Every layer reads these facts from here (the engine's step functions and recorder, the training
initialisation, the figures and the pages), so a new cell kind starts with one row of `KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellKind:
    """One recurrent cell kind.

    quantities: what the replay records per layer and direction, in the order a step computes them.
    blocks: the packed gate blocks of weight_ih / weight_hh (torch's order), each (symbol, quantity).
    states: the states carried from step to step; each gets a `{state}_grad` in a Trace with a loss.
    """

    name: str
    quantities: tuple[str, ...]
    blocks: tuple[tuple[str, str], ...]
    states: tuple[str, ...]

    @property
    def gates_per_unit(self) -> int:
        """Rows of weight_ih per hidden unit: 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n), 1 (RNN)."""
        return len(self.blocks)

    @property
    def has_cell(self) -> bool:
        return "cell" in self.states

    @property
    def recorded_arrays(self) -> int:
        """(B, T, H) arrays a layer-direction records with a loss: every quantity and every state gradient."""
        return len(self.quantities) + len(self.states)


LSTM = CellKind(
    "lstm",
    quantities=("input_gate", "forget_gate", "cell_candidate", "output_gate", "cell", "hidden"),
    blocks=(("i", "input_gate"), ("f", "forget_gate"), ("g", "cell_candidate"), ("o", "output_gate")),
    states=("hidden", "cell"),
)
GRU = CellKind(
    "gru",
    quantities=("reset_gate", "update_gate", "candidate", "hidden"),
    blocks=(("r", "reset_gate"), ("z", "update_gate"), ("n", "candidate")),
    states=("hidden",),
)
RNN = CellKind(
    "rnn", quantities=("preactivation", "hidden"), blocks=(("a", "preactivation"),), states=("hidden",)
)

KINDS: dict[str, CellKind] = {kind.name: kind for kind in (RNN, GRU, LSTM)}
KIND_NAMES = tuple(KINDS)  # ("rnn", "gru", "lstm"): the order every page lists them in
QUANTITIES = {name: kind.quantities for name, kind in KINDS.items()}
GATE_QUANTITIES = frozenset({"input_gate", "forget_gate", "output_gate", "reset_gate", "update_gate"})
LSTM_VARIANTS = ("standard", "peephole", "no_forget_gate", "coupled")
FORGET_GATE_VARIANTS = ("standard", "peephole")  # the LSTM variants whose forget gate has its own weights
NONLINEARITIES = ("tanh", "relu")  # of the vanilla RNN


def kind(name: str) -> CellKind:
    """The CellKind called `name`; ValueError naming the kinds there are."""
    if name not in KINDS:
        raise ValueError(f"kind must be one of {KIND_NAMES}, got {name!r}")
    return KINDS[name]


def has_forget_gate(kind_name: str, variant: str) -> bool:
    """Whether a core has a forget gate with weights of its own (a bias that training can set)."""
    return kind_name == "lstm" and variant in FORGET_GATE_VARIANTS
