//go:build trustaudit_pkgconfig

package trustaudit

// Links the library `make install PREFIX=…` installed, found through trustaudit.pc
// (set PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig when PREFIX is not a system prefix).

// #cgo pkg-config: --static trustaudit
// #cgo CFLAGS: -DTRUSTAUDIT_FEATURE_PROBE
import "C"
