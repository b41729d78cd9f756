"""Cross-article work: merge mentions into events (``dedupe``), find reused
text (``reuse``), reconcile conflicting figures (``reconcile``)."""
