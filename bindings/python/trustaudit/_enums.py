"""Enumerations shared by the API, with their fixed C values (include/trustaudit.h)."""

from __future__ import annotations

import enum
import functools
from typing import Any

__all__ = ["NameMismatch", "Presented", "Profile", "Runtime", "Usage", "VerifyFailure"]


_OTHER = 999  # the C value of every enum's catch-all member


class _CEnum(enum.Enum):
    """An enum whose values are the JSON spellings; the C value is the member's position
    (``OTHER`` is 999), as the header numbers them."""

    @property
    def _c(self) -> int:
        return _c_values(type(self))[self]

    @classmethod
    def _from_c(cls, c: int) -> Any:
        for member, value in _c_values(cls).items():
            if value == c:
                return member
        if "OTHER" in cls.__members__:
            return cls.__members__["OTHER"]
        raise ValueError(f"{cls.__name__}: unknown C value {c}")


@functools.cache
def _c_values(cls: type[_CEnum]) -> dict[_CEnum, int]:
    return {m: (_OTHER if m.name == "OTHER" else i) for i, m in enumerate(cls)}


class Runtime(_CEnum):
    """A TLS client whose trust and verification rules trustaudit models."""

    GO = "go"
    OPENSSL = "openssl"
    CURL = "curl"
    PYTHON = "python"
    CERTIFI = "certifi"
    PIP = "pip"
    NODE = "node"
    GIT = "git"
    CARGO = "cargo"
    RUSTLS = "rustls"


class VerifyFailure(_CEnum):
    """Why a chain did not verify (``NONE`` when it did)."""

    NONE = "none"
    UNKNOWN_ISSUER = "unknown_issuer"
    SELF_SIGNED_LEAF = "self_signed_leaf"
    UNTRUSTED_ROOT = "untrusted_root"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    NAME_MISMATCH = "name_mismatch"
    BAD_SIGNATURE = "bad_signature"
    CA_USED_AS_END_ENTITY = "ca_used_as_end_entity"
    NOT_A_CA = "not_a_ca"
    PATH_LEN_EXCEEDED = "path_len_exceeded"
    NAME_CONSTRAINT_VIOLATION = "name_constraint_violation"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    WRONG_USAGE = "wrong_usage"
    UNSUPPORTED_CRITICAL_EXTENSION = "unsupported_critical_extension"
    DISTRUSTED = "distrusted"
    INVALID = "invalid"
    TOO_MANY_CERTIFICATES = "too_many_certificates"
    BUDGET_EXCEEDED = "budget_exceeded"
    OTHER = "other"


class Usage(_CEnum):
    """What the leaf is verified for."""

    SERVER_AUTH = "server_auth"
    CLIENT_AUTH = "client_auth"


class Profile(_CEnum):
    """Which rules verification applies."""

    #: Browser / CA/Browser Forum rules (the default).
    STRICT = "strict"
    #: rustls-webpki exactly as rustls uses it.
    WEBPKI = "webpki"


class NameMismatch(_CEnum):
    """Why a runtime refuses a certificate for a name (``NONE`` when it matched)."""

    NONE = "none"
    NO_NAMES = "no_names"
    NOT_PRESENTED = "not_presented"
    CN_ONLY_IGNORED = "cn_only_ignored"
    CN_IGNORED_BECAUSE_SAN_PRESENT = "cn_ignored_because_san_present"
    IP_NEVER_MATCHES_DNS = "ip_never_matches_dns"
    IP_FAMILY_DIFFERS = "ip_family_differs"
    WILDCARD_NOT_LEFTMOST = "wildcard_not_leftmost"
    PARTIAL_WILDCARD = "partial_wildcard"
    WILDCARD_OVER_PUBLIC_SUFFIX = "wildcard_over_public_suffix"
    BARE_WILDCARD = "bare_wildcard"
    WILDCARD_LABEL_COUNT = "wildcard_label_count"
    WILDCARD_AND_IDNA = "wildcard_and_idna"
    WILDCARD_CHARACTERS = "wildcard_characters"
    TOO_MANY_WILDCARDS = "too_many_wildcards"
    TRAILING_DOT = "trailing_dot"
    MALFORMED_PRESENTED_NAME = "malformed_presented_name"
    UNICODE_PRESENTED_NAME = "unicode_presented_name"
    OTHER = "other"


class Presented(_CEnum):
    """Which presented identity matched a name."""

    NONE = "none"
    DNS_SAN = "dns_san"
    IP_SAN = "ip_san"
    COMMON_NAME = "common_name"
