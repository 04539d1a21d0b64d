"""Lossless PNG recompression for the committed screenshots (``make screenshots``): the browser
writes PNGs with fast zlib settings; the same pixels recompressed at level 9 are smaller in git."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, body) of every chunk of a PNG, in order."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    chunks, at = [], len(SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def recompressed(data: bytes) -> bytes:
    """The same image with its pixel data (all IDAT chunks, joined) deflated at level 9."""
    parts = chunks(data)
    pixels = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
    out, idat_written = [SIGNATURE], False
    for kind, body in parts:
        if kind == b"IDAT":
            if not idat_written:
                out.append(_chunk(b"IDAT", zlib.compress(pixels, 9)))
                idat_written = True
        else:
            out.append(_chunk(kind, body))
    return b"".join(out)


def recompress(path: Path) -> tuple[int, int]:
    """Rewrite ``path`` when recompressing makes it smaller; (size before, size after)."""
    data = path.read_bytes()
    smaller = recompressed(data)
    if len(smaller) < len(data):
        path.write_bytes(smaller)
        return len(data), len(smaller)
    return len(data), len(data)
