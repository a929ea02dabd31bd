//! Reference identities: the name a client asked for, parsed once and normalized the way every
//! runtime compares it (ASCII lower case, IDNA A-labels, no trailing dot, canonical IP text).
//! Pure: no I/O, no DNS.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::limits::{MAX_DNS_NAME_BYTES, MAX_NAME_INPUT_BYTES};

/// Why a string is not a usable reference name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// The name is empty (or only a dot).
    #[error("the name is empty")]
    Empty,
    /// The bytes are not UTF-8.
    #[error("the name is not valid UTF-8 (invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The name contains a NUL character, which every runtime refuses (or worse, truncates at).
    #[error("the name contains a NUL character at offset {offset}")]
    Nul {
        /// Byte offset of the NUL.
        offset: usize,
    },
    /// The input or its A-label form is longer than a DNS name can be.
    #[error("the name is {len} bytes long; a DNS name holds at most {max}")]
    TooLong {
        /// Length seen, in bytes.
        len: usize,
        /// The limit that applied.
        max: usize,
    },
    /// One label is longer than 63 bytes.
    #[error("label {label:?} is {len} bytes long; a DNS label holds at most 63")]
    LabelTooLong {
        /// The label (A-label form).
        label: String,
        /// Its length in bytes.
        len: usize,
    },
    /// Two dots in a row, or a leading dot.
    #[error("the name has an empty label (two dots in a row or a leading dot)")]
    EmptyLabel,
    /// A character no hostname may hold (space, `/`, `:`, `@`, `*`, …).
    #[error("the name contains {character:?}, which no hostname may hold")]
    InvalidCharacter {
        /// The offending character.
        character: char,
    },
    /// A label starts or ends with a hyphen.
    #[error("label {label:?} starts or ends with a hyphen")]
    HyphenAtLabelEdge {
        /// The label.
        label: String,
    },
    /// The last label is all digits but the whole is not an IPv4 address (for example `1.2.3`).
    #[error("{name:?} looks like an IP address but is not one (the last label is all digits)")]
    NumericTopLevel {
        /// The name as given.
        name: String,
    },
    /// IDNA (UTS #46) processing refused a Unicode name.
    #[error("{name:?} is not a valid internationalized domain name (IDNA processing failed)")]
    Idna {
        /// The name as given.
        name: String,
    },
}

/// A parsed reference identity: what a client asked to connect to.
///
/// DNS names are kept in the form runtimes put on the wire and compare: ASCII lower case,
/// U-labels converted to A-labels (`bücher.example` → `xn--bcher-kva.example`), without the
/// trailing dot (remembered separately, since some runtimes strip it and some do not).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Name {
    /// A DNS name.
    #[non_exhaustive]
    Dns {
        /// A-label form, ASCII lower case, no trailing dot.
        name: String,
        /// The input ended with a dot (`example.com.`).
        absolute: bool,
        /// The input held Unicode (U-labels) and was converted with IDNA.
        converted_from_unicode: bool,
        /// The A-label form IDNA 2003 gives the typed name, when it differs from `name`.
        /// UTS #46 nontransitional processing (browsers, Go, Node.js, curl, requests and
        /// trustaudit) keeps `ß`, `ς`, ZWJ and ZWNJ; IDNA 2003 (Python's `idna` codec, used by
        /// plain `ssl`, `http.client` and `urllib`) maps them away: `faß.example` goes out as
        /// `fass.example` instead of `xn--fa-hia.example`.
        #[serde(skip_serializing_if = "Option::is_none")]
        idna2003_name: Option<String>,
        /// The name as typed, when it held Unicode (curl prints this form in its errors).
        #[serde(skip_serializing_if = "Option::is_none")]
        typed: Option<String>,
    },
    /// An IPv4 or IPv6 address (IPv6 may be given in brackets).
    #[non_exhaustive]
    Ip {
        /// The address.
        addr: IpAddr,
    },
}

impl Name {
    /// Parses a reference name: an IPv4 address, an IPv6 address (optionally in `[...]`) or a
    /// DNS name (ASCII or Unicode; Unicode goes through IDNA UTS #46 to A-labels).
    ///
    /// # Errors
    /// [`NameError`] for empty, NUL-holding, over-long, wildcard or otherwise invalid names.
    pub fn parse(input: &str) -> Result<Self, NameError> {
        if input.len() > MAX_NAME_INPUT_BYTES {
            return Err(NameError::TooLong { len: input.len(), max: MAX_NAME_INPUT_BYTES });
        }
        if let Some(offset) = input.bytes().position(|b| b == 0) {
            return Err(NameError::Nul { offset });
        }
        if input.is_empty() || input == "." {
            return Err(NameError::Empty);
        }
        let unbracketed = input.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap_or(input);
        if let Ok(v4) = unbracketed.parse::<Ipv4Addr>() {
            if unbracketed.len() == input.len() {
                return Ok(Name::Ip { addr: IpAddr::V4(v4) });
            }
        }
        if let Ok(v6) = unbracketed.parse::<Ipv6Addr>() {
            return Ok(Name::Ip { addr: IpAddr::V6(v6) });
        }
        let (body, absolute) = match input.strip_suffix('.') {
            Some(b) => (b, true),
            None => (input, false),
        };
        let converted_from_unicode = !body.is_ascii();
        let ascii = if converted_from_unicode {
            idna::domain_to_ascii(body).map_err(|_| NameError::Idna { name: input.to_owned() })?
        } else {
            body.to_ascii_lowercase()
        };
        validate_dns(&ascii, input)?;
        let idna2003_name = if converted_from_unicode { idna2003_form(body, &ascii) } else { None };
        let typed = converted_from_unicode.then(|| input.to_owned());
        Ok(Name::Dns { name: ascii, absolute, converted_from_unicode, idna2003_name, typed })
    }

    /// Parses raw bytes (from C, a file, the wire) as [`Name::parse`] does.
    ///
    /// # Errors
    /// [`NameError::InvalidUtf8`] for bytes that are not UTF-8, else as [`Name::parse`].
    pub fn from_bytes(input: &[u8]) -> Result<Self, NameError> {
        if input.len() > MAX_NAME_INPUT_BYTES {
            return Err(NameError::TooLong { len: input.len(), max: MAX_NAME_INPUT_BYTES });
        }
        let s = std::str::from_utf8(input).map_err(|e| NameError::InvalidUtf8 { offset: e.valid_up_to() })?;
        Self::parse(s)
    }

    /// The normalized name without a trailing dot (`xn--bcher-kva.example`, `192.0.2.1`, `::1`).
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Name::Dns { name, .. } => std::borrow::Cow::Borrowed(name),
            Name::Ip { addr } => std::borrow::Cow::Owned(addr.to_string()),
        }
    }

    /// The string a client passes to its TLS library: the normalized name, with the trailing
    /// dot kept when the input had one.
    pub fn to_reference_string(&self) -> String {
        match self {
            Name::Dns { name, absolute: true, .. } => format!("{name}."),
            other => other.as_str().into_owned(),
        }
    }

    /// The name as the user typed it when it held Unicode, else [`Name::to_reference_string`].
    pub fn to_typed_string(&self) -> String {
        match self {
            Name::Dns { typed: Some(t), .. } => t.clone(),
            other => other.to_reference_string(),
        }
    }

    /// The IP address, for an IP reference.
    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            Name::Ip { addr } => Some(*addr),
            Name::Dns { .. } => None,
        }
    }

    /// The DNS name (A-label, lower case, no trailing dot), for a DNS reference.
    pub fn dns(&self) -> Option<&str> {
        match self {
            Name::Dns { name, .. } => Some(name),
            Name::Ip { .. } => None,
        }
    }

    /// Whether a DNS reference was written with a trailing dot.
    pub fn is_absolute(&self) -> bool {
        matches!(self, Name::Dns { absolute: true, .. })
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_reference_string())
    }
}

impl std::str::FromStr for Name {
    type Err = NameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// IDNA 2003 differs from UTS #46 nontransitional processing by mapping the four deviation
/// characters (UTS #46 §6.1); everything else converts the same for names people type.
fn idna2003_form(body: &str, uts46: &str) -> Option<String> {
    let mut mapped = String::with_capacity(body.len());
    for c in body.chars() {
        match c {
            'ß' | 'ẞ' => mapped.push_str("ss"),
            'ς' => mapped.push('σ'),
            '\u{200C}' | '\u{200D}' => {}
            c => mapped.push(c),
        }
    }
    let ascii = idna::domain_to_ascii(&mapped).ok()?;
    (ascii != uts46 && validate_dns(&ascii, body).is_ok()).then_some(ascii)
}

impl Name {
    /// This name as a runtime that converts Unicode with IDNA 2003 sends it (Python's plain
    /// `ssl`): the same name unless the typed form held `ß`, `ς`, ZWJ or ZWNJ.
    pub fn as_idna2003(&self) -> Name {
        match self {
            Name::Dns { idna2003_name: Some(alt), absolute, typed, .. } => Name::Dns {
                name: alt.clone(),
                absolute: *absolute,
                converted_from_unicode: true,
                idna2003_name: None,
                typed: typed.clone(),
            },
            other => other.clone(),
        }
    }
}

fn validate_dns(ascii: &str, input: &str) -> Result<(), NameError> {
    if ascii.is_empty() {
        return Err(NameError::Empty);
    }
    if ascii.len() > MAX_DNS_NAME_BYTES {
        return Err(NameError::TooLong { len: ascii.len(), max: MAX_DNS_NAME_BYTES });
    }
    let mut last = "";
    for label in ascii.split('.') {
        if label.is_empty() {
            return Err(NameError::EmptyLabel);
        }
        if label.len() > 63 {
            return Err(NameError::LabelTooLong { label: label.to_owned(), len: label.len() });
        }
        if let Some(c) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
            return Err(NameError::InvalidCharacter { character: c });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(NameError::HyphenAtLabelEdge { label: label.to_owned() });
        }
        last = label;
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NameError::NumericTopLevel { name: input.to_owned() });
    }
    Ok(())
}
