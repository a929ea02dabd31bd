//! One chain against many trust stores in one call: the answer to "why does Go fail while curl
//! works". Each row is a store's verdict; rows that fail for lack of a root say which other
//! store holds the root that would have anchored the chain.
//!
//! Pure: no I/O.

use serde::Serialize;

use super::{Verification, Verifier, VerifyError, VerifyFailure, VerifyOptions};
use crate::cert::Certificate;
use crate::store::TrustStore;

/// One store's verdict on the chain.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The verification against this store.
    #[serde(flatten)]
    pub verification: Verification,
    /// A sentence relating this row to the others, e.g. `root "X" is only in the system store`.
    pub why: Option<String>,
}

/// The verdicts of one chain against several stores.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// One row per store, in the order given.
    pub rows: Vec<MatrixRow>,
}

impl Matrix {
    /// Whether every store accepted the chain.
    pub fn all_trusted(&self) -> bool {
        self.rows.iter().all(|r| r.verification.trusted)
    }

    /// Whether at least one store accepted the chain.
    pub fn any_trusted(&self) -> bool {
        self.rows.iter().any(|r| r.verification.trusted)
    }

    /// Builds the matrix from verifications already made, adding the `why` of each row.
    pub fn from_verifications(rows: Vec<Verification>) -> Self {
        // Anchors that verified somewhere: (root subject, root sha256, stores that have it).
        let mut anchors: Vec<(String, String, Vec<String>)> = Vec::new();
        for v in &rows {
            if let Some(p) = &v.path {
                let root = p.anchor();
                match anchors.iter_mut().find(|a| a.1 == root.id()) {
                    Some(a) => a.2.push(v.store.clone()),
                    None => anchors.push((root.subject().display_name().to_owned(), root.id(), vec![v.store.clone()])),
                }
            }
        }
        let rows = rows
            .into_iter()
            .map(|v| {
                let why = why(&v, &anchors);
                MatrixRow { verification: v, why }
            })
            .collect();
        Matrix { rows }
    }
}

fn why(v: &Verification, anchors: &[(String, String, Vec<String>)]) -> Option<String> {
    let failure = v.chain_failure()?;
    if !failure.is_trust_failure() {
        return None;
    }
    let (name, _, stores) = anchors.first()?;
    let list = stores.join(", ");
    let only = if stores.len() == 1 { "only " } else { "" };
    Some(match failure {
        VerifyFailure::UntrustedRoot { .. } | VerifyFailure::SelfSignedLeaf { .. } => {
            format!("root \"{name}\" is {only}in the {list} store{}, not in {}", plural(stores), v.store)
        }
        _ => format!("root \"{name}\" is {only}in the {list} store{}", plural(stores)),
    })
}

fn plural(stores: &[String]) -> &'static str {
    if stores.len() > 1 {
        "s"
    } else {
        ""
    }
}

/// Verifies `chain` against every store in `stores` under the same options.
///
/// # Errors
/// As [`super::verify`]: an empty chain or an invalid name.
pub fn matrix(chain: &[Certificate], stores: &[TrustStore], opts: &VerifyOptions) -> Result<Matrix, VerifyError> {
    let mut rows = Vec::with_capacity(stores.len());
    for store in stores {
        rows.push(Verifier::new(store).verify(chain, opts)?);
    }
    Ok(Matrix::from_verifications(rows))
}
