"""Cross-article work: merge mentions into events (``dedupe``), find reused
text (``reuse``), reconcile conflicting figures (``reconcile``); ``synthetic``
makes test and benchmark mentions with a known truth. See docs/linking.md."""
