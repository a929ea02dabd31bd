//! A plain-name hint for roots whose subject names a known TLS-interception product.
//!
//! Deliberately small and conservative: it reads only the subject's CN, O, OU and email, and
//! every entry needs words that no public CA uses. A word that also names a legitimate public
//! CA (for example "Cisco", which runs public roots) never matches on its own; it needs the
//! product word next to it ("Umbrella"). The full interception catalogue, with evidence from
//! the wire, lives in [`crate::intercept`]; this only says "this looks like X" next to a root.

use serde::Serialize;

use crate::cert::Certificate;

/// The product a root's subject names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VendorHint {
    /// The product, as people call it (`Zscaler`, `mitmproxy`).
    pub vendor: &'static str,
    /// What kind of product it is (`corporate proxy`, `antivirus`, `debugging proxy`).
    pub category: &'static str,
    /// The words in the subject that matched.
    pub matched: String,
}

/// One catalogue row: every word in `all_of` must appear (as a whole word, case-insensitively).
struct Rule {
    vendor: &'static str,
    category: &'static str,
    all_of: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule { vendor: "Zscaler", category: "corporate proxy", all_of: &["zscaler"] },
    Rule { vendor: "Netskope", category: "corporate proxy", all_of: &["netskope"] },
    Rule { vendor: "Netskope", category: "corporate proxy", all_of: &["goskope.com"] },
    Rule { vendor: "Fortinet FortiGate", category: "firewall", all_of: &["fortinet"] },
    Rule { vendor: "Fortinet FortiGate", category: "firewall", all_of: &["fortinet_ca_ssl"] },
    Rule { vendor: "Cisco Umbrella", category: "corporate proxy", all_of: &["cisco", "umbrella"] },
    Rule { vendor: "mitmproxy", category: "debugging proxy", all_of: &["mitmproxy"] },
    Rule { vendor: "Charles Proxy", category: "debugging proxy", all_of: &["charles", "proxy"] },
    Rule { vendor: "Charles Proxy", category: "debugging proxy", all_of: &["charlesproxy.com"] },
    Rule { vendor: "Fiddler", category: "debugging proxy", all_of: &["do_not_trust_fiddlerroot"] },
    Rule { vendor: "Fiddler", category: "debugging proxy", all_of: &["fiddler2.com"] },
    Rule { vendor: "Burp Suite", category: "security testing proxy", all_of: &["portswigger"] },
    Rule { vendor: "Avast / AVG", category: "antivirus", all_of: &["avast"] },
    Rule { vendor: "ESET", category: "antivirus", all_of: &["eset", "filter"] },
    Rule { vendor: "ESET", category: "antivirus", all_of: &["eset", "spol"] },
    Rule { vendor: "Kaspersky", category: "antivirus", all_of: &["kaspersky"] },
    Rule { vendor: "Bitdefender", category: "antivirus", all_of: &["bitdefender"] },
    Rule { vendor: "Securly", category: "school filter", all_of: &["securly"] },
    Rule { vendor: "Securly", category: "school filter", all_of: &["securly.com"] },
];

/// The interception product `cert`'s subject names, if any.
pub fn vendor_hint(cert: &Certificate) -> Option<VendorHint> {
    let s = cert.subject();
    let fields = s.common_names.iter().chain(&s.organizations).chain(&s.organizational_units).chain(&s.emails);
    let mut words: Vec<String> = Vec::new();
    for f in fields {
        let lower = f.to_ascii_lowercase();
        // Words split on anything but letters, digits, '.', '_' and '-', so "*.securly.com",
        // "Fortinet_CA_SSL" and "certadmin@netskope.com" keep their meaningful pieces.
        for w in lower.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))) {
            if w.is_empty() {
                continue;
            }
            words.push(w.to_owned());
            for part in w.split(['.', '_', '-']).filter(|p| !p.is_empty() && *p != w) {
                words.push(part.to_owned());
            }
            // Domain suffixes such as "goskope.com" from "ca.acme.goskope.com".
            let labels: Vec<&str> = w.split('.').collect();
            if labels.len() > 2 {
                words.push(labels[labels.len() - 2..].join("."));
            }
        }
    }
    RULES.iter().find(|r| r.all_of.iter().all(|k| words.iter().any(|w| w == k))).map(|r| VendorHint {
        vendor: r.vendor,
        category: r.category,
        matched: r.all_of.join(" + "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert_with(dn: &[(rcgen::DnType, &str)]) -> Certificate {
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        for (t, v) in dn {
            params.distinguished_name.push(t.clone(), *v);
        }
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let key = rcgen::KeyPair::generate().unwrap();
        let c = params.self_signed(&key).unwrap();
        Certificate::from_der(c.der()).unwrap()
    }

    #[test]
    fn zscaler_root_is_named() {
        use rcgen::DnType::*;
        let c = cert_with(&[(CommonName, "Zscaler Root CA"), (OrganizationName, "Zscaler Inc.")]);
        let h = vendor_hint(&c).unwrap();
        assert_eq!((h.vendor, h.category, h.matched.as_str()), ("Zscaler", "corporate proxy", "zscaler"));
    }

    #[test]
    fn netskope_tenant_ca_is_named_by_its_domain_though_o_is_the_customer() {
        use rcgen::DnType::*;
        let c = cert_with(&[(CommonName, "ca.acme.goskope.com"), (OrganizationName, "Acme Corp")]);
        assert_eq!(vendor_hint(&c).unwrap().vendor, "Netskope");
    }

    #[test]
    fn cisco_alone_is_not_umbrella() {
        use rcgen::DnType::*;
        let plain = cert_with(&[(CommonName, "Cisco Root CA 2048"), (OrganizationName, "Cisco Systems")]);
        assert_eq!(vendor_hint(&plain), None);
        let umbrella = cert_with(&[(CommonName, "Cisco Umbrella Root CA"), (OrganizationName, "Cisco")]);
        assert_eq!(vendor_hint(&umbrella).unwrap().vendor, "Cisco Umbrella");
    }

    #[test]
    fn words_inside_other_words_do_not_match() {
        use rcgen::DnType::*;
        // "reset" contains "eset"; "Charles" alone is a person's name.
        let c = cert_with(&[(CommonName, "Reset Filter Root"), (OrganizationName, "Charles and Sons")]);
        assert_eq!(vendor_hint(&c), None);
    }

    #[test]
    fn no_root_in_mozillas_set_gets_a_hint() {
        for r in crate::store::TrustStore::mozilla().roots() {
            assert_eq!(vendor_hint(&r.cert), None, "{}", r.cert.subject());
        }
    }
}
