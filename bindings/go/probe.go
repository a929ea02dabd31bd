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
	phase := o.PhaseTimeout
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl) / 4; phase == 0 || left < phase {
			phase = left
		}
		if phase < time.Millisecond {
			phase = time.Millisecond
		}
	}
	type result struct {
		report *ProbeReport
		err    error
	}
	done := make(chan result, 1)
	go func() {
		r, err := probe(target, o, phase)
		done <- result{r, err}
	}()
	select {
	case r := <-done:
		return r.report, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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
	js, err := ownedString(func(out **C.char, n *C.size_t) C.trustaudit_result {
		return C.trustaudit_probe_json(tp, tn, &co, out, n)
	})
	runtime.KeepAlive(&co)
	if err != nil {
		return nil, err
	}
	var r ProbeReport
	mustDecode(js, &r)
	return &r, nil
}
