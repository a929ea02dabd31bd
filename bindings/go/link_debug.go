//go:build !trustaudit_release && !trustaudit_pkgconfig

package trustaudit

// Links the static library `make build` leaves in the repository's target/debug. Build with
// -tags trustaudit_release after `make release`, or -tags trustaudit_pkgconfig after
// `make install`, to link another build.

// #cgo CFLAGS: -I${SRCDIR}/../../include -DTRUSTAUDIT_FEATURE_PROBE
// #cgo LDFLAGS: ${SRCDIR}/../../target/debug/libtrustaudit.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
import "C"
