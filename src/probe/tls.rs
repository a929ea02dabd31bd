//! The TLS handshake of a probe: rustls (ring) with a verifier that accepts whatever the server
//! presents and records it. The connection it yields carries at most one credential-free HTTP
//! request (see `probe::http`); it must never carry anything else, because nothing was verified.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};

use super::error::{escape_prefix, Phase, ProbeError};
use super::net::{millis, Bounded, Transport};
use crate::limits;

/// What the server's handshake showed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recorded {
    pub(crate) chain: Vec<Vec<u8>>,
    pub(crate) chain_truncated_from: Option<usize>,
    pub(crate) ocsp_response: Vec<u8>,
}

/// Accepts any chain and records it. Handshake signatures are still checked against the
/// presented key, so a recorded chain belongs to whoever holds its key.
#[derive(Debug)]
struct RecordingVerifier {
    provider: Arc<CryptoProvider>,
    record: Arc<Mutex<Recorded>>,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut rec = self.record.lock().unwrap_or_else(PoisonError::into_inner);
        let total = 1 + intermediates.len();
        rec.chain = std::iter::once(end_entity)
            .chain(intermediates)
            .take(limits::MAX_PROBE_CHAIN_CERTS)
            .map(|c| c.as_ref().to_vec())
            .collect();
        rec.chain_truncated_from = (total > limits::MAX_PROBE_CHAIN_CERTS).then_some(total);
        rec.ocsp_response = ocsp_response.to_vec();
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The negotiated parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Negotiated {
    pub(crate) version: Option<String>,
    pub(crate) cipher_suite: Option<String>,
    pub(crate) alpn: Option<String>,
    pub(crate) elapsed_ms: u64,
}

/// Runs the handshake over `stream`. `record` receives what the server presented even when the
/// handshake fails after the certificate message.
pub(crate) fn handshake(
    stream: &mut dyn Transport,
    server_name: ServerName<'static>,
    alpn: &[String],
    budget: Duration,
    record: &Arc<Mutex<Recorded>>,
) -> Result<(ClientConnection, Negotiated), ProbeError> {
    let started = Instant::now();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(RecordingVerifier { provider: provider.clone(), record: record.clone() });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| ProbeError::Tls { reason: e.to_string() })?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.as_bytes().to_vec()).collect();
    // Resumption would hide the chain on a second probe of the same name.
    config.resumption = rustls::client::Resumption::disabled();
    let mut conn =
        ClientConnection::new(Arc::new(config), server_name).map_err(|e| ProbeError::Tls { reason: e.to_string() })?;
    let mut io = Bounded::new(stream, Phase::Tls, budget, limits::MAX_PROBE_HANDSHAKE_BYTES);
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut io) {
            return Err(classify(&e, &io));
        }
    }
    let negotiated = Negotiated {
        version: conn.protocol_version().map(version_name),
        cipher_suite: conn.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())),
        alpn: conn.alpn_protocol().map(|p| String::from_utf8_lossy(p).into_owned()),
        elapsed_ms: millis(started.elapsed()),
    };
    Ok((conn, negotiated))
}

fn classify(err: &std::io::Error, io: &Bounded<'_>) -> ProbeError {
    // TLS records start with content type 20..=24 and major version 3.
    let looks_like_tls =
        io.first_bytes.first().is_none_or(|b| (20..=24).contains(b)) && io.first_bytes.get(1).is_none_or(|b| *b == 3);
    if !looks_like_tls {
        return ProbeError::NotTls { prefix: escape_prefix(&io.first_bytes) };
    }
    if let Some(tls) = err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return match tls {
            rustls::Error::AlertReceived(alert) => ProbeError::TlsAlert { alert: alert_name(*alert) },
            rustls::Error::InvalidMessage(rustls::InvalidMessage::HandshakePayloadTooLarge) => {
                ProbeError::TooLarge { phase: Phase::Tls, limit: 0xffff }
            }
            other => ProbeError::Tls { reason: other.to_string() },
        };
    }
    io.error(err, "server")
}

/// `HandshakeFailure` → `handshake_failure`, as the alert is named in RFC 8446.
pub(crate) fn alert_name(alert: rustls::AlertDescription) -> String {
    let debug = format!("{alert:?}");
    if let Some(code) = debug.strip_prefix("Unknown(") {
        return format!("unknown_{}", code.trim_end_matches(')'));
    }
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, ch) in debug.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

fn version_name(v: rustls::ProtocolVersion) -> String {
    match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".into(),
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_names_follow_the_rfc_spelling() {
        assert_eq!(alert_name(rustls::AlertDescription::HandshakeFailure), "handshake_failure");
        assert_eq!(alert_name(rustls::AlertDescription::ProtocolVersion), "protocol_version");
        assert_eq!(alert_name(rustls::AlertDescription::UnrecognisedName), "unrecognised_name");
    }
}
