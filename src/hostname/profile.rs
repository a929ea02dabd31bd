//! Each runtime's own name-matching rules, transcribed from its source:
//!
//! * Go: `crypto/x509/verify.go` (`VerifyHostname`, `validHostname`, `matchHostnames`).
//! * OpenSSL: `crypto/x509/v3_utl.c` (`do_x509_check`, `valid_star`, `wildcard_match`) with the
//!   flags each caller sets (none for a plain `X509_check_host`, `NO_PARTIAL_WILDCARDS` for
//!   Python, plus `NEVER_CHECK_SUBJECT` when `hostname_checks_common_name` is off).
//! * curl (and so git and cargo): `lib/vtls/openssl.c` `ossl_verifyhost` and `lib/vtls/hostcheck.c`.
//! * pip: its vendored urllib3 1.26 `ssl_match_hostname.match_hostname`.
//! * Node.js: `lib/tls.js` `checkServerIdentity` and `check`.
//! * rustls-webpki: `subject_name/dns_name.rs` `presented_id_matches_reference_id`.
//!
//! Pure: no I/O. Each function answers "which presented name, if any, matched".

use std::net::IpAddr;

use super::{suffix, Name, Presented, PresentedNames, SanRef};

/// The matching family a runtime belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Go,
    /// OpenSSL `X509_check_host` / `X509_check_ip` with these flags.
    Openssl {
        partial_wildcards: bool,
        common_name: bool,
    },
    Curl,
    Urllib3Legacy,
    Node,
    Webpki,
    /// RFC 9525 with the public-suffix rule (what browsers do).
    Strict,
}

impl Family {
    /// Whether this family ever looks at the subject CN for this kind of reference.
    pub(crate) fn may_use_cn(self, name: &Name) -> bool {
        match self {
            Family::Go | Family::Webpki | Family::Strict => false,
            Family::Openssl { common_name, .. } => common_name && name.dns().is_some(),
            Family::Curl | Family::Urllib3Legacy => true,
            Family::Node => name.dns().is_some(),
        }
    }
}

/// What one family's rules decide for one certificate and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) matched_by: Option<Presented>,
    /// The runtime stopped early on a presented name it refuses outright (urllib3's "too many
    /// wildcards" error), so later names were never tried.
    pub(crate) aborted_on: Option<Presented>,
}

impl Decision {
    fn matched(p: Presented) -> Self {
        Self { matched_by: Some(p), aborted_on: None }
    }
    fn none() -> Self {
        Self { matched_by: None, aborted_on: None }
    }
}

pub(crate) fn decide(family: Family, names: &PresentedNames, name: &Name) -> Decision {
    match family {
        Family::Go => go(names, name),
        Family::Openssl { partial_wildcards, common_name } => openssl(names, name, partial_wildcards, common_name),
        Family::Curl => curl(names, name),
        Family::Urllib3Legacy => urllib3_legacy(names, name),
        Family::Node => node(names, name),
        Family::Webpki => webpki(names, name, false),
        Family::Strict => webpki(names, name, true),
    }
}

fn first_ip(names: &PresentedNames, eq: impl Fn(IpAddr) -> bool) -> Decision {
    names.ip_sans.iter().find(|ip| eq(**ip)).map_or_else(Decision::none, |ip| Decision::matched(Presented::IpSan(*ip)))
}

// ---------------------------------------------------------------- Go

fn go(names: &PresentedNames, name: &Name) -> Decision {
    if let Some(addr) = name.ip() {
        // net.IP.Equal treats an IPv4 address and its IPv4-mapped IPv6 form as equal.
        return first_ip(names, |ip| ip.to_canonical() == addr.to_canonical());
    }
    let host = name.to_reference_string(); // already ASCII lower case
    let valid_input = go_valid_hostname(&host, false);
    let trimmed = host.strip_suffix('.').unwrap_or(&host);
    let host_parts: Vec<&str> = trimmed.split('.').collect();
    for san in &names.dns_sans {
        let ok = if valid_input && go_valid_hostname(san, true) {
            go_match_hostnames(san, &host_parts)
        } else {
            go_match_exactly(san, &host)
        };
        if ok {
            return Decision::matched(Presented::DnsSan((*san).to_owned()));
        }
    }
    Decision::none()
}

pub(crate) fn go_valid_hostname(host: &str, is_pattern: bool) -> bool {
    let host = if is_pattern { host } else { host.strip_suffix('.').unwrap_or(host) };
    if host.is_empty() || host == "*" {
        return false;
    }
    for (i, part) in host.split('.').enumerate() {
        if part.is_empty() {
            return false;
        }
        if is_pattern && i == 0 && part == "*" {
            continue;
        }
        for (j, c) in part.char_indices() {
            let ok = c.is_ascii_alphanumeric() || (c == '-' && j != 0) || c == '_';
            if !ok {
                return false;
            }
        }
    }
    true
}

fn go_match_exactly(a: &str, b: &str) -> bool {
    if a.is_empty() || a == "." || b.is_empty() || b == "." {
        return false;
    }
    a.eq_ignore_ascii_case(b)
}

/// `host_parts` are already ASCII lower case (Go lower-cases the host before splitting).
pub(crate) fn go_match_hostnames(pattern: &str, host_parts: &[&str]) -> bool {
    if pattern.is_empty() || host_parts.is_empty() {
        return false;
    }
    if pattern.split('.').count() != host_parts.len() {
        return false;
    }
    pattern.split('.').zip(host_parts).enumerate().all(|(i, (p, h))| (i == 0 && p == "*") || p.eq_ignore_ascii_case(h))
}

// ---------------------------------------------------------------- OpenSSL

fn openssl(names: &PresentedNames, name: &Name, partial: bool, common_name: bool) -> Decision {
    if let Some(addr) = name.ip() {
        // X509_check_ip compares the raw 4 or 16 bytes: no IPv4-mapped equivalence, no CN.
        return first_ip(names, |ip| ip == addr);
    }
    let host = name.to_reference_string();
    for san in &names.dns_sans {
        if openssl_equal_wildcard(san.as_bytes(), host.as_bytes(), partial) {
            return Decision::matched(Presented::DnsSan((*san).to_owned()));
        }
    }
    // The CN is consulted only when no dNSName is present (other SAN types do not count).
    if !names.dns_sans.is_empty() || !common_name {
        return Decision::none();
    }
    for cn in &names.common_names {
        if openssl_equal_wildcard(cn.as_bytes(), host.as_bytes(), partial) {
            return Decision::matched(Presented::CommonName((*cn).to_owned()));
        }
    }
    Decision::none()
}

fn openssl_equal_nocase(pattern: &[u8], subject: &[u8]) -> bool {
    pattern.len() == subject.len() && pattern.iter().zip(subject).all(|(p, s)| *p != 0 && p.eq_ignore_ascii_case(s))
}

/// `valid_star`: the index of the one legal `*`, if the pattern may be used as a wildcard.
fn openssl_valid_star(p: &[u8], partial: bool) -> Option<usize> {
    const LABEL_START: u8 = 1;
    const LABEL_IDNA: u8 = 2;
    const LABEL_HYPHEN: u8 = 4;
    let mut star = None;
    let mut state = LABEL_START;
    let mut dots = 0;
    for (i, &c) in p.iter().enumerate() {
        if c == b'*' {
            let atstart = state & LABEL_START != 0;
            let atend = i + 1 == p.len() || p.get(i + 1) == Some(&b'.');
            if star.is_some() || state & LABEL_IDNA != 0 || dots > 0 {
                return None;
            }
            if !partial && (!atstart || !atend) {
                return None;
            }
            if !atstart && !atend {
                return None;
            }
            star = Some(i);
            state &= !LABEL_START;
        } else if c.is_ascii_alphanumeric() {
            if state & LABEL_START != 0
                && p.len() - i >= 4
                && p.get(i..i + 4).is_some_and(|s| s.eq_ignore_ascii_case(b"xn--"))
            {
                state |= LABEL_IDNA;
            }
            state &= !(LABEL_HYPHEN | LABEL_START);
        } else if c == b'.' {
            if state & (LABEL_HYPHEN | LABEL_START) != 0 {
                return None;
            }
            state = LABEL_START;
            dots += 1;
        } else if c == b'-' {
            if state & LABEL_START != 0 {
                return None;
            }
            state |= LABEL_HYPHEN;
        } else {
            return None;
        }
    }
    if state & (LABEL_START | LABEL_HYPHEN) != 0 || dots < 2 {
        return None;
    }
    star
}

pub(crate) fn openssl_equal_wildcard(pattern: &[u8], subject: &[u8], partial: bool) -> bool {
    let star =
        if subject.len() > 1 && subject.first() == Some(&b'.') { None } else { openssl_valid_star(pattern, partial) };
    let Some(star) = star else {
        return openssl_equal_nocase(pattern, subject);
    };
    let (prefix, rest) = pattern.split_at(star);
    let suffix = rest.get(1..).unwrap_or_default();
    if subject.len() < prefix.len() + suffix.len() {
        return false;
    }
    let (sub_prefix, sub_rest) = subject.split_at(prefix.len());
    if !openssl_equal_nocase(prefix, sub_prefix) {
        return false;
    }
    let (wild, sub_suffix) = sub_rest.split_at(sub_rest.len() - suffix.len());
    if !openssl_equal_nocase(sub_suffix, suffix) {
        return false;
    }
    let mut allow_idna = false;
    if prefix.is_empty() && suffix.first() == Some(&b'.') {
        if wild.is_empty() {
            return false;
        }
        allow_idna = true;
    }
    if !allow_idna && subject.len() >= 4 && subject[..4].eq_ignore_ascii_case(b"xn--") {
        return false;
    }
    if wild == b"*" {
        return true;
    }
    wild.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

// ---------------------------------------------------------------- curl

fn curl(names: &PresentedNames, name: &Name) -> Decision {
    let host = name.to_reference_string();
    match name.ip() {
        Some(addr) => {
            let d = first_ip(names, |ip| ip == addr);
            if d.matched_by.is_some() {
                return d;
            }
        }
        None => {
            for san in &names.dns_sans {
                if !san.contains('\0') && curl_hostcheck(san, &host) {
                    return Decision::matched(Presented::DnsSan((*san).to_owned()));
                }
            }
        }
    }
    // Any dNSName or iPAddress entry, whatever the target type, turns the CN fallback off.
    if !names.dns_sans.is_empty() || !names.ip_sans.is_empty() {
        return Decision::none();
    }
    match names.common_names.last() {
        Some(cn) if !cn.contains('\0') && curl_hostcheck(cn, &host) => {
            Decision::matched(Presented::CommonName((*cn).to_owned()))
        }
        _ => Decision::none(),
    }
}

pub(crate) fn curl_hostcheck(pattern: &str, host: &str) -> bool {
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    let pattern = pattern.strip_suffix('.').unwrap_or(pattern);
    if !pattern.starts_with("*.") {
        return pattern.eq_ignore_ascii_case(host);
    }
    if host.parse::<IpAddr>().is_ok() {
        return false;
    }
    let (Some(first), Some(last)) = (pattern.find('.'), pattern.rfind('.')) else {
        return pattern.eq_ignore_ascii_case(host);
    };
    if first == last {
        return pattern.eq_ignore_ascii_case(host);
    }
    match host.find('.') {
        Some(h) => host[h..].eq_ignore_ascii_case(&pattern[first..]),
        None => false,
    }
}

// ---------------------------------------------------------------- pip (urllib3 1.26)

fn urllib3_legacy(names: &PresentedNames, name: &Name) -> Decision {
    let host = name.to_reference_string();
    let mut seen = false;
    for san in &names.sans_in_order {
        match (*san, name.ip()) {
            (SanRef::Dns(d), None) => {
                match urllib3_dnsname_match(d, &host) {
                    Err(()) => return Decision { matched_by: None, aborted_on: Some(san.to_presented()) },
                    Ok(true) => return Decision::matched(san.to_presented()),
                    Ok(false) => {}
                }
                seen = true;
            }
            (SanRef::Dns(_), Some(_)) => seen = true,
            (SanRef::Ip(ip), Some(addr)) => {
                if ip == addr {
                    return Decision::matched(san.to_presented());
                }
                seen = true;
            }
            (SanRef::Ip(_), None) => seen = true,
        }
    }
    if seen {
        return Decision::none();
    }
    for cn in &names.common_names {
        match urllib3_dnsname_match(cn, &host) {
            Err(()) => return Decision { matched_by: None, aborted_on: Some(Presented::CommonName((*cn).to_owned())) },
            Ok(true) => return Decision::matched(Presented::CommonName((*cn).to_owned())),
            Ok(false) => {}
        }
    }
    Decision::none()
}

/// `_dnsname_match`; `Err` is its "too many wildcards" CertificateError.
pub(crate) fn urllib3_dnsname_match(dn: &str, host: &str) -> Result<bool, ()> {
    if dn.is_empty() {
        return Ok(false);
    }
    let mut parts = dn.split('.');
    let leftmost = parts.next().unwrap_or_default();
    let remainder: Vec<&str> = parts.collect();
    let wildcards = leftmost.matches('*').count();
    if wildcards > 1 {
        return Err(());
    }
    if wildcards == 0 {
        return Ok(dn.to_lowercase() == host.to_lowercase());
    }
    let host_labels: Vec<&str> = host.split('.').collect();
    if host_labels.len() != remainder.len() + 1 {
        return Ok(false);
    }
    let rest_ok = remainder.iter().zip(&host_labels[1..]).all(|(p, h)| p.to_lowercase() == h.to_lowercase());
    let first = host_labels[0];
    let first_ok = if leftmost == "*" {
        !first.is_empty()
    } else if leftmost.starts_with("xn--") || host.starts_with("xn--") {
        false // the pattern is taken literally, and no host label holds a '*'
    } else {
        glob_one_star(&leftmost.to_lowercase(), &first.to_lowercase())
    };
    Ok(rest_ok && first_ok)
}

/// `prefix*suffix` against one label; the star may match the empty string.
fn glob_one_star(pattern: &str, label: &str) -> bool {
    match pattern.split_once('*') {
        Some((pre, suf)) => label.len() >= pre.len() + suf.len() && label.starts_with(pre) && label.ends_with(suf),
        None => pattern == label,
    }
}

// ---------------------------------------------------------------- Node.js

fn node(names: &PresentedNames, name: &Name) -> Decision {
    if let Some(addr) = name.ip() {
        return first_ip(names, |ip| ip == addr);
    }
    let host = name.as_str().into_owned(); // unfqdn, already lower case
    let host_parts: Vec<&str> = host.split('.').collect();
    if !names.dns_sans.is_empty() {
        for san in &names.dns_sans {
            if node_check(&host_parts, san) {
                return Decision::matched(Presented::DnsSan((*san).to_owned()));
            }
        }
        return Decision::none();
    }
    for cn in &names.common_names {
        if node_check(&host_parts, cn) {
            return Decision::matched(Presented::CommonName((*cn).to_owned()));
        }
    }
    Decision::none()
}

fn node_split_host(host: &str) -> Vec<String> {
    let host = host.strip_suffix('.').unwrap_or(host);
    host.split('.').map(|l| l.to_ascii_lowercase()).collect()
}

pub(crate) fn node_check(host_parts: &[&str], pattern: &str) -> bool {
    if pattern.is_empty() {
        return false;
    }
    let parts = node_split_host(pattern);
    if parts.len() != host_parts.len() || parts.iter().any(String::is_empty) {
        return false;
    }
    let is_bad = |s: &String| s.chars().any(|c| !('\u{21}'..='\u{7f}').contains(&c));
    if parts.iter().any(is_bad) {
        return false;
    }
    for i in (1..host_parts.len()).rev() {
        if host_parts[i] != parts[i] {
            return false;
        }
    }
    let host_sub = host_parts[0];
    let pat_sub = &parts[0];
    let pieces: Vec<&str> = pat_sub.split('*').collect();
    if pieces.len() == 1 || pat_sub.contains("xn--") {
        return host_sub == pat_sub;
    }
    if pieces.len() > 2 || parts.len() <= 2 {
        return false;
    }
    let (pre, suf) = (pieces[0], pieces[1]);
    pre.len() + suf.len() <= host_sub.len() && host_sub.starts_with(pre) && host_sub.ends_with(suf)
}

// ---------------------------------------------------------------- rustls-webpki / strict

fn webpki(names: &PresentedNames, name: &Name, strict: bool) -> Decision {
    if let Some(addr) = name.ip() {
        return first_ip(names, |ip| ip == addr);
    }
    let host = name.to_reference_string();
    for san in &names.dns_sans {
        if webpki_match(san, &host) && !(strict && wildcard_over_public_suffix(san)) {
            return Decision::matched(Presented::DnsSan((*san).to_owned()));
        }
    }
    Decision::none()
}

/// Whether `pattern` is `*.<public suffix>` (by the compact list in [`suffix`]).
pub(crate) fn wildcard_over_public_suffix(pattern: &str) -> bool {
    pattern.strip_prefix("*.").is_some_and(suffix::is_public_suffix)
}

pub(crate) fn webpki_valid_presented(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() > 253 {
        return false;
    }
    let mut i = 0;
    let wildcard = b.first() == Some(&b'*');
    let mut dots = 0;
    if wildcard {
        if b.get(1) != Some(&b'.') {
            return false;
        }
        i = 2;
        dots = 1;
    }
    let mut label_len = 0usize;
    let mut numeric = false;
    let mut hyphen_end = false;
    if i >= b.len() {
        return false;
    }
    for &c in &b[i..] {
        match c {
            b'-' => {
                if label_len == 0 {
                    return false;
                }
                numeric = false;
                hyphen_end = true;
                label_len += 1;
            }
            b'0'..=b'9' => {
                if label_len == 0 {
                    numeric = true;
                }
                hyphen_end = false;
                label_len += 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                numeric = false;
                hyphen_end = false;
                label_len += 1;
            }
            b'.' => {
                dots += 1;
                if label_len == 0 || hyphen_end {
                    return false;
                }
                label_len = 0;
            }
            _ => return false,
        }
        if label_len > 63 {
            return false;
        }
    }
    if label_len == 0 || hyphen_end || numeric {
        return false;
    }
    !(wildcard && dots + 1 < 3)
}

pub(crate) fn webpki_match(presented: &str, reference: &str) -> bool {
    if !webpki_valid_presented(presented) {
        return false;
    }
    let reference = reference.strip_suffix('.').unwrap_or(reference);
    let (p_rest, r_rest) = match presented.strip_prefix('*') {
        Some(rest) => match reference.find('.') {
            Some(dot) if dot > 0 => (rest, &reference[dot..]),
            _ => return false,
        },
        None => (presented, reference),
    };
    p_rest.eq_ignore_ascii_case(r_rest)
}
