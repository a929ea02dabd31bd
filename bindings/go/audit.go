package trustaudit

// #include "trustaudit.h"
import "C"

import (
	"runtime"
	"time"
)

// RuntimeStore loads the roots rt really trusts on this machine, read the way rt reads them
// (its files and this process's environment: SSL_CERT_FILE for Go and OpenSSL,
// REQUESTS_CA_BUNDLE for certifi, NODE_EXTRA_CA_CERTS for Node.js, …). No process is started.
//
// The error matches ErrNotFound when rt is not installed and ErrInvalidArgument for an unknown
// runtime.
func RuntimeStore(rt Runtime) (*TrustStore, error) {
	return loadStore(func(out **C.trustaudit_store) C.trustaudit_result {
		return C.trustaudit_store_runtime(C.uint32_t(rt), out)
	})
}

// RuntimeSource is one place a runtime looks for roots: a file, a directory, a variable or a
// setting, and whether it was used.
type RuntimeSource struct {
	// Kind is "file", "directory", "variable", "setting", ….
	Kind string `json:"kind"`
	// Name is the path or variable name.
	Name string `json:"name"`
	// Value is the variable's or setting's value, if any.
	Value *string `json:"value"`
	// DefinedIn is the config file that set it, if any.
	DefinedIn *string `json:"defined_in"`
	// State is "used", "absent", "overridden" or "ignored".
	State string `json:"state"`
	// Reason says why, for a person.
	Reason string `json:"reason"`
}

// RuntimeView is how one runtime finds its roots on this machine.
type RuntimeView struct {
	// Runtime names the runtime ("go", …).
	Runtime string `json:"runtime"`
	// Installed says whether the runtime was found.
	Installed bool `json:"installed"`
	// Program is the runtime's executable, if found.
	Program *string `json:"program"`
	// Version is the runtime's version, if known.
	Version *string `json:"version"`
	// Roots is the number of distinct roots it trusts.
	Roots int `json:"roots"`
	// Duplicates counts entries dropped as duplicates.
	Duplicates int `json:"duplicates"`
	// Decision says in one sentence what the runtime reads, and why.
	Decision string `json:"decision"`
	// Sources lists every place it looks, in order.
	Sources []RuntimeSource `json:"sources"`
	// Notes say which rules applied.
	Notes []string `json:"notes"`
	// Diagnostics are entries that could not be loaded.
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// View says how rt finds its roots on this machine; a runtime that is not installed says so
// (Installed false) rather than failing.
func View(rt Runtime) (*RuntimeView, error) {
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_runtime_view_json(C.uint32_t(rt), out, n)
	})
	if err != nil {
		return nil, err
	}
	var v RuntimeView
	mustDecode(js, &v)
	return &v, nil
}

// Views is View for every runtime, in Runtimes order, reading shared files once.
func Views() ([]RuntimeView, error) {
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_runtime_views_json(out, n)
	})
	if err != nil {
		return nil, err
	}
	var doc struct {
		Runtimes []RuntimeView `json:"runtimes"`
	}
	mustDecode(js, &doc)
	return doc.Runtimes, nil
}

// DiffRoot is one root in a diff, with what is notable about it.
type DiffRoot struct {
	// Subject is the subject, RFC 4514.
	Subject string `json:"subject"`
	// Name is the short name (CN, else O).
	Name string `json:"name"`
	// SHA256 is the fingerprint, lowercase hex.
	SHA256 string `json:"sha256"`
	// SPKISHA256 is the key's SHA-256, base64.
	SPKISHA256 string `json:"spki_sha256"`
	// NotBefore is the start of validity, RFC 3339.
	NotBefore string `json:"not_before"`
	// NotAfter is the end of validity, RFC 3339.
	NotAfter string `json:"not_after"`
	// Key names the key algorithm and size.
	Key string `json:"key"`
	// SignatureAlgorithm names the signature algorithm.
	SignatureAlgorithm string `json:"signature_algorithm"`
	// Source is where it came from (file and line).
	Source string `json:"source"`
	// Flags mark what is notable: "locally_added", "expired", "weak_key", ….
	Flags []string `json:"flags"`
}

// Diff is two root sets compared, keyed by subject and key.
type Diff struct {
	// At is the time expiry was judged at, RFC 3339.
	At string `json:"at"`
	// Reference names the set "locally added" was judged against, if any.
	Reference *string `json:"reference"`
	// Counts holds the size of each category ("only_in_a", "locally_added", …).
	Counts map[string]int `json:"counts"`
	// OnlyInA are roots found in the first set only.
	OnlyInA []DiffRoot `json:"only_in_a"`
	// OnlyInB are roots found in the second set only.
	OnlyInB []DiffRoot `json:"only_in_b"`
	// InBoth are roots found in both.
	InBoth []DiffRoot `json:"in_both"`
}

// DiffStores compares the roots of a and b. reference (usually Mozilla's set) is what "locally
// added" is judged against; nil flags nothing. Expiry is judged at at, or now when at is zero.
func DiffStores(a, b, reference *TrustStore, at time.Time) (*Diff, error) {
	var ref *C.trustaudit_store
	if reference != nil {
		ref = reference.ptr()
	}
	var useAt C.uint32_t
	if !at.IsZero() {
		useAt = 1
	}
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_diff_json(a.ptr(), b.ptr(), ref, C.int64_t(at.Unix()), useAt, out, n)
	})
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	runtime.KeepAlive(reference)
	if err != nil {
		return nil, err
	}
	var d Diff
	mustDecode(js, &d)
	return &d, nil
}
