package trustaudit

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestMozillaStoreHasWellKnownRootsAndNoDiagnostics(t *testing.T) {
	s, err := Mozilla()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Name(); got != "mozilla" {
		t.Errorf("Name() = %q, want mozilla", got)
	}
	if n := s.Len(); n < 100 || n > 200 {
		t.Errorf("Len() = %d, want Mozilla's ~120 roots", n)
	}
	found := false
	for _, info := range s.RootInfo() {
		if strings.Contains(info.Subject, "CN=ISRG Root X1") {
			found = true
		}
	}
	if !found {
		t.Error("ISRG Root X1 is not in the Mozilla store")
	}
	r := s.LoadReport()
	if r.Kind != "mozilla" || r.Roots != s.Len() || len(r.Diagnostics) != 0 {
		t.Errorf("LoadReport() = %+v", r)
	}
}

func TestMemoryStoreKeepsGoodRootsAndReportsBadBlocksWithTheirLine(t *testing.T) {
	p := newPKI(t)
	bundle := append(pemOf(p.root.cert), []byte("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")...)
	bundle = append(bundle, pemOf(p.inter.cert, p.root.cert)...)
	s, err := LoadBytes("corp bundle", bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Name() != "corp bundle" || s.Len() != 2 {
		t.Fatalf("store %q has %d roots, want \"corp bundle\" with 2", s.Name(), s.Len())
	}
	r := s.LoadReport()
	if r.Duplicates != 1 {
		t.Errorf("Duplicates = %d, want 1", r.Duplicates)
	}
	if len(r.Diagnostics) != 1 {
		t.Fatalf("Diagnostics = %v, want one", r.Diagnostics)
	}
	d := r.Diagnostics[0]
	rootLines := bytes.Count(pemOf(p.root.cert), []byte("\n"))
	if d.Location == nil || d.Location.Line != rootLines+1 {
		t.Errorf("diagnostic %v, want it at line %d", d, rootLines+1)
	}
	root, err := s.Root(0)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if !bytes.Equal(root.DER(), p.root.cert.Raw) {
		t.Error("Root(0) is not the first root of the bundle")
	}
	if _, err := s.Root(2); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Root(2) error = %v, want ErrInvalidArgument", err)
	}
	if _, err := s.Root(-1); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Root(-1) error = %v, want ErrInvalidArgument", err)
	}
}

func TestCertificateAccessorsAgreeWithCryptoX509(t *testing.T) {
	p := newPKI(t)
	c, err := FromX509(p.leaf.cert)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := c.Subject(); got != "O=trustaudit tests, CN=www.example.test" {
		t.Errorf("Subject() = %q", got)
	}
	if got := c.Issuer(); got != "O=trustaudit tests, CN=Test Intermediate CA" {
		t.Errorf("Issuer() = %q", got)
	}
	if c.SHA256() != sha256.Sum256(p.leaf.cert.Raw) {
		t.Error("SHA256() differs from sha256(DER)")
	}
	if c.SPKISHA256() != sha256.Sum256(p.leaf.cert.RawSubjectPublicKeyInfo) {
		t.Error("SPKISHA256() differs from sha256(SPKI)")
	}
	info := c.Info()
	if info.Key != "ECDSA P-256" || info.Subject != c.Subject() {
		t.Errorf("Info() = %+v", info)
	}
	x, err := c.X509()
	if err != nil || !x.Equal(p.leaf.cert) {
		t.Errorf("X509() = %v, %v", x, err)
	}
}

func TestStoreFromX509AndContains(t *testing.T) {
	p := newPKI(t)
	s, err := StoreFromX509("pool", []*x509.Certificate{p.root.cert, p.inter.cert})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	root, _ := FromX509(p.root.cert)
	leaf, _ := FromX509(p.leaf.cert)
	defer root.Close()
	defer leaf.Close()
	if !s.Contains(root) || s.Contains(leaf) {
		t.Errorf("Contains(root)=%v Contains(leaf)=%v, want true false", s.Contains(root), s.Contains(leaf))
	}
	if _, err := StoreFromX509("pool", []*x509.Certificate{nil}); !errors.Is(err, ErrNullArgument) {
		t.Errorf("nil root error = %v, want ErrNullArgument", err)
	}
}

func TestLoadFileReadsABundleAndMissingPathsAreNotFound(t *testing.T) {
	p := newPKI(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "corp.pem")
	if err := os.WriteFile(path, pemOf(p.root.cert), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Len() != 1 || s.Name() != path {
		t.Errorf("LoadFile: %q with %d roots", s.Name(), s.Len())
	}
	_, err = LoadFile(filepath.Join(dir, "missing.pem"))
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file error = %v, want ErrNotFound and fs.ErrNotExist", err)
	}
	var te *Error
	if !errors.As(err, &te) || te.Code != CodeNotFound || !strings.Contains(te.Message, "missing.pem") {
		t.Errorf("errors.As: %#v", te)
	}
	if _, err := LoadFile(""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty path error = %v, want ErrInvalidArgument", err)
	}
	if _, err := LoadFile("bad\xffpath"); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("non-UTF-8 path error = %v, want ErrInvalidUTF8", err)
	}
}

func TestSystemStoreHonoursSSLCertFile(t *testing.T) {
	// Not parallel: it sets the process environment the C library reads.
	p := newPKI(t)
	path := filepath.Join(t.TempDir(), "only.pem")
	if err := os.WriteFile(path, pemOf(p.root.cert), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SSL_CERT_FILE", path)
	t.Setenv("SSL_CERT_DIR", "")
	s, err := System()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Name() != "system" || s.Len() != 1 {
		t.Errorf("System() with SSL_CERT_FILE=%s: %q with %d roots", path, s.Name(), s.Len())
	}
}

func TestBadInputIsAnErrorNeverACrash(t *testing.T) {
	cases := map[string][]byte{
		"nil":         nil,
		"empty":       {},
		"garbage":     []byte("this is not a certificate"),
		"truncated":   newPKI(t).leaf.cert.Raw[:50],
		"bad base64":  []byte("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"),
		"der garbage": {0x30, 0x82, 0xff, 0xff, 0x00},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseCertificate(in); !errors.Is(err, ErrParse) {
				t.Errorf("ParseCertificate error = %v, want ErrParse", err)
			}
			if _, err := ParseCertificateDER(in); !errors.Is(err, ErrParse) {
				t.Errorf("ParseCertificateDER error = %v, want ErrParse", err)
			}
			if _, err := ParseChain(in); !errors.Is(err, ErrParse) {
				t.Errorf("ParseChain error = %v, want ErrParse", err)
			}
			s, err := LoadPEM(in)
			if err != nil {
				t.Fatalf("LoadPEM error = %v, want an empty store", err)
			}
			defer s.Close()
			if s.Len() != 0 {
				t.Errorf("LoadPEM(%s) has %d roots", name, s.Len())
			}
		})
	}
	if _, err := FromX509(nil); !errors.Is(err, ErrNullArgument) {
		t.Errorf("FromX509(nil) = %v", err)
	}
	if _, err := ChainFromX509(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("ChainFromX509(nil) = %v", err)
	}
	if _, err := ChainFromX509([]*x509.Certificate{nil}); !errors.Is(err, ErrNullArgument) {
		t.Errorf("ChainFromX509([nil]) = %v", err)
	}
	if _, err := NewChain(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("NewChain() = %v", err)
	}
}

func TestParseErrorsCarryTheLibraryMessage(t *testing.T) {
	_, err := ParseCertificateDER([]byte{1, 2, 3})
	var te *Error
	if !errors.As(err, &te) {
		t.Fatalf("error %v is not *Error", err)
	}
	if te.Code != CodeParse || te.Code.String() != "TRUSTAUDIT_RESULT_PARSE_ERROR" {
		t.Errorf("Code = %d (%s)", te.Code, te.Code)
	}
	if te.Message == "" || !strings.HasPrefix(err.Error(), "trustaudit: ") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestHandlesPanicAfterCloseAndCloseIsIdempotent(t *testing.T) {
	s, err := LoadPEM(nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close()
	defer func() {
		if r := recover(); r != "trustaudit: TrustStore used after Close" {
			t.Errorf("recover() = %v", r)
		}
	}()
	s.Len()
}

func TestOneStoreIsSafeForConcurrentUse(t *testing.T) {
	s, err := Mozilla()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := s.Len()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				c, err := s.Root(i % want)
				if err != nil {
					errs <- err
					return
				}
				if !s.Contains(c) {
					errs <- errors.New("a root of the store is not in the store")
				}
				c.Close()
				if _, err := ParseCertificateDER([]byte("x")); !errors.Is(err, ErrParse) {
					errs <- err // the message must be this goroutine's, never another's
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestVersionAndABI(t *testing.T) {
	if Version() == "" || ABIVersion() != HeaderABIVersion {
		t.Errorf("Version()=%q ABIVersion()=%d HeaderABIVersion=%d", Version(), ABIVersion(), HeaderABIVersion)
	}
}
