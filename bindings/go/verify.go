package trustaudit

// #include <stdlib.h>
// #include "trustaudit.h"
import "C"

import (
	"crypto/x509"
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"
)

// Chain is a presented chain: the server's certificate first, then intermediates in any
// order. It is immutable and safe for concurrent use; release it with Close.
type Chain struct {
	p *C.trustaudit_chain
}

func newChain(p *C.trustaudit_chain) *Chain {
	c := &Chain{p: p}
	runtime.SetFinalizer(c, (*Chain).Close) // safety net only; Close is the contract
	return c
}

func (c *Chain) ptr() *C.trustaudit_chain {
	if c == nil || c.p == nil {
		panic("trustaudit: Chain used after Close")
	}
	return c.p
}

// Close releases the chain. Calling it again is a no-op; other methods panic after it.
func (c *Chain) Close() error {
	if c != nil && c.p != nil {
		runtime.SetFinalizer(c, nil)
		C.trustaudit_chain_free(c.p)
		c.p = nil
	}
	return nil
}

// ParseChain parses every certificate of a PEM chain (as a server's chain file or `openssl
// s_client -showcerts` prints it; text around the blocks is ignored) or one DER certificate,
// in order. The bytes are copied.
//
// The error matches ErrParse when data holds no certificate or a damaged block.
func ParseChain(data []byte) (*Chain, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var out *C.trustaudit_chain
	p, n := bytesArg(data)
	if err := call(func() C.trustaudit_result { return C.trustaudit_chain_from_pem(p, n, &out) }); err != nil {
		return nil, err
	}
	runtime.KeepAlive(data)
	return newChain(out), nil
}

// NewChain builds a chain from certificates, the server's first. The chain holds its own
// references: the certificates may be closed afterwards.
//
// The error matches ErrInvalidArgument when certs is empty and ErrNullArgument when one is
// nil.
func NewChain(certs ...*Certificate) (*Chain, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "chain is empty"}
	}
	// C memory for the pointer array: cgo forbids passing Go memory that holds C pointers.
	arr := (*[1 << 20]*C.trustaudit_cert)(C.malloc(C.size_t(len(certs)) * C.size_t(unsafe.Sizeof(uintptr(0)))))[:len(certs):len(certs)]
	defer C.free(unsafe.Pointer(&arr[0]))
	for i, c := range certs {
		if c == nil {
			return nil, &Error{Code: CodeNullArgument, Message: fmt.Sprintf("certificate %d is nil", i)}
		}
		arr[i] = c.ptr()
	}
	var out *C.trustaudit_chain
	err := call(func() C.trustaudit_result {
		return C.trustaudit_chain_from_certs(&arr[0], C.size_t(len(certs)), &out)
	})
	runtime.KeepAlive(certs)
	if err != nil {
		return nil, err
	}
	return newChain(out), nil
}

// ChainFromX509 builds a chain from crypto/x509 certificates, the server's first (as in
// tls.ConnectionState.PeerCertificates).
//
// The error matches ErrInvalidArgument when certs is empty and ErrNullArgument when one is
// nil.
func ChainFromX509(certs []*x509.Certificate) (*Chain, error) {
	if len(certs) == 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "chain is empty"}
	}
	parsed := make([]*Certificate, 0, len(certs))
	defer func() { closeAll(parsed) }()
	for _, xc := range certs {
		c, err := FromX509(xc)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, c)
	}
	return NewChain(parsed...)
}

// Len is the number of certificates in the chain.
func (c *Chain) Len() int {
	n := int(C.trustaudit_chain_len(c.ptr()))
	runtime.KeepAlive(c)
	return n
}

// Certificate returns the certificate at index i (0 is the server's); release it with Close.
//
// The error matches ErrInvalidArgument when i is out of range.
func (c *Chain) Certificate(i int) (*Certificate, error) {
	if i < 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: fmt.Sprintf("index %d is negative", i)}
	}
	var out *C.trustaudit_cert
	err := call(func() C.trustaudit_result { return C.trustaudit_chain_cert(c.ptr(), C.size_t(i), &out) })
	runtime.KeepAlive(c)
	if err != nil {
		return nil, err
	}
	return newCertificate(out), nil
}

// VerifyOptions says how to verify. The zero value means: no name check, now, server use,
// strict profile.
type VerifyOptions struct {
	// Name is the DNS name or IP address the client connects to; empty skips the name check.
	Name string
	// Time is the verification time; zero means now.
	Time time.Time
	// Usage is what the leaf is verified for (UsageServerAuth by default).
	Usage Usage
	// Profile is which rules apply (ProfileStrict by default).
	Profile Profile
}

// cOptions converts opts; the result lives in Go memory without Go pointers, so cgo may pass
// its address for the duration of one call.
func (o *VerifyOptions) cOptions() C.trustaudit_verify_options {
	var c C.trustaudit_verify_options
	if o == nil {
		return c
	}
	if !o.Time.IsZero() {
		c.time = C.int64_t(o.Time.Unix())
		c.use_time = 1
	}
	c.usage = C.uint32_t(o.Usage)
	c.profile = C.uint32_t(o.Profile)
	return c
}

func (o *VerifyOptions) name() string {
	if o == nil {
		return ""
	}
	return o.Name
}

// Verification is the outcome of one verification (the fast path: no report is built).
type Verification struct {
	// Trusted says whether the chain verified: path, validity, usage and (when given) name.
	Trusted bool
	// PathVerified says whether a path to a root verified, whatever the name check said.
	PathVerified bool
	// Failure is the main reason for rejection; FailureNone when trusted.
	Failure VerifyFailure
	// PathLen counts the certificates on the verified path including the root.
	PathLen int
}

// Verifier is a store prepared for verification: its roots are parsed once and reused for
// every chain. It is immutable and safe for concurrent use; release it with Close.
type Verifier struct {
	p *C.trustaudit_verifier
}

func (v *Verifier) ptr() *C.trustaudit_verifier {
	if v == nil || v.p == nil {
		panic("trustaudit: Verifier used after Close")
	}
	return v.p
}

// NewVerifier prepares store for verification. The verifier keeps what it needs: the store
// may be closed afterwards.
func NewVerifier(store *TrustStore) (*Verifier, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var out *C.trustaudit_verifier
	err := call(func() C.trustaudit_result { return C.trustaudit_verifier_new(store.ptr(), &out) })
	runtime.KeepAlive(store)
	if err != nil {
		return nil, err
	}
	v := &Verifier{p: out}
	runtime.SetFinalizer(v, (*Verifier).Close) // safety net only; Close is the contract
	return v, nil
}

// Close releases the verifier. Calling it again is a no-op; other methods panic after it.
func (v *Verifier) Close() error {
	if v != nil && v.p != nil {
		runtime.SetFinalizer(v, nil)
		C.trustaudit_verifier_free(v.p)
		v.p = nil
	}
	return nil
}

// Verify verifies chain against the verifier's store. A chain that does not verify is a
// result (Trusted false, Failure set), not an error.
//
// The error matches ErrInvalidArgument for a Name that is neither a DNS name nor an IP
// address, or an unknown Usage or Profile.
func (v *Verifier) Verify(chain *Chain, opts *VerifyOptions) (Verification, error) {
	co := opts.cOptions()
	np, nn := stringArg(opts.name())
	var out C.trustaudit_verification
	err := call(func() C.trustaudit_result {
		return C.trustaudit_verify(v.ptr(), chain.ptr(), np, nn, &co, &out)
	})
	runtime.KeepAlive(v)
	runtime.KeepAlive(chain)
	runtime.KeepAlive(opts)
	if err != nil {
		return Verification{}, err
	}
	return Verification{
		Trusted:      bool(out.trusted),
		PathVerified: bool(out.path_verified),
		Failure:      VerifyFailure(out.failure),
		PathLen:      int(out.path_len),
	}, nil
}

// Report verifies like Verify and returns the whole result: the path, every failure, and
// what each runtime would say.
func (v *Verifier) Report(chain *Chain, opts *VerifyOptions) (*VerificationReport, error) {
	co := opts.cOptions()
	np, nn := stringArg(opts.name())
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_verify_json(v.ptr(), chain.ptr(), np, nn, &co, out, n)
	})
	runtime.KeepAlive(v)
	runtime.KeepAlive(chain)
	runtime.KeepAlive(opts)
	if err != nil {
		return nil, err
	}
	var r VerificationReport
	mustDecode(js, &r)
	return &r, nil
}

// PathCertificate is one certificate on a path or named by a failure.
type PathCertificate struct {
	// Depth is 0 for the server's certificate, counting up to the root.
	Depth int `json:"depth"`
	// Subject is the subject, RFC 4514.
	Subject string `json:"subject"`
	// Issuer is the issuer, RFC 4514.
	Issuer string `json:"issuer"`
	// SHA256 is the fingerprint, lowercase hex.
	SHA256 string `json:"sha256"`
}

// Path is a verified path and where its root came from.
type Path struct {
	// Certificates runs from the server's certificate to the root.
	Certificates []PathCertificate `json:"path"`
	// AnchorSource is where the root came from (file and line).
	AnchorSource string `json:"anchor_source"`
}

// Failure is one reason a chain did not verify, as the library reports it.
type Failure struct {
	// Kind names the cause ("unknown_issuer", "expired", "name_mismatch", …).
	Kind string `json:"kind"`
	// Certificate is the certificate the failure is about, when there is one.
	Certificate *PathCertificate `json:"certificate,omitempty"`
}

// RuntimeMessage is what one runtime would say about a chain.
type RuntimeMessage struct {
	// Runtime names the runtime ("go", "openssl", …).
	Runtime string `json:"runtime"`
	// Accepts says whether the runtime would accept the chain.
	Accepts bool `json:"accepts"`
	// Code is the runtime's error code (OpenSSL's verify code, curl's exit code, …), if any.
	Code *string `json:"code"`
	// Text is the runtime's own error text, word for word; empty when it accepts.
	Text string `json:"text"`
}

// VerificationReport is the whole result of verifying a chain against one store.
type VerificationReport struct {
	// Store is the store's name.
	Store string `json:"store"`
	// Trusted says whether the chain verified.
	Trusted bool `json:"trusted"`
	// Path is the verified path, or nil.
	Path *Path `json:"path"`
	// Failures are the reasons it did not verify, most specific first.
	Failures []Failure `json:"failures"`
	// RuntimeMessages say what each runtime would do, in Runtimes order.
	RuntimeMessages []RuntimeMessage `json:"runtime_messages"`
}

// ForRuntime returns what rt would say, or false when the report has no entry for it.
func (r *VerificationReport) ForRuntime(rt Runtime) (RuntimeMessage, bool) {
	for _, m := range r.RuntimeMessages {
		if m.Runtime == rt.String() {
			return m, true
		}
	}
	return RuntimeMessage{}, false
}

// storeVerifier caches one Verifier per TrustStore for TrustStore.Verify.
type storeVerifier struct {
	once sync.Once
	v    *Verifier
	err  error
}

// Verify verifies chain against the store, preparing (once) and reusing a Verifier; see
// Verifier.Verify.
func (s *TrustStore) Verify(chain *Chain, opts *VerifyOptions) (Verification, error) {
	v, err := s.verifier()
	if err != nil {
		return Verification{}, err
	}
	return v.Verify(chain, opts)
}

// Report verifies chain against the store and returns the whole result; see
// Verifier.Report.
func (s *TrustStore) Report(chain *Chain, opts *VerifyOptions) (*VerificationReport, error) {
	v, err := s.verifier()
	if err != nil {
		return nil, err
	}
	return v.Report(chain, opts)
}

func (s *TrustStore) verifier() (*Verifier, error) {
	s.ptr()
	s.sv.once.Do(func() { s.sv.v, s.sv.err = NewVerifier(s) })
	return s.sv.v, s.sv.err
}

// MatrixRow is one store's verdict on a chain.
type MatrixRow struct {
	// Store is the store's name.
	Store string `json:"store"`
	// Trusted says whether the store trusts the chain.
	Trusted bool `json:"trusted"`
	// Path is the verified path, or nil.
	Path *Path `json:"path"`
	// Failures are the reasons it did not verify.
	Failures []Failure `json:"failures"`
	// Why explains, for a person, why this store differs from the others; empty when it
	// trusts the chain.
	Why string `json:"why"`
}

// VerifyMatrix verifies one chain against every store and returns one row per store, in
// order.
//
// The error matches ErrInvalidArgument when stores is empty and ErrNullArgument when one is
// nil.
func VerifyMatrix(chain *Chain, stores []*TrustStore, opts *VerifyOptions) ([]MatrixRow, error) {
	if len(stores) == 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "no stores"}
	}
	arr := (*[1 << 20]*C.trustaudit_store)(C.malloc(C.size_t(len(stores)) * C.size_t(unsafe.Sizeof(uintptr(0)))))[:len(stores):len(stores)]
	defer C.free(unsafe.Pointer(&arr[0]))
	for i, s := range stores {
		if s == nil {
			return nil, &Error{Code: CodeNullArgument, Message: fmt.Sprintf("store %d is nil", i)}
		}
		arr[i] = s.ptr()
	}
	co := opts.cOptions()
	np, nn := stringArg(opts.name())
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_verify_matrix_json(&arr[0], C.size_t(len(stores)), chain.ptr(), np, nn, &co, out, n)
	})
	runtime.KeepAlive(stores)
	runtime.KeepAlive(chain)
	runtime.KeepAlive(opts)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rows []MatrixRow `json:"rows"`
	}
	mustDecode(js, &doc)
	return doc.Rows, nil
}
