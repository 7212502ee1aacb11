"""Quote and attribution finding: quotation marks, cues and speakers (used by the quotes component)."""
