//! Just enough of the INI dialects runtimes use for trust settings: pip's configparser files
//! and git's config files. Pure: text in, `(section, key, value)` out, in file order.

/// Entries of a configparser file (pip.conf): sections and keys lowercased, `=` or `:`
/// separators, `#`/`;` full-line comments, no inline comments (configparser's default).
pub(crate) fn entries(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut section = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if let Some(rest) = t.strip_prefix('[') {
            section = rest.trim_end_matches(']').trim().to_ascii_lowercase();
            continue;
        }
        let split = t.find(['=', ':']);
        if let Some(i) = split {
            let key = t[..i].trim().to_ascii_lowercase();
            let value = t[i + 1..].trim().to_owned();
            out.push((section.clone(), key, value));
        }
    }
    out
}

/// Entries of a git config file: the section is `http` or `http.<subsection>` (the
/// subsection keeps its case), keys are lowercased, values lose quotes and trailing
/// `#`/`;` comments, and a key with no `=` is boolean `true`.
pub(crate) fn git_entries(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut section = String::new();
    for line in text.lines() {
        let mut t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if t.starts_with('[') {
            let Some(end) = t.find(']') else { continue };
            let header = &t[1..end];
            section = match header.find('"') {
                Some(q) => {
                    let name = header[..q].trim().to_ascii_lowercase();
                    let sub = header[q + 1..].trim_end_matches('"').replace("\\\"", "\"");
                    format!("{name}.{sub}")
                }
                None => {
                    // Deprecated `[section.subsection]` syntax: subsection lowercased.
                    header.trim().to_ascii_lowercase()
                }
            };
            t = t[end + 1..].trim();
            if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
                continue;
            }
        }
        let (key, value) = match t.find('=') {
            Some(i) => (t[..i].trim().to_ascii_lowercase(), git_value(t[i + 1..].trim())),
            None => (t.to_ascii_lowercase(), "true".to_owned()),
        };
        out.push((section.clone(), key, value));
    }
    out
}

fn git_value(raw: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => {}
            },
            '#' | ';' if !quoted => break,
            _ => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_conf_keys_are_lowercased_and_values_kept_whole() {
        let e = entries("[global]\nCert = /a/b.pem # not a comment\n[install]\ncert: /c.pem\n");
        assert_eq!(
            e,
            vec![
                ("global".into(), "cert".into(), "/a/b.pem # not a comment".into()),
                ("install".into(), "cert".into(), "/c.pem".into()),
            ]
        );
    }

    #[test]
    fn git_config_subsections_quotes_and_comments() {
        let e = git_entries(
            "[http]\n\tsslCAInfo = \"/etc/corp ca.pem\" ; corp\n[http \"https://Example.com\"]\n\tsslVerify\n",
        );
        assert_eq!(
            e,
            vec![
                ("http".into(), "sslcainfo".into(), "/etc/corp ca.pem".into()),
                ("http.https://Example.com".into(), "sslverify".into(), "true".into()),
            ]
        );
    }
}
