//! Mozilla's root set, as compiled into this library through webpki-root-certs.

use super::{Location, Origin, StoreBuilder, StoreKind, TrustStore};
use crate::cert::Certificate;

/// Where the compiled-in set comes from.
pub const MOZILLA_SOURCE: &str = "webpki-root-certs";

/// Version of the webpki-root-certs crate compiled in (it is regenerated from Mozilla's CCADB
/// report for each release, so the version names the snapshot).
pub const MOZILLA_VERSION: &str = "1.0.11";

pub(super) fn load() -> TrustStore {
    let mut b = StoreBuilder::new("mozilla", StoreKind::Mozilla);
    for (i, der) in webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().enumerate() {
        let origin = Origin { source: MOZILLA_SOURCE.to_owned(), location: Some(Location::Offset(i)) };
        match Certificate::from_der(der.as_ref()) {
            Ok(c) => {
                b.add_certificate(c, origin);
            }
            Err(e) => b.diagnostic(MOZILLA_SOURCE, Some(Location::Offset(i)), e.to_string()),
        }
    }
    b.note(format!("Mozilla's set from {MOZILLA_SOURCE} {MOZILLA_VERSION}, compiled in"));
    b.build()
}
