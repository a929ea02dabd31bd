//! A compact, built-in public-suffix check for the strict (browser) wildcard rule.
//!
//! Not the full Public Suffix List (about 10,000 rules): every single label is treated as a
//! public suffix (so `*.com`, `*.dev`, `*.local` are all refused), plus the multi-label
//! registry suffixes of the most used country codes and the best-known private suffixes below.
//! A wildcard over a suffix missing from this list (say `*.ac.mu`) is therefore not flagged.
//! Pure: no I/O.

/// Multi-label public suffixes, lower case, no leading dot. Sorted for binary search.
const MULTI_LABEL_SUFFIXES: &[&str] = &[
    "ac.in",
    "ac.jp",
    "ac.kr",
    "ac.nz",
    "ac.uk",
    "ac.za",
    "amazonaws.com",
    "appspot.com",
    "azurewebsites.net",
    "blogspot.com",
    "cloudfront.net",
    "co.id",
    "co.il",
    "co.in",
    "co.jp",
    "co.kr",
    "co.nz",
    "co.th",
    "co.uk",
    "co.za",
    "com.ar",
    "com.au",
    "com.br",
    "com.cn",
    "com.co",
    "com.eg",
    "com.hk",
    "com.mx",
    "com.my",
    "com.ng",
    "com.pe",
    "com.ph",
    "com.pk",
    "com.sa",
    "com.sg",
    "com.tr",
    "com.tw",
    "com.ua",
    "com.vn",
    "edu.au",
    "edu.cn",
    "firebaseapp.com",
    "github.io",
    "gitlab.io",
    "go.jp",
    "gov.au",
    "gov.cn",
    "gov.in",
    "gov.uk",
    "herokuapp.com",
    "ltd.uk",
    "me.uk",
    "ne.jp",
    "net.au",
    "net.br",
    "net.cn",
    "net.in",
    "net.nz",
    "net.uk",
    "netlify.app",
    "or.jp",
    "org.au",
    "org.br",
    "org.cn",
    "org.in",
    "org.nz",
    "org.uk",
    "org.za",
    "pages.dev",
    "plc.uk",
    "s3.amazonaws.com",
    "vercel.app",
    "web.app",
    "workers.dev",
];

/// Whether `name` (A-label form, lower case, no trailing dot) is a public suffix as far as
/// this compact list knows: any single label, or one of the listed multi-label suffixes.
pub fn is_public_suffix(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || !name.contains('.') {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    MULTI_LABEL_SUFFIXES.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_list_is_sorted_so_binary_search_finds_every_entry() {
        let mut sorted = MULTI_LABEL_SUFFIXES.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, MULTI_LABEL_SUFFIXES);
    }

    #[test]
    fn single_labels_and_listed_registries_are_public_suffixes() {
        assert!(is_public_suffix("com"));
        assert!(is_public_suffix("co.uk"));
        assert!(is_public_suffix("CO.UK."));
        assert!(is_public_suffix("github.io"));
        assert!(!is_public_suffix("example.com"));
        assert!(!is_public_suffix("example.co.uk"));
    }
}
