//! Malformed SCT lists and OCSP responses are typed errors with messages a person can act on,
//! never panics.

use trustaudit::ct::{self, CtError, SctSource};

/// One well-formed v1 SCT with `sig_len` signature bytes.
fn sct(version: u8, sig_len: u16) -> Vec<u8> {
    let mut s = vec![version];
    s.extend_from_slice(&[7u8; 32]);
    s.extend_from_slice(&1_700_000_000_000u64.to_be_bytes());
    s.extend_from_slice(&0u16.to_be_bytes());
    s.extend_from_slice(&[4, 3]);
    s.extend_from_slice(&sig_len.to_be_bytes());
    s.extend(std::iter::repeat_n(0xAB, usize::from(sig_len)));
    s
}

fn list(scts: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for s in scts {
        body.extend_from_slice(&u16::try_from(s.len()).expect("small").to_be_bytes());
        body.extend_from_slice(s);
    }
    let mut out = u16::try_from(body.len()).expect("small").to_be_bytes().to_vec();
    out.extend_from_slice(&body);
    out
}

#[test]
fn a_well_formed_list_parses_every_field() {
    let parsed = ct::parse_sct_list(&list(&[sct(0, 70), sct(0, 71)]), SctSource::TlsExtension).expect("parses");
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[0].log_id, [7u8; 32]);
    assert_eq!(parsed[0].timestamp_ms, 1_700_000_000_000);
    assert_eq!(parsed[0].time().to_rfc3339(), "2023-11-14T22:13:20Z");
    assert_eq!(parsed[1].signature.len(), 71);
    assert_eq!(parsed[0].hash_algorithm, ct::HashAlgorithm::Sha256);
    assert_eq!(parsed[0].signature_algorithm, ct::SignatureAlgorithm::Ecdsa);
    assert_eq!(parsed[0].source, SctSource::TlsExtension);
}

#[test]
fn an_empty_list_is_an_error() {
    let err = ct::parse_embedded(&[0, 0]).unwrap_err();
    assert_eq!(err, CtError::EmptyList);
    assert_eq!(err.to_string(), "SCT list is empty");
    assert!(matches!(ct::parse_embedded(&[]), Err(CtError::Truncated { .. })));
}

#[test]
fn a_list_length_past_the_end_is_an_error() {
    let mut l = list(&[sct(0, 70)]);
    l[0] = 0xFF;
    let err = ct::parse_embedded(&l).unwrap_err();
    assert_eq!(err.to_string(), "SCT list length says 65399 bytes but 119 are present");
}

#[test]
fn an_sct_length_past_the_end_is_an_error() {
    let mut l = list(&[sct(0, 70)]);
    l[2] = 0x01; // SCT length 0x0175 instead of 0x0075
    let err = ct::parse_embedded(&l).unwrap_err();
    assert_eq!(err.to_string(), "SCT data truncated in the SCT: needs 373 bytes, 117 left");
}

#[test]
fn a_truncated_signature_is_an_error() {
    let mut s = sct(0, 70);
    s.truncate(s.len() - 5);
    let err = ct::parse_sct(&s, SctSource::Embedded).unwrap_err();
    assert_eq!(err.to_string(), "SCT data truncated in the signature: needs 70 bytes, 65 left");
}

#[test]
fn bytes_after_the_signature_are_an_error() {
    let mut s = sct(0, 70);
    s.push(0);
    let err = ct::parse_sct(&s, SctSource::Embedded).unwrap_err();
    assert_eq!(err.to_string(), "SCT length says 117 bytes but 118 are present");
}

#[test]
fn an_unknown_version_is_an_error() {
    let err = ct::parse_embedded(&list(&[sct(1, 70)])).unwrap_err();
    assert_eq!(err, CtError::UnknownVersion { version: 1 });
    assert_eq!(err.to_string(), "SCT version 1 is not v1 (0), the only version RFC 6962 defines");
}

#[test]
fn thousands_of_entries_hit_the_limit() {
    // 5,000 minimal SCTs do not fit a u16 list length, so build the list by hand: 65,535 bytes
    // of 1-byte-signature SCTs (50 bytes each) is 1,310 of them, and over the byte limit too.
    let one = sct(0, 1);
    let many: Vec<Vec<u8>> = std::iter::repeat_n(one, 1_000).collect();
    let body: Vec<u8> = many
        .iter()
        .flat_map(|s| {
            let mut v = u16::try_from(s.len()).expect("small").to_be_bytes().to_vec();
            v.extend_from_slice(s);
            v
        })
        .collect();
    let mut l = u16::try_from(body.len()).expect("fits").to_be_bytes().to_vec();
    l.extend_from_slice(&body);
    let err = ct::parse_embedded(&l).unwrap_err();
    assert_eq!(err.to_string(), "SCT list is 50002 bytes, over the 16384-byte limit");
    // Under the byte limit but over the count limit.
    let small: Vec<Vec<u8>> = std::iter::repeat_n(sct(0, 1), 200).collect();
    let err = ct::parse_embedded(&list(&small)).unwrap_err();
    assert_eq!(err, CtError::TooManyScts { limit: trustaudit::limits::MAX_SCTS_PER_LIST });
    assert_eq!(err.to_string(), "SCT list has more than 64 SCTs");
}

#[test]
fn every_truncation_of_a_valid_list_is_an_error_not_a_panic() {
    let l = list(&[sct(0, 70), sct(0, 72)]);
    for n in 0..l.len() {
        assert!(ct::parse_embedded(&l[..n]).is_err(), "prefix of {n} bytes");
    }
    // And every single-byte corruption parses or fails cleanly.
    for i in 0..l.len() {
        let mut m = l.clone();
        m[i] ^= 0xFF;
        let _ = ct::parse_embedded(&m);
    }
}

#[test]
fn ocsp_responses_that_are_not_der_are_errors() {
    assert!(matches!(ct::parse_ocsp_response(&[]), Err(CtError::Der { .. })));
    assert!(matches!(ct::parse_ocsp_response(&[0x30, 0x03, 0x0A, 0x01]), Err(CtError::Der { .. })));
    // OCSPResponse with status tryLater (3).
    let err = ct::parse_ocsp_response(&[0x30, 0x03, 0x0A, 0x01, 0x03]).unwrap_err();
    assert_eq!(err.to_string(), "OCSP response status is 3, not successful (0)");
}

/// A minimal BasicOCSPResponse wrapped in an OCSPResponse whose one SingleResponse carries the
/// SCT list extension: the fields outside the walk are placeholders of the right types.
fn ocsp_with(sct_list: &[u8]) -> Vec<u8> {
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if content.len() < 0x80 {
            out.push(u8::try_from(content.len()).expect("short"));
        } else if content.len() < 0x100 {
            out.push(0x81);
            out.push(u8::try_from(content.len()).expect("short"));
        } else {
            out.push(0x82);
            out.extend_from_slice(&u16::try_from(content.len()).expect("fits").to_be_bytes());
        }
        out.extend_from_slice(content);
        out
    }
    let oid_sct = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x05];
    let ext = tlv(0x30, &[tlv(0x06, &oid_sct), tlv(0x04, &tlv(0x04, sct_list))].concat());
    let single = tlv(
        0x30,
        &[
            tlv(0x30, &[]),                // certID
            tlv(0x80, &[]),                // certStatus good
            tlv(0x18, b"20260101000000Z"), // thisUpdate
            tlv(0xA1, &tlv(0x30, &ext)),   // singleExtensions
        ]
        .concat(),
    );
    let response_data =
        tlv(0x30, &[tlv(0xA2, &tlv(0x04, &[1; 20])), tlv(0x18, b"20260101000000Z"), tlv(0x30, &single)].concat());
    let basic = tlv(0x30, &[response_data, tlv(0x30, &[]), tlv(0x03, &[0])].concat());
    let oid_basic = [0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];
    let bytes = tlv(0x30, &[tlv(0x06, &oid_basic), tlv(0x04, &basic)].concat());
    tlv(0x30, &[tlv(0x0A, &[0]), tlv(0xA0, &bytes)].concat())
}

#[test]
fn scts_in_an_ocsp_single_response_are_found() {
    let scts = ct::parse_ocsp_response(&ocsp_with(&list(&[sct(0, 70)]))).expect("parses");
    assert_eq!(scts.len(), 1);
    assert_eq!(scts[0].source, SctSource::Ocsp);
    assert_eq!(scts[0].timestamp_ms, 1_700_000_000_000);
}

#[test]
fn a_malformed_sct_list_inside_ocsp_is_the_list_error() {
    let err = ct::parse_ocsp_response(&ocsp_with(&[0, 0])).unwrap_err();
    assert_eq!(err, CtError::EmptyList);
}
