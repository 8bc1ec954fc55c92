"""The same int8 scores on every CPU: each MatMulInteger's weights read as unsigned bytes.

The shipped graphs (training/export_onnx.py: onnxruntime's dynamic quantisation) multiply unsigned
8-bit activations by signed 8-bit weights. On a CPU with AVX-512 VNNI (or AVX-VNNI) onnxruntime does
that exactly. On one with AVX2 alone it uses an instruction that adds two such products into 16
bits and saturates when they overflow, so the same comment scores differently: on the project's
355 school comments, up to 0.29 apart on a head and 0.26 on toxicity between two such machines,
enough to move a comment across a policy threshold (models/README.md).

With unsigned weights (``w + 128``, zero point ``zp + 128``: the same integers once the zero points
are taken off) onnxruntime takes its unsigned-by-unsigned path, which never saturates, so such a
CPU computes the same integer products as a VNNI CPU (a few float operations, such as attention's
softmax, are still rounded differently by the AVX2 and AVX-512 kernels: scores agree to about a
thousandth, models/README.md). On a VNNI CPU the two give identical scores; that path is a
quarter slower there, so a VNNI CPU keeps the signed weights. Nothing is re-quantised
and no second copy of the weights ships: the change is made on the bytes of the graph as it is
loaded, in place, one tensor at a time (``to_unsigned_weights``), by walking the protobuf wire
format (no ``onnx`` package at run time).

``MODERATOR_INT8_WEIGHTS`` = ``unsigned`` or ``signed`` overrides the choice (tests, benchmarks).
"""
from __future__ import annotations

import os

INT8, UINT8 = 3, 2  # onnx.TensorProto.DataType
_MODEL_GRAPH, _GRAPH_NODE, _GRAPH_INITIALIZER = 7, 1, 5
_NODE_INPUT, _NODE_OP_TYPE = 1, 4
_TENSOR_DATA_TYPE, _TENSOR_INT32_DATA, _TENSOR_NAME, _TENSOR_RAW_DATA = 2, 5, 8, 9
_RAW_DATA_TAG = bytes([_TENSOR_RAW_DATA << 3 | 2])


EXACT_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})  # /proc/cpuinfo's names
EXACT_FEATURES = frozenset({"AVX512VNNI", "AVXVNNI"})  # numpy's names for the same instructions


def cpu_features() -> dict[str, bool] | None:
    """The CPU's features as the CPU itself reports them (CPUID, read by numpy at import), which is
    what onnxruntime sees when it picks its kernels; None where numpy does not say."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features  # numpy 2
    except ImportError:
        try:
            from numpy.core._multiarray_umath import __cpu_features__ as features  # numpy 1
        except ImportError:
            return None
    return dict(features) if isinstance(features, dict) else None


def signed_is_exact(machine: str | None = None, features: dict[str, bool] | None = None,
                    cpuinfo: str | None = None) -> bool:
    """Whether onnxruntime multiplies int8 weights exactly on this CPU: not on an x86 CPU without
    VNNI (AVX2 alone saturates), nor on one whose features cannot be read. Other machines (ARM)
    keep the signed weights, taken to be exact there (not measured: the project has had no ARM
    machine to check on; MODERATOR_INT8_WEIGHTS=unsigned is the safe choice there).
    The features come from CPUID (``cpu_features``), else from /proc/cpuinfo's flags."""
    import platform

    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return True
    if features is None and cpuinfo is None:
        features = cpu_features()
    if features is not None:
        return any(features.get(name) for name in EXACT_FEATURES)
    if cpuinfo is None:
        try:
            with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
                cpuinfo = fh.read()
        except OSError:
            return False
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines()
                  if line.startswith("flags") and ":" in line), [])
    return bool(EXACT_FLAGS.intersection(flags))


def unsigned_weights_wanted() -> bool:
    """Whether graphs are loaded with unsigned weights: ``MODERATOR_INT8_WEIGHTS`` when it is set,
    else on CPUs where signed weights are not multiplied exactly."""
    choice = os.environ.get("MODERATOR_INT8_WEIGHTS", "").strip().lower()
    if choice in ("unsigned", "signed"):
        return choice == "unsigned"
    if choice:
        raise ValueError(f"MODERATOR_INT8_WEIGHTS must be 'unsigned' or 'signed', not {choice!r}")
    return not signed_is_exact()


class GraphFormatError(ValueError):
    """The bytes are not an ONNX graph this module can read."""


def _varint(read, pos: int) -> tuple[int, int]:  # noqa: ANN001 - read(offset, n) -> bytes
    value = shift = 0
    while True:
        b = read(pos, 1)
        if not b:
            raise GraphFormatError(f"truncated varint at byte {pos}")
        value |= (b[0] & 0x7F) << shift
        pos += 1
        if not b[0] & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise GraphFormatError(f"varint too long at byte {pos}")


def _fields(read, start: int, end: int):  # noqa: ANN001, ANN202
    """(field number, wire type, value start, value end or varint value, tag start) for each field
    in [start, end)."""
    pos = start
    while pos < end:
        at = pos
        tag, pos = _varint(read, pos)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            value, nxt = _varint(read, pos)
            yield field, wire, pos, value, at
            pos = nxt
        elif wire == 2:
            n, pos = _varint(read, pos)
            yield field, wire, pos, pos + n, at
            pos += n
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            raise GraphFormatError(f"unsupported wire type {wire} at byte {pos}")
        if pos > end:
            raise GraphFormatError(f"field {field} runs past its message (byte {pos} > {end})")


def node_op_and_inputs(node: bytes) -> tuple[str, list[str]]:
    """(operator, input names) of one serialised NodeProto."""
    inputs, op = [], ""
    for f, w, ns, ne, _ in _fields(lambda o, n: node[o:o + n], 0, len(node)):
        if f == _NODE_INPUT and w == 2:
            inputs.append(node[ns:ne].decode("utf-8", "replace"))
        elif f == _NODE_OP_TYPE and w == 2:
            op = node[ns:ne].decode("utf-8", "replace")
    return op, inputs


def to_unsigned_weights(fd: int, size: int) -> int:
    """Rewrite, in the open file ``fd`` (``size`` bytes, an ONNX ModelProto), every MatMulInteger's
    int8 weights (input 1) and their zero points (input 3) as uint8 of the same integers plus 128.
    All or nothing: when any of them cannot be rewritten in place (used by another node too, or
    kept in a form whose length would change), nothing is and the graph keeps its signed weights.
    Returns how many tensors were rewritten."""

    def read(offset: int, n: int) -> bytes:
        return os.pread(fd, n, offset)

    graphs = [(s, e) for f, w, s, e, _ in _fields(read, 0, size) if f == _MODEL_GRAPH and w == 2]
    weights: set[str] = set()
    elsewhere: set[str] = set()
    # name -> (data type byte offset, the data's tag offset, data start, data end, already raw bytes)
    tensors: dict[str, tuple[int, int, int, int, bool]] = {}
    for g_start, g_end in graphs:
        for field, wire, s, e, _ in _fields(read, g_start, g_end):
            if wire != 2:
                continue
            if field == _GRAPH_NODE:
                op, inputs = node_op_and_inputs(read(s, e - s))
                for k, name in enumerate(inputs):
                    (weights if op == "MatMulInteger" and k in (1, 3) else elsewhere).add(name)
            elif field == _GRAPH_INITIALIZER:
                name, dtype_at, data = "", -1, None
                for f, w, ts, te, tag_at in _fields(read, s, e):
                    if f == _TENSOR_NAME and w == 2:
                        name = read(ts, te - ts).decode("utf-8", "replace")
                    elif f == _TENSOR_DATA_TYPE and w == 0 and te == INT8:
                        dtype_at = ts
                    elif f == _TENSOR_RAW_DATA and w == 2:
                        data = (tag_at, ts, te, True)
                    elif f == _TENSOR_INT32_DATA and w == 2:  # packed: one varint per value
                        data = (tag_at, ts, te, False)
                if dtype_at >= 0 and data is not None:
                    tensors[name] = (dtype_at, *data)
    if not weights or weights & elsewhere or not weights <= set(tensors):
        return 0
    for name in weights:
        dtype_at, tag_at, start, end, raw = tensors[name]
        if read(dtype_at, 1) != bytes([INT8]):
            return 0
        # packed int32 values 0..127 are one byte each, the same length as raw int8 bytes; a
        # negative value takes ten, and its tensor cannot be rewritten in place
        if not raw and (read(tag_at, 1) != bytes([_TENSOR_INT32_DATA << 3 | 2])
                        or any(b & 0x80 for b in read(start, end - start))):
            return 0
    for name in sorted(weights):
        dtype_at, tag_at, start, end, raw = tensors[name]
        os.pwrite(fd, bytes([UINT8]), dtype_at)
        if not raw:  # int32_data -> raw_data: same length, one byte per value
            os.pwrite(fd, _RAW_DATA_TAG, tag_at)
        for chunk in range(start, end, 1 << 20):  # s + 128 as u8 is s's byte with its top bit flipped
            block = read(chunk, min(1 << 20, end - chunk))
            flipped = int.from_bytes(block, "little") ^ int.from_bytes(b"\x80" * len(block), "little")
            os.pwrite(fd, flipped.to_bytes(len(block), "little"), chunk)
    return len(weights)
