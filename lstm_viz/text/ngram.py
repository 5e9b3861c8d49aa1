"""A character n-gram model with interpolated Kneser-Ney smoothing: the baseline a recurrent model must beat.

Kneser & Ney (1995), interpolated as in Chen & Goodman (1998): the highest order counts n-grams; every lower
order counts continuations (in how many different contexts a shorter n-gram follows a character), and each
order discounts every count by D = n1 / (n1 + 2 n2) (n1, n2: how many n-grams of that order occur once,
twice), handing the mass it takes to the next lower order. Order 0 is uniform over the vocabulary, so every
character, even one never seen, has a probability above 0 and every distribution sums to 1.

    model = NGram.fit(chars.corpus_codes("train"), order=6)
    model.bits_per_char(chars.corpus_codes("test"))     # mean -log2 p(c_t | the n-1 characters before)
    order, bits = choose_order(train_codes, validation_codes)

An n-gram is one integer, its characters' indices as digits in base V (V = len(VOCAB) = 98), so counting is
`np.unique` and a lookup is `np.searchsorted`; orders up to MAX_ORDER fit in int64.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.tasks.chars import VOCAB

V = len(VOCAB)
MAX_ORDER = 9  # V**9 < 2**63


@dataclass(frozen=True)
class _Order:
    """The counts of one order n: every n-gram's (continuation) count, and per context (its first n-1
    characters) the total count and the number of different characters that follow it."""

    grams: np.ndarray  # (G,) sorted n-gram ids
    counts: np.ndarray  # (G,) float64
    contexts: np.ndarray  # (C,) sorted context ids
    context_totals: np.ndarray  # (C,) float64
    context_types: np.ndarray  # (C,) float64
    discount: float


def _lookup(keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """values[i] where keys[i] == query, else 0; keys sorted."""
    if keys.size == 0:
        return np.zeros(queries.shape)
    where = np.minimum(np.searchsorted(keys, queries), keys.size - 1)
    return np.where(keys[where] == queries, values[where], 0.0)


def gram_ids(codes: np.ndarray, n: int) -> np.ndarray:
    """(T,) int64: the id of the n-gram that ends at each position t (characters t-n+1..t); -1 for t < n-1."""
    codes = np.asarray(codes, dtype=np.int64)
    ids = np.full(codes.size, -1, dtype=np.int64)  # (T,)
    if codes.size >= n:
        windows = np.lib.stride_tricks.sliding_window_view(codes, n)  # (T - n + 1, n)
        ids[n - 1 :] = windows @ _powers(n)
    return ids


def _powers(n: int) -> np.ndarray:
    """(n,) V**(n-1), ..., V, 1: the place values of an n-gram's characters."""
    return V ** np.arange(n - 1, -1, -1, dtype=np.int64)


def _order_counts(grams: np.ndarray, counts: np.ndarray) -> _Order:
    contexts, inverse = np.unique(grams // V, return_inverse=True)
    totals = np.bincount(inverse, weights=counts)
    types = np.bincount(inverse).astype(np.float64)
    n1, n2 = np.sum(counts == 1), np.sum(counts == 2)
    discount = float(n1 / (n1 + 2 * n2)) if n1 + n2 else 0.5
    return _Order(grams, counts.astype(np.float64), contexts, totals, types, min(max(discount, 0.05), 0.95))


class NGram:
    """An interpolated Kneser-Ney character model of a fixed order, fitted on a sequence of VOCAB indices."""

    def __init__(self, order: int, orders: list[_Order]):
        self.order, self._orders = order, orders

    @classmethod
    def fit(cls, codes, order: int) -> NGram:
        if isinstance(order, bool) or not isinstance(order, int) or not 1 <= order <= MAX_ORDER:
            raise ValueError(f"order must be an integer between 1 and {MAX_ORDER}, got {order!r}")
        codes = np.asarray(codes, dtype=np.int64)
        if codes.ndim != 1 or codes.size < order:
            raise ValueError(f"codes must be one row of at least order={order} indices")
        orders = []  # index n-1 holds order n
        for n in range(1, order):  # continuation counts: how many different characters come before
            seen = np.unique(gram_ids(codes, n + 1)[n:])  # every distinct (n+1)-gram
            orders.append(_order_counts(*np.unique(seen % V**n, return_counts=True)))
        orders.append(_order_counts(*np.unique(gram_ids(codes, order)[order - 1 :], return_counts=True)))
        return cls(order, orders)

    def _probability(self, ids_by_order: list[np.ndarray]) -> np.ndarray:
        """p of each queried character given its context; ids_by_order[n-1] (M,) the n-gram ids, -1 where
        the context is shorter than n-1 characters."""
        p = np.full(ids_by_order[0].shape, 1.0 / V)  # (M,) order 0: uniform
        for table, ids in zip(self._orders, ids_by_order, strict=True):
            valid = ids >= 0
            safe = np.where(valid, ids, 0)
            total = np.where(valid, _lookup(table.contexts, table.context_totals, safe // V), 0.0)  # (M,)
            types = _lookup(table.contexts, table.context_types, safe // V)
            count = _lookup(table.grams, table.counts, safe)
            seen = total > 0
            total = np.where(seen, total, 1.0)
            mixed = np.maximum(count - table.discount, 0.0) / total + table.discount * types / total * p
            p = np.where(seen, mixed, p)
        return p

    def probabilities(self, codes) -> np.ndarray:
        """(T,): p(codes[t] | codes[max(0, t-order+1):t]) for every t (t = 0 has an empty context)."""
        codes = np.asarray(codes, dtype=np.int64)
        return self._probability([gram_ids(codes, n) for n in range(1, self.order + 1)])

    def distribution(self, context) -> np.ndarray:
        """(V,): the probability of every character after `context` (indices; its last order-1 count)."""
        context = np.asarray(context, dtype=np.int64).reshape(-1)
        history = context[max(0, context.size - self.order + 1) :] if self.order > 1 else context[:0]
        rows = np.concatenate([np.tile(history, (V, 1)), np.arange(V)[:, None]], axis=1)  # (V, L + 1)
        ids = [
            rows[:, -n:] @ _powers(n) if n <= rows.shape[1] else np.full(V, -1, dtype=np.int64)
            for n in range(1, self.order + 1)
        ]
        return self._probability(ids)

    def bits_per_char(self, codes) -> float:
        """Mean -log2 p(c_t | context) over t >= 1: the same targets a recurrent model predicts."""
        return float(-np.log2(self.probabilities(codes)[1:]).mean())


def choose_order(train, validation, orders=range(1, MAX_ORDER + 1)) -> tuple[int, dict[int, float]]:
    """(the order with the fewest validation bits per character, {order: validation bits})."""
    bits = {order: NGram.fit(train, order).bits_per_char(validation) for order in orders}
    best = min(bits, key=lambda order: (bits[order], order))
    return best, bits


def unigram_bits(train, test) -> float:
    """Bits per character on `test` (t >= 1) of the character frequencies of `train`, add-one smoothed."""
    counts = np.bincount(np.asarray(train, dtype=np.int64), minlength=V) + 1.0  # (V,)
    p = counts / counts.sum()
    return float(-np.log2(p[np.asarray(test, dtype=np.int64)[1:]]).mean())
