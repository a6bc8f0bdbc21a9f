"""Read files and directories into :class:`~ceasefire.types.Document` records.

:func:`iter_documents` never raises for a bad file: whatever cannot be read
(missing, unreadable, binary, empty, too large, mis-encoded, encrypted...)
comes out as a :class:`~ceasefire.types.Skipped` with a one-line reason, and
the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ceasefire.errors import BadInput
from ceasefire.ingest.cleaning import clean_text, unwrap_lines
from ceasefire.ingest.decode import NotText, decode_bytes, sniff_binary
from ceasefire.ingest.dedupe import Deduper, doc_id_for
from ceasefire.ingest.metadata import find_published, find_title, parse_metadata_date
from ceasefire.types import Document, Skipped

__all__ = [
    "FORMATS",
    "Unreadable",
    "WorkUnit",
    "document_from_text",
    "iter_documents",
    "read_file",
    "read_unit",
    "work_units",
]

#: file suffix -> format name
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}

_JSONL_FIELDS = ("title", "url", "author", "publisher")
_HTML_PRUNE = [
    "//nav",
    "//footer",
    "//aside",
    "//form",
    "//noscript",
    "//*[@role='navigation']",
    "//*[@role='banner']",
    "//*[@aria-hidden='true']",
]
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HTML_ORDINAL_SUP = re.compile(r"(\d)\s*<sup\b[^>]*>\s*(st|nd|rd|th|er|e)\s*</sup>", re.I)
_HTML_NOTE_SUP = re.compile(
    r"<sup\b[^>]*>\s*(?:<a\b[^>]*>)?\s*\[?[\w,*†‡§\s–-]{1,8}\]?\s*(?:</a>)?\s*</sup>", re.I
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_BAD_PDF_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - |untitled\b)|\.(?:docx?|pdf|rtf|odt)$", re.I
)


class Unreadable(BadInput):
    """A file or record that cannot be turned into a document; ``reason`` is one line."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        super().__init__(message or reason)
        self.reason = reason


# --------------------------------------------------------------------------- documents


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    path: str | None = None,
    url: str | None = None,
    fmt: str = "txt",
    author: str | None = None,
    publisher: str | None = None,
    meta_date: dt.date | None = None,
) -> Document:
    """Clean ``text`` and wrap it in a Document with its id, title and date.

    The publication date is, in order: ``published`` (source ``"cli"``),
    ``meta_date`` (``"metadata"``), a date the text states about itself
    (``"text"``); otherwise None. Raises :class:`Unreadable` (a ``BadInput``)
    when nothing is left after cleaning.
    """
    cleaned = clean_text(text)
    if not cleaned:
        where = f" in {path}" if path else ""
        raise Unreadable(
            "empty after cleaning",
            f"no text is left{where} once markup and boilerplate are removed; "
            "give a document that contains prose",
        )
    source: str | None = None
    date: dt.date | None = None
    if published is not None:
        date, source = published, "cli"
    elif meta_date is not None:
        date, source = meta_date, "metadata"
    else:
        date = find_published(text)
        source = "text" if date is not None else None
    title = _clean_field(title) or find_title(cleaned)
    return Document(
        doc_id=doc_id_for(cleaned),
        text=cleaned,
        title=title,
        author=_clean_field(author),
        publisher=_clean_field(publisher),
        published=date,
        published_source=source,
        path=path,
        url=_clean_field(url),
        fmt=fmt,
    )


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# --------------------------------------------------------------------------- formats


def _open_binary(path: Path) -> IO[bytes]:
    return open(path, "rb")  # closed by the callers' with-blocks


def _read_bytes(path: Path) -> bytes:
    with _open_binary(path) as fh:
        return fh.read()


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (cannot read the file)"
    return f"cannot read the file: {exc.strerror or exc}"


def _text_document(data: bytes, *, fmt: str, path: str, published: dt.date | None) -> Document:
    text, _ = decode_bytes(data)
    return document_from_text(text, fmt=fmt, path=path, published=published)


def _has_main_text(markup: str) -> bool:
    """True when the page has words outside scripts, styles, navigation and links."""
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return bool(_WORD.search(markup))
    for bad in root.xpath(
        "//script|//style|//noscript|//template|//nav|//footer|//header|//aside|//form"
        "|//button|//select|//*[@role='navigation']"
    ):
        bad.drop_tree()
    for link in root.xpath("//a"):
        link.drop_tree()  # keeps the text after the link
    words = _WORD.findall(root.text_content())
    return len(words) >= 3


def _html_document(markup: str, *, path: str, published: dt.date | None) -> Document:
    import trafilatura

    markup = _XML_DECL.sub("", markup, count=1)
    if "<sup" in markup or "<SUP" in markup:  # footnote markers would be glued to the text
        markup = _HTML_NOTE_SUP.sub("", _HTML_ORDINAL_SUP.sub(r"\1\2", markup))
    no_text = "no main text (the HTML page holds only scripts, styles, navigation or links)"
    if not _has_main_text(markup):
        raise Unreadable(no_text)
    extracted = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        prune_xpath=_HTML_PRUNE,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise Unreadable(no_text)
    # trafilatura puts every block (heading, paragraph, list item) on one line.
    body = body.replace("\n", "\n\n")
    return document_from_text(
        body,
        title=getattr(extracted, "title", None),
        author=getattr(extracted, "author", None),
        publisher=getattr(extracted, "sitename", None),
        url=getattr(extracted, "url", None),
        meta_date=parse_metadata_date(getattr(extracted, "date", None)),
        published=published,
        path=path,
        fmt="html",
    )


def _pdf_repeated_edges(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: first/last lines repeated on many pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {ln for ln in lines[:2] + lines[-2:]}
        counts.update(edges)
    return {ln for ln, n in counts.items() if n >= max(3, len(pages) // 2)}


def _reflow_pdf_page(lines: list[str]) -> str:
    """Join the lines of a page into paragraphs (PDF text comes one printed line at a time)."""
    lengths = sorted(len(ln) for ln in lines)
    width = lengths[int(0.8 * (len(lines) - 1))] if len(lines) >= 5 else lengths[-1] if lines else 0
    if width < 40:
        return "\n\n".join(lines)
    return "\n\n".join(unwrap_lines(lines, width=width))


def _pdf_document(data: bytes, *, path: str, published: dt.date | None) -> Document:
    damaged = "PDF is damaged or truncated"
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # its warnings repeat what the Skipped reason says
    try:
        return _pdf_document_quiet(data, path=path, published=published, damaged=damaged)
    finally:
        pypdf_log.setLevel(level)


def _pdf_document_quiet(
    data: bytes, *, path: str, published: dt.date | None, damaged: str
) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            encrypted = reader.is_encrypted
        except (
            PdfReadError,
            ValueError,
            KeyError,
            TypeError,
            IndexError,
            AttributeError,
            AssertionError,
            RecursionError,
        ) as exc:
            raise Unreadable(f"{damaged} ({_one_line(exc)})") from None
        if encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError, PdfReadError, ValueError, KeyError):
                ok = False
            if not ok:
                raise Unreadable(
                    "PDF is encrypted (it needs a password); decrypt it first, "
                    "e.g. with 'qpdf --decrypt'"
                )
        try:
            raw_pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # pypdf raises many kinds on broken content streams
            raise Unreadable(f"{damaged} ({_one_line(exc)})") from None
        if not any(page.strip() for page in raw_pages):
            if not raw_pages:
                raise Unreadable(f"{damaged} (no pages could be read)")
            raise Unreadable("PDF has no text layer (scanned pages?); run OCR on it first")
        title = author = None
        meta_date = None
        try:
            meta = reader.metadata
            if meta is not None:
                title, author = meta.title, meta.author
                meta_date = parse_metadata_date(meta.creation_date)
        except Exception:  # broken metadata must not lose the text
            pass
    pages = [[ln.strip() for ln in page.splitlines() if ln.strip()] for page in raw_pages]
    edges = _pdf_repeated_edges(pages)
    text = "\n\n".join(_reflow_pdf_page([ln for ln in lines if ln not in edges]) for lines in pages)
    if isinstance(title, str) and _BAD_PDF_TITLE.search(title.strip()):
        title = None
    return document_from_text(
        text,
        title=title,
        author=author,
        meta_date=meta_date,
        published=published,
        path=path,
        fmt="pdf",
    )


def _record_document(obj: dict[str, Any], *, where: str, fmt: str,
                     published: dt.date | None) -> Document:
    """A JSONL line or a Parquet row (``text`` plus optional metadata) as a Document."""
    return document_from_text(
        obj["text"],
        published=published,
        meta_date=parse_metadata_date(obj.get("published")),
        path=where,
        fmt=fmt,
        **{key: _clean_field(obj.get(key)) for key in _JSONL_FIELDS},
    )


def _jsonl_records(path: Path, *, published: dt.date | None, first_line: int = 1,
                   offset: int = 0, max_lines: int | None = None,
                   ) -> Iterator[Document | Skipped]:
    """Documents of a JSONL file, or of ``max_lines`` lines of it from byte ``offset``."""
    name = str(path)
    good = bad = 0
    whole = offset == 0 and max_lines is None
    with _open_binary(path) as fh:
        if offset == 0:
            head = fh.read(8192)
            kind = sniff_binary(head)
            if kind is not None or b"\x00" in head.lstrip(b"\xef\xbb\xbf"):
                yield Skipped(name, f"binary file ({kind or 'contains NUL bytes'}), not JSON Lines")
                return
        fh.seek(offset)
        for lineno, raw in enumerate(fh, first_line):
            if max_lines is not None and lineno >= first_line + max_lines:
                break
            if not raw.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                doc = _record_document(_jsonl_object(raw, lineno), where=where, fmt="jsonl",
                                       published=published)
            except Unreadable as exc:
                bad += 1
                yield Skipped(where, exc.reason)
                continue
            good += 1
            yield doc
    if whole and good == bad == 0:
        yield Skipped(name, "empty file")


def _parquet_records(path: Path, *, published: dt.date | None, first_row: int = 1,
                     max_rows: int | None = None) -> Iterator[Document | Skipped]:
    """Documents of a Parquet file with a ``text`` column (rows numbered from 1)."""
    import pyarrow.parquet as pq

    name = str(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        yield Skipped(name, f"not a readable Parquet file ({_one_line(exc)})")
        return
    fields = [f for f in ("text", "published", *_JSONL_FIELDS) if f in pf.schema_arrow.names]
    if "text" not in fields:
        yield Skipped(name, 'the Parquet file has no "text" column')
        return
    row = 0
    stop = None if max_rows is None else first_row + max_rows
    for batch in pf.iter_batches(batch_size=256, columns=fields):
        if stop is not None and row + 1 >= stop:
            break
        if row + batch.num_rows < first_row:
            row += batch.num_rows
            continue
        for obj in batch.to_pylist():
            row += 1
            if row < first_row or (stop is not None and row >= stop):
                continue
            where = f"{name}:{row}"
            text = obj.get("text")
            if not isinstance(text, str):
                yield Skipped(where, f'row {row}: "text" is empty or not a string')
                continue
            if obj.get("published") is not None and not isinstance(obj["published"], str):
                obj["published"] = str(obj["published"])
            try:
                yield _record_document(obj, where=where, fmt="parquet", published=published)
            except Unreadable as exc:
                yield Skipped(where, exc.reason)
    if row == 0 and first_row == 1:
        yield Skipped(name, "empty file (no rows)")


def _jsonl_object(raw: bytes, lineno: int) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"line {lineno} is not valid UTF-8 (JSON Lines must be UTF-8)") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"invalid JSON on line {lineno}: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise Unreadable(f"invalid JSON on line {lineno}: nested too deeply") from None
    if not isinstance(obj, dict):
        raise Unreadable(f"line {lineno} is a JSON {type(obj).__name__}, not an object")
    if "text" not in obj:
        raise Unreadable(f'line {lineno} has no "text" field')
    if not isinstance(obj["text"], str):
        raise Unreadable(f'line {lineno}: "text" must be a string')
    return obj


def _one_line(exc: BaseException, limit: int = 160) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    published: dt.date | None = None,
    max_bytes: int = 200_000_000,
) -> Iterator[Document | Skipped]:
    """Read one file (of format ``fmt``, or guessed from its suffix; unknown means text)."""
    path = Path(path)
    name = str(path)
    fmt = fmt or FORMATS.get(path.suffix.lower(), "txt")
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skipped(name, _os_reason(exc))
        return
    if size > max_bytes and fmt not in ("jsonl", "parquet"):  # those two are read record by record
        yield Skipped(
            name,
            f"file is too large ({_mb(size)}, the limit is {_mb(max_bytes)}); "
            "split it or raise max_bytes",
        )
        return
    try:
        if fmt == "jsonl":
            yield from _jsonl_records(path, published=published)
            return
        if fmt == "parquet":
            yield from _parquet_records(path, published=published)
            return
        data = _read_bytes(path)
        if not data:
            yield Skipped(name, "empty file")
            return
        if fmt == "pdf":
            yield _pdf_document(data, path=name, published=published)
        elif fmt == "html":
            markup, _ = decode_bytes(data)
            yield _html_document(markup, path=name, published=published)
        else:
            yield _text_document(data, fmt=fmt, path=name, published=published)
    except (NotText, Unreadable) as exc:
        yield Skipped(name, exc.reason)
    except OSError as exc:
        yield Skipped(name, _os_reason(exc))
    except Exception as exc:  # a library failing on odd input must not stop the batch
        detail = f"{type(exc).__name__}: {_one_line(exc)}"
        yield Skipped(name, f"could not read the {fmt} file ({detail})")


# --------------------------------------------------------------------------- walking


def _walk(directory: Path, visited: set[tuple[int, int]]) -> Iterator[tuple[Path, str] | Skipped]:
    try:
        st = directory.stat()
    except OSError as exc:
        yield Skipped(str(directory), f"cannot open the directory: {exc.strerror or exc}")
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        yield Skipped(str(directory), "directory already visited (symbolic link loop)")
        return
    visited.add(key)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        reason = (
            "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        )
        yield Skipped(str(directory), f"cannot list the directory: {reason}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(path, visited)
        elif is_file:
            fmt = FORMATS.get(path.suffix.lower())
            if fmt is None:
                yield Skipped(str(path), f"unsupported file type '{path.suffix or path.name}'")
            else:
                yield path, fmt
        elif entry.is_symlink():
            yield Skipped(str(path), "broken symbolic link")
        else:
            yield Skipped(str(path), "not a regular file")


def _expand(paths: Sequence[str | Path]) -> Iterator[tuple[Path, str] | Skipped]:
    visited: set[tuple[int, int]] = set()
    for item in paths:
        path = Path(item)
        try:
            if path.is_dir():
                yield from _walk(path, visited)
            elif path.is_file():
                yield path, FORMATS.get(path.suffix.lower(), "txt")
            elif path.is_symlink():
                yield Skipped(str(path), "broken symbolic link")
            elif path.exists():
                yield Skipped(str(path), "not a regular file")
            else:
                yield Skipped(str(path), "no such file or directory")
        except OSError as exc:
            yield Skipped(str(path), _os_reason(exc))


def iter_documents(
    paths: Sequence[str | Path],
    published: dt.date | None = None,
    max_bytes: int = 200_000_000,
    *,
    dedupe: bool = True,
) -> Iterator[Document | Skipped]:
    """Yield a Document for every readable file (or JSONL line), a Skipped for the rest.

    Directories are walked recursively in sorted order, hidden files and
    directories are left out, symbolic-link loops are visited once. With
    ``dedupe`` a document whose text was already seen in this batch comes
    out as a Skipped naming the first copy.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen = Deduper()
    for item in _expand(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        path, fmt = item
        for out in read_file(path, fmt=fmt, published=published, max_bytes=max_bytes):
            if dedupe and isinstance(out, Document):
                first = seen.first_seen(out.doc_id, out.path or str(path))
                if first is not None:
                    yield Skipped(out.path or str(path), f"duplicate of {first} (same text)")
                    continue
            yield out


# --------------------------------------------------------------------------- work units


@dataclass(frozen=True)
class WorkUnit:
    """A piece of the input that one worker reads on its own: a file, or a run of records.

    ``order`` sorts the units in the order :func:`iter_documents` reads them,
    so whichever engine reads them, the first copy of a duplicate is the same.
    """

    path: str
    fmt: str
    order: int
    first: int = 1  # first line (JSONL) or row (Parquet) of the run
    offset: int = 0  # byte offset of that line (JSONL)
    count: int | None = None  # lines or rows in the run; None for to the end


def work_units(paths: Sequence[str | Path], records_per_unit: int = 200,
               ) -> Iterator[WorkUnit | Skipped]:
    """Cut the input into work units: one per file, JSONL and Parquet files in runs of records."""
    import pyarrow.parquet as pq

    order = 0
    for item in _expand(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        path, fmt = item
        runs: list[tuple[int, int, int | None]] = [(1, 0, None)]
        try:
            if fmt == "jsonl":
                runs = []
                with _open_binary(path) as fh:
                    offset, line = 0, 1
                    start_offset, start_line = 0, 1
                    for raw in fh:
                        if line - start_line == records_per_unit:
                            runs.append((start_line, start_offset, records_per_unit))
                            start_line, start_offset = line, offset
                        offset += len(raw)
                        line += 1
                    runs.append((start_line, start_offset, None))
            elif fmt == "parquet":
                rows = pq.ParquetFile(path).metadata.num_rows
                runs = [(first, 0, records_per_unit)
                        for first in range(1, rows + 1, records_per_unit)] or [(1, 0, None)]
        except Exception:  # unreadable here: the reader reports why, as one unit
            runs = [(1, 0, None)]
        for first, offset, count in runs:
            yield WorkUnit(str(path), fmt, order, first, offset, count)
            order += 1


def read_unit(unit: WorkUnit, published: dt.date | None = None,
              max_bytes: int = 200_000_000) -> Iterator[Document | Skipped]:
    """The documents of one work unit (no deduplication: that is the caller's)."""
    path = Path(unit.path)
    if unit.fmt == "jsonl" and (unit.offset or unit.count is not None):
        yield from _jsonl_records(path, published=published, first_line=unit.first,
                                  offset=unit.offset, max_lines=unit.count)
    elif unit.fmt == "parquet" and (unit.first > 1 or unit.count is not None):
        yield from _parquet_records(path, published=published, first_row=unit.first,
                                    max_rows=unit.count)
    else:
        yield from read_file(path, fmt=unit.fmt, published=published, max_bytes=max_bytes)
