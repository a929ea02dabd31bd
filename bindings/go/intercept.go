package trustaudit

// #include <stdlib.h>
// #include "trustaudit.h"
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// SCTCheck is one SCT of a leaf and what checking it against the CT log list said.
type SCTCheck struct {
	// Status is "verified", "unknown_log", "invalid_signature" or "unverifiable".
	Status string `json:"status"`
	// LogDescription names the log, when it is in the list.
	LogDescription *string `json:"log_description"`
	// LogOperator names the log's operator, when known.
	LogOperator *string `json:"log_operator"`
	// LogState is the log's state ("usable", "retired", …), when known.
	LogState *string `json:"log_state"`
	// Counts says whether the SCT counts toward CT policy.
	Counts bool `json:"counts"`
	// Detail says more, for a person.
	Detail *string `json:"detail"`
}

// SCTReport lists the SCTs of a chain's leaf.
type SCTReport struct {
	// Leaf is the leaf's subject.
	Leaf string `json:"leaf"`
	// IssuerFound says whether the chain held the leaf's issuer (needed for embedded SCTs).
	IssuerFound bool `json:"issuer_found"`
	// LogListVersion is the version of the CT log list compiled into the library.
	LogListVersion string `json:"log_list_version"`
	// SCTs are the SCTs found, embedded first.
	SCTs []SCTCheck `json:"scts"`
}

// SCTs lists and checks the SCTs of chain's leaf: embedded ones, plus those in ocsp (a stapled
// OCSP response, DER) when not nil.
//
// The error matches ErrParse when the SCT list or the OCSP response is malformed.
func SCTs(chain *Chain, ocsp []byte) (*SCTReport, error) {
	op, on := bytesArg(ocsp)
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_sct_list_json(chain.ptr(), op, on, out, n)
	})
	runtime.KeepAlive(chain)
	runtime.KeepAlive(ocsp)
	if err != nil {
		return nil, err
	}
	var r SCTReport
	mustDecode(js, &r)
	return &r, nil
}

// Level says how sure trustaudit is that a connection is intercepted.
type Level uint32

// The levels.
const (
	LevelClean       Level = C.TRUSTAUDIT_LEVEL_CLEAN
	LevelSuspected   Level = C.TRUSTAUDIT_LEVEL_SUSPECTED
	LevelIntercepted Level = C.TRUSTAUDIT_LEVEL_INTERCEPTED
)

// String is "clean", "suspected" or "intercepted".
func (l Level) String() string {
	switch l {
	case LevelClean:
		return "clean"
	case LevelSuspected:
		return "suspected"
	case LevelIntercepted:
		return "intercepted"
	}
	return fmt.Sprintf("level(%d)", uint32(l))
}

// Verdict is whether a connection is intercepted (the fast path).
type Verdict struct {
	// Level is clean, suspected or intercepted.
	Level Level
	// Confidence is how sure, from 0.0 to 1.0.
	Confidence float32
	// EvidenceCount is how many pieces of evidence the verdict rests on.
	EvidenceCount int
	// Product is the recognised product's catalogue id ("zscaler", "mitmproxy", …), or "".
	Product string
}

// Evidence is one signal behind a verdict.
type Evidence struct {
	// Signal names it ("private_anchor", "missing_scts", "product_match", …).
	Signal string `json:"signal"`
	// Weight is "for", "against" or "info".
	Weight string `json:"weight"`
	// Sentence says it for a person.
	Sentence string `json:"sentence"`
}

// Product is an interception product from the catalogue.
type Product struct {
	// ID is the catalogue id.
	ID string `json:"id"`
	// Name is the product's name.
	Name string `json:"product"`
	// Vendor is who makes it.
	Vendor string `json:"vendor"`
	// Kind is what it is ("debugging proxy", "secure web gateway", …).
	Kind string `json:"kind"`
	// MatchedName is the name in the chain that matched the catalogue.
	MatchedName string `json:"matched_name"`
}

// VerdictReport is a verdict with its evidence.
type VerdictReport struct {
	// Level is "clean", "suspected" or "intercepted".
	Level string `json:"verdict"`
	// Confidence is how sure, from 0.0 to 1.0.
	Confidence float64 `json:"confidence"`
	// Product is the recognised product, or nil.
	Product *Product `json:"product"`
	// Name is the host the client asked for, if given.
	Name *string `json:"name"`
	// LeafSubject is the leaf's subject.
	LeafSubject string `json:"leaf_subject"`
	// SCTSummary summarises the leaf's SCTs ("none", "embedded", …).
	SCTSummary string `json:"sct_summary"`
	// Evidence lists every signal, with a sentence each.
	Evidence []Evidence `json:"evidence"`
}

// Inspector judges presented chains for interception against a public root set and the local
// stores that may hold a corporate or proxy root. It is immutable and safe for concurrent use;
// release it with Close.
type Inspector struct {
	p *C.trustaudit_inspector
}

func (i *Inspector) ptr() *C.trustaudit_inspector {
	if i == nil || i.p == nil {
		panic("trustaudit: Inspector used after Close")
	}
	return i.p
}

// NewInspector prepares interception checks against public (normally Mozilla()) and local
// stores (the system store, a runtime's store). The stores may be closed afterwards.
//
// The error matches ErrNullArgument when a local store is nil.
func NewInspector(public *TrustStore, local ...*TrustStore) (*Inspector, error) {
	if err := checkABI(); err != nil {
		return nil, err
	}
	var arr []*C.trustaudit_store
	var arrp **C.trustaudit_store
	if len(local) > 0 {
		// C memory for the pointer array: cgo forbids Go memory holding C pointers.
		mem := C.malloc(C.size_t(len(local)) * C.size_t(unsafe.Sizeof(uintptr(0))))
		defer C.free(mem)
		arr = unsafe.Slice((**C.trustaudit_store)(mem), len(local))
		for i, s := range local {
			if s == nil {
				return nil, &Error{Code: CodeNullArgument, Message: fmt.Sprintf("local store %d is nil", i)}
			}
			arr[i] = s.ptr()
		}
		arrp = &arr[0]
	}
	var out *C.trustaudit_inspector
	err := call(func() C.trustaudit_result {
		return C.trustaudit_inspector_new(public.ptr(), arrp, C.size_t(len(local)), &out)
	})
	runtime.KeepAlive(public)
	runtime.KeepAlive(local)
	if err != nil {
		return nil, err
	}
	in := &Inspector{p: out}
	runtime.SetFinalizer(in, (*Inspector).Close) // safety net only; Close is the contract
	return in, nil
}

// Close releases the inspector. Calling it again is a no-op; other methods panic after it.
func (i *Inspector) Close() error {
	if i != nil && i.p != nil {
		runtime.SetFinalizer(i, nil)
		C.trustaudit_inspector_free(i.p)
		i.p = nil
	}
	return nil
}

// Verdict judges whether chain (as the server sent it, for name when known; "" when not)
// shows interception. Clean or intercepted is a result, not an error.
func (i *Inspector) Verdict(chain *Chain, name string) (Verdict, error) {
	np, nn := stringArg(name)
	var out C.trustaudit_verdict
	err := call(func() C.trustaudit_result {
		return C.trustaudit_inspect(i.ptr(), chain.ptr(), np, nn, &out)
	})
	runtime.KeepAlive(i)
	runtime.KeepAlive(chain)
	runtime.KeepAlive(name)
	if err != nil {
		return Verdict{}, err
	}
	return Verdict{
		Level:         Level(out.level),
		Confidence:    float32(out.confidence),
		EvidenceCount: int(out.evidence_count),
		Product:       C.GoString(&out.product[0]),
	}, nil
}

// Report is Verdict with every piece of evidence, as sentences a person can act on.
func (i *Inspector) Report(chain *Chain, name string) (*VerdictReport, error) {
	np, nn := stringArg(name)
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_inspect_json(i.ptr(), chain.ptr(), np, nn, out, n)
	})
	runtime.KeepAlive(i)
	runtime.KeepAlive(chain)
	runtime.KeepAlive(name)
	if err != nil {
		return nil, err
	}
	var r VerdictReport
	mustDecode(js, &r)
	return &r, nil
}
