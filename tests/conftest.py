"""Shared test settings: a small torch thread count so test processes never fight over the two cores."""

import torch

torch.set_num_threads(1)
