package trustaudit

import (
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The benchmarks compare trustaudit with crypto/x509 on identical inputs. Run them against
// the release library: `make bench-go` (go test -tags trustaudit_release -bench .).

// verifyFixture is one chain and its roots, in both libraries' forms.
type verifyFixture struct {
	goRoots, goInters *x509.CertPool
	goLeaf            *x509.Certificate
	store             *TrustStore
	verifier          *Verifier
	chain             *Chain
}

func newVerifyFixture(b *testing.B) *verifyFixture {
	p := newPKI(b)
	f := &verifyFixture{goRoots: x509.NewCertPool(), goInters: x509.NewCertPool(), goLeaf: p.leaf.cert}
	f.goRoots.AddCert(p.root.cert)
	f.goInters.AddCert(p.inter.cert)
	var err error
	if f.store, err = StoreFromX509("bench", []*x509.Certificate{p.root.cert}); err != nil {
		b.Fatal(err)
	}
	if f.verifier, err = NewVerifier(f.store); err != nil {
		b.Fatal(err)
	}
	if f.chain, err = ChainFromX509([]*x509.Certificate{p.leaf.cert, p.inter.cert}); err != nil {
		b.Fatal(err)
	}
	return f
}

func (f *verifyFixture) close() {
	f.chain.Close()
	f.verifier.Close()
	f.store.Close()
}

// BenchmarkVerify verifies the same chain (leaf + intermediate, ECDSA P-256) for the same name
// against the same single root: trustaudit through cgo vs crypto/x509. crypto/x509 caches
// nothing between calls here either: both get the parsed chain and a prepared root set.
func BenchmarkVerify(b *testing.B) {
	f := newVerifyFixture(b)
	defer f.close()
	opts := &VerifyOptions{Name: "www.example.test"}
	goOpts := x509.VerifyOptions{Roots: f.goRoots, Intermediates: f.goInters, DNSName: "www.example.test"}
	var ta, gx float64
	b.Run("trustaudit", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v, err := f.verifier.Verify(f.chain, opts)
			if err != nil || !v.Trusted {
				b.Fatal(v, err)
			}
		}
		ta = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("crypto_x509", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := f.goLeaf.Verify(goOpts); err != nil {
				b.Fatal(err)
			}
		}
		gx = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	if ta > 0 && gx > 0 {
		fmt.Printf("verify: trustaudit %.1f µs/op, crypto/x509 %.1f µs/op, throughput ratio trustaudit/crypto_x509 = %.2fx\n",
			ta/1e3, gx/1e3, gx/ta)
	}
}

// BenchmarkVerifyParallel is BenchmarkVerify on every core: one Verifier shared by all
// goroutines.
func BenchmarkVerifyParallel(b *testing.B) {
	f := newVerifyFixture(b)
	defer f.close()
	opts := &VerifyOptions{Name: "www.example.test"}
	goOpts := x509.VerifyOptions{Roots: f.goRoots, Intermediates: f.goInters, DNSName: "www.example.test"}
	b.Run("trustaudit", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if v, err := f.verifier.Verify(f.chain, opts); err != nil || !v.Trusted {
					b.Fatal(v, err)
				}
			}
		})
	})
	b.Run("crypto_x509", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := f.goLeaf.Verify(goOpts); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// childEnv names the variable that makes this test binary load one system store and exit:
// x509.SystemCertPool caches its pool for the life of a process, so a fair comparison of
// store loading needs a fresh process per measurement.
const childEnv = "TRUSTAUDIT_BENCH_LOAD_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "count_pool":
		pool, err := x509.SystemCertPool()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(len(pool.Subjects())) //nolint:staticcheck // a count only
		os.Exit(0)
	case "trustaudit":
		start := time.Now()
		s, err := System()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		elapsed := time.Since(start)
		fmt.Println(elapsed.Nanoseconds(), s.Len())
		os.Exit(0)
	case "crypto_x509":
		start := time.Now()
		pool, err := x509.SystemCertPool()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		elapsed := time.Since(start)
		fmt.Println(elapsed.Nanoseconds(), len(pool.Subjects())) //nolint:staticcheck // a count only
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// loadInChild runs this binary once in load mode and returns the measured load time.
func loadInChild(b *testing.B, which string) (time.Duration, int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+which)
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s child: %v", which, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2 {
		b.Fatalf("%s child printed %q", which, out)
	}
	ns, _ := strconv.ParseInt(fields[0], 10, 64)
	n, _ := strconv.Atoi(fields[1])
	return time.Duration(ns), n
}

// BenchmarkLoadSystemStore loads the system store in a fresh process each time: trustaudit's
// System() vs x509.SystemCertPool() (both read SSL_CERT_FILE / SSL_CERT_DIR when set, else the
// distribution's bundle). It reports the median first-load time of each and the ratio.
func BenchmarkLoadSystemStore(b *testing.B) {
	const runs = 15
	// The harness calls a benchmark several times while sizing b.N; measure once.
	loadOnce.Do(func() {
		for _, which := range []string{"trustaudit", "crypto_x509"} {
			var times []time.Duration
			for i := 0; i < runs; i++ {
				d, n := loadInChild(b, which)
				times = append(times, d)
				counts[which] = n
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			medians[which] = times[runs/2]
		}
		fmt.Printf("system store load (fresh process, median of %d): trustaudit %v (%d roots), x509.SystemCertPool %v (%d subjects), speed ratio = %.2fx\n",
			runs, medians["trustaudit"], counts["trustaudit"], medians["crypto_x509"], counts["crypto_x509"],
			float64(medians["crypto_x509"])/float64(medians["trustaudit"]))
	})
	b.ReportMetric(float64(medians["trustaudit"].Microseconds()), "trustaudit-µs/load")
	b.ReportMetric(float64(medians["crypto_x509"].Microseconds()), "crypto_x509-µs/load")
}

var (
	loadOnce sync.Once
	medians  = map[string]time.Duration{}
	counts   = map[string]int{}
)
