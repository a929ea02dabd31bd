"""Header drift: every trustaudit_* prototype in include/trustaudit.h is declared in _ffi.py with
the same arity and compatible types, and nothing else is."""

from __future__ import annotations

import ctypes
import re

from conftest import HEADER

from trustaudit import _ffi

_PROTO = re.compile(r"([A-Za-z_][\w \*]*?)\b(trustaudit_\w+)\s*\(([^;{]*?)\)\s*;", re.S)


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def _param_type(param: str) -> str:
    """The type of one C parameter: its name and the word ``struct`` dropped."""
    t = re.sub(r"\b\w+$", "", param) if ("*" in param or " " in param) else param
    t = re.sub(r"\bstruct\b", "", t)
    return " ".join(t.replace("*", " * ").split()).replace("* *", "**").replace(" *", " *")


def header_prototypes() -> dict[str, tuple[str, list[str]]]:
    """{name: (return type, [parameter types])} of every function in the header."""
    text = _strip_comments(HEADER.read_text())
    protos = {}
    for ret, name, params in _PROTO.findall(text):
        ret = " ".join(ret.split()[-3:]).strip()
        args = [p.strip() for p in params.split(",") if p.strip()]
        if args == ["void"]:
            args = []
        types = [_param_type(a) for a in args]
        protos[name] = (ret, types)
    return protos


_SCALARS: dict[str, object] = {
    "size_t": ctypes.c_size_t,
    "uint8_t": ctypes.c_uint8,
    "uint16_t": ctypes.c_uint16,
    "uint32_t": ctypes.c_uint32,
    "uint64_t": ctypes.c_uint64,
    "int32_t": ctypes.c_int32,
    "int64_t": ctypes.c_int64,
    "bool": ctypes.c_bool,
    "trustaudit_result": ctypes.c_uint32,
}


def _expected(c_type: str) -> object:
    """The ctypes type a C parameter type must be declared with ("pointer" for any pointer)."""
    t = " ".join(c_type.replace("const", " ").split())
    if "*" in t:
        return "pointer"
    return _SCALARS.get(t, t)


def _declared(t: object) -> object:
    if t in (ctypes.c_char_p, ctypes.c_void_p) or (
        isinstance(t, type) and issubclass(t, ctypes._Pointer)
    ):
        return "pointer"
    return t


def test_header_has_prototypes() -> None:
    protos = header_prototypes()
    assert "trustaudit_store_mozilla" in protos
    assert protos["trustaudit_store_from_bytes"][1] == [
        "const uint8_t *",
        "size_t",
        "const uint8_t *",
        "size_t",
        "const trustaudit_store **",
    ]
    assert protos["trustaudit_abi_version"] == ("uint32_t", [])


def test_every_header_function_is_declared_with_the_same_parameters() -> None:
    protos = header_prototypes()
    missing = sorted(set(protos) - set(_ffi.FUNCTIONS))
    extra = sorted(set(_ffi.FUNCTIONS) - set(protos))
    assert missing == [], f"declare these in trustaudit/_ffi.py: {missing}"
    assert extra == [], f"_ffi.py declares functions the header lacks: {extra}"
    mismatched = {}
    for name, (_, params) in protos.items():
        declared = [_declared(t) for t in _ffi.FUNCTIONS[name].argtypes]
        wanted = [_expected(p) for p in params]
        if declared != wanted:
            mismatched[name] = (wanted, declared)
    assert mismatched == {}


def test_return_types_match() -> None:
    for name, (ret, _) in header_prototypes().items():
        fn = _ffi.FUNCTIONS[name]
        if ret.endswith("trustaudit_result"):
            assert fn.restype is ctypes.c_uint32, name
            assert fn.errcheck is _ffi._raise_on_error, name
        elif ret.endswith("void") and "*" not in ret:
            assert fn.restype is None, name
        else:
            assert _declared(fn.restype) == _expected(ret), name


def test_abi_version_macro_matches_the_package() -> None:
    m = re.search(r"#define TRUSTAUDIT_ABI_VERSION (\d+)", HEADER.read_text())
    assert m is not None
    assert int(m.group(1)) == _ffi.ABI_VERSION == _ffi.abi_version()


def test_enum_spellings_match_the_library() -> None:
    from trustaudit import Runtime, VerifyFailure

    for failure in VerifyFailure:
        assert _ffi.verify_failure_name(failure._c).decode() == failure.value
    assert _ffi.verify_failure_name(12345) is None
    for runtime in Runtime:
        assert _ffi.runtime_name(runtime._c).decode() == runtime.value
    assert _ffi.runtime_name(len(Runtime)) is None
