//! For a refused name: which presented identity came closest, and which rule refused it.

use super::profile::Family;
use super::{suffix, Mismatch, Name, Presented, PresentedNames};

pub(super) fn diagnose(names: &PresentedNames, name: &Name, family: Family) -> (Mismatch, Option<Presented>) {
    if let Some(addr) = name.ip() {
        if let Some(ip) = names.ip_sans.iter().find(|ip| **ip != addr && ip.to_canonical() == addr.to_canonical()) {
            return (Mismatch::IpFamilyDiffers, Some(Presented::IpSan(*ip)));
        }
        let text = addr.to_string();
        let spelled = |s: &str| {
            let s = s.trim_start_matches('[').trim_end_matches(']');
            s.parse::<std::net::IpAddr>().is_ok_and(|ip| ip == addr) || s.eq_ignore_ascii_case(&text)
        };
        if let Some(d) = names.dns_sans.iter().find(|d| spelled(d)) {
            return (Mismatch::IpNeverMatchesDns, Some(Presented::DnsSan((*d).to_owned())));
        }
        if let Some(cn) = names.common_names.iter().find(|c| spelled(c)) {
            let reason = if family.may_use_cn(name) {
                Mismatch::CnIgnoredBecauseSanPresent
            } else {
                Mismatch::IpNeverMatchesDns
            };
            return (reason, Some(Presented::CommonName((*cn).to_owned())));
        }
        let reason = if names.ip_sans.is_empty() { Mismatch::NoNames } else { Mismatch::NotPresented };
        return (reason, None);
    }
    let Some(reference) = name.dns() else {
        return (Mismatch::NotPresented, None);
    };
    for san in &names.dns_sans {
        if let Some(reason) = classify(san, reference, name.is_absolute()) {
            return (reason, Some(Presented::DnsSan((*san).to_owned())));
        }
    }
    for cn in &names.common_names {
        let loose = cn_matches_loosely(cn, reference);
        let Some(reason) = classify(cn, reference, name.is_absolute()).or(loose.then_some(Mismatch::NotPresented))
        else {
            continue;
        };
        let p = Some(Presented::CommonName((*cn).to_owned()));
        let cn_is_exact = reason == Mismatch::TrailingDot || loose;
        if !family.may_use_cn(name) {
            if cn_is_exact {
                return (Mismatch::CnOnlyIgnored, p);
            }
        } else if names_block_cn(names, family) {
            if cn_is_exact {
                return (Mismatch::CnIgnoredBecauseSanPresent, p);
            }
        } else {
            return (reason, p);
        }
    }
    let nothing_checked = names.dns_sans.is_empty()
        && (!family.may_use_cn(name) || names.common_names.is_empty() || names_block_cn(names, family));
    if nothing_checked {
        (Mismatch::NoNames, None)
    } else {
        (Mismatch::NotPresented, None)
    }
}

/// Whether SAN entries keep this family from reading the CN.
fn names_block_cn(names: &PresentedNames, family: Family) -> bool {
    match family {
        Family::Curl | Family::Urllib3Legacy => !names.dns_sans.is_empty() || !names.ip_sans.is_empty(),
        _ => !names.dns_sans.is_empty(),
    }
}

fn cn_matches_loosely(cn: &str, reference: &str) -> bool {
    let cn = cn.strip_suffix('.').unwrap_or(cn).to_ascii_lowercase();
    cn == reference || (cn.starts_with("*.") && reference.split_once('.').is_some_and(|(_, r)| r == &cn[2..]))
}

/// Why `pattern` failed to match `reference` even though it is clearly meant for it, or
/// `None` when the two are unrelated.
pub(super) fn classify(pattern: &str, reference: &str, reference_absolute: bool) -> Option<Mismatch> {
    if pattern.bytes().any(|b| !(0x21..0x7f).contains(&b)) {
        if !pattern.is_ascii() && !pattern.contains('\0') {
            let ascii = idna::domain_to_ascii(pattern.trim_end_matches('.')).ok()?;
            if ascii == reference || glob_labels(&ascii, reference).is_some() {
                return Some(Mismatch::UnicodePresentedName);
            }
        }
        let before = pattern.split(|c: char| c == '\0' || c.is_whitespace()).next()?;
        let before = before.strip_suffix('.').unwrap_or(before).to_ascii_lowercase();
        if before == reference || glob_labels(&before, reference).is_some() {
            return Some(Mismatch::MalformedPresentedName);
        }
        return None;
    }
    let lower = pattern.to_ascii_lowercase();
    let (body, absolute) = match lower.strip_suffix('.') {
        Some(b) => (b, true),
        None => (lower.as_str(), false),
    };
    if body == "*" {
        return (!reference.contains('.')).then_some(Mismatch::BareWildcard);
    }
    if !body.contains('*') {
        return (body == reference && absolute != reference_absolute).then_some(Mismatch::TrailingDot);
    }
    let p_labels: Vec<&str> = body.split('.').collect();
    let r_labels: Vec<&str> = reference.split('.').collect();
    if p_labels.iter().skip(1).any(|l| l.contains('*')) {
        return glob_labels(body, reference).map(|_| Mismatch::WildcardNotLeftmost);
    }
    let first = p_labels.first().copied().unwrap_or_default();
    let rest = &p_labels[1..];
    if p_labels.len() != r_labels.len() {
        let tail_matches = r_labels.len() >= rest.len() && r_labels[r_labels.len() - rest.len()..] == *rest;
        return (first == "*" && tail_matches).then_some(Mismatch::WildcardLabelCount);
    }
    if r_labels[1..] != *rest {
        return None;
    }
    let r_first = r_labels[0];
    if first.matches('*').count() > 1 {
        return Some(Mismatch::TooManyWildcards);
    }
    if first == "*" {
        if suffix::is_public_suffix(&rest.join(".")) {
            return Some(Mismatch::WildcardOverPublicSuffix);
        }
        if r_first.starts_with("xn--") {
            return Some(Mismatch::WildcardAndIdna);
        }
        if r_first.contains('_') {
            return Some(Mismatch::WildcardCharacters);
        }
        if absolute != reference_absolute {
            return Some(Mismatch::TrailingDot);
        }
        return None;
    }
    let (pre, suf) = first.split_once('*')?;
    if r_first.len() >= pre.len() + suf.len() && r_first.starts_with(pre) && r_first.ends_with(suf) {
        if first.starts_with("xn--") || r_first.starts_with("xn--") {
            return Some(Mismatch::WildcardAndIdna);
        }
        if rest.len() < 2 {
            return Some(Mismatch::WildcardOverPublicSuffix);
        }
        return Some(Mismatch::PartialWildcard);
    }
    None
}

/// Label-wise match where any label holding `*` globs one label.
fn glob_labels(pattern: &str, reference: &str) -> Option<()> {
    let p: Vec<&str> = pattern.split('.').collect();
    let r: Vec<&str> = reference.split('.').collect();
    if p.len() != r.len() {
        return None;
    }
    let ok = p.iter().zip(&r).all(|(p, r)| match p.split_once('*') {
        Some((pre, suf)) => r.starts_with(pre) && r.ends_with(suf) && r.len() >= pre.len() + suf.len(),
        None => p == r,
    });
    ok.then_some(())
}
