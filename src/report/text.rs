//! Human text for the audit, a root-set diff and certificate details: short, most important
//! first, ending with what to do. Colour is optional and only ever emphasises words that are
//! also there without it.

use std::fmt::Write as _;

use super::details::CertificateDetails;
use crate::cert::UnixTime;
use crate::diff::{AuditReport, RootEntry, RootFlag, RootSetDiff};

/// How text is decorated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStyle {
    /// Use ANSI colours.
    pub color: bool,
}

impl TextStyle {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn bad(self, s: &str) -> String {
        self.paint("31", s)
    }
    fn warn(self, s: &str) -> String {
        self.paint("33", s)
    }
    fn good(self, s: &str) -> String {
        self.paint("32", s)
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
}

fn date(t: UnixTime) -> String {
    let s = t.to_rfc3339();
    s.get(..10).map_or(s.clone(), str::to_owned)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn flag_words(e: &RootEntry) -> String {
    let words: Vec<&str> = e
        .flags
        .iter()
        .filter(|f| !matches!(f, RootFlag::LocallyAdded | RootFlag::DistributionOnly))
        .map(|f| f.describe())
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!(" [{}]", words.join(", "))
    }
}

fn short_sha(e: &RootEntry) -> &str {
    e.sha256.get(..16).unwrap_or(&e.sha256)
}

/// The audit as text.
pub fn audit_text(r: &AuditReport, style: TextStyle) -> String {
    let mut o = String::new();
    let names: Vec<&str> = r.stores.iter().map(|s| s.store.name.as_str()).collect();
    let _ = writeln!(
        o,
        "{} {} against Mozilla's {} roots ({} {}), at {}",
        style.bold("trustaudit:"),
        if names.is_empty() { "no stores".to_owned() } else { names.join(", ") },
        r.reference.roots,
        r.reference.source,
        r.reference.version,
        r.at
    );
    o.push('\n');
    if r.locally_added.is_empty() {
        let _ = writeln!(o, "{}", style.good("No store trusts a root that was added on this machine."));
    } else {
        let _ = writeln!(
            o,
            "{}",
            style.bold(&format!(
                "Roots added on this machine (not in Mozilla's set{}): {}",
                if r.distribution_package.is_some() {
                    ", the distribution's CA package or a runtime's built-in set"
                } else {
                    ""
                },
                r.locally_added.len()
            ))
        );
        for l in &r.locally_added {
            let e = &l.root;
            let head = match &e.vendor_hint {
                Some(h) => {
                    format!("  {} {} — looks like {} ({})", style.bad("!"), style.bad(&e.name), h.vendor, h.category)
                }
                None => format!("  {} {}", style.warn("+"), style.warn(&e.name)),
            };
            let _ = writeln!(o, "{head}{}", flag_words(e));
            let _ = writeln!(o, "      {}", e.subject);
            let _ = writeln!(
                o,
                "      {}, valid {} to {}, sha256 {}…, from {}",
                e.key,
                date(e.not_before),
                date(e.not_after),
                short_sha(e),
                e.source
            );
            let mut trust = format!("      trusted by {}", l.trusted_by.join(", "));
            if !l.missing_from.is_empty() {
                let _ = write!(trust, "; {}", style.warn(&format!("missing from {}", l.missing_from.join(", "))));
            }
            let _ = writeln!(o, "{trust}");
        }
    }
    o.push('\n');
    let _ = writeln!(o, "{}", style.bold("Stores:"));
    let width = r.stores.iter().map(|s| s.store.name.len()).max().unwrap_or(0);
    for s in &r.stores {
        let st = &s.store;
        let mut line =
            format!("  {:<width$}  {}: {} in Mozilla's set", st.name, plural(st.roots, "root", "roots"), s.in_mozilla,);
        if s.locally_added > 0 {
            let _ = write!(line, ", {}", style.warn(&format!("{} added locally", s.locally_added)));
        }
        if s.distribution_only > 0 {
            let _ = write!(line, ", {} shipped by the distribution or a runtime", s.distribution_only);
        }
        if s.missing_mozilla_roots > 0 {
            let _ = write!(line, ", {} of Mozilla's missing", s.missing_mozilla_roots);
        }
        if st.duplicates > 0 {
            let _ = write!(line, ", {}", plural(st.duplicates, "duplicate", "duplicates"));
        }
        let _ = writeln!(o, "{line}");
        if !st.sources.is_empty() {
            let _ = writeln!(o, "  {:<width$}  read {}", "", st.sources.join(", "));
        }
        for n in &st.notes {
            let _ = writeln!(o, "  {:<width$}  {n}", "");
        }
        let expired = s.problems.iter().filter(|e| e.has(RootFlag::Expired)).count();
        if expired > 0 {
            let _ = writeln!(
                o,
                "  {:<width$}  {}",
                "",
                style.warn(&format!("{} expired", plural(expired, "root", "roots")))
            );
        }
        for d in st.diagnostics.iter().take(5) {
            let _ = writeln!(o, "  {:<width$}  {} {d}", "", style.bad("problem:"));
        }
        let more = st.diagnostics.len().saturating_sub(5) + st.diagnostics_dropped;
        if more > 0 {
            let _ = writeln!(o, "  {:<width$}  … and {more} more problems (--json lists them)", "");
        }
    }
    o.push('\n');
    let _ = writeln!(o, "{}", style.bold("What to do:"));
    for a in &r.advice {
        let _ = writeln!(o, "  - {a}");
    }
    o
}

fn entry_line(o: &mut String, mark: &str, e: &RootEntry) {
    let hint = e.vendor_hint.as_ref().map(|h| format!(" — looks like {}", h.vendor)).unwrap_or_default();
    let _ = writeln!(
        o,
        "  {mark} {}{hint}{}  ({}, until {}, sha256 {}…)",
        e.name,
        flag_words(e),
        e.key,
        date(e.not_after),
        short_sha(e)
    );
}

/// A root-set diff as text.
pub fn diff_text(d: &RootSetDiff, style: TextStyle) -> String {
    let mut o = String::new();
    let (a, b) = (&d.a.name, &d.b.name);
    let c = &d.counts;
    let _ = writeln!(
        o,
        "{} {a} ({}) vs {b} ({}), at {}",
        style.bold("diff:"),
        plural(d.a.roots, "root", "roots"),
        plural(d.b.roots, "root", "roots"),
        d.at
    );
    let _ = writeln!(
        o,
        "  {} in both, {} only in {a}, {} only in {b}, {} re-keyed",
        c.in_both, c.only_in_a, c.only_in_b, c.rekeyed
    );
    let sections = [(&d.only_in_a, a, "+"), (&d.only_in_b, b, "-")];
    for (list, name, mark) in sections {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{}", style.bold(&format!("Only in {name} ({}):", list.len())));
        for e in list {
            let m = if e.has(RootFlag::LocallyAdded) { style.warn(mark) } else { mark.to_owned() };
            entry_line(&mut o, &m, e);
        }
    }
    if !d.rekeyed.is_empty() {
        let _ = writeln!(o, "\n{}", style.bold(&format!("Same subject, different key ({}):", d.rekeyed.len())));
        for r in &d.rekeyed {
            let _ = writeln!(o, "  ~ {}", r.subject);
            for e in &r.a {
                let _ = writeln!(o, "      {a}: key {} {}, sha256 {}…", e.key, e.spki_sha256, short_sha(e));
            }
            for e in &r.b {
                let _ = writeln!(o, "      {b}: key {} {}, sha256 {}…", e.key, e.spki_sha256, short_sha(e));
            }
        }
    }
    let reissued = d.in_both.iter().filter(|s| !s.same_certificate).count();
    if reissued > 0 {
        let _ = writeln!(
            o,
            "\n{} in both with the same key but a re-issued certificate",
            plural(reissued, "root is", "roots are")
        );
    }
    let mut notes = Vec::new();
    for (flag, n) in [
        (RootFlag::LocallyAdded, c.locally_added),
        (RootFlag::DistributionOnly, c.distribution_only),
        (RootFlag::Expired, c.expired),
        (RootFlag::NotYetValid, c.not_yet_valid),
        (RootFlag::WeakKey, c.weak_key),
        (RootFlag::WeakSignature, c.weak_signature),
    ] {
        if n > 0 {
            notes.push(format!("{n} {}", flag.describe()));
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(o, "\nAcross both: {}.", notes.join("; "));
    }
    o.push('\n');
    if d.same_roots() {
        let _ = writeln!(o, "{}", style.good(&format!("{a} and {b} trust the same roots.")));
    } else if c.only_in_b > 0 || c.rekeyed > 0 {
        let _ = writeln!(
            o,
            "A server whose chain ends at a root listed under \"Only in {b}\" verifies with {b} but fails with {a}; \
             add the root to {a}'s bundle (`trustaudit show <file>` checks a root before you add it)."
        );
    } else {
        let _ = writeln!(
            o,
            "{a} trusts every root {b} does, and {} more: a server whose chain ends at one of those verifies \
             with {a} but fails with {b}; if that is your proxy's root, add it to {b}'s bundle.",
            c.only_in_a
        );
    }
    o
}

/// Certificate details as text, one `key: value` per line.
pub fn certificate_text(c: &CertificateDetails, style: TextStyle) -> String {
    let mut o = String::new();
    let mut kv = |k: &str, v: &str| {
        let _ = writeln!(o, "  {:<22} {v}", format!("{k}:"));
    };
    kv("Subject", &c.subject);
    kv("Issuer", &c.issuer);
    kv("Serial", &c.serial);
    kv("Version", &c.version.to_string());
    let now = UnixTime::now();
    let validity = if c.not_after < now {
        style.bad("expired")
    } else if c.not_before > now {
        style.warn("not yet valid")
    } else {
        style.good("valid now")
    };
    kv("Validity", &format!("{} to {} ({validity})", c.not_before, c.not_after));
    kv("SHA-256", &c.sha256);
    kv("SHA-1", &c.sha1);
    kv("SPKI pin (sha256)", &c.spki_sha256);
    kv("Key", &c.key.to_string());
    kv("Signature algorithm", &c.signature_algorithm.name);
    let bc = match c.basic_constraints {
        Some(bc) if bc.ca => match bc.path_len {
            Some(n) => format!("CA, path length {n}{}", if bc.critical { ", critical" } else { "" }),
            None => format!("CA{}", if bc.critical { ", critical" } else { "" }),
        },
        Some(bc) => format!("not a CA{}", if bc.critical { ", critical" } else { "" }),
        None => "absent".to_owned(),
    };
    kv("Basic constraints", &bc);
    kv("Key usage", &c.key_usage.as_ref().map_or("absent".to_owned(), |v| v.join(", ")));
    kv("Extended key usage", &c.extended_key_usage.as_ref().map_or("absent".to_owned(), |v| v.join(", ")));
    if !c.subject_alt_names.is_empty() {
        let names: Vec<String> = c.subject_alt_names.iter().map(ToString::to_string).collect();
        kv("Subject alt names", &names.join(", "));
    }
    if let Some(nc) = &c.name_constraints {
        let p: Vec<String> = nc.permitted.iter().map(ToString::to_string).collect();
        let x: Vec<String> = nc.excluded.iter().map(ToString::to_string).collect();
        kv("Name constraints", &format!("permitted [{}], excluded [{}]", p.join(", "), x.join(", ")));
    }
    if let Some(v) = &c.authority_key_id {
        kv("Authority key id", v);
    }
    if let Some(v) = &c.subject_key_id {
        kv("Subject key id", v);
    }
    if let Some(aia) = &c.authority_info_access {
        if !aia.ocsp.is_empty() {
            kv("OCSP", &aia.ocsp.join(", "));
        }
        if !aia.ca_issuers.is_empty() {
            kv("CA issuers", &aia.ca_issuers.join(", "));
        }
    }
    if !c.crl_distribution_points.is_empty() {
        kv("CRL distribution", &c.crl_distribution_points.join(", "));
    }
    let selfish = if c.self_signed {
        "yes (self-signed)"
    } else if c.self_issued {
        "self-issued, but its own key does not verify the signature"
    } else {
        "no"
    };
    kv("Self-signed", selfish);
    kv("SCT list", if c.sct_list_present { "present" } else { "absent" });
    let unknown_critical: Vec<&str> =
        c.extensions.iter().filter(|e| e.critical && !e.understood).map(|e| e.oid.as_str()).collect();
    if !unknown_critical.is_empty() {
        kv("Unknown critical ext", &style.bad(&unknown_critical.join(", ")));
    }
    o
}
