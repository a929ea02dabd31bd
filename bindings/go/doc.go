// Package trustaudit audits TLS trust from Go: which roots each runtime on a machine trusts,
// how those sets differ from Mozilla's, whether a presented chain verifies for each of them,
// what each runtime's hostname rules say, and whether someone is intercepting TLS.
//
// It is a thin cgo layer over the trustaudit C library (include/trustaudit.h): every exported
// function is one C call plus conversion. By default it links the static library that `make`
// builds in the repository (target/debug/libtrustaudit.a); build with -tags trustaudit_release
// to link target/release after `make release`, or -tags trustaudit_pkgconfig to link an
// installed copy found through pkg-config.
//
// Handles ([TrustStore], [Certificate]) hold C memory: release them with Close. A finalizer
// releases a forgotten handle as a safety net, but Close is the contract. Every handle is
// immutable and safe for concurrent use by several goroutines; using one after Close panics.
//
// Failed calls return an [*Error] whose Code says what kind of failure happened; compare with
// errors.Is(err, trustaudit.ErrParse) and friends, or errors.As to read the Code and Message.
package trustaudit
