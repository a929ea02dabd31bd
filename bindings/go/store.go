package trustaudit

// #include "trustaudit.h"
import "C"

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"runtime"
)

// TrustStore is a named, de-duplicated, immutable set of root certificates plus the problems
// met while loading it. It is safe for concurrent use; release it with Close.
type TrustStore struct {
	p  *C.trustaudit_store
	sv storeVerifier
}

func newStore(p *C.trustaudit_store) *TrustStore {
	s := &TrustStore{p: p}
	runtime.SetFinalizer(s, (*TrustStore).Close) // safety net only; Close is the contract
	return s
}

// ptr returns the C handle; it panics after Close because the handle is gone.
func (s *TrustStore) ptr() *C.trustaudit_store {
	if s == nil || s.p == nil {
		panic("trustaudit: TrustStore used after Close")
	}
	return s.p
}

// Close releases the store. Certificates taken from it stay valid. Calling Close again is a
// no-op; other methods panic after it.
func (s *TrustStore) Close() error {
	if s != nil && s.p != nil {
		runtime.SetFinalizer(s, nil)
		if s.sv.v != nil {
			s.sv.v.Close()
		}
		C.trustaudit_store_free(s.p)
		s.p = nil
	}
	return nil
}

// loadStore runs one C store constructor.
func loadStore(f func(out **C.trustaudit_store) C.trustaudit_result) (*TrustStore, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var out *C.trustaudit_store
	if err := call(func() C.trustaudit_result { return f(&out) }); err != nil {
		return nil, err
	}
	return newStore(out), nil
}

// Mozilla loads Mozilla's root set as compiled into the library; it reads no file and no
// network.
func Mozilla() (*TrustStore, error) {
	return loadStore(func(out **C.trustaudit_store) C.trustaudit_result { return C.trustaudit_store_mozilla(out) })
}

// System loads the operating system's store the way OpenSSL-based tools find it:
// SSL_CERT_FILE and SSL_CERT_DIR exclusively when either is set in this process's
// environment, else the distribution's bundle and certificate directory. Unreadable entries
// become Diagnostics, not errors.
func System() (*TrustStore, error) {
	return loadStore(func(out **C.trustaudit_store) C.trustaudit_result { return C.trustaudit_store_system(out) })
}

// LoadFile loads a PEM bundle, a DER file, or a directory of them (OpenSSL hashed directories
// included); the store is named after the path. Bad entries become Diagnostics.
//
// The error matches ErrNotFound (and fs.ErrNotExist) when path does not exist, ErrIO when it
// cannot be read, ErrInvalidArgument when it is empty.
func LoadFile(path string) (*TrustStore, error) {
	p, n := stringArg(path)
	s, err := loadStore(func(out **C.trustaudit_store) C.trustaudit_result {
		return C.trustaudit_store_from_path(p, n, out)
	})
	runtime.KeepAlive(path)
	return s, err
}

// LoadPEM builds a store named "memory" from a PEM bundle (any number of blocks, text around
// them ignored) or one DER certificate. Bad entries become Diagnostics; empty input gives an
// empty store. The bytes are copied.
//
// The error matches ErrParse only when the input is over the library's 64 MiB limit.
func LoadPEM(pemBytes []byte) (*TrustStore, error) {
	p, n := bytesArg(pemBytes)
	s, err := loadStore(func(out **C.trustaudit_store) C.trustaudit_result {
		return C.trustaudit_store_from_pem(p, n, out)
	})
	runtime.KeepAlive(pemBytes)
	return s, err
}

// LoadBytes is LoadPEM with a store name of your choosing; the name appears in reports and
// verification messages.
func LoadBytes(name string, data []byte) (*TrustStore, error) {
	np, nn := stringArg(name)
	p, n := bytesArg(data)
	s, err := loadStore(func(out **C.trustaudit_store) C.trustaudit_result {
		return C.trustaudit_store_from_bytes(np, nn, p, n, out)
	})
	runtime.KeepAlive(name)
	runtime.KeepAlive(data)
	return s, err
}

// StoreFromX509 builds a store named name from crypto/x509 certificates, such as the roots of an
// x509.CertPool you already assembled.
//
// The error matches ErrNullArgument when a certificate is nil.
func StoreFromX509(name string, roots []*x509.Certificate) (*TrustStore, error) {
	var bundle []byte
	for i, c := range roots {
		if c == nil {
			return nil, &Error{Code: CodeNullArgument, Message: fmt.Sprintf("root %d is nil", i)}
		}
		bundle = append(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return LoadBytes(name, bundle)
}

// Name is the store's name: "mozilla", "system", a path, or the name it was given.
func (s *TrustStore) Name() string {
	name, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_store_name(s.ptr(), out, n)
	})
	runtime.KeepAlive(s)
	if err != nil {
		panic(err)
	}
	return name
}

// Len is the number of distinct roots.
func (s *TrustStore) Len() int {
	n := int(C.trustaudit_store_len(s.ptr()))
	runtime.KeepAlive(s)
	return n
}

// Root returns the root at index i (0-based, in load order); release it with Close. It stays
// valid after the store is closed.
//
// The error matches ErrInvalidArgument when i is out of range.
func (s *TrustStore) Root(i int) (*Certificate, error) {
	if i < 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: fmt.Sprintf("index %d is negative", i)}
	}
	var out *C.trustaudit_cert
	err := call(func() C.trustaudit_result { return C.trustaudit_store_root(s.ptr(), C.size_t(i), &out) })
	runtime.KeepAlive(s)
	if err != nil {
		return nil, err
	}
	return newCertificate(out), nil
}

// Roots returns every root in load order; release each with Close.
func (s *TrustStore) Roots() []*Certificate {
	n := s.Len()
	roots := make([]*Certificate, 0, n)
	for i := 0; i < n; i++ {
		c, err := s.Root(i)
		if err != nil {
			panic(err) // the store is immutable: every index below Len exists
		}
		roots = append(roots, c)
	}
	return roots
}

// Contains reports whether a root with exactly the same DER as cert is in the store.
func (s *TrustStore) Contains(cert *Certificate) bool {
	var found C.bool
	if err := call(func() C.trustaudit_result {
		return C.trustaudit_store_contains(s.ptr(), cert.ptr(), &found)
	}); err != nil {
		panic(err)
	}
	runtime.KeepAlive(s)
	runtime.KeepAlive(cert)
	return bool(found)
}

// RootInfo describes every root in load order.
func (s *TrustStore) RootInfo() []CertificateInfo {
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_store_roots_json(s.ptr(), out, n)
	})
	runtime.KeepAlive(s)
	if err != nil {
		panic(err)
	}
	var doc struct {
		Roots []CertificateInfo `json:"roots"`
	}
	mustDecode(js, &doc)
	return doc.Roots
}

// Location is where in a source a problem sits: a line (PEM) or a byte offset (DER).
type Location struct {
	// Line is the 1-based line, or 0 when the location is an offset.
	Line int `json:"line,omitempty"`
	// Offset is the byte offset when Line is 0.
	Offset int `json:"offset,omitempty"`
}

// Diagnostic is one entry that could not be loaded into a store, and why.
type Diagnostic struct {
	// Source is the file, directory or built-in set the entry came from.
	Source string `json:"source"`
	// Location is where in Source, or nil when unknown.
	Location *Location `json:"location"`
	// Reason says what was wrong, for a person.
	Reason string `json:"reason"`
}

// String renders "source: line N: reason".
func (d Diagnostic) String() string {
	switch {
	case d.Location == nil:
		return d.Source + ": " + d.Reason
	case d.Location.Line > 0:
		return fmt.Sprintf("%s: line %d: %s", d.Source, d.Location.Line, d.Reason)
	default:
		return fmt.Sprintf("%s: offset %d: %s", d.Source, d.Location.Offset, d.Reason)
	}
}

// LoadReport says how a store was loaded: what was read, what was skipped and why.
type LoadReport struct {
	// Store is the store's name.
	Store string `json:"store"`
	// Kind is what it was built from: "mozilla", "system", "path", "memory" or "runtime".
	Kind string `json:"store_kind"`
	// Roots is the number of distinct roots.
	Roots int `json:"roots"`
	// Duplicates is the number of entries dropped as duplicates.
	Duplicates int `json:"duplicates"`
	// Sources are the files and sets read.
	Sources []string `json:"sources"`
	// Notes say which rules applied (for example which variables were honoured).
	Notes []string `json:"notes"`
	// Diagnostics are the entries that could not be loaded.
	Diagnostics []Diagnostic `json:"diagnostics"`
	// DiagnosticsDropped counts diagnostics beyond the library's cap.
	DiagnosticsDropped int `json:"diagnostics_dropped"`
}

// LoadReport says how the store was loaded, including every entry that was skipped.
func (s *TrustStore) LoadReport() LoadReport {
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_store_diagnostics_json(s.ptr(), out, n)
	})
	runtime.KeepAlive(s)
	if err != nil {
		panic(err)
	}
	var r LoadReport
	mustDecode(js, &r)
	return r
}

// Diagnostics are the entries that could not be loaded into the store, and why.
func (s *TrustStore) Diagnostics() []Diagnostic { return s.LoadReport().Diagnostics }

// mustDecode decodes a JSON document the library produced; malformed JSON is a library bug.
func mustDecode(js string, v any) {
	if err := json.Unmarshal([]byte(js), v); err != nil {
		panic("trustaudit: the library returned malformed JSON: " + err.Error())
	}
}
