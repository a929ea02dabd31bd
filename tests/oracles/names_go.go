// names_go: asks Go's crypto/x509 whether each certificate is valid for each name.
//
// Usage: go run names_go.go MANIFEST
// MANIFEST lines: id<TAB>leaf.pem<TAB>name[<TAB>name as typed, unused: Go is given A-labels]. Output lines: id<TAB>ok, id<TAB>fail<TAB>error text,
// or id<TAB>unparsable<TAB>error when Go refuses the certificate itself.
package main

import (
	"bufio"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	defer f.Close()
	certs := map[string]*x509.Certificate{}
	errs := map[string]error{}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 4)
		if len(parts) < 3 {
			continue
		}
		id, path, name := parts[0], parts[1], parts[2]
		c, ok := certs[path]
		if !ok && errs[path] == nil {
			data, err := os.ReadFile(path)
			if err == nil {
				block, _ := pem.Decode(data)
				if block == nil {
					err = fmt.Errorf("no PEM block")
				} else {
					c, err = x509.ParseCertificate(block.Bytes)
				}
			}
			if err != nil {
				errs[path] = err
			} else {
				certs[path] = c
			}
		}
		if e := errs[path]; e != nil {
			fmt.Fprintf(out, "%s\tunparsable\t%s\n", id, e)
			continue
		}
		if err := c.VerifyHostname(name); err != nil {
			fmt.Fprintf(out, "%s\tfail\t%s\n", id, strings.ReplaceAll(err.Error(), "\n", " "))
		} else {
			fmt.Fprintf(out, "%s\tok\n", id)
		}
	}
}
