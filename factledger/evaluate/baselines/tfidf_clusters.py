"""Baseline for the clusters task: TF-IDF cosine, average-link agglomerative clustering, one threshold.

The honest peer a newcomer would write first: no places, no dates, no types, one similarity
threshold fixed in advance (not picked on the gold).
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["SIMILARITY_THRESHOLD", "tfidf_clusters"]

SIMILARITY_THRESHOLD = 0.3
"""Documents join while the average cosine between their clusters is at least this."""


def tfidf_clusters(texts: list[str], threshold: float = SIMILARITY_THRESHOLD) -> list[int]:
    """A cluster label per text."""
    if len(texts) < 2:
        return list(range(len(texts)))
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    similarity = np.asarray((vectors @ vectors.T).todense(), dtype=np.float64)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return [int(label) for label in labels]
