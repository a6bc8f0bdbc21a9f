"""Turn the bytes of a file into text, or say why they are not text.

The order is: byte-order marks (UTF-8, UTF-16, UTF-32), magic numbers of
binary formats, NUL bytes, strict UTF-8, UTF-8 with a few bad bytes, then
Windows-1252 / Latin-1 for Western text and charset-normalizer for the rest.
"""

from __future__ import annotations

import codecs
import unicodedata

from ceasefire.errors import BadInput

__all__ = ["NotText", "decode_bytes", "sniff_binary"]


class NotText(BadInput):
    """The bytes are not text in an encoding we can read; ``reason`` is one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# (magic prefix, human name). Checked before anything else.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SNIFF = 8192


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            # "MZ" and "ID3"/"BZh"/"RIFF" are short; only trust them with a NUL nearby.
            if (
                len(magic) <= 3
                and magic not in (b"\xff\xd8\xff", b"\x1f\x8b")
                and (b"\x00" not in data[:_SNIFF])
            ):
                continue
            return name
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _looks_utf16_without_bom(head: bytes) -> str | None:
    """ASCII-range text in UTF-16 has a NUL in every other byte."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    n = len(odd)
    if odd.count(0) >= 0.4 * n and even.count(0) <= 0.02 * n:
        return "utf-16-le"
    if even.count(0) >= 0.4 * n and odd.count(0) <= 0.02 * n:
        return "utf-16-be"
    return None


def _has_control_garbage(text: str) -> bool:
    """True when the decoded head is full of control characters (binary in disguise)."""
    head = text[:_SNIFF]
    if not head:
        return False
    bad = sum(1 for ch in head if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    return bad > max(8, len(head) // 100)


def _western_share(text: str) -> float:
    """Share of letters that are ASCII; Western European text is mostly ASCII letters."""
    letters = ascii_letters = 0
    for ch in text[:200_000]:
        if ch.isalpha():
            letters += 1
            if ch < "\x80":
                ascii_letters += 1
    return ascii_letters / letters if letters else 1.0


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: Windows-1252/Latin-1 first, else detection."""
    try:
        text, enc = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = data.decode("latin-1"), "latin-1"
    if _western_share(text) >= 0.6:
        return text, enc
    # Mostly non-ASCII letters: probably Cyrillic, Greek, ... in a legacy code page.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return text, enc


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`NotText` when the bytes are not text."""
    bom = _bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as exc:
            raise NotText(
                f"starts with a {bom} byte-order mark but is not valid {bom} "
                f"(byte {exc.start}); re-save it as UTF-8"
            ) from None
    kind = sniff_binary(data)
    if kind is not None:
        hint = "; rename it to .pdf to ingest it" if kind == "PDF document" else ""
        raise NotText(f"binary file ({kind}), not text{hint}")
    head = data[:_SNIFF]
    if b"\x00" in head:
        enc16 = _looks_utf16_without_bom(head)
        if enc16 is None:
            raise NotText("binary file (contains NUL bytes), not text")
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            raise NotText("binary file (contains NUL bytes), not text") from None
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        lossy = data.decode("utf-8", errors="replace")
        n_bad = lossy.count("\ufffd")
        n_multi = sum(1 for ch in lossy[:2_000_000] if ch > "\x7f" and ch != "\ufffd")
        if n_multi >= 2 and n_bad <= max(3, n_multi // 10):
            text, enc = lossy, "utf-8 (with invalid bytes replaced)"
        else:
            text, enc = _decode_legacy(data)
    if _has_control_garbage(text):
        raise NotText("binary file (control characters), not text")
    return text, enc
