//! Go's module-download configuration as `go env -json` reports it, and the rules the go
//! command applies to it: the GOPROXY list (`,` falls through on 404/410 only, `|` on any
//! error; `direct`; `off`), GOPRIVATE/GONOPROXY/GONOSUMDB path-prefix globs
//! (`golang.org/x/mod/module.MatchPrefixPatterns`), GOSUMDB and module path escaping. Pure.

use std::collections::BTreeMap;

use serde::Serialize;

/// The variables `doctor go` reads from `go env -json`.
pub const GO_VARIABLES: &[&str] = &[
    "GOPROXY",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOSUMDB",
    "GOINSECURE",
    "GOFLAGS",
    "GOMODCACHE",
    "GOTOOLCHAIN",
    "GOVERSION",
    "GOROOT",
    "GOENV",
];

/// `go env -json`, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GoEnv {
    /// Every variable Go printed.
    pub vars: BTreeMap<String, String>,
}

impl GoEnv {
    /// Parses the JSON object `go env -json` prints.
    ///
    /// # Errors
    /// The JSON error when the text is not an object of strings.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Self { vars: serde_json::from_str(json)? })
    }

    /// A variable's value, empty when unset.
    pub fn get(&self, name: &str) -> &str {
        self.vars.get(name).map_or("", String::as_str)
    }

    /// GOPROXY as a list.
    pub fn proxies(&self) -> Vec<ProxyEntry> {
        parse_goproxy(self.get("GOPROXY"))
    }

    /// GONOPROXY, defaulting to GOPRIVATE as the go command does.
    pub fn noproxy(&self) -> &str {
        match self.get("GONOPROXY") {
            "" => self.get("GOPRIVATE"),
            v => v,
        }
    }

    /// GONOSUMDB, defaulting to GOPRIVATE.
    pub fn nosumdb(&self) -> &str {
        match self.get("GONOSUMDB") {
            "" => self.get("GOPRIVATE"),
            v => v,
        }
    }
}

/// One GOPROXY element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ProxyEntry {
    /// A module proxy URL.
    Url {
        /// The URL, trailing slash removed.
        url: String,
        /// `true` after `|`: any error falls through to the next entry; `false` after `,`:
        /// only 404 and 410 do.
        fall_through_on_any_error: bool,
    },
    /// Fetch from the version control system.
    Direct,
    /// Downloads are disallowed.
    Off,
}

/// Parses GOPROXY like `cmd/go/internal/modfetch.proxyList`: empty elements are skipped, a
/// scheme-less URL gets `https://`, elements after `direct` or `off` are never used.
pub fn parse_goproxy(value: &str) -> Vec<ProxyEntry> {
    let mut out = Vec::new();
    let mut rest = value.trim();
    // The separator *after* an element decides how errors fall through from it.
    while !rest.is_empty() {
        let (elem, any_error, next) = match rest.find([',', '|']) {
            Some(i) => (&rest[..i], rest.as_bytes()[i] == b'|', &rest[i + 1..]),
            None => (rest, false, ""),
        };
        rest = next;
        let elem = elem.trim();
        if elem.is_empty() {
            continue;
        }
        match elem {
            "direct" => {
                out.push(ProxyEntry::Direct);
                break;
            }
            "off" => {
                out.push(ProxyEntry::Off);
                break;
            }
            url => {
                let url = if url.contains("://") { url.to_owned() } else { format!("https://{url}") };
                out.push(ProxyEntry::Url {
                    url: url.trim_end_matches('/').to_owned(),
                    fall_through_on_any_error: any_error,
                });
            }
        }
    }
    out
}

/// `golang.org/x/mod/module.MatchPrefixPatterns`: whether any comma-separated glob in `globs`
/// matches a path prefix of `target` with as many elements as the glob has.
pub fn match_prefix_patterns(globs: &str, target: &str) -> bool {
    for glob in globs.split(',') {
        let glob = glob.strip_suffix('/').unwrap_or(glob);
        if glob.is_empty() {
            continue;
        }
        let mut n = glob.matches('/').count();
        let mut prefix = target;
        for (i, b) in target.bytes().enumerate() {
            if b == b'/' {
                if n == 0 {
                    prefix = &target[..i];
                    break;
                }
                n -= 1;
            }
        }
        if n > 0 {
            continue;
        }
        if path_match(glob.as_bytes(), prefix.as_bytes()).unwrap_or(false) {
            return true;
        }
    }
    false
}

/// Go's `path.Match`: `*` (no `/`), `?`, `[…]` classes with ranges and `^`, `\` escapes.
/// `None` for a malformed pattern (Go's `ErrBadPattern`, which MatchPrefixPatterns treats as
/// no match).
fn path_match(pattern: &[u8], name: &[u8]) -> Option<bool> {
    let (mut p, mut n) = (0usize, 0usize);
    // Backtracking point for the last '*': (pattern index after '*', name index).
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p < pattern.len() {
            match pattern[p] {
                b'*' => {
                    star = Some((p + 1, n));
                    p += 1;
                    continue;
                }
                b'?' if n < name.len() && name[n] != b'/' => {
                    p += 1;
                    n += 1;
                    continue;
                }
                b'[' if n < name.len() => {
                    let (matched, next) = match_class(pattern, p, name[n])?;
                    if matched && name[n] != b'/' {
                        p = next;
                        n += 1;
                        continue;
                    }
                }
                b'\\' => {
                    let c = *pattern.get(p + 1)?;
                    if n < name.len() && name[n] == c {
                        p += 2;
                        n += 1;
                        continue;
                    }
                }
                c if c != b'?' && c != b'[' && n < name.len() && name[n] == c => {
                    p += 1;
                    n += 1;
                    continue;
                }
                _ => {}
            }
        } else if n == name.len() {
            return Some(true);
        }
        // Mismatch: let the last '*' swallow one more byte, unless that byte is '/'.
        match star {
            Some((sp, sn)) if sn < name.len() && name[sn] != b'/' => {
                star = Some((sp, sn + 1));
                p = sp;
                n = sn + 1;
            }
            _ => {
                // Go still reports ErrBadPattern for a malformed rest of the pattern.
                validate(&pattern[p.min(pattern.len())..])?;
                return Some(false);
            }
        }
    }
}

/// A `[...]` class at `pattern[start]` against byte `c`, as Go's `matchChunk`: `None` for a bad
/// pattern (an unescaped `-` or `]` where a character is expected, or a missing `]`).
fn match_class(pattern: &[u8], start: usize, c: u8) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = pattern.get(i) == Some(&b'^');
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut ranges = 0;
    loop {
        if pattern.get(i) == Some(&b']') && ranges > 0 {
            i += 1;
            break;
        }
        let (lo, next) = class_char(pattern, i)?;
        i = next;
        let mut hi = lo;
        if pattern[i] == b'-' {
            let (h, next) = class_char(pattern, i + 1)?;
            hi = h;
            i = next;
        }
        if lo <= c && c <= hi {
            matched = true;
        }
        ranges += 1;
    }
    Some((matched != negate, i))
}

/// Go's `getEsc`: one possibly escaped character; the pattern must go on after it.
fn class_char(pattern: &[u8], i: usize) -> Option<(u8, usize)> {
    let mut i = i;
    match pattern.get(i)? {
        b'-' | b']' => return None,
        b'\\' => i += 1,
        _ => {}
    }
    let c = *pattern.get(i)?;
    if i + 1 >= pattern.len() {
        return None;
    }
    Some((c, i + 1))
}

fn validate(rest: &[u8]) -> Option<()> {
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            b'\\' => {
                rest.get(i + 1)?;
                i += 2;
            }
            b'[' => {
                let (_, next) = match_class(rest, i, 0)?;
                i = next;
            }
            _ => i += 1,
        }
    }
    Some(())
}

/// Module path escaping for proxy URLs: each upper-case letter becomes `!` and its lower case.
pub fn escape_module_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for ch in path.chars() {
        if ch.is_ascii_uppercase() {
            out.push('!');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Where GOSUMDB points: its name and the URL the go command contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SumDb {
    /// Database name (`sum.golang.org`).
    pub name: String,
    /// Base URL.
    pub url: String,
}

/// Parses GOSUMDB (`off`, `name`, `name+key`, `name+key url`); `None` when off.
pub fn parse_gosumdb(value: &str) -> Option<SumDb> {
    let value = value.trim();
    let value = if value.is_empty() { "sum.golang.org" } else { value };
    if value == "off" {
        return None;
    }
    let mut words = value.split_whitespace();
    let name_key = words.next()?;
    let name = name_key.split('+').next().unwrap_or(name_key);
    // sum.golang.google.cn is an alias served from sum.golang.org's key.
    let url = match words.next() {
        Some(u) if u.contains("://") => u.trim_end_matches('/').to_owned(),
        Some(u) => format!("https://{}", u.trim_end_matches('/')),
        None => format!("https://{name}"),
    };
    Some(SumDb { name: name.to_owned(), url })
}

/// The `go-import` meta tag for `module` in a `?go-get=1` page: (VCS, repository URL). The
/// tag's prefix must be the module path or one of its parents, as cmd/go requires.
pub fn go_import(html: &str, module: &str) -> Option<(String, String)> {
    html.split("<meta").skip(1).find_map(|tag| {
        let tag = &tag[..tag.find('>')?];
        if !tag.contains("go-import") {
            return None;
        }
        let start = tag.find("content=")? + "content=".len();
        let quote = tag[start..].chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &tag[start + 1..];
        let value = &value[..value.find(quote)?];
        let mut fields = value.split_whitespace();
        let (prefix, vcs, repo) = (fields.next()?, fields.next()?, fields.next()?);
        let covers = module == prefix || module.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
        covers.then(|| (vcs.to_owned(), repo.to_owned()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_import_finds_the_tag_for_the_module_or_a_parent() {
        let html = r#"<html><head>
            <meta name="go-source" content="example.com/x _ _ _">
            <meta name="go-import" content="example.com/x git https://git.example.com/x.git">
            <meta name='go-import' content='example.com/m mod https://example.com/modproxy'>
            </head></html>"#;
        assert_eq!(go_import(html, "example.com/x/sub"), Some(("git".into(), "https://git.example.com/x.git".into())));
        assert_eq!(go_import(html, "example.com/m"), Some(("mod".into(), "https://example.com/modproxy".into())));
        assert_eq!(go_import(html, "example.com/xy"), None, "a prefix must end at a path element");
        assert_eq!(go_import("<meta name=\"go-import\" content=\"example.com/x git", "example.com/x"), None);
        assert_eq!(go_import("", "example.com/x"), None);
    }

    #[test]
    fn goproxy_separators_decide_how_errors_fall_through() {
        assert_eq!(
            parse_goproxy("https://corp.example/goproxy|proxy.golang.org,direct"),
            vec![
                ProxyEntry::Url { url: "https://corp.example/goproxy".into(), fall_through_on_any_error: true },
                ProxyEntry::Url { url: "https://proxy.golang.org".into(), fall_through_on_any_error: false },
                ProxyEntry::Direct,
            ]
        );
        assert_eq!(parse_goproxy("off"), vec![ProxyEntry::Off]);
        assert_eq!(parse_goproxy("direct,https://never.example"), vec![ProxyEntry::Direct]);
    }

    #[test]
    fn prefix_patterns_match_whole_path_elements() {
        assert!(match_prefix_patterns("*.corp.example", "git.corp.example/team/repo"));
        assert!(match_prefix_patterns("github.com/acme", "github.com/acme/tool/v2"));
        assert!(!match_prefix_patterns("github.com/acme", "github.com/acmeco/tool"));
        assert!(!match_prefix_patterns("github.com/acme/tool/extra", "github.com/acme/tool"));
        assert!(match_prefix_patterns("x.example,github.com/a?me/", "github.com/acme/tool"));
        assert!(!match_prefix_patterns("github.com/*", "github.com"));
        assert!(match_prefix_patterns("github.com/[a-c]*", "github.com/beta/x"));
        assert!(!match_prefix_patterns("github.com/[^a-c]*", "github.com/beta/x"));
        assert!(!match_prefix_patterns("github.com/[", "github.com/beta/x"));
    }

    #[test]
    fn module_paths_are_escaped_for_proxies() {
        assert_eq!(escape_module_path("github.com/Azure/azure-sdk"), "github.com/!azure/azure-sdk");
    }

    #[test]
    fn gosumdb_forms() {
        assert_eq!(
            parse_gosumdb(""),
            Some(SumDb { name: "sum.golang.org".into(), url: "https://sum.golang.org".into() })
        );
        assert_eq!(parse_gosumdb("off"), None);
        assert_eq!(
            parse_gosumdb("sum.corp.example+abc https://sum.corp.example/db/"),
            Some(SumDb { name: "sum.corp.example".into(), url: "https://sum.corp.example/db".into() })
        );
    }
}
