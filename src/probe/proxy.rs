//! Which HTTP CONNECT proxy a client would use for an `https://` URL, from an explicit
//! environment, under Go's rules or curl's rules. Pure: it reads the map it is given, never the
//! process environment, and never resolves names.
//!
//! The two rule sets differ, and a developer comparing `curl` with `go` meets every difference:
//!
//! | | Go (`golang.org/x/net/http/httpproxy`) | curl (`lib/noproxy.c`, `lib/url.c`) |
//! |---|---|---|
//! | variables | `HTTPS_PROXY` then `https_proxy`; `ALL_PROXY` ignored | `https_proxy` then `HTTPS_PROXY`, then `all_proxy`/`ALL_PROXY` |
//! | `NO_PROXY` | `NO_PROXY` then `no_proxy` | `no_proxy` then `NO_PROXY` |
//! | loopback | `localhost` and loopback IPs never use a proxy | proxied unless `NO_PROXY` says otherwise |
//! | `foo.com` | `foo.com` and every subdomain | `foo.com` and every subdomain |
//! | `.foo.com` | subdomains only, not `foo.com` itself | leading dot ignored: `foo.com` and subdomains |
//! | `*.foo.com` | same as `.foo.com` | no wildcard: matches nothing |
//! | `foo.com:8443` | only that port | the entry never matches (no port syntax) |
//! | IP, CIDR | match IP-literal hosts only (no DNS lookup) | same |
//! | separators | `,` | `,` and whitespace |

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::Serialize;

/// An explicit environment: variable name to value. Tests build one; the command copies the
/// process environment into one with [`Environment::from_process`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// An empty environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of this process's environment (variables that are not UTF-8 are left out).
    pub fn from_process() -> Self {
        Self { vars: std::env::vars().collect() }
    }

    /// The variables of a runtime environment (values that are not UTF-8 are left out).
    pub fn from_runtime(env: &crate::runtime::Environment) -> Self {
        Self { vars: env.vars().filter_map(|(k, v)| v.to_str().map(|v| (k.to_owned(), v.to_owned()))).collect() }
    }

    /// Builds an environment from `(name, value)` pairs.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Self { vars: pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect() }
    }

    /// Sets `name` to `value`, returning the environment (builder style).
    #[must_use]
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_owned(), value.to_owned());
        self
    }

    /// The value of `name`, if set (an empty value counts as set).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The first of `names` that is set to a non-empty value, with its name.
    pub fn first_non_empty<'a>(&'a self, names: &[&'a str]) -> Option<(&'a str, &'a str)> {
        names.iter().find_map(|n| self.get(n).filter(|v| !v.is_empty()).map(|v| (*n, v)))
    }

    /// Every variable, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Whose proxy rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProxyRules {
    /// Go's `net/http` (`golang.org/x/net/http/httpproxy`): also the rules of `go mod download`.
    Go,
    /// curl and libcurl (also git and cargo, which use libcurl).
    Curl,
}

impl ProxyRules {
    /// Variables consulted for an `https://` URL, in order.
    pub fn proxy_variables(self) -> &'static [&'static str] {
        match self {
            Self::Go => &["HTTPS_PROXY", "https_proxy"],
            Self::Curl => &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
        }
    }

    /// Variables consulted for the bypass list, in order.
    pub fn no_proxy_variables(self) -> &'static [&'static str] {
        match self {
            Self::Go => &["NO_PROXY", "no_proxy"],
            Self::Curl => &["no_proxy", "NO_PROXY"],
        }
    }
}

/// An HTTP proxy to send `CONNECT` to.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct ProxyUrl {
    /// Host name or IP address of the proxy (brackets removed from IPv6).
    pub host: String,
    /// Port: as written, else 80 for `http://` and 1080 without a scheme ([`ProxyUrl::parse`]).
    pub port: u16,
    /// User name for basic authentication, percent-decoded.
    pub username: Option<String>,
    /// Password for basic authentication, percent-decoded; never serialized.
    #[serde(skip)]
    pub password: Option<String>,
}

impl std::fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password stays out of logs and panics.
        f.debug_struct("ProxyUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        match &self.username {
            Some(user) => write!(f, "http://{user}:***@{host}:{}", self.port),
            None => write!(f, "http://{host}:{}", self.port),
        }
    }
}

/// Why a proxy URL could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProxyUrlError {
    /// The scheme is not `http` (HTTPS and SOCKS proxies are not probed).
    #[error("proxy URL {url:?} uses scheme {scheme:?}; only http:// proxies (HTTP CONNECT) are supported")]
    UnsupportedScheme {
        /// The URL as given.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// No host, a bad port or bad percent-encoding.
    #[error("proxy URL {url:?} is malformed: {reason}")]
    Malformed {
        /// The URL as given.
        url: String,
        /// What is wrong.
        reason: &'static str,
    },
}

impl ProxyUrl {
    /// Parses `http://[user[:password]@]host[:port][/]`. Like Go and curl, a value without a
    /// scheme is taken as `http://`; the default port is 80 for `http://` and 1080 for a value
    /// without scheme (curl's default; Go would use 80 — write the port to avoid the question).
    ///
    /// # Errors
    /// [`ProxyUrlError`] for another scheme or a malformed URL.
    pub fn parse(url: &str) -> Result<Self, ProxyUrlError> {
        let malformed = |reason| ProxyUrlError::Malformed { url: url.to_owned(), reason };
        let trimmed = url.trim();
        let (rest, default_port) = match trimmed.split_once("://") {
            Some((scheme, rest)) => {
                if !scheme.eq_ignore_ascii_case("http") {
                    return Err(ProxyUrlError::UnsupportedScheme {
                        url: url.to_owned(),
                        scheme: scheme.to_ascii_lowercase(),
                    });
                }
                (rest, 80)
            }
            None => (trimmed, 1080),
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = if let Some(after) = hostport.strip_prefix('[') {
            let (h, tail) = after.split_once(']').ok_or_else(|| malformed("unclosed '['"))?;
            let port = match tail.strip_prefix(':') {
                Some(p) => Some(p),
                None if tail.is_empty() => None,
                None => return Err(malformed("junk after ']'")),
            };
            (h, port)
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            }
        };
        if host.is_empty() {
            return Err(malformed("no host"));
        }
        let port = match port {
            Some(p) if !p.is_empty() => p.parse::<u16>().map_err(|_| malformed("bad port"))?,
            _ => default_port,
        };
        let (username, password) = match userinfo {
            Some(info) => {
                let (u, p) = match info.split_once(':') {
                    Some((u, p)) => (u, Some(p)),
                    None => (info, None),
                };
                let u = percent_decode(u).ok_or_else(|| malformed("bad percent-encoding in user"))?;
                let p = match p {
                    Some(p) => Some(percent_decode(p).ok_or_else(|| malformed("bad percent-encoding in password"))?),
                    None => None,
                };
                (Some(u), p)
            }
            None => (None, None),
        };
        Ok(Self { host: host.to_ascii_lowercase(), port, username, password })
    }

    /// The `Proxy-Authorization` header value, when the URL carries a user name.
    pub fn basic_authorization(&self) -> Option<String> {
        use base64::Engine as _;
        let user = self.username.as_deref()?;
        let pass = self.password.as_deref().unwrap_or("");
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
        Some(format!("Basic {token}"))
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// One parsed `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NoProxyEntry {
    All,
    Ip {
        ip: IpAddr,
        port: Option<u16>,
    },
    Cidr {
        net: IpAddr,
        prefix: u8,
    },
    /// `suffix` starts with '.'; `also_exact` lets `foo.com` match itself.
    Domain {
        suffix: String,
        also_exact: bool,
        port: Option<u16>,
    },
    /// An entry that can never match under these rules (kept so the report can say so).
    Never,
}

/// A parsed bypass list under one rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoProxy {
    rules: ProxyRules,
    entries: Vec<NoProxyEntry>,
}

impl NoProxy {
    /// Parses a `NO_PROXY` value under `rules`.
    pub fn parse(value: &str, rules: ProxyRules) -> Self {
        let tokens: Vec<&str> = match rules {
            ProxyRules::Go => value.split(',').collect(),
            ProxyRules::Curl => value.split(|c: char| c == ',' || c.is_ascii_whitespace()).collect(),
        };
        let entries = tokens
            .into_iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .map(|t| parse_entry(&t, rules))
            .collect();
        Self { rules, entries }
    }

    /// Whether a connection to `host:port` bypasses the proxy. `host` is a name or an IP
    /// literal (IPv6 with or without brackets); names are never resolved.
    pub fn bypasses(&self, host: &str, port: u16) -> bool {
        let host = host.trim().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        let host = match self.rules {
            // curl ignores one trailing dot on the host name.
            ProxyRules::Curl => host.strip_suffix('.').map(str::to_owned).unwrap_or(host),
            ProxyRules::Go => host,
        };
        let ip: Option<IpAddr> = host.parse().ok();
        if self.rules == ProxyRules::Go && (host == "localhost" || ip.is_some_and(|ip| ip.is_loopback())) {
            return true;
        }
        self.entries.iter().any(|entry| match entry {
            NoProxyEntry::All => true,
            NoProxyEntry::Never => false,
            NoProxyEntry::Ip { ip: want, port: want_port } => ip == Some(*want) && want_port.is_none_or(|p| p == port),
            NoProxyEntry::Cidr { net, prefix } => ip.is_some_and(|ip| cidr_contains(*net, *prefix, ip)),
            NoProxyEntry::Domain { suffix, also_exact, port: want_port } => {
                if self.rules == ProxyRules::Curl && ip.is_some() {
                    return false;
                }
                let hit = host.ends_with(suffix.as_str()) || (*also_exact && host == suffix[1..]);
                hit && want_port.is_none_or(|p| p == port)
            }
        })
    }
}

fn parse_entry(token: &str, rules: ProxyRules) -> NoProxyEntry {
    if token == "*" {
        return NoProxyEntry::All;
    }
    if let Some((addr, bits)) = token.split_once('/') {
        return match (addr.parse::<IpAddr>(), bits.parse::<u8>()) {
            (Ok(net), Ok(prefix)) if prefix <= if net.is_ipv4() { 32 } else { 128 } => {
                NoProxyEntry::Cidr { net, prefix }
            }
            _ => NoProxyEntry::Never,
        };
    }
    match rules {
        ProxyRules::Go => {
            let (host, port) = split_entry_port(token);
            if host.is_empty() {
                return NoProxyEntry::Never;
            }
            if let Ok(ip) = host.parse::<IpAddr>() {
                return NoProxyEntry::Ip { ip, port };
            }
            let host = host.strip_prefix('*').filter(|h| h.starts_with('.')).unwrap_or(host);
            match host.strip_prefix('.') {
                Some(_) => NoProxyEntry::Domain { suffix: host.to_owned(), also_exact: false, port },
                None => NoProxyEntry::Domain { suffix: format!(".{host}"), also_exact: true, port },
            }
        }
        ProxyRules::Curl => {
            let bare = token.trim_start_matches('[').trim_end_matches(']');
            if let Ok(ip) = bare.parse::<IpAddr>() {
                return NoProxyEntry::Ip { ip, port: None };
            }
            let host = token.strip_prefix('.').unwrap_or(token);
            let host = host.strip_suffix('.').unwrap_or(host);
            if host.is_empty() || host.contains(':') || host.contains('*') {
                return NoProxyEntry::Never;
            }
            NoProxyEntry::Domain { suffix: format!(".{host}"), also_exact: true, port: None }
        }
    }
}

/// Go's `net.SplitHostPort` applied to a NO_PROXY entry: `host:port`, `[v6]:port`, else the
/// entry is all host.
fn split_entry_port(token: &str) -> (&str, Option<u16>) {
    if let Some(rest) = token.strip_prefix('[') {
        if let Some((h, tail)) = rest.split_once(']') {
            return (h, tail.strip_prefix(':').and_then(|p| p.parse().ok()));
        }
        return (token, None);
    }
    match token.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => match p.parse() {
            Ok(port) => (h, Some(port)),
            Err(_) => (token, None),
        },
        _ => (token, None),
    }
}

fn cidr_contains(net: IpAddr, prefix: u8, ip: IpAddr) -> bool {
    let (a, b, bits): (u128, u128, u32) = match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => (u32::from(n).into(), u32::from(i).into(), 32),
        (IpAddr::V6(n), IpAddr::V6(i)) => (u128::from(n), u128::from(i), 128),
        _ => return false,
    };
    let shift = bits - u32::from(prefix);
    if shift >= 128 {
        return true;
    }
    (a >> shift) == (b >> shift)
}

/// The proxy decision for one `https://host:port` under one rule set, with the variables that
/// made it (so a report can say "HTTPS_PROXY was set but NO_PROXY matched").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProxyChoice {
    /// The rules applied.
    pub rules: ProxyRules,
    /// The proxy to use, or `None` for a direct connection.
    pub proxy: Option<ProxyUrl>,
    /// The variable the proxy came from.
    pub from_variable: Option<String>,
    /// The bypass variable in force and its value.
    pub no_proxy: Option<(String, String)>,
    /// Whether the bypass list (or Go's loopback rule) sent the connection direct.
    pub bypassed: bool,
}

/// Decides the proxy for `https://host:port` from `env` under `rules`.
///
/// # Errors
/// [`ProxyUrlError`] when the variable in force holds an unusable URL (clients fail then too).
pub fn choose_proxy(env: &Environment, rules: ProxyRules, host: &str, port: u16) -> Result<ProxyChoice, ProxyUrlError> {
    let no_proxy = env.first_non_empty(rules.no_proxy_variables());
    let from = env.first_non_empty(rules.proxy_variables());
    let mut choice = ProxyChoice {
        rules,
        proxy: None,
        from_variable: from.map(|(n, _)| n.to_owned()),
        no_proxy: no_proxy.map(|(n, v)| (n.to_owned(), v.to_owned())),
        bypassed: false,
    };
    let Some((_, url)) = from else { return Ok(choice) };
    let bypass = NoProxy::parse(no_proxy.map_or("", |(_, v)| v), rules);
    if bypass.bypasses(host, port) {
        choice.bypassed = true;
        return Ok(choice);
    }
    choice.proxy = Some(ProxyUrl::parse(url)?);
    Ok(choice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_and_curl_disagree_on_a_leading_dot() {
        let go = NoProxy::parse(".example.com", ProxyRules::Go);
        let curl = NoProxy::parse(".example.com", ProxyRules::Curl);
        assert!(!go.bypasses("example.com", 443));
        assert!(go.bypasses("a.example.com", 443));
        assert!(curl.bypasses("example.com", 443));
        assert!(curl.bypasses("a.example.com", 443));
        assert!(!curl.bypasses("badexample.com", 443));
        assert!(!go.bypasses("badexample.com", 443));
    }

    #[test]
    fn star_dot_is_a_suffix_for_go_and_nothing_for_curl() {
        assert!(NoProxy::parse("*.corp.test", ProxyRules::Go).bypasses("git.corp.test", 443));
        assert!(!NoProxy::parse("*.corp.test", ProxyRules::Curl).bypasses("git.corp.test", 443));
    }

    #[test]
    fn ports_restrict_go_entries_and_disable_curl_entries() {
        let go = NoProxy::parse("corp.test:8443", ProxyRules::Go);
        assert!(go.bypasses("corp.test", 8443));
        assert!(!go.bypasses("corp.test", 443));
        assert!(!NoProxy::parse("corp.test:8443", ProxyRules::Curl).bypasses("corp.test", 8443));
    }

    #[test]
    fn cidr_and_ip_entries_match_ip_literals_only() {
        for rules in [ProxyRules::Go, ProxyRules::Curl] {
            let np = NoProxy::parse("10.0.0.0/8, 192.168.1.7,fd00::/8", rules);
            assert!(np.bypasses("10.1.2.3", 443), "{rules:?}");
            assert!(!np.bypasses("11.1.2.3", 443), "{rules:?}");
            assert!(np.bypasses("192.168.1.7", 443), "{rules:?}");
            assert!(np.bypasses("[fd12::1]", 443), "{rules:?}");
            assert!(!np.bypasses("ten.example", 443), "{rules:?}");
        }
    }

    #[test]
    fn go_never_proxies_loopback_and_curl_does() {
        let none = NoProxy::parse("", ProxyRules::Go);
        assert!(none.bypasses("localhost", 443));
        assert!(none.bypasses("127.0.0.1", 443));
        assert!(none.bypasses("::1", 443));
        assert!(!NoProxy::parse("", ProxyRules::Curl).bypasses("127.0.0.1", 443));
    }

    #[test]
    fn star_bypasses_everything() {
        assert!(NoProxy::parse("*", ProxyRules::Curl).bypasses("proxy.golang.org", 443));
        assert!(NoProxy::parse(" * ", ProxyRules::Go).bypasses("proxy.golang.org", 443));
    }

    #[test]
    fn variable_precedence_differs_between_go_and_curl() {
        let env = Environment::new()
            .with("HTTPS_PROXY", "http://upper.test:3128")
            .with("https_proxy", "http://lower.test:3128")
            .with("ALL_PROXY", "http://all.test:3128");
        let go = choose_proxy(&env, ProxyRules::Go, "pypi.org", 443).unwrap();
        let curl = choose_proxy(&env, ProxyRules::Curl, "pypi.org", 443).unwrap();
        assert_eq!(go.proxy.unwrap().host, "upper.test");
        assert_eq!(curl.proxy.unwrap().host, "lower.test");
        let only_all = Environment::new().with("ALL_PROXY", "http://all.test:3128");
        assert_eq!(choose_proxy(&only_all, ProxyRules::Go, "pypi.org", 443).unwrap().proxy, None);
        assert_eq!(
            choose_proxy(&only_all, ProxyRules::Curl, "pypi.org", 443).unwrap().from_variable.as_deref(),
            Some("ALL_PROXY")
        );
    }

    #[test]
    fn proxy_urls_parse_credentials_and_default_ports() {
        let p = ProxyUrl::parse("http://alice:s%40cret@proxy.corp.test:3128/").unwrap();
        assert_eq!((p.host.as_str(), p.port), ("proxy.corp.test", 3128));
        assert_eq!(p.username.as_deref(), Some("alice"));
        assert_eq!(p.password.as_deref(), Some("s@cret"));
        assert_eq!(p.basic_authorization().unwrap(), "Basic YWxpY2U6c0BjcmV0");
        assert_eq!(p.to_string(), "http://alice:***@proxy.corp.test:3128");
        assert_eq!(ProxyUrl::parse("proxy.corp.test").unwrap().port, 1080);
        assert_eq!(ProxyUrl::parse("http://[::1]:8080").unwrap().host, "::1");
        assert_eq!(
            ProxyUrl::parse("socks5://proxy:1080").unwrap_err().to_string(),
            "proxy URL \"socks5://proxy:1080\" uses scheme \"socks5\"; only http:// proxies (HTTP CONNECT) are supported"
        );
    }
}
