"""Small metric helpers shared by evaluation tasks."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

__all__ = ["bcubed", "pairwise_f1", "prf", "ratio"]


def ratio(num: float, den: float) -> float | None:
    """num/den rounded to 4 places, or None when there is nothing to divide by."""
    return None if den == 0 else round(num / den, 4)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | None]:
    p = ratio(tp, n_pred)
    r = ratio(tp, n_gold)
    f = None if p is None or r is None or p + r == 0 else round(2 * p * r / (p + r), 4)
    if p is not None and r is not None and p + r == 0:
        f = 0.0
    return {"precision": p, "recall": r, "f1": f}


def bcubed(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict[str, float | None]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` (item -> cluster) against ``gold``."""
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": None, "recall": None, "f1": None}
    pred_members: dict[Hashable, set[str]] = {}
    gold_members: dict[Hashable, set[str]] = {}
    for i in items:
        pred_members.setdefault(pred[i], set()).add(i)
        gold_members.setdefault(gold[i], set()).add(i)
    p_sum = r_sum = 0.0
    for i in items:
        same_pred = pred_members[pred[i]]
        same_gold = gold_members[gold[i]]
        both = len(same_pred & same_gold)
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(items), r_sum / len(items)
    f = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise_f1(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> float | None:
    """F1 over item pairs placed in the same cluster (computed per cluster, not per pair)."""
    items = [i for i in gold if i in pred]

    def pairs(labels: Mapping[str, Hashable]) -> dict[tuple[Hashable, Hashable], int]:
        counts: dict[tuple[Hashable, Hashable], int] = {}
        for i in items:
            key = (labels[i], gold[i] if labels is pred else pred[i])
            counts[key] = counts.get(key, 0) + 1
        return counts

    def n_pairs(n: int) -> int:
        return n * (n - 1) // 2

    joint = pairs(pred)
    tp = sum(n_pairs(n) for n in joint.values())
    pred_sizes: dict[Hashable, int] = {}
    gold_sizes: dict[Hashable, int] = {}
    for i in items:
        pred_sizes[pred[i]] = pred_sizes.get(pred[i], 0) + 1
        gold_sizes[gold[i]] = gold_sizes.get(gold[i], 0) + 1
    n_pred = sum(n_pairs(n) for n in pred_sizes.values())
    n_gold = sum(n_pairs(n) for n in gold_sizes.values())
    return prf(tp, n_pred, n_gold)["f1"]
