//! The error text each runtime prints when a name does not match, rebuilt from its source so
//! a user can search for the words they saw.

use super::{profile, Name, PresentedNames, SanRef};
use crate::cert::GeneralName;
use crate::runtime::Runtime;

pub(super) fn message(runtime: Runtime, names: &PresentedNames, name: &Name) -> String {
    let host = name.to_reference_string();
    match runtime {
        Runtime::Go => go(names, name, &host),
        Runtime::Openssl => match name.ip() {
            Some(_) => "X509_V_ERR_IP_ADDRESS_MISMATCH (64): IP address mismatch".to_owned(),
            None => "X509_V_ERR_HOSTNAME_MISMATCH (62): hostname mismatch".to_owned(),
        },
        Runtime::Python | Runtime::Certifi => {
            let what = if name.ip().is_some() { "IP address mismatch" } else { "Hostname mismatch" };
            format!(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {what}, certificate is not valid for '{host}'."
            )
        }
        Runtime::Pip => pip(names, &host),
        Runtime::Node => format!("Hostname/IP does not match certificate's altnames: {}", node(names, name)),
        // curl's messages show the host name as typed (its "display name").
        Runtime::Curl | Runtime::Git | Runtime::Cargo => curl(names, &name.to_typed_string()),
        // rustls prints the name without its trailing dot.
        Runtime::Rustls => rustls(names, &name.as_str()),
    }
}

fn go(names: &PresentedNames, name: &Name, host: &str) -> String {
    let trimmed = host.strip_suffix('.').unwrap_or(host);
    let parts: Vec<&str> = trimmed.split('.').collect();
    let cn = names.common_names.last().copied().unwrap_or_default();
    if !names.has_san_extension && profile::go_match_hostnames(cn, &parts) {
        return "x509: certificate relies on legacy Common Name field, use SANs instead".to_owned();
    }
    let valid = if name.ip().is_some() {
        if names.ip_sans.is_empty() {
            return format!("x509: cannot validate certificate for {host} because it doesn't contain any IP SANs");
        }
        if names.ip_sans.len() >= 100 {
            return format!("x509: certificate is valid for {} IP SANs, but none matched {host}", names.ip_sans.len());
        }
        // net.IP.String prints an IPv4-mapped address in dotted IPv4 form.
        names.ip_sans.iter().map(|ip| ip.to_canonical().to_string()).collect::<Vec<_>>().join(", ")
    } else {
        if names.dns_sans.len() >= 100 {
            return format!("x509: certificate is valid for {} names, but none matched {host}", names.dns_sans.len());
        }
        names.dns_sans.join(", ")
    };
    if valid.is_empty() {
        return format!("x509: certificate is not valid for any names, but wanted to match {host}");
    }
    format!("x509: certificate is valid for {valid}, not {host}")
}

/// urllib3 1.26 stops at a name with more than one `*` in its left-most label.
pub(super) fn pip_too_many_wildcards(presented: &str) -> String {
    format!("too many wildcards in certificate DNS name: {}", python_repr(presented))
}

/// How Python's `getpeercert()` writes an iPAddress: dotted IPv4, or eight upper-case hex groups.
fn python_ip(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => v6.segments().iter().map(|s| format!("{s:X}")).collect::<Vec<_>>().join(":"),
    }
}

fn python_repr(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || u32::from(c) == 0x7f => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn pip(names: &PresentedNames, host: &str) -> String {
    let mut shown: Vec<String> = names
        .sans_in_order
        .iter()
        .map(|p| match p {
            SanRef::Dns(d) => (*d).to_owned(),
            SanRef::Ip(ip) => python_ip(*ip),
        })
        .collect();
    if shown.is_empty() {
        shown = names.common_names.iter().map(|c| (*c).to_owned()).collect();
    }
    match shown.as_slice() {
        [] => "no appropriate commonName or subjectAltName fields were found".to_owned(),
        [one] => format!("hostname {} doesn't match {}", python_repr(host), python_repr(one)),
        many => format!(
            "hostname {} doesn't match either of {}",
            python_repr(host),
            many.iter().map(|s| python_repr(s)).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn node(names: &PresentedNames, name: &Name) -> String {
    let host = name.as_str();
    if name.ip().is_some() {
        let ips: Vec<String> = names.ip_sans.iter().map(ToString::to_string).collect();
        return format!("IP: {host} is not in the cert's list: {}", ips.join(", "));
    }
    if !names.dns_sans.is_empty() {
        let alt: Vec<String> = names
            .sans_in_order
            .iter()
            .map(|p| match p {
                SanRef::Dns(d) => format!("DNS:{}", node_alt_name(d)),
                SanRef::Ip(ip) => format!("IP Address:{ip}"),
            })
            .collect();
        return format!("Host: {host}. is not in the cert's altnames: {}", alt.join(", "));
    }
    if !names.common_names.is_empty() {
        return format!("Host: {host}. is not cert's CN: {}", names.common_names.join(","));
    }
    "Cert does not contain a DNS name".to_owned()
}

fn curl(names: &PresentedNames, host: &str) -> String {
    if !names.dns_sans.is_empty() || !names.ip_sans.is_empty() {
        return format!("SSL: no alternative certificate subject name matches target host name '{host}'");
    }
    match names.common_names.last() {
        None => "SSL: unable to obtain common name from peer certificate".to_owned(),
        Some(cn) if cn.contains('\0') => "SSL: illegal cert name field".to_owned(),
        Some(cn) => {
            format!("SSL: certificate subject name '{cn}' does not match target host name '{host}'")
        }
    }
}

/// rustls lists every SAN entry as rustls-webpki's `GeneralName` Debug prints it.
fn rustls(names: &PresentedNames, host: &str) -> String {
    let presented: Vec<String> = names
        .all_sans
        .iter()
        .filter_map(|gn| {
            Some(match gn {
                GeneralName::Dns(d) => format!("DnsName(\"{d}\")"),
                GeneralName::Ip(ip) => format!("IpAddress({})", webpki_ip(*ip)),
                GeneralName::Uri(u) => format!("UniformResourceIdentifier(\"{u}\")"),
                GeneralName::Directory(_) => "DirectoryName".to_owned(),
                GeneralName::Email(_) => "Unsupported(0x01)".to_owned(),
                GeneralName::Other(o) if o.starts_with("otherName") => "Unsupported(0x00)".to_owned(),
                GeneralName::Other(o) if o.starts_with("x400Address") => "Unsupported(0x03)".to_owned(),
                GeneralName::Other(o) if o.starts_with("ediPartyName") => "Unsupported(0x05)".to_owned(),
                GeneralName::Other(o) if o.starts_with("registeredID") => "Unsupported(0x08)".to_owned(),
                _ => return None,
            })
        })
        .collect();
    let tail = match presented.as_slice() {
        [] => "is not valid for any names (according to its subjectAltName extension)".to_owned(),
        [one] => format!("is only valid for {one}"),
        [init @ .., last] => format!("is only valid for {} or {last}", init.join(", ")),
    };
    format!("invalid peer certificate: certificate not valid for name {host:?}; certificate {tail}")
}

/// Node's `PrintAltName` for an IA5 name: as is when "safe", else JSON-style escaped in quotes
/// (src/crypto/crypto_common.cc), so the list stays splittable on ", ".
fn node_alt_name(name: &str) -> String {
    let safe = name.bytes().all(|b| !matches!(b, b'"' | b'\\' | b',' | b'\'') && (b' '..=b'~').contains(&b));
    if safe {
        return name.to_owned();
    }
    let mut out = String::from("\"");
    for b in name.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b' '..=b'~' if b != b',' => out.push(char::from(b)),
            _ => out.push_str(&format!("\\u00{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// rustls-webpki's `IpAddrSlice` Debug: dotted IPv4; IPv6 groups in hex where every run of
/// zero groups after the first group is dropped and the next group is preceded by "::".
fn webpki_ip(ip: std::net::IpAddr) -> String {
    let v6 = match ip {
        std::net::IpAddr::V4(v4) => return v4.to_string(),
        std::net::IpAddr::V6(v6) => v6.octets(),
    };
    let mut out = String::new();
    let (mut first, mut skipping) = (true, false);
    for group in v6.chunks_exact(2) {
        let zero = group == [0, 0];
        match (first, zero, skipping) {
            (true, _, _) => first = false,
            (false, false, false) => out.push(':'),
            (false, true, _) => {
                skipping = true;
                continue;
            }
            (false, false, true) => {
                skipping = false;
                out.push_str("::");
            }
        }
        if group[0] != 0 {
            out.push_str(&format!("{:x}{:02x}", group[0], group[1]));
        } else {
            out.push_str(&format!("{:x}", group[1]));
        }
    }
    out
}
