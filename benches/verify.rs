//! Chain verification throughput: a 3-certificate ECDSA P-256 chain and a 3-certificate RSA-2048
//! chain, each verified with a name check against the Mozilla set (plus the chain's own root),
//! through a prepared `verify::Verifier`. The floor is the two raw signature verifications of
//! the same chain with ring alone. benches/peers/verify.sh runs Go's `Verify` and pyca's
//! `cryptography.x509.verification` on the same files and prints the ratios.
//!
//! When `TRUSTAUDIT_BENCH_DIR` is set, the chains and roots are written there (once, at setup)
//! for the peers: `<dir>/{ecdsa,rsa}/{chain.pem,roots.pem}`, `<dir>/name`, `<dir>/time`.

// criterion_group! expands to an undocumented `pub fn`.
#![allow(missing_docs)]

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, PKCS_RSA_SHA256,
};
use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use trustaudit::cert::UnixTime;
use trustaudit::verify::{Verifier, VerifyOptions};
use trustaudit::{Certificate, TrustStore};
use x509_parser::prelude::{FromDer, X509Certificate};

const NAME: &str = "www.bench.example";
/// 2026-06-01T00:00:00Z, inside every generated certificate's validity.
const AT: i64 = 1_780_272_000;

struct Chain {
    certs: Vec<Certificate>,
    root: Certificate,
    pems: Vec<String>,
    root_pem: String,
}

fn key(rsa: bool) -> KeyPair {
    if rsa {
        let out = std::process::Command::new("openssl")
            .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            .output()
            .expect("openssl genpkey (RSA keys for the RSA chain)");
        KeyPair::from_pem_and_sign_algo(&String::from_utf8_lossy(&out.stdout), &PKCS_RSA_SHA256).expect("RSA key")
    } else {
        KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).expect("key")
    }
}

fn params(cn: &str, ca: bool) -> CertificateParams {
    let mut p = CertificateParams::new(if ca { vec![] } else { vec![NAME.to_owned()] }).expect("params");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.not_before = time::OffsetDateTime::from_unix_timestamp(AT - 86_400 * 365).expect("time");
    p.not_after = time::OffsetDateTime::from_unix_timestamp(AT + 86_400 * 365).expect("time");
    if ca {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    } else {
        p.is_ca = IsCa::ExplicitNoCa;
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    }
    p.use_authority_key_identifier_extension = true;
    p
}

fn chain(rsa: bool) -> Chain {
    let (rp, rk) = (params("Bench Root CA", true), key(rsa));
    let root = rp.self_signed(&rk).expect("root");
    let (ip, ik) = (params("Bench Intermediate CA", true), key(rsa));
    let inter = ip.signed_by(&ik, &Issuer::from_params(&rp, &rk)).expect("inter");
    let (lp, lk) = (params(NAME, false), key(rsa));
    let leaf = lp.signed_by(&lk, &Issuer::from_params(&ip, &ik)).expect("leaf");
    let parse = |c: &rcgen::Certificate| Certificate::from_der(c.der()).expect("parses");
    Chain {
        certs: vec![parse(&leaf), parse(&inter)],
        root: parse(&root),
        pems: vec![leaf.pem(), inter.pem()],
        root_pem: root.pem(),
    }
}

fn pem(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
    format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"))
}

fn write_for_peers(dir: &Path, label: &str, c: &Chain, mozilla: &TrustStore) {
    let d = dir.join(label);
    std::fs::create_dir_all(&d).expect("bench dir");
    std::fs::write(d.join("chain.pem"), c.pems.concat()).expect("write chain");
    let mut roots: String = mozilla.roots().iter().map(|r| pem(r.cert.der())).collect();
    roots.push_str(&c.root_pem);
    std::fs::write(d.join("roots.pem"), roots).expect("write roots");
    std::fs::write(dir.join("name"), NAME).expect("write name");
    std::fs::write(dir.join("time"), AT.to_string()).expect("write time");
}

/// One raw signature check: algorithm, issuer public key, signed bytes, signature.
type RawCheck = (&'static dyn VerificationAlgorithm, Vec<u8>, Vec<u8>, Vec<u8>);

/// The raw signature checks of the chain.
fn raw_checks(c: &Chain, rsa: bool) -> Vec<RawCheck> {
    let alg: &'static dyn VerificationAlgorithm =
        if rsa { &signature::RSA_PKCS1_2048_8192_SHA256 } else { &signature::ECDSA_P256_SHA256_ASN1 };
    let all = [&c.certs[0], &c.certs[1], &c.root];
    all.windows(2)
        .map(|w| {
            let (_, child) = X509Certificate::from_der(w[0].der()).expect("child");
            let (_, issuer) = X509Certificate::from_der(w[1].der()).expect("issuer");
            (
                alg,
                issuer.public_key().subject_public_key.data.to_vec(),
                child.tbs_certificate.as_ref().to_vec(),
                child.signature_value.data.to_vec(),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mozilla = TrustStore::mozilla();
    let dir = std::env::var_os("TRUSTAUDIT_BENCH_DIR");
    let opts = VerifyOptions::at(UnixTime(AT)).with_name(NAME);
    for (label, rsa) in [("ecdsa_p256", false), ("rsa_2048", true)] {
        let ch = chain(rsa);
        if let Some(d) = &dir {
            write_for_peers(Path::new(d), if rsa { "rsa" } else { "ecdsa" }, &ch, &mozilla);
        }
        let roots: Vec<Certificate> = mozilla.roots().iter().map(|r| r.cert.clone()).chain([ch.root.clone()]).collect();
        let store = TrustStore::from_certificates("mozilla+bench", roots);
        let verifier = Verifier::new(&store);
        let v = verifier.verify(&ch.certs, &opts).expect("verifies");
        assert!(v.trusted, "bench chain must verify: {:?}", v.failures);
        c.bench_function(&format!("verify/{label}"), |b| {
            b.iter(|| verifier.verify(black_box(&ch.certs), black_box(&opts)))
        });
        let mut webpki_only = opts.clone();
        webpki_only.profile = trustaudit::verify::Profile::Webpki;
        c.bench_function(&format!("verify_webpki_profile/{label}"), |b| {
            b.iter(|| verifier.verify(black_box(&ch.certs), black_box(&webpki_only)))
        });
        let checks = raw_checks(&ch, rsa);
        for (alg, key, msg, sig) in &checks {
            UnparsedPublicKey::new(*alg, key).verify(msg, sig).expect("raw signature verifies");
        }
        c.bench_function(&format!("verify_floor/{label}"), |b| {
            b.iter(|| {
                for (alg, key, msg, sig) in &checks {
                    let _ = black_box(UnparsedPublicKey::new(*alg, key).verify(msg, sig));
                }
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
