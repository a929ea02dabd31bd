package trustaudit

// #include "trustaudit.h"
import "C"

import "strconv"

// Runtime is a TLS client whose trust and verification rules trustaudit models.
type Runtime uint32

// The runtimes, with the header's fixed values.
const (
	RuntimeGo      Runtime = C.TRUSTAUDIT_RUNTIME_GO
	RuntimeOpenSSL Runtime = C.TRUSTAUDIT_RUNTIME_OPENSSL
	RuntimeCurl    Runtime = C.TRUSTAUDIT_RUNTIME_CURL
	RuntimePython  Runtime = C.TRUSTAUDIT_RUNTIME_PYTHON
	RuntimeCertifi Runtime = C.TRUSTAUDIT_RUNTIME_CERTIFI
	RuntimePip     Runtime = C.TRUSTAUDIT_RUNTIME_PIP
	RuntimeNode    Runtime = C.TRUSTAUDIT_RUNTIME_NODE
	RuntimeGit     Runtime = C.TRUSTAUDIT_RUNTIME_GIT
	RuntimeCargo   Runtime = C.TRUSTAUDIT_RUNTIME_CARGO
	RuntimeRustls  Runtime = C.TRUSTAUDIT_RUNTIME_RUSTLS
)

// Runtimes lists every runtime in the header's order.
var Runtimes = []Runtime{RuntimeGo, RuntimeOpenSSL, RuntimeCurl, RuntimePython, RuntimeCertifi,
	RuntimePip, RuntimeNode, RuntimeGit, RuntimeCargo, RuntimeRustls}

// String is the runtime's lowercase name as reports spell it ("go", "openssl", …).
func (r Runtime) String() string {
	if p := C.trustaudit_runtime_name(C.uint32_t(r)); p != nil {
		return C.GoString(p)
	}
	return "runtime(" + strconv.FormatUint(uint64(r), 10) + ")"
}

// VerifyFailure says why a chain did not verify; FailureNone when it did.
type VerifyFailure uint32

// The failure causes, with the header's fixed values.
const (
	FailureNone                         VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_NONE
	FailureUnknownIssuer                VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_UNKNOWN_ISSUER
	FailureSelfSignedLeaf               VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_SELF_SIGNED_LEAF
	FailureUntrustedRoot                VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_UNTRUSTED_ROOT
	FailureExpired                      VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_EXPIRED
	FailureNotYetValid                  VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_NOT_YET_VALID
	FailureNameMismatch                 VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_NAME_MISMATCH
	FailureBadSignature                 VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_BAD_SIGNATURE
	FailureCAUsedAsEndEntity            VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_CA_USED_AS_END_ENTITY
	FailureNotACA                       VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_NOT_A_CA
	FailurePathLenExceeded              VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_PATH_LEN_EXCEEDED
	FailureNameConstraintViolation      VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_NAME_CONSTRAINT_VIOLATION
	FailureUnsupportedAlgorithm         VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_UNSUPPORTED_ALGORITHM
	FailureWrongUsage                   VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_WRONG_USAGE
	FailureUnsupportedCriticalExtension VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_UNSUPPORTED_CRITICAL_EXTENSION
	FailureDistrusted                   VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_DISTRUSTED
	FailureInvalid                      VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_INVALID
	FailureTooManyCertificates          VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_TOO_MANY_CERTIFICATES
	FailureBudgetExceeded               VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_BUDGET_EXCEEDED
	FailureOther                        VerifyFailure = C.TRUSTAUDIT_VERIFY_FAILURE_OTHER
)

// String is the failure's name as JSON reports spell it ("unknown_issuer", "none", …), or
// "other" for a value the library does not name.
func (f VerifyFailure) String() string {
	if p := C.trustaudit_verify_failure_name(C.uint32_t(f)); p != nil {
		return C.GoString(p)
	}
	return "other"
}

// Usage is what the leaf is verified for.
type Usage uint32

// The usages.
const (
	UsageServerAuth Usage = C.TRUSTAUDIT_USAGE_SERVER_AUTH
	UsageClientAuth Usage = C.TRUSTAUDIT_USAGE_CLIENT_AUTH
)

// Profile is which rules verification applies.
type Profile uint32

// The profiles.
const (
	// ProfileStrict is browser / CA/Browser Forum rules (the default).
	ProfileStrict Profile = C.TRUSTAUDIT_PROFILE_STRICT
	// ProfileWebPKI is rustls-webpki exactly as rustls uses it.
	ProfileWebPKI Profile = C.TRUSTAUDIT_PROFILE_WEBPKI
)

// NameMismatch says why a runtime refuses a certificate for a name; NameMatched when it did
// not.
type NameMismatch uint32

// The name mismatch reasons, with the header's fixed values.
const (
	NameMatched                    NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_NONE
	NameNoNames                    NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_NO_NAMES
	NameNotPresented               NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_NOT_PRESENTED
	NameCNOnlyIgnored              NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_CN_ONLY_IGNORED
	NameCNIgnoredBecauseSANPresent NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_CN_IGNORED_BECAUSE_SAN_PRESENT
	NameIPNeverMatchesDNS          NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_IP_NEVER_MATCHES_DNS
	NameIPFamilyDiffers            NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_IP_FAMILY_DIFFERS
	NameWildcardNotLeftmost        NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_WILDCARD_NOT_LEFTMOST
	NamePartialWildcard            NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_PARTIAL_WILDCARD
	NameWildcardOverPublicSuffix   NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_WILDCARD_OVER_PUBLIC_SUFFIX
	NameBareWildcard               NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_BARE_WILDCARD
	NameWildcardLabelCount         NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_WILDCARD_LABEL_COUNT
	NameWildcardAndIDNA            NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_WILDCARD_AND_IDNA
	NameWildcardCharacters         NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_WILDCARD_CHARACTERS
	NameTooManyWildcards           NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_TOO_MANY_WILDCARDS
	NameTrailingDot                NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_TRAILING_DOT
	NameMalformedPresentedName     NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_MALFORMED_PRESENTED_NAME
	NameUnicodePresentedName       NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_UNICODE_PRESENTED_NAME
	NameOther                      NameMismatch = C.TRUSTAUDIT_NAME_MISMATCH_OTHER
)

// Presented is which presented identity matched a name.
type Presented uint32

// The identities a certificate presents.
const (
	PresentedNone       Presented = C.TRUSTAUDIT_PRESENTED_NONE
	PresentedDNSSAN     Presented = C.TRUSTAUDIT_PRESENTED_DNS_SAN
	PresentedIPSAN      Presented = C.TRUSTAUDIT_PRESENTED_IP_SAN
	PresentedCommonName Presented = C.TRUSTAUDIT_PRESENTED_COMMON_NAME
)
