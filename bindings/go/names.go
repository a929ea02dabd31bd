package trustaudit

// #include "trustaudit.h"
import "C"

import "runtime"

// NameResult is whether a runtime accepts a certificate for a name.
type NameResult struct {
	// Matched says whether the runtime accepts the certificate for the name.
	Matched bool
	// Reason says why not; NameMatched when it matched.
	Reason NameMismatch
	// MatchedBy is which identity matched; PresentedNone when none did.
	MatchedBy Presented
}

func nameResult(r C.trustaudit_name_result) NameResult {
	return NameResult{Matched: bool(r.matched), Reason: NameMismatch(r.reason), MatchedBy: Presented(r.matched_by)}
}

// CheckName reports whether rt accepts the certificate for name (a DNS name, a Unicode name
// or an IP address). Only the name is checked; a mismatch is a result, not an error.
//
// The error matches ErrInvalidArgument for a name no client could connect to (empty, a NUL,
// bad characters, too long) or an unknown runtime.
func (c *Certificate) CheckName(name string, rt Runtime) (NameResult, error) {
	np, nn := stringArg(name)
	var out C.trustaudit_name_result
	err := call(func() C.trustaudit_result {
		return C.trustaudit_name_check(c.ptr(), np, nn, C.uint32_t(rt), &out)
	})
	runtime.KeepAlive(c)
	runtime.KeepAlive(name)
	return nameResult(out), err
}

// CheckNameStrict is CheckName by the strict RFC 9525 profile browsers apply: SAN only, one
// left-most whole-label wildcard, never over a public suffix.
func (c *Certificate) CheckNameStrict(name string) (NameResult, error) {
	np, nn := stringArg(name)
	var out C.trustaudit_name_result
	err := call(func() C.trustaudit_result {
		return C.trustaudit_name_check_strict(c.ptr(), np, nn, &out)
	})
	runtime.KeepAlive(c)
	runtime.KeepAlive(name)
	return nameResult(out), err
}

// PresentedName is an identity a certificate presents.
type PresentedName struct {
	// Type is "dns_san", "ip_san" or "common_name".
	Type string `json:"type"`
	// Value is the name or address.
	Value string `json:"value"`
}

// RuntimeNameCheck is one runtime's answer in a NameReport.
type RuntimeNameCheck struct {
	// Runtime names the runtime ("go", …); empty for the strict profile.
	Runtime string `json:"runtime"`
	// Matched says whether it accepts the certificate for the name.
	Matched bool `json:"matched"`
	// MatchedBy is the identity that matched, or nil.
	MatchedBy *PresentedName `json:"matched_by"`
	// Presented lists the identities the runtime looks at.
	Presented []PresentedName `json:"presented"`
	// Reason names why it refuses ("cn_only_ignored", …); empty when matched.
	Reason string `json:"reason"`
	// ReasonName is the presented name the refusal is about (the ignored CN, …), or nil.
	ReasonName *PresentedName `json:"reason_name"`
	// Message is the runtime's own error text, word for word; empty when matched.
	Message string `json:"message"`
}

// NameReport is every runtime's answer for one certificate and name.
type NameReport struct {
	// Name is the name checked.
	Name string `json:"name"`
	// Strict is the strict profile's answer.
	Strict RuntimeNameCheck `json:"strict"`
	// Runtimes holds each runtime's answer, in Runtimes order.
	Runtimes []RuntimeNameCheck `json:"runtimes"`
}

// NameReport checks name for every runtime and the strict profile, with each runtime's own
// error words.
func (c *Certificate) NameReport(name string) (*NameReport, error) {
	np, nn := stringArg(name)
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_name_check_json(c.ptr(), np, nn, out, n)
	})
	runtime.KeepAlive(c)
	runtime.KeepAlive(name)
	if err != nil {
		return nil, err
	}
	var r NameReport
	mustDecode(js, &r)
	return &r, nil
}
