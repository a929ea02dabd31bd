//! Layer placeholder; filled in by its issue.
