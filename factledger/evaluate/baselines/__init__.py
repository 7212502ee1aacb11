"""Honest peer systems the evaluation tasks report next to ours, computed in the same run."""
