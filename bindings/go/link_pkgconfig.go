//go:build trustaudit_pkgconfig

package trustaudit

// Links the library `make install PREFIX=…` installed, found through trustaudit.pc
// (set PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig when PREFIX is not a system prefix). This links the
// shared library: run with LD_LIBRARY_PATH=$PREFIX/lib unless $PREFIX/lib is on the loader path.

// #cgo pkg-config: trustaudit
// #cgo CFLAGS: -DTRUSTAUDIT_FEATURE_PROBE
import "C"
