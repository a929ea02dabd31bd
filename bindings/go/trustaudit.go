package trustaudit

// #include <stdlib.h>
// #include "trustaudit.h"
import "C"

import (
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"unsafe"
)

// Code is the kind of a failed call: the C library's trustaudit_result. Codes are grouped by
// hundreds by what the caller can do about them and never change value.
type Code uint32

// The result codes of include/trustaudit.h.
const (
	CodeOK              Code = C.TRUSTAUDIT_RESULT_OK
	CodeNullArgument    Code = C.TRUSTAUDIT_RESULT_NULL_ARGUMENT
	CodeInvalidArgument Code = C.TRUSTAUDIT_RESULT_INVALID_ARGUMENT
	CodeInvalidUTF8     Code = C.TRUSTAUDIT_RESULT_INVALID_UTF8
	CodeBufferTooSmall  Code = C.TRUSTAUDIT_RESULT_BUFFER_TOO_SMALL
	CodeParse           Code = C.TRUSTAUDIT_RESULT_PARSE_ERROR
	CodeIO              Code = C.TRUSTAUDIT_RESULT_IO
	CodeNotFound        Code = C.TRUSTAUDIT_RESULT_NOT_FOUND
	CodeNetwork         Code = C.TRUSTAUDIT_RESULT_NETWORK
	CodeTimeout         Code = C.TRUSTAUDIT_RESULT_TIMEOUT
	CodePanic           Code = C.TRUSTAUDIT_RESULT_PANIC
	CodeInternal        Code = C.TRUSTAUDIT_RESULT_INTERNAL
	// CodeABIMismatch is not a C code: the linked library implements another ABI than the
	// header this package was compiled with.
	CodeABIMismatch Code = 1000
)

// String is the code's name as the header writes it, such as "TRUSTAUDIT_RESULT_PARSE_ERROR".
func (c Code) String() string {
	if c == CodeABIMismatch {
		return "TRUSTAUDIT_ABI_MISMATCH"
	}
	return C.GoString(C.trustaudit_result_name(C.uint32_t(c)))
}

// Error is a failed call: the kind of failure and the library's message saying why.
type Error struct {
	// Code says what kind of failure happened.
	Code Code
	// Message says why, for a person.
	Message string
}

// Error returns the message prefixed with "trustaudit: ".
func (e *Error) Error() string { return "trustaudit: " + e.Message }

// Is reports whether target is an *Error with the same Code (so errors.Is(err, ErrParse)
// works), or the standard library error with the same meaning: fs.ErrNotExist for
// CodeNotFound and context.DeadlineExceeded for CodeTimeout.
func (e *Error) Is(target error) bool {
	switch target {
	case fs.ErrNotExist:
		return e.Code == CodeNotFound
	case context.DeadlineExceeded:
		return e.Code == CodeTimeout
	}
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is, one per Code; only their Code is compared.
var (
	ErrNullArgument    = &Error{Code: CodeNullArgument, Message: "a required argument is missing"}
	ErrInvalidArgument = &Error{Code: CodeInvalidArgument, Message: "an argument is not accepted"}
	ErrInvalidUTF8     = &Error{Code: CodeInvalidUTF8, Message: "a text argument is not UTF-8"}
	ErrBufferTooSmall  = &Error{Code: CodeBufferTooSmall, Message: "a buffer is too small"}
	ErrParse           = &Error{Code: CodeParse, Message: "input is not a certificate or bundle"}
	ErrIO              = &Error{Code: CodeIO, Message: "a file could not be read"}
	ErrNotFound        = &Error{Code: CodeNotFound, Message: "not found"}
	ErrNetwork         = &Error{Code: CodeNetwork, Message: "network failure"}
	ErrTimeout         = &Error{Code: CodeTimeout, Message: "timed out"}
	ErrPanic           = &Error{Code: CodePanic, Message: "the library panicked (a bug)"}
	ErrInternal        = &Error{Code: CodeInternal, Message: "internal error (a bug)"}
	ErrABIMismatch     = &Error{Code: CodeABIMismatch, Message: "library ABI does not match this package"}
)

var (
	abiOnce sync.Once
	abiErr  error
)

// checkABI fails every constructor when the linked library implements another ABI than the
// header this package was compiled against (possible only with a shared library).
func checkABI() error {
	abiOnce.Do(func() {
		if got, want := uint32(C.trustaudit_abi_version()), uint32(C.TRUSTAUDIT_ABI_VERSION); got != want {
			abiErr = &Error{Code: CodeABIMismatch, Message: fmt.Sprintf(
				"the linked library implements ABI %d but this package was built for ABI %d; rebuild one of them", got, want)}
		}
	})
	return abiErr
}

// call runs f and, on failure, reads the thread-local message on the same OS thread: two cgo
// calls may otherwise run on different threads and read another call's message.
func call(f func() C.trustaudit_result) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if rc := f(); rc != C.TRUSTAUDIT_RESULT_OK {
		msg := C.trustaudit_last_error()
		e := &Error{Code: Code(rc)}
		if msg != nil {
			e.Message = C.GoString(msg)
		} else {
			e.Message = Code(rc).String()
		}
		return e
	}
	return nil
}

// Version is the linked library's version, such as "0.1.0".
func Version() string { return C.GoString(C.trustaudit_version()) }

// ABIVersion is the ABI the linked library implements; it equals HeaderABIVersion unless the
// library and this package were built from different releases.
func ABIVersion() uint32 { return uint32(C.trustaudit_abi_version()) }

// HeaderABIVersion is the ABI of the header this package was compiled against.
const HeaderABIVersion = uint32(C.TRUSTAUDIT_ABI_VERSION)

// bytesArg passes a Go byte slice to C as (pointer, length) for the duration of one call. C
// never keeps the pointer: every function copies its input.
func bytesArg(b []byte) (*C.uint8_t, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))
}

// stringArg passes a Go string to C as (pointer, length) for the duration of one call.
func stringArg(s string) (*C.uint8_t, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// takeString copies an owned C string of n bytes into Go and releases it.
func takeString(p *C.char, n C.size_t) string {
	if p == nil {
		return ""
	}
	defer C.trustaudit_string_free(p)
	return C.GoStringN(p, C.int(n))
}

// ownedString runs a C function returning an owned (char **, size_t *) string.
func ownedString(f func(out **C.char, n *C.size_t) C.trustaudit_result) (string, error) {
	var out *C.char
	var n C.size_t
	if err := call(func() C.trustaudit_result { return f(&out, &n) }); err != nil {
		return "", err
	}
	return takeString(out, n), nil
}

// cBytes copies s into C memory (released with freeBytes); "" is (nil, 0).
func cBytes(s string) (*C.uint8_t, C.size_t) {
	if s == "" {
		return nil, 0
	}
	return (*C.uint8_t)(C.CBytes([]byte(s))), C.size_t(len(s))
}

// freeBytes releases memory from cBytes; nil is a no-op.
func freeBytes(p *C.uint8_t) {
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
}
