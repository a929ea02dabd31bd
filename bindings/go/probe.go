package trustaudit

// #include "trustaudit.h"
import "C"

import (
	"context"
	"runtime"
	"time"
)

// ProxyMode says whether and how a probe goes through an HTTP proxy.
type ProxyMode uint32

// The proxy modes.
const (
	// ProxyFromEnvironmentCurl reads https_proxy / HTTPS_PROXY / NO_PROXY by curl's rules.
	ProxyFromEnvironmentCurl ProxyMode = C.TRUSTAUDIT_PROXY_MODE_ENVIRONMENT_CURL
	// ProxyFromEnvironmentGo reads them by Go's rules, as `go mod download` decides.
	ProxyFromEnvironmentGo ProxyMode = C.TRUSTAUDIT_PROXY_MODE_ENVIRONMENT_GO
	// ProxyDirect connects directly, whatever the environment says.
	ProxyDirect ProxyMode = C.TRUSTAUDIT_PROXY_MODE_DIRECT
)

// ProbeOptions says how to probe. The zero value uses the environment's proxy (curl's
// rules), the library's default timeouts and the target host as SNI.
type ProbeOptions struct {
	// Proxy says whether and how to go through an HTTP proxy.
	Proxy ProxyMode
	// PhaseTimeout bounds each phase (DNS, connect, proxy, TLS); zero keeps the defaults or,
	// with a context deadline, a quarter of the time left.
	PhaseTimeout time.Duration
	// SNI is the name to send; "" sends the target host (none for an IP address).
	SNI string
	// ConnectTo ("127.0.0.1:8443") connects there instead of resolving the host, like curl's
	// --connect-to.
	ConnectTo string
}

// TLSSummary is what the handshake negotiated.
type TLSSummary struct {
	// Version is "TLSv1.3" or "TLSv1.2".
	Version string `json:"version"`
	// CipherSuite is the negotiated suite.
	CipherSuite string `json:"cipher_suite"`
	// ALPN is the negotiated protocol, if any.
	ALPN *string `json:"alpn"`
}

// ProbeFailure says which phase of a probe failed and why.
type ProbeFailure struct {
	// Phase is "dns", "tcp", "proxy" or "tls".
	Phase string `json:"phase"`
	// Kind names the failure ("refused", "timeout", …).
	Kind string `json:"kind"`
	// Message says it for a person.
	Message string `json:"message"`
}

// ProbeReport is what a probe saw.
type ProbeReport struct {
	// Target is the host and port probed.
	Target struct {
		// Host is the host name or address.
		Host string `json:"host"`
		// Port is the TCP port.
		Port int `json:"port"`
	} `json:"target"`
	// SNI is the name sent, if any.
	SNI *string `json:"sni"`
	// TLS is what the handshake negotiated, or nil when it did not complete.
	TLS *TLSSummary `json:"tls"`
	// Chain describes the presented certificates, leaf first.
	Chain []CertificateInfo `json:"chain"`
	// Failure says which phase failed, or nil when the handshake completed.
	Failure *ProbeFailure `json:"failure"`
	// ElapsedMS is how long the probe took.
	ElapsedMS int `json:"elapsed_ms"`
	// Presented holds the certificates the server sent, in its order, ready for Verify or an
	// Inspector (empty when the handshake did not get that far). Probe sets it; release it
	// with Close. Nil in reports nested in a DoctorReport.
	Presented *Chain `json:"-"`
}

// Probe connects to target ("host", "host:port", "[v6]:port" or an https URL), runs a TLS
// handshake that trusts nothing, and records what was presented. An unreachable server or a
// refused handshake is a report with Failure set, not an error.
//
// ctx bounds the call: its deadline becomes the per-phase timeout (a quarter of the time left,
// as the library's four phases each get one), and when ctx is done first Probe returns
// ctx.Err() at once. The C library has no cancel hook yet, so the abandoned probe finishes in
// the background within its own timeout and its result is dropped.
//
// The error matches ErrInvalidArgument for an unusable target or option.
func Probe(ctx context.Context, target string, opts *ProbeOptions) (*ProbeReport, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkABI(); err != nil {
		return nil, err
	}
	var o ProbeOptions
	if opts != nil {
		o = *opts
	}
	phase := phaseTimeout(ctx, o.PhaseTimeout)
	return untilDone(ctx, func() (*ProbeReport, error) { return probe(target, o, phase) })
}

// probe is the blocking C call. The strings are copied into C memory because another
// goroutine may return before the call ends.
func probe(target string, o ProbeOptions, phase time.Duration) (*ProbeReport, error) {
	tp, tn := cBytes(target)
	defer freeBytes(tp)
	sp, sn := cBytes(o.SNI)
	defer freeBytes(sp)
	cp, cn := cBytes(o.ConnectTo)
	defer freeBytes(cp)
	var co C.trustaudit_probe_options
	co.proxy = C.uint32_t(o.Proxy)
	if phase > 0 {
		ms := phase.Milliseconds()
		if ms > 1<<31 {
			ms = 1 << 31
		}
		co.timeout_ms = C.uint32_t(ms)
	}
	co.sni, co.sni_len = sp, sn
	co.connect_to, co.connect_to_len = cp, cn
	var chain *C.trustaudit_chain
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_probe(tp, tn, &co, &chain, out, n)
	})
	runtime.KeepAlive(&co)
	if err != nil {
		return nil, err
	}
	var r ProbeReport
	mustDecode(js, &r)
	r.Presented = newChain(chain)
	return &r, nil
}

// Tool is a tool whose TLS failures Doctor diagnoses.
type Tool uint32

// The tools, and what Doctor's target means for each.
const (
	// ToolGo is `go mod download`; target: a module path (default golang.org/x/mod).
	ToolGo Tool = C.TRUSTAUDIT_TOOL_GO
	// ToolPip is `pip install`; target: a project (default pip).
	ToolPip Tool = C.TRUSTAUDIT_TOOL_PIP
	// ToolNpm is `npm install`; target: a package (default npm).
	ToolNpm Tool = C.TRUSTAUDIT_TOOL_NPM
	// ToolGit is `git clone` over HTTPS; target: the remote URL (required).
	ToolGit Tool = C.TRUSTAUDIT_TOOL_GIT
	// ToolCargo is `cargo fetch`; target: the registry index URL (default crates.io's).
	ToolCargo Tool = C.TRUSTAUDIT_TOOL_CARGO
)

// DoctorOptions says what Doctor checks. The zero value checks the tool's default target with
// the library's default timeouts.
type DoctorOptions struct {
	// Target is what to fetch (see Tool); "" for the tool's default.
	Target string
	// PhaseTimeout bounds each network phase; zero keeps the default (10 s) or, with a context
	// deadline, a quarter of the time left.
	PhaseTimeout time.Duration
	// BundlePath is where to write the CA bundle the fix points the tool at; "" for the
	// default under the user's config directory.
	BundlePath string
	// RootPath is a PEM file holding the interception root, when the proxy does not present it.
	RootPath string
}

// DoctorLink is one endpoint the tool needs, and whether it works from here.
type DoctorLink struct {
	// Purpose says what the tool fetches there.
	Purpose string `json:"purpose"`
	// URL is the endpoint.
	URL string `json:"url"`
	// Status is "ok" or "broken".
	Status string `json:"status"`
	// FailedPhase is the phase that failed ("dns", "tcp", "proxy", "tls", "trust", …), if any.
	FailedPhase *string `json:"failed_phase"`
	// Error is the tool's own error text, as it would print it.
	Error *string `json:"error"`
	// HTTPStatus is the HTTP status received, if any.
	HTTPStatus *int `json:"http_status"`
	// Probe is what a probe of the endpoint saw.
	Probe *ProbeReport `json:"probe"`
	// Verdict is the interception verdict on the presented chain, if one was presented.
	Verdict *VerdictReport `json:"verdict"`
}

// DoctorReport is why a tool cannot fetch over TLS here, and what to change.
type DoctorReport struct {
	// Tool names the tool ("go", "pip", …).
	Tool string `json:"tool"`
	// Command is the command diagnosed.
	Command string `json:"command"`
	// Settings are the tool's TLS-relevant settings as [name, value] pairs.
	Settings [][2]string `json:"settings"`
	// Links are the endpoints the tool needs.
	Links []DoctorLink `json:"links"`
	// Broken names the first broken link and why, or is nil when all work.
	Broken *struct {
		// Link is the index into Links.
		Link int `json:"link"`
		// Cause says why, for a person.
		Cause string `json:"cause"`
	} `json:"broken"`
	// Fix lists what to do, one step each.
	Fix []string `json:"fix"`
	// FilesWritten lists files Doctor wrote (the CA bundle the fix points at).
	FilesWritten []string `json:"files_written"`
	// Notes say which rules applied.
	Notes []string `json:"notes"`
}

// Doctor diagnoses why tool cannot fetch over TLS on this machine, the way the tool itself
// connects (its configuration, proxy rules, trust store and name rules): the same report as
// `trustaudit doctor <tool> --json`. It runs the tool to read its configuration and probes each
// endpoint; it writes one file, the CA bundle the fix points at, only when a fix needs it. A
// broken connection is a finding in the report, not an error.
//
// ctx works as for Probe: its deadline bounds each phase, and a done ctx returns ctx.Err() at
// once while the abandoned diagnosis finishes in the background within its timeouts.
//
// The error matches ErrNotFound when the tool is not installed and ErrInvalidArgument for an
// unknown tool or git without a remote URL.
func Doctor(ctx context.Context, tool Tool, opts *DoctorOptions) (*DoctorReport, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var o DoctorOptions
	if opts != nil {
		o = *opts
	}
	phase := phaseTimeout(ctx, o.PhaseTimeout)
	return untilDone(ctx, func() (*DoctorReport, error) { return doctor(tool, o, phase) })
}

// doctor is the blocking C call, with its strings in C memory (see probe).
func doctor(tool Tool, o DoctorOptions, phase time.Duration) (*DoctorReport, error) {
	tp, tn := cBytes(o.Target)
	defer freeBytes(tp)
	bp, bn := cBytes(o.BundlePath)
	defer freeBytes(bp)
	rp, rn := cBytes(o.RootPath)
	defer freeBytes(rp)
	var co C.trustaudit_doctor_options
	if phase > 0 {
		ms := phase.Milliseconds()
		if ms > 1<<31 {
			ms = 1 << 31
		}
		co.timeout_ms = C.uint32_t(ms)
	}
	co.target, co.target_len = tp, tn
	co.bundle_path, co.bundle_path_len = bp, bn
	co.root_path, co.root_path_len = rp, rn
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_doctor_json(C.uint32_t(tool), &co, out, n)
	})
	runtime.KeepAlive(&co)
	if err != nil {
		return nil, err
	}
	var r DoctorReport
	mustDecode(js, &r)
	return &r, nil
}

// phaseTimeout is the per-phase timeout a call under ctx gets: the configured one, cut to a
// quarter of what is left before ctx's deadline (a probe has four phases), never under 1 ms.
func phaseTimeout(ctx context.Context, configured time.Duration) time.Duration {
	phase := configured
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl) / 4; phase == 0 || left < phase {
			phase = left
		}
		if phase < time.Millisecond {
			phase = time.Millisecond
		}
	}
	return phase
}

// untilDone runs the blocking call in a goroutine and returns its result, or ctx's error as
// soon as ctx is done. The C call cannot be interrupted: an abandoned one finishes in the
// background within its own timeouts, and its result is dropped.
func untilDone[T any](ctx context.Context, call func() (T, error)) (T, error) {
	type result struct {
		value T
		err   error
	}
	done := make(chan result, 1)
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.value, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
