//go:build trustaudit_release && !trustaudit_pkgconfig

package trustaudit

// Links the static library `make release` leaves in the repository's target/release.

// #cgo CFLAGS: -I${SRCDIR}/../../include -DTRUSTAUDIT_FEATURE_PROBE
// #cgo LDFLAGS: ${SRCDIR}/../../target/release/libtrustaudit.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
import "C"
