package trustaudit

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGoRuntimeStoreReadsTheTrustVariables(t *testing.T) {
	// Not parallel: sets the environment the C library reads.
	p := newPKI(t)
	dir := t.TempDir()
	bundle, empty := filepath.Join(dir, "corp.pem"), filepath.Join(dir, "certs")
	os.WriteFile(bundle, pemOf(p.root.cert), 0o600)
	os.Mkdir(empty, 0o700)
	t.Setenv("SSL_CERT_FILE", bundle)
	t.Setenv("SSL_CERT_DIR", empty) // else Go also reads its default directories
	v, err := View(RuntimeGo)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Installed {
		t.Skip("go is not installed: no Go view")
	}
	want := fmt.Sprintf("Go reads SSL_CERT_FILE (%s) plus SSL_CERT_DIR (%s), every file of each directory", bundle, empty)
	if v.Roots != 1 || v.Decision != want {
		t.Errorf("View(Go) = %d roots, %q; want 1, %q", v.Roots, v.Decision, want)
	}
	s, err := RuntimeStore(RuntimeGo)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Name() != "go" || s.Len() != 1 {
		t.Errorf("RuntimeStore(Go) = %q with %d roots", s.Name(), s.Len())
	}
	// What the Go runtime itself loads under the same variables, in a fresh process.
	out, err := goSystemPoolSubjects(t, bundle, empty)
	if err != nil {
		t.Skip("cannot run the go tool: ", err)
	}
	if out != "1" {
		t.Errorf("x509.SystemCertPool in a child with the same variables has %s roots, trustaudit predicts 1", out)
	}
	views, err := Views()
	if err != nil || len(views) != len(Runtimes) || views[0].Runtime != "go" {
		t.Errorf("Views() = %d views, %v", len(views), err)
	}
	if _, err := RuntimeStore(Runtime(99)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("RuntimeStore(99) = %v", err)
	}
}

// goSystemPoolSubjects runs this test binary as a child that prints how many roots
// x509.SystemCertPool holds under the given variables.
func goSystemPoolSubjects(t *testing.T, file, dir string) (string, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=count_pool", "SSL_CERT_FILE="+file, "SSL_CERT_DIR="+dir)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

func TestDiffFlagsTheLocallyAddedRoot(t *testing.T) {
	p := newPKI(t)
	corp, _ := StoreFromX509("corp", []*x509.Certificate{p.root.cert})
	moz, _ := Mozilla()
	defer corp.Close()
	defer moz.Close()
	d, err := DiffStores(corp, moz, moz, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Counts["only_in_a"] != 1 || d.Counts["locally_added"] != 1 || len(d.OnlyInB) != moz.Len() {
		t.Errorf("counts = %v, only in b %d", d.Counts, len(d.OnlyInB))
	}
	if r := d.OnlyInA[0]; r.Name != "Test Root CA" || len(r.Flags) != 1 || r.Flags[0] != "locally_added" {
		t.Errorf("only in a = %+v", r)
	}
	later, _ := DiffStores(corp, moz, nil, time.Now().Add(30*24*time.Hour))
	if later.Counts["locally_added"] != 0 || later.OnlyInA[0].Flags[0] != "expired" {
		t.Errorf("later = %v %+v", later.Counts, later.OnlyInA[0].Flags)
	}
}

func TestMitmproxyReissuedPublicNameIsIntercepted(t *testing.T) {
	mitm := issue(t, spec{cn: "mitmproxy", org: "mitmproxy", ca: true, pathLen: -1}, nil)
	leaf := issue(t, spec{cn: "proxy.golang.org", dns: []string{"proxy.golang.org"}}, mitm)
	moz, _ := Mozilla()
	system, _ := StoreFromX509("system", []*x509.Certificate{mitm.cert})
	defer moz.Close()
	defer system.Close()
	in, err := NewInspector(moz, system)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	chain, _ := ChainFromX509([]*x509.Certificate{leaf.cert})
	defer chain.Close()
	v, err := in.Verdict(chain, "proxy.golang.org")
	if err != nil {
		t.Fatal(err)
	}
	if v.Level != LevelIntercepted || v.Product != "mitmproxy" || v.EvidenceCount != 4 || v.Level.String() != "intercepted" {
		t.Errorf("Verdict = %+v", v)
	}
	r, err := in.Report(chain, "proxy.golang.org")
	if err != nil {
		t.Fatal(err)
	}
	var signals []string
	for _, e := range r.Evidence {
		signals = append(signals, e.Signal)
	}
	if got := strings.Join(signals, ","); got != "private_anchor,system_not_mozilla,product_match,missing_scts" {
		t.Errorf("evidence = %s", got)
	}
	if r.Product == nil || r.Product.Vendor != "mitmproxy project" {
		t.Errorf("product = %+v", r.Product)
	}
	sct, err := SCTs(chain, nil)
	if err != nil || len(sct.SCTs) != 0 || sct.IssuerFound {
		t.Errorf("SCTs = %+v, %v", sct, err)
	}
	if _, err := SCTs(chain, []byte("not OCSP")); !errors.Is(err, ErrParse) {
		t.Errorf("bad OCSP: %v", err)
	}
	if _, err := NewInspector(moz, nil); !errors.Is(err, ErrNullArgument) {
		t.Errorf("nil local store: %v", err)
	}
}

// tlsServer serves p's chain on 127.0.0.1 until the test ends; hang makes it accept TCP and
// never answer the handshake.
func tlsServer(t *testing.T, p pki, hang bool) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	cert := tls.Certificate{Certificate: [][]byte{p.leaf.cert.Raw, p.inter.cert.Raw}, PrivateKey: p.leaf.key}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if hang {
					buf := make([]byte, 1)
					c.Read(buf)
					time.Sleep(3 * time.Second)
					return
				}
				s := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}})
				s.Handshake()
				buf := make([]byte, 1)
				s.Read(buf)
			}(c)
		}
	}()
	return ln.Addr().String()
}

func TestProbeRecordsTheChainALoopbackServerPresents(t *testing.T) {
	p := newPKI(t)
	addr := tlsServer(t, p, false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r, err := Probe(ctx, "www.example.test", &ProbeOptions{Proxy: ProxyDirect, ConnectTo: addr, PhaseTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.Failure != nil || r.TLS == nil || r.TLS.Version != "TLSv1.3" || r.SNI == nil || *r.SNI != "www.example.test" {
		t.Fatalf("Probe = %+v failure %+v", r, r.Failure)
	}
	if len(r.Chain) != 2 || r.Chain[0].Subject != "O=trustaudit tests, CN=www.example.test" {
		t.Errorf("chain = %+v", r.Chain)
	}
	defer r.Presented.Close()
	store, _ := StoreFromX509("corp", []*x509.Certificate{p.root.cert})
	defer store.Close()
	v, err := store.Verify(r.Presented, &VerifyOptions{Name: "www.example.test"})
	if err != nil || !v.Trusted || r.Presented.Len() != 2 {
		t.Errorf("verifying the presented chain: %+v %v", v, err)
	}
}

func TestDoctorGitNamesTheBrokenLinkAndTheFix(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: nothing to diagnose")
	}
	for _, v := range []string{"SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "CURL_CA_BUNDLE"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	addr := tlsServer(t, newPKI(t), false)
	url := "https://" + addr + "/repo.git"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r, err := Doctor(ctx, ToolGit, &DoctorOptions{Target: url, PhaseTimeout: 5 * time.Second, BundlePath: filepath.Join(t.TempDir(), "bundle.pem")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Tool != "git" || r.Command != "git ls-remote "+url || r.Broken == nil || r.Broken.Link != 0 || len(r.Links) != 1 {
		t.Fatalf("Doctor = %+v", r)
	}
	l := r.Links[0]
	if l.Status != "broken" || l.FailedPhase == nil || *l.FailedPhase != "trust" || l.Error == nil ||
		!strings.Contains(*l.Error, "server certificate verification failed") {
		t.Errorf("link = %+v", l)
	}
	want := "get the root that issued the presented chain (your IT department's inspection root), then re-run with --root FILE"
	if len(r.Fix) != 1 || r.Fix[0] != want {
		t.Errorf("Fix = %q", r.Fix)
	}
	if _, err := Doctor(context.Background(), ToolGit, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("git without a URL: %v", err)
	}
}

func TestProbeDeadlineBecomesThePhaseTimeout(t *testing.T) {
	addr := tlsServer(t, newPKI(t), true)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	r, err := Probe(ctx, "www.example.test", &ProbeOptions{Proxy: ProxyDirect, ConnectTo: addr, PhaseTimeout: 10 * time.Second})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("Probe = %v after %v, want a TLS timeout report within the deadline", err, elapsed)
	}
	if r.Failure == nil || r.Failure.Phase != "tls" || r.Failure.Kind != "timed_out" || elapsed > time.Second {
		t.Errorf("Probe = %+v after %v", r.Failure, elapsed)
	}
}

func TestProbeReturnsAtOnceWhenTheContextIsCanceled(t *testing.T) {
	addr := tlsServer(t, newPKI(t), true)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := Probe(ctx, "www.example.test", &ProbeOptions{Proxy: ProxyDirect, ConnectTo: addr, PhaseTimeout: 2 * time.Second})
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("Probe = %v after %v, want context.Canceled after ~100ms", err, time.Since(start))
	}
	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := Probe(done, "x", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Probe(canceled ctx) = %v", err)
	}
	if _, err := Probe(context.Background(), "", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Probe(\"\") = %v", err)
	}
}

func TestProbeOfAClosedPortIsAReportNotAnError(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	r, err := Probe(context.Background(), addr, &ProbeOptions{Proxy: ProxyDirect, PhaseTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	want := ProbeFailure{Phase: "tcp", Kind: "refused", Message: "tcp: connection to " + addr + " refused"}
	if r.Failure == nil || *r.Failure != want {
		t.Errorf("Failure = %+v, want %+v", r.Failure, want)
	}
}
