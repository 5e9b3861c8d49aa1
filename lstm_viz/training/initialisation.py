"""Initialisations a training config can ask for: a forget-gate bias, orthogonal or spectral W_hh.

Forget bias: Gers, Schmidhuber & Cummins 2000; Jozefowicz, Zaremba & Sutskever 2015. Orthogonal: Saxe,
McClelland & Ganguli 2014.
"""

from __future__ import annotations

import math

import torch

from lstm_viz.engine.kinds import KINDS, has_forget_gate

from .config import TrainConfig
from .model import SequenceModel


def apply_init(model: SequenceModel, config: TrainConfig) -> None:
    """Set the initialisations `config` asks for, in place; with the defaults this changes nothing.

    forget_bias: for an LSTM with a forget gate, the f block of every bias_ih is set to the value and that of
    bias_hh to 0, so the gate starts at sigmoid(value) (near 0.73 for 1.0: remember by default).
    recurrent_init: every (H, H) gate block of every weight_hh becomes orthogonal, or a Gaussian matrix
    rescaled to largest |eigenvalue| = spectral_radius. Random draws come from a generator seeded with
    config.seed.
    """
    config.validate()
    core = model.core
    hidden = core.hidden_size
    generator = torch.Generator().manual_seed(config.seed)
    forget_bias = config.forget_bias is not None and has_forget_gate(core.kind, core.variant)
    blocks = [quantity for _, quantity in KINDS[core.kind].blocks]  # gate order i, f, g, o
    forget_block = blocks.index("forget_gate") if forget_bias else 0
    with torch.no_grad():
        for name, param in core.named_parameters():
            if name.startswith("weight_hh") and config.recurrent_init != "default":
                for block in param.split(hidden, dim=0):  # (H, H) views, one per gate
                    block.copy_(_recurrent_block(hidden, config, generator))
            if forget_bias and name.startswith("bias_"):
                forget = slice(forget_block * hidden, (forget_block + 1) * hidden)
                param[forget] = config.forget_bias if name.startswith("bias_ih") else 0.0


def _recurrent_block(hidden: int, config: TrainConfig, generator: torch.Generator) -> torch.Tensor:
    if config.recurrent_init == "orthogonal":
        return torch.nn.init.orthogonal_(torch.empty(hidden, hidden), generator=generator)
    weight = torch.randn(hidden, hidden, generator=generator, dtype=torch.float64) / math.sqrt(hidden)
    radius = torch.linalg.eigvals(weight).abs().max()
    return (weight * (config.spectral_radius / radius)).float()
