//! Fetching an interception proxy's root when the proxy does not send it in the chain but
//! publishes it at a well-known address (mitmproxy serves `http://mitm.it/cert/pem` to its own
//! clients). The request is plain HTTP through the proxy, carries nothing but the URL, and the
//! answer is only kept if it really signed the presented certificate.

use std::io::Read as _;
use std::net::SocketAddr;
use std::time::Duration;

use super::error::{Phase, ProbeError};
use super::net::{self, parse_head, Bounded};
use super::proxy::ProxyUrl;
use crate::cert::Certificate;
use crate::limits;

/// Where a product publishes its root to clients of the proxy.
pub fn advertised_root_url(product_id: &str) -> Option<&'static str> {
    match product_id {
        "mitmproxy" => Some("http://mitm.it/cert/pem"),
        _ => None,
    }
}

/// Fetches the root published by `product_id` through `proxy` and returns it only when it is
/// the issuer of `presented` (a certificate the same proxy presented).
///
/// # Errors
/// [`ProbeError`] naming the phase when the proxy cannot be reached or answers badly;
/// `ProbeError::Http` when the answer is not a certificate that signed `presented`.
pub fn fetch_advertised_root(
    proxy: &ProxyUrl,
    product_id: &str,
    presented: &Certificate,
    budget: Duration,
) -> Result<Option<Certificate>, ProbeError> {
    let Some(url) = advertised_root_url(product_id) else { return Ok(None) };
    let res = net::resolve(&proxy.host, proxy.port, std::path::Path::new("/etc/hosts"), budget)?;
    let addrs: Vec<SocketAddr> = res.addresses.iter().map(|ip| SocketAddr::new(*ip, proxy.port)).collect();
    let mut tcp = net::connect(&addrs, budget, &mut Vec::new())?;
    let host = url.trim_start_matches("http://").split('/').next().unwrap_or_default();
    let mut request = format!("GET {url} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: trustaudit\r\nConnection: close\r\n");
    if let Some(auth) = proxy.basic_authorization() {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    let mut io =
        Bounded::new(&mut tcp, Phase::Http, budget, limits::MAX_HTTP_RESPONSE_HEAD_BYTES + limits::MAX_CERT_BYTES);
    std::io::Write::write_all(&mut io, request.as_bytes()).map_err(|e| io.error(&e, "proxy"))?;
    let head = net::read_head(&mut io, "proxy")?;
    let parsed =
        parse_head(&head).ok_or_else(|| ProbeError::Http { reason: "the proxy's answer is not HTTP".into() })?;
    if parsed.status != 200 {
        return Err(ProbeError::Http { reason: format!("{url} answered {}", parsed.status_line) });
    }
    let mut body = Vec::new();
    if let Err(e) = io.read_to_end(&mut body) {
        if body.is_empty() {
            return Err(io.error(&e, "proxy"));
        }
    }
    let root = Certificate::from_pem_or_der(&body)
        .map_err(|e| ProbeError::Http { reason: format!("{url} did not answer with a certificate: {e}") })?;
    if !presented.is_signed_by(&root) {
        return Err(ProbeError::Http {
            reason: format!("the certificate at {url} ({}) did not sign the presented chain", root.subject().rfc4514),
        });
    }
    Ok(Some(root))
}
