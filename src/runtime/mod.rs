//! Runtimes and what each one really trusts.
//!
//! A runtime view answers "which files, directories, variables and settings does this runtime
//! read on this machine, in what order, and which roots result". The rules come from each
//! runtime's own source and documentation and are tested against the real runtime.

mod kind;

pub use kind::Runtime;
