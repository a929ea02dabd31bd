//! Unit tests for reference-name parsing and the per-runtime rules.
