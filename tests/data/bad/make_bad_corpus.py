"""Write the small bad-input files of this directory (run it again to refresh them).

    .venv/bin/python tests/data/bad/make_bad_corpus.py

The texts are written for the tests; no sentence comes from a real article.
``text_pdf`` is also imported by the tests to build PDFs at test time.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

ENGLISH = (
    "Border guards of two fictional states exchanged fire near the village of Lorin.\n\n"
    "The defence ministry of Valdia said on Tuesday that two soldiers were wounded.\n"
)


def text_pdf(lines: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, one line each)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    info = []
    if title:
        info.append(f"/Title ({esc(title)})")
    if created:
        info.append(f"/CreationDate (D:{created})")
    if info:
        objects.append(("<< " + " ".join(info) + " >>").encode("latin-1"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R"
    if info:
        trailer += f" /Info {len(objects)} 0 R"
    out.write(f"{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("report.txt", ENGLISH)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["A locked report."]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def files() -> dict[str, bytes]:
    good_pdf = text_pdf(["Shelling was reported overnight near the river crossing at Lorin."])
    jsonl = [
        json.dumps({"title": "First report", "published": "2021-03-04",
                    "text": "Valdian artillery shelled positions near Lorin on Monday."}),
        '{"title": "Broken", "text": "this line is cut',
        json.dumps({"title": "No text here", "url": "https://example.org/x"}),
        json.dumps({"text": "Talks between the two delegations resumed in Marest on Friday."}),
    ]
    return {
        "empty.txt": b"",
        "whitespace-only.txt": b"   \n\t\n \r\n  \n",
        "image-png.txt": _png(),
        "archive-zip.txt": _zip(),
        "actually-pdf.txt": good_pdf,
        "invalid-utf8.txt": "Delegates met in Marest \u2014 the \u201cfirst round\u201d of talks "
        "ended without a deal.\n".encode()
        + b"A stray byte \xff\xfe slipped into this line.\n",
        "latin1.txt": "Les délégués se sont réunis à Genève; the ceasefire held at Lorin, "
        "said the café owner.\n".encode("latin-1"),
        "cp1252.txt": "The envoy said \u201cwe will return\u201d \u2013 and the talks "
        "ended\u2026 Officials in Marest were cautious.\n".encode("cp1252"),
        "utf16-bom.txt": ("\ufeff" + ENGLISH.replace("Lorin", "Tavel")).encode("utf-16-le"),
        "scripts-only.html": b"<!DOCTYPE html><html><head><title>Portal</title>"
        b"<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments);}</script>"
        b"<style>body{color:red}</style></head><body>"
        b"<nav><a href='/'>Home</a> | <a href='/world'>World</a> | "
        b"<a href='/about'>About us</a></nav>"
        b"<ul class='menu'><li><a href='/a'>Politics</a></li><li><a href='/b'>Sport</a></li></ul>"
        b"<script>gtag('config','G-123');</script></body></html>",
        "truncated.pdf": good_pdf[: len(good_pdf) // 3],
        "encrypted.pdf": _encrypted_pdf(),
        "no-text-layer.pdf": _blank_pdf(),
        "mixed-lines.jsonl": ("\n".join(jsonl) + "\n").encode(),
        "name with spaces.txt": ENGLISH.encode(),
        "quote's \"double\".txt": ("Quoted file name.\n\n" + ENGLISH.replace("Tuesday", "Monday"))
        .encode(),
        "доклад-Լոռի.txt": ("Non-Latin file name.\n\n" + ENGLISH.replace("two", "three")).encode(),
        "other-language.txt": "Переговоры возобновились в понедельник. Стороны обменялись "
        "пленными.\n".encode(),
    }


def main() -> None:
    for name, data in files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
