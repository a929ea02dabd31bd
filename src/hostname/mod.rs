//! Hostname checks: does a certificate's SAN (or CN) cover the name a client asked for, by
//! RFC 6125 / RFC 9525, and by each runtime's own rules (CN fallback, partial wildcards, IPs
//! written in the CN, trailing dots, IDNA)?
//!
//! Pure: certificate and name in, verdict out; no I/O, no DNS, and no chain validation
//! (that is [`crate::verify`], which calls [`check`] for its name column).
//!
//! Each runtime's rules are transcribed from its source (see `profile.rs`) and checked against
//! the real runtime by the differential tests in `tests/hostname_differential.rs`; remaining
//! disagreements would be listed in `tests/data/hostname_known_differences.tsv` (none today).
//!
//! | runtime | CN read when | partial `f*.x.y` | `*.com` | trailing dot | IP reference |
//! |---|---|---|---|---|---|
//! | go | never | no | yes | stripped from the name | IP SANs; IPv4-mapped = IPv4 |
//! | openssl (`X509_check_host`, flags 0) | no DNS SAN (any CN) | yes (not over `xn--`) | no | exact only | IP SANs, raw bytes |
//! | python (default context) | no DNS SAN | no | no | exact only | IP SANs, raw bytes |
//! | certifi (requests, urllib3 2) | never | no | no | exact only | IP SANs, raw bytes |
//! | pip (urllib3 1.26 `match_hostname`) | no DNS or IP SAN (any CN, also for IPs) | yes | yes | exact only | IP SANs; CN text |
//! | curl, git, cargo (libcurl + OpenSSL) | no DNS or IP SAN (last CN, also for IPs) | no | no | stripped from both | IP SANs; CN text |
//! | node (`checkServerIdentity`) | no DNS SAN (any CN) | yes (not `xn--`) | no | stripped from both | IP SANs only |
//! | rustls (webpki) | never | no | no | stripped from the name | IP SANs, raw bytes |
//! | strict ([`check_strict`], browsers) | never | no | no, nor `*.co.uk` | stripped from the name | IP SANs, raw bytes |
//!
//! A typed Unicode name is converted to A-labels with UTS #46 (nontransitional), as Go, Node.js,
//! curl and requests do; Python's plain `ssl` uses IDNA 2003 instead ([`Name::as_idna2003`]).

mod name;
mod profile;
pub mod suffix;

use std::net::IpAddr;

use serde::Serialize;

use crate::cert::GeneralName;
use crate::runtime::Runtime;
use crate::Certificate;

pub use name::{Name, NameError};
use profile::Family;

/// One identity a certificate presents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Presented {
    /// A subjectAltName dNSName, as written in the certificate.
    DnsSan(String),
    /// A subjectAltName iPAddress.
    IpSan(IpAddr),
    /// A subject commonName value, as UTF-8.
    CommonName(String),
}

impl std::fmt::Display for Presented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Presented::DnsSan(s) => write!(f, "DNS:{}", s.escape_debug()),
            Presented::IpSan(ip) => write!(f, "IP:{ip}"),
            Presented::CommonName(s) => write!(f, "CN={}", s.escape_debug()),
        }
    }
}

/// Why a runtime refuses a certificate for a name. Serialized in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mismatch {
    /// The certificate presents no DNS name, IP address or CN this runtime looks at.
    NoNames,
    /// No presented name is related to the reference name.
    NotPresented,
    /// The name is only in the subject CN, and this runtime never reads the CN.
    CnOnlyIgnored,
    /// The CN matches, but this runtime reads the CN only when the SAN has no (DNS) names.
    CnIgnoredBecauseSanPresent,
    /// The reference is an IP address; the certificate spells it only as a DNS name or in the
    /// CN, and this runtime matches IPs against iPAddress SAN entries only.
    IpNeverMatchesDns,
    /// The reference is an IPv4 address and the SAN holds its IPv4-mapped IPv6 form (or the
    /// reverse); this runtime compares the raw bytes.
    IpFamilyDiffers,
    /// A wildcard outside the left-most label (`www.*.example.com`, `*.*.example.com`).
    WildcardNotLeftmost,
    /// A wildcard that is only part of a label (`f*.example.com`), refused by this runtime.
    PartialWildcard,
    /// A wildcard directly over a public suffix or top-level domain (`*.com`, `*.co.uk`).
    WildcardOverPublicSuffix,
    /// A bare `*` as the whole name.
    BareWildcard,
    /// A wildcard stands for exactly one label; the name has more (`*.example.com` vs
    /// `a.b.example.com`) or none (`*.example.com` vs `example.com`).
    WildcardLabelCount,
    /// A wildcard inside or against an IDNA A-label (`xn--*`, `x*.example.com` vs `xn--…`).
    WildcardAndIdna,
    /// The wildcard would have to match characters this runtime does not let it match (`_`).
    WildcardCharacters,
    /// More than one `*` in the left-most label; urllib3 stops checking with an error.
    TooManyWildcards,
    /// The names differ only by a trailing dot, and this runtime does not strip it.
    TrailingDot,
    /// The presented name holds a NUL, a space, non-ASCII or other bytes no hostname holds.
    MalformedPresentedName,
    /// The presented name is a Unicode U-label; runtimes compare A-labels (`xn--…`) only.
    UnicodePresentedName,
}

impl Mismatch {
    /// A short sentence for people.
    pub fn describe(self) -> &'static str {
        match self {
            Mismatch::NoNames => "the certificate presents no name this runtime checks",
            Mismatch::NotPresented => "no presented name matches",
            Mismatch::CnOnlyIgnored => "the name is only in the CN, which this runtime ignores",
            Mismatch::CnIgnoredBecauseSanPresent => "the CN matches but is ignored because the SAN holds DNS names",
            Mismatch::IpNeverMatchesDns => "an IP address only matches an IP SAN, not a DNS name or the CN",
            Mismatch::IpFamilyDiffers => "the IP SAN is the IPv4-mapped IPv6 form (or the reverse)",
            Mismatch::WildcardNotLeftmost => "wildcard outside the left-most label",
            Mismatch::PartialWildcard => "partial-label wildcard refused",
            Mismatch::WildcardOverPublicSuffix => "wildcard over a public suffix",
            Mismatch::BareWildcard => "a bare \"*\" matches nothing",
            Mismatch::WildcardLabelCount => "a wildcard matches exactly one label",
            Mismatch::WildcardAndIdna => "wildcards do not match IDNA A-labels here",
            Mismatch::WildcardCharacters => "the wildcard may not match these characters here",
            Mismatch::TooManyWildcards => "more than one wildcard: the check stops with an error",
            Mismatch::TrailingDot => "the names differ by a trailing dot, which is not stripped",
            Mismatch::MalformedPresentedName => "the presented name is malformed (NUL, space, …)",
            Mismatch::UnicodePresentedName => "the presented name is Unicode, not an A-label",
        }
    }
}

/// The outcome of one name check for one runtime. A mismatch is a value, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCheck {
    /// The runtime whose rules were applied (`None` for the strict RFC 9525 profile).
    pub runtime: Option<Runtime>,
    /// Whether the runtime accepts the certificate for the name.
    pub matched: bool,
    /// The presented identity that matched.
    pub matched_by: Option<Presented>,
    /// Every identity the certificate presents: DNS and IP SANs in order, then the CNs.
    pub presented: Vec<Presented>,
    /// For a mismatch, the most specific reason.
    pub reason: Option<Mismatch>,
    /// For a mismatch, the presented name the reason is about.
    pub reason_name: Option<Presented>,
    /// For a mismatch, the error text this runtime prints (its own words).
    pub message: Option<String>,
}

/// A DNS or IP SAN entry, borrowed from the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SanRef<'a> {
    Dns(&'a str),
    Ip(IpAddr),
}

impl SanRef<'_> {
    pub(crate) fn to_presented(self) -> Presented {
        match self {
            SanRef::Dns(d) => Presented::DnsSan(d.to_owned()),
            SanRef::Ip(ip) => Presented::IpSan(ip),
        }
    }
}

/// The names a certificate presents, borrowed from it once per check (no copies until a
/// [`NameCheck`] is built).
#[derive(Debug, Clone, Default)]
pub(crate) struct PresentedNames<'a> {
    pub(crate) dns_sans: Vec<&'a str>,
    pub(crate) ip_sans: Vec<IpAddr>,
    pub(crate) sans_in_order: Vec<SanRef<'a>>,
    pub(crate) common_names: Vec<&'a str>,
    pub(crate) has_san_extension: bool,
    /// Every SAN entry of every type, for runtimes whose errors list them all (rustls).
    pub(crate) all_sans: &'a [GeneralName],
}

impl<'a> PresentedNames<'a> {
    pub(crate) fn of(cert: &'a Certificate) -> Self {
        let mut names = PresentedNames {
            has_san_extension: cert.extensions().has_subject_alt_name,
            common_names: cert.subject().common_names.iter().map(String::as_str).collect(),
            all_sans: cert.subject_alt_names(),
            ..Default::default()
        };
        for gn in cert.subject_alt_names() {
            match gn {
                GeneralName::Dns(d) => {
                    names.dns_sans.push(d);
                    names.sans_in_order.push(SanRef::Dns(d));
                }
                GeneralName::Ip(ip) => {
                    names.ip_sans.push(*ip);
                    names.sans_in_order.push(SanRef::Ip(*ip));
                }
                _ => {}
            }
        }
        names
    }

    fn all(&self) -> Vec<Presented> {
        let mut all: Vec<Presented> = self.sans_in_order.iter().map(|s| s.to_presented()).collect();
        all.extend(self.common_names.iter().map(|c| Presented::CommonName((*c).to_owned())));
        all
    }
}

fn family(runtime: Runtime) -> Family {
    match runtime {
        Runtime::Go => Family::Go,
        // A plain X509_check_host/X509_check_ip with flags 0 (`openssl x509 -checkhost`,
        // `openssl s_client -verify_hostname`).
        Runtime::Openssl => Family::Openssl { partial_wildcards: true, common_name: true },
        // Python's SSLContext sets X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS; the default context
        // keeps hostname_checks_common_name = True (checked against Python 3.11 here).
        Runtime::Python => Family::Openssl { partial_wildcards: false, common_name: true },
        // requests → urllib3 2.x sets hostname_checks_common_name = False.
        Runtime::Certifi => Family::Openssl { partial_wildcards: false, common_name: false },
        // pip vendors urllib3 1.26, which turns OpenSSL's check off and runs its own copy of
        // Python 3.5's match_hostname.
        Runtime::Pip => Family::Urllib3Legacy,
        Runtime::Curl | Runtime::Git | Runtime::Cargo => Family::Curl,
        Runtime::Node => Family::Node,
        Runtime::Rustls => Family::Webpki,
    }
}

/// Checks `name` against `cert` by `runtime`'s own rules.
pub fn check(cert: &Certificate, name: &Name, runtime: Runtime) -> NameCheck {
    let names = PresentedNames::of(cert);
    check_runtime(&names, name, runtime)
}

fn check_runtime(names: &PresentedNames, name: &Name, runtime: Runtime) -> NameCheck {
    if runtime == Runtime::Python {
        // Plain `ssl` encodes a Unicode server_hostname with the IDNA 2003 codec.
        return check_family(names, &name.as_idna2003(), family(runtime), Some(runtime));
    }
    check_family(names, name, family(runtime), Some(runtime))
}

/// Checks `name` against `cert` for every runtime in [`Runtime::ALL`], in that order.
pub fn check_all(cert: &Certificate, name: &Name) -> Vec<(Runtime, NameCheck)> {
    let names = PresentedNames::of(cert);
    Runtime::ALL.iter().map(|rt| (*rt, check_runtime(&names, name, *rt))).collect()
}

/// Checks `name` against `cert` by RFC 9525 as browsers apply it: SAN only (never the CN),
/// wildcards only as the whole left-most label standing for one label, not over a public
/// suffix (by the compact list in [`suffix`]), IP references only against IP SANs.
pub fn check_strict(cert: &Certificate, name: &Name) -> NameCheck {
    let names = PresentedNames::of(cert);
    check_family(&names, name, Family::Strict, None)
}

fn check_family(names: &PresentedNames, name: &Name, family: Family, runtime: Option<Runtime>) -> NameCheck {
    let decision = profile::decide(family, names, name);
    let presented = names.all();
    if let Some(by) = decision.matched_by {
        return NameCheck {
            runtime,
            matched: true,
            matched_by: Some(by),
            presented,
            reason: None,
            reason_name: None,
            message: None,
        };
    }
    let (reason, reason_name, message) = match decision.aborted_on {
        Some(p) => {
            let text = match &p {
                Presented::DnsSan(s) | Presented::CommonName(s) => words::pip_too_many_wildcards(s),
                Presented::IpSan(ip) => words::pip_too_many_wildcards(&ip.to_string()),
            };
            (Mismatch::TooManyWildcards, Some(p), Some(text))
        }
        None => {
            let (reason, about) = diagnose(names, name, family);
            (reason, about, runtime.map(|rt| words::message(rt, names, name)))
        }
    };
    NameCheck { runtime, matched: false, matched_by: None, message, presented, reason: Some(reason), reason_name }
}

mod diagnose;
mod words;
use diagnose::diagnose;

#[cfg(test)]
mod tests;
