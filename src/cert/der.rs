//! The one DER element reader the certificate layer and the layers above it share, for the
//! few places that need the encoding itself rather than x509-parser's reading of it (a SAN
//! entry's tag byte, an RSA modulus's exact length, where a TRUSTED CERTIFICATE's certificate
//! ends). Lenient by design: callers read bytes that have already been parsed, or only need
//! to find a boundary; `ct::der` is the strict reader for untrusted SCT structures.

/// Reads one element from the front of `der`: (tag byte, contents, what follows). Definite
/// lengths of up to four bytes; `None` when the element does not fit.
pub(crate) fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&len0, rest) = rest.split_first()?;
    let (len, rest) = if len0 < 0x80 {
        (usize::from(len0), rest)
    } else {
        let n = usize::from(len0 & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n].iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths_and_what_does_not_fit() {
        assert_eq!(tlv(&[0x30, 0x01, 0x05, 0xff]), Some((0x30, &[0x05][..], &[0xff][..])));
        assert_eq!(tlv(&[0x04, 0x81, 0x01, 0x07]), Some((0x04, &[0x07][..], &[][..])));
        assert_eq!(tlv(&[0x30, 0x82, 0xff, 0xff]), None, "longer than the input");
        assert_eq!(tlv(&[0x30, 0x80]), None, "indefinite length");
        assert_eq!(tlv(&[0x30, 0x85, 1, 1, 1, 1, 1]), None, "five length bytes");
        assert_eq!(tlv(&[0x30]), None);
    }
}
