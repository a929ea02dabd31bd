package trustaudit_test

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"

	trustaudit "github.com/trustaudit/trustaudit/bindings/go"
)

// A corporate root, and the chain a server behind the corporate proxy presents.
func ExampleTrustStore_Verify() {
	corp, err := trustaudit.LoadFile("testdata/root.pem")
	if err != nil {
		log.Fatal(err)
	}
	defer corp.Close()
	pemChain, _ := os.ReadFile("testdata/chain.pem")
	chain, err := trustaudit.ParseChain(pemChain)
	if err != nil {
		log.Fatal(err)
	}
	defer chain.Close()

	v, err := corp.Verify(chain, &trustaudit.VerifyOptions{Name: "www.example.test"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("trusted:", v.Trusted, "path length:", v.PathLen)

	v, _ = corp.Verify(chain, &trustaudit.VerifyOptions{Name: "proxy.golang.org"})
	fmt.Println("trusted:", v.Trusted, "failure:", v.Failure)
	// Output:
	// trusted: true path length: 3
	// trusted: false failure: name_mismatch
}

// What each runtime would say about the same chain, in its own words.
func ExampleVerifier_Report() {
	corp, _ := trustaudit.LoadFile("testdata/root.pem")
	defer corp.Close()
	pemChain, _ := os.ReadFile("testdata/chain.pem")
	chain, _ := trustaudit.ParseChain(pemChain)
	defer chain.Close()
	verifier, err := trustaudit.NewVerifier(corp)
	if err != nil {
		log.Fatal(err)
	}
	defer verifier.Close()

	report, err := verifier.Report(chain, &trustaudit.VerifyOptions{Name: "proxy.golang.org"})
	if err != nil {
		log.Fatal(err)
	}
	goSays, _ := report.ForRuntime(trustaudit.RuntimeGo)
	fmt.Println(goSays.Text)
	// Output:
	// x509: certificate is valid for www.example.test, not proxy.golang.org
}

// Which stores trust a chain, and why the others do not.
func ExampleVerifyMatrix() {
	corp, _ := trustaudit.LoadFile("testdata/root.pem")
	defer corp.Close()
	mozilla, err := trustaudit.Mozilla()
	if err != nil {
		log.Fatal(err)
	}
	defer mozilla.Close()
	pemChain, _ := os.ReadFile("testdata/chain.pem")
	chain, _ := trustaudit.ParseChain(pemChain)
	defer chain.Close()

	rows, err := trustaudit.VerifyMatrix(chain, []*trustaudit.TrustStore{corp, mozilla},
		&trustaudit.VerifyOptions{Name: "www.example.test"})
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range rows {
		fmt.Printf("%s: trusted=%v\n", row.Store, row.Trusted)
		if !row.Trusted {
			fmt.Println("  why:", row.Why)
		}
	}
	// Output:
	// testdata/root.pem: trusted=true
	// mozilla: trusted=false
	//   why: root "Example Corp Root CA" is only in the testdata/root.pem store
}

// Go ignores a name that is only in the subject CN; Python's ssl still accepts it.
func ExampleCertificate_CheckName() {
	pemChain, _ := os.ReadFile("testdata/chain.pem")
	leaf, err := trustaudit.ParseCertificate(pemChain) // the first block: the server's
	if err != nil {
		log.Fatal(err)
	}
	defer leaf.Close()
	for _, rt := range []trustaudit.Runtime{trustaudit.RuntimeGo, trustaudit.RuntimeNode} {
		r, err := leaf.CheckName("127.0.0.1", rt)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rt, r.Matched, r.MatchedBy == trustaudit.PresentedIPSAN)
	}
	// Output:
	// go true true
	// node true true
}

// Errors compare with errors.Is, against trustaudit's sentinels or the standard library's.
func ExampleError() {
	_, err := trustaudit.LoadFile("testdata/missing.pem")
	fmt.Println(errors.Is(err, trustaudit.ErrNotFound), errors.Is(err, fs.ErrNotExist))
	var te *trustaudit.Error
	if errors.As(err, &te) {
		fmt.Println(te.Code)
	}
	// Output:
	// true true
	// TRUSTAUDIT_RESULT_NOT_FOUND
}

// Mozilla's set as compiled into the library: no file or network access.
func ExampleMozilla() {
	mozilla, err := trustaudit.Mozilla()
	if err != nil {
		log.Fatal(err)
	}
	defer mozilla.Close()
	for _, root := range mozilla.RootInfo() {
		if root.Subject == "C=US, O=Internet Security Research Group, CN=ISRG Root X1" {
			fmt.Println("found", root.Key)
		}
	}
	// Output:
	// found RSA 4096
}
