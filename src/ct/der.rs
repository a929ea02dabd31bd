//! Just enough DER to walk a certificate or an OCSP response and to re-encode a SEQUENCE after
//! dropping one element. Not a general ASN.1 parser: single-byte tags only (everything RFC 5280
//! and RFC 6960 use in these positions), definite lengths only, as DER requires.

use super::CtError;

/// SEQUENCE.
pub(crate) const SEQUENCE: u8 = 0x30;
/// OBJECT IDENTIFIER.
pub(crate) const OID: u8 = 0x06;
/// OCTET STRING.
pub(crate) const OCTET_STRING: u8 = 0x04;

/// DER body of the OID 1.3.6.1.4.1.11129.2.4.2 (embedded SCT list, RFC 6962 §3.3).
pub(crate) const OID_SCT_LIST: &[u8] = &[0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x02];
/// DER body of the OID 1.3.6.1.4.1.11129.2.4.5 (SCT list in an OCSP response, RFC 6962 §3.3).
pub(crate) const OID_OCSP_SCT_LIST: &[u8] = &[0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x05];
/// DER body of id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1).
pub(crate) const OID_OCSP_BASIC: &[u8] = &[0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];

/// One DER element: its tag, its contents and the whole encoding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    pub(crate) tag: u8,
    pub(crate) content: &'a [u8],
    pub(crate) whole: &'a [u8],
}

/// Reads one element from the front of `input`; returns it and what follows.
pub(crate) fn read<'a>(input: &'a [u8], what: &'static str) -> Result<(Tlv<'a>, &'a [u8]), CtError> {
    let bad = |reason: &'static str| CtError::Der { what, reason };
    let (&tag, rest) = input.split_first().ok_or(bad("truncated before the tag"))?;
    if tag & 0x1F == 0x1F {
        return Err(bad("multi-byte tags are not expected here"));
    }
    let (&first, rest) = rest.split_first().ok_or(bad("truncated before the length"))?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return Err(bad("unsupported length encoding"));
        }
        let bytes = rest.get(..n).ok_or(bad("truncated inside the length"))?;
        if bytes.first() == Some(&0) {
            return Err(bad("non-minimal length encoding"));
        }
        let len = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if len < 0x80 {
            return Err(bad("non-minimal length encoding"));
        }
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(bad("length runs past the end of the input"));
    }
    let header_len = input.len() - rest.len();
    let (content, after) = rest.split_at(len);
    Ok((Tlv { tag, content, whole: &input[..header_len + len] }, after))
}

/// Reads one element that must carry `tag`.
pub(crate) fn expect<'a>(input: &'a [u8], tag: u8, what: &'static str) -> Result<(Tlv<'a>, &'a [u8]), CtError> {
    let (tlv, rest) = read(input, what)?;
    if tlv.tag != tag {
        return Err(CtError::Der { what, reason: "unexpected tag" });
    }
    Ok((tlv, rest))
}

/// Appends a DER header (tag and definite length) for `len` content bytes.
pub(crate) fn push_header(out: &mut Vec<u8>, tag: u8, len: usize) {
    out.push(tag);
    if len < 0x80 {
        // NOTE: len < 0x80 fits in one byte.
        out.push(u8::try_from(len).unwrap_or(0));
        return;
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    let n = bytes.len() - skip;
    out.push(0x80 | u8::try_from(n).unwrap_or(0));
    out.extend_from_slice(&bytes[skip..]);
}

/// Iterates the elements of a constructed value's contents.
pub(crate) fn elements<'a>(
    mut content: &'a [u8],
    what: &'static str,
) -> impl Iterator<Item = Result<Tlv<'a>, CtError>> + 'a {
    std::iter::from_fn(move || {
        if content.is_empty() {
            return None;
        }
        match read(content, what) {
            Ok((tlv, rest)) => {
                content = rest;
                Some(Ok(tlv))
            }
            Err(e) => {
                content = &[];
                Some(Err(e))
            }
        }
    })
}

/// Returns the extnValue (the OCTET STRING contents) of the extension with `oid` in a DER
/// `Extensions` SEQUENCE OF.
pub(crate) fn find_extension<'a>(extensions_seq: &'a [u8], oid: &[u8]) -> Result<Option<&'a [u8]>, CtError> {
    let (seq, _) = expect(extensions_seq, SEQUENCE, "extensions")?;
    for ext in elements(seq.content, "extension") {
        let ext = ext?;
        let (id, rest) = expect(ext.content, OID, "extension id")?;
        if id.content != oid {
            continue;
        }
        // Skip the optional `critical` BOOLEAN.
        let (mut value, rest2) = read(rest, "extension value")?;
        if value.tag == 0x01 {
            value = read(rest2, "extension value")?.0;
        }
        if value.tag != OCTET_STRING {
            return Err(CtError::Der { what: "extension value", reason: "not an OCTET STRING" });
        }
        return Ok(Some(value.content));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lengths_round_trip_through_push_header() {
        for len in [0usize, 1, 127, 128, 255, 256, 65_535, 65_536, 1 << 20] {
            let mut enc = Vec::new();
            push_header(&mut enc, SEQUENCE, len);
            enc.resize(enc.len() + len, 0);
            let (tlv, rest) = read(&enc, "test").expect("own encoding parses");
            assert_eq!((tlv.tag, tlv.content.len(), rest.len()), (SEQUENCE, len, 0));
        }
    }

    #[test]
    fn truncated_and_non_minimal_lengths_are_errors() {
        assert!(read(&[0x30, 0x05, 0x00], "t").is_err());
        assert!(read(&[0x30, 0x81, 0x05, 0, 0, 0, 0, 0], "t").is_err());
        assert!(read(&[0x30, 0x82, 0x00, 0x80], "t").is_err());
        assert!(read(&[0x30], "t").is_err());
        assert!(read(&[0x1F, 0x00], "t").is_err());
    }
}
