//! Name-check throughput on a CDN-shaped certificate (24 DNS SANs, a wildcard, an IP SAN):
//! one runtime's rules (`check`), all ten runtimes at once (`check_all`), and rustls-webpki's
//! own name check on the same certificate and name as the peer. The peer ratio is printed
//! at the end: it is the cost of explaining a verdict (reason, presented names, the runtime's
//! own words) on top of deciding it.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use std::time::Instant;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rcgen::{CertificateParams, KeyPair};
use trustaudit::hostname::{self, Name};
use trustaudit::runtime::Runtime;
use trustaudit::Certificate;

fn cdn_certificate() -> Certificate {
    let mut sans: Vec<String> = (0..22).map(|i| format!("shop{i}.example-cdn.com")).collect();
    sans.push("*.static.example-cdn.com".to_owned());
    sans.push("www.example.com".to_owned());
    sans.push("192.0.2.10".to_owned());
    let key = KeyPair::generate().expect("key");
    let cert = CertificateParams::new(sans).expect("params").self_signed(&key).expect("cert");
    Certificate::from_der(cert.der()).expect("parses")
}

fn per_second(mut f: impl FnMut(), iterations: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    f64::from(iterations) / start.elapsed().as_secs_f64()
}

fn bench(c: &mut Criterion) {
    let cert = cdn_certificate();
    let hit = Name::parse("img.static.example-cdn.com").expect("name");
    let miss = Name::parse("api.example.org").expect("name");
    let ee = webpki::EndEntityCert::try_from(cert.certificate_der()).expect("webpki parses");
    let server_name = rustls_pki_types::ServerName::try_from("img.static.example-cdn.com").expect("server name");

    c.bench_function("hostname/parse", |b| b.iter(|| Name::parse(black_box("Img.Static.Example-CDN.com."))));
    c.bench_function("hostname/check go (wildcard hit)", |b| {
        b.iter(|| hostname::check(black_box(&cert), black_box(&hit), Runtime::Go))
    });
    c.bench_function("hostname/check go (miss, with reason and words)", |b| {
        b.iter(|| hostname::check(black_box(&cert), black_box(&miss), Runtime::Go))
    });
    c.bench_function("hostname/check_all (10 runtimes, hit)", |b| {
        b.iter(|| hostname::check_all(black_box(&cert), black_box(&hit)))
    });
    c.bench_function("peer/webpki verify_is_valid_for_subject_name (hit)", |b| {
        b.iter(|| black_box(&ee).verify_is_valid_for_subject_name(black_box(&server_name)))
    });

    let n = 200_000;
    let ours = per_second(|| drop(black_box(hostname::check(&cert, &hit, Runtime::Rustls))), n);
    let peer = per_second(|| drop(black_box(ee.verify_is_valid_for_subject_name(&server_name))), n);
    println!(
        "hostname: trustaudit check (rustls rules) {ours:.0}/s, webpki name check {peer:.0}/s, ratio {:.2}",
        ours / peer
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
