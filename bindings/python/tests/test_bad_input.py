"""Bad input at the boundary: None, wrong types, garbage, huge buffers -> exceptions, no crash."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Pki

import trustaudit
from trustaudit import Certificate, TrustStore, parse_chain

GARBAGE = [
    b"",
    b"this is not a certificate",
    b"\x30\x82\xff\xff\x00",
    b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
    b"-----BEGIN CERTIFICATE-----\nMIIB\n",
    bytes(range(256)) * 4,
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_certificates_raise_parse_error(data: bytes) -> None:
    with pytest.raises(trustaudit.ParseError) as info:
        Certificate.from_pem(data)
    assert isinstance(info.value, ValueError)
    assert info.value.code == 200
    assert info.value.message
    with pytest.raises(trustaudit.ParseError):
        Certificate.from_der(data)
    with pytest.raises(trustaudit.ParseError):
        parse_chain(data)


def test_truncated_der_is_a_parse_error_naming_the_problem(pki: Pki) -> None:
    with pytest.raises(trustaudit.ParseError, match="certificate"):
        Certificate.from_der(pki.leaf.der[:-1])
    with pytest.raises(trustaudit.ParseError):
        Certificate.from_der(pki.leaf.der + b"\x00")


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_bundles_give_empty_stores_not_errors(data: bytes) -> None:
    with TrustStore.from_pem(data) as store:
        assert len(store) == 0


@pytest.mark.parametrize("value", [None, 42, 1.5, object(), [b"x"], {"a": 1}])
def test_wrong_types_raise_type_error(value: Any) -> None:
    with pytest.raises(TypeError):
        Certificate.from_pem(value)
    with pytest.raises(TypeError):
        Certificate.from_der(value)
    with pytest.raises(TypeError):
        TrustStore.from_pem(value)
    if not isinstance(value, list):
        with pytest.raises(TypeError):
            TrustStore.from_path(value)


def test_none_and_empty_chains_are_rejected() -> None:
    with pytest.raises(TypeError):
        parse_chain(None)  # type: ignore[arg-type]
    with pytest.raises(trustaudit.ParseError, match="empty"):
        parse_chain([])


def test_huge_certificate_input_is_a_parse_error_not_a_crash() -> None:
    huge = b"\x30\x84\x10\x00\x00\x00" + b"\x00" * (300 * 1024)
    with pytest.raises(trustaudit.ParseError) as info:
        Certificate.from_der(huge)
    assert info.value.message == "certificate is 307206 bytes, over the 262144-byte limit"
    with pytest.raises(trustaudit.ParseError) as info:
        Certificate.from_pem(b"A" * (2 * 1024 * 1024))
    assert info.value.message == "no certificate found in the input"


def test_bundle_over_the_64_mib_limit_is_a_parse_error() -> None:
    with pytest.raises(trustaudit.ParseError) as info:
        TrustStore.from_pem(b"\n" * (64 * 1024 * 1024 + 1))
    assert info.value.message == "memory is 67108865 bytes, over the 67108864-byte limit"


def test_non_utf8_names_are_rejected_with_invalid_utf8() -> None:
    with pytest.raises(trustaudit.InvalidUtf8Error, match="name"):
        TrustStore.from_pem(b"", name="bad\udcffname")
    with pytest.raises(trustaudit.InvalidUtf8Error) as info:
        TrustStore.from_path(b"/tmp/\xff".decode("utf-8", "surrogateescape"))
    assert isinstance(info.value, ValueError)


def test_unknown_result_codes_map_to_the_base_error() -> None:
    err = trustaudit.errors.from_code(777, "strange")
    assert type(err) is trustaudit.Error
    assert str(err) == "strange (unknown result code 777)"
    assert type(trustaudit.errors.from_code(303, "slow")) is trustaudit.TimeoutExpired
    assert isinstance(trustaudit.errors.from_code(303, "slow"), TimeoutError)
