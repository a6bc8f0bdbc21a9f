"""iter_documents / document_from_text: every format, every bad input, one batch."""

from __future__ import annotations

import builtins
import datetime as dt
import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from ceasefire.errors import BadInput
from ceasefire.ingest import doc_id_for, document_from_text, iter_documents
from ceasefire.types import Document, Skipped

BAD = Path(__file__).resolve().parent / "data" / "bad"
SAMPLE = Path(__file__).resolve().parents[1] / "ceasefire" / "data" / "sample"

_spec = importlib.util.spec_from_file_location("make_bad_corpus", BAD / "make_bad_corpus.py")
assert _spec is not None and _spec.loader is not None
make_bad_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad_corpus)

NON_LATIN = next(name for name in make_bad_corpus.files() if name.startswith("доклад"))
REPORT = (
    "Shelling Resumes Near Lorin\n\n"
    "MAREST, 4 March 2021 — Valdian artillery shelled positions near Lorin on Monday, "
    "the Orsan defence ministry said.\n\n"
    "Two soldiers were wounded, according to the ministry.\n"
)


def only(items: list[Document | Skipped]) -> Document | Skipped:
    assert len(items) == 1, items
    return items[0]


def read(path: Path, **kwargs: object) -> Document | Skipped:
    return only(list(iter_documents([path], **kwargs)))  # type: ignore[arg-type]


# ---------------------------------------------------------------- good inputs


def test_readers_txt_document_has_id_title_date_and_path(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.title == "Shelling Resumes Near Lorin"
    assert doc.published == dt.date(2021, 3, 4)
    assert doc.published_source == "text"
    assert doc.fmt == "txt"
    assert doc.path == str(path)
    assert doc.doc_id == doc_id_for(doc.text)
    assert doc.text.split("\n\n")[2] == "Two soldiers were wounded, according to the ministry."


def test_readers_cli_date_wins_over_text_date(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    doc = read(path, published=dt.date(2021, 3, 5))
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_source) == (dt.date(2021, 3, 5), "cli")


def test_readers_dateless_document_is_kept_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Background note\n\nThe mediators first met in 1992.\n", encoding="utf-8")
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.published is None and doc.published_source is None and doc.dateless


def test_readers_markdown_headline_and_published_line(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "# Talks In Marest\n\nPublished: 2022-11-01\n\n*Briefing note.*\n\n"
        "## Outcome\n\n- Both sides pledged restraint.\n- A new round is planned.\n",
        encoding="utf-8",
    )
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.fmt == "md"
    assert doc.title == "Talks In Marest"
    assert doc.published == dt.date(2022, 11, 1)
    assert doc.text == (
        "Talks In Marest\n\nPublished: 2022-11-01\n\nBriefing note.\n\nOutcome\n\n"
        "Both sides pledged restraint.\nA new round is planned."
    )


def test_readers_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i}: the Orsan ministry said Valdian drones struck a depot near Lorin.</p>"
        for i in range(4)
    )
    path.write_text(
        "<html><head><title>Drones Strike Depot | Imaginary News</title>"
        '<meta name="author" content="Jane Doe"><meta name="date" content="2021-06-02">'
        '<meta property="og:site_name" content="Imaginary News"></head><body>'
        "<nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
        f"<article><h1>Drones Strike Depot</h1>{body}</article>"
        "<footer><p>Copyright Imaginary News. Contact us.</p></footer></body></html>",
        encoding="utf-8",
    )
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.fmt == "html"
    assert doc.title == "Drones Strike Depot"
    assert doc.author == "Jane Doe"
    assert doc.publisher == "Imaginary News"
    assert (doc.published, doc.published_source) == (dt.date(2021, 6, 2), "metadata")
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.text.count("\n\n") >= 4  # every block is a paragraph
    assert "Paragraph 3: the Orsan ministry said" in doc.text


def test_readers_html_footnote_markers_are_not_glued_to_the_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    path.write_text(
        "<html><body><article><p>The 3<sup>rd</sup> round opened in Marest.<sup>12</sup> "
        "Both envoys attended.<sup class='ref'><a href='#n13'>[13]</a></sup></p>"
        "<p>The talks ended late on Monday after a long session.</p></article></body></html>",
        encoding="utf-8",
    )
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.text.startswith("The 3rd round opened in Marest. Both envoys attended.")


def test_readers_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert [d.path for d in iter_documents(str(path))] == [str(path)]  # type: ignore[arg-type]


def test_readers_html_without_date_metadata_takes_no_guess(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article>"
        + "<p>Valdian and Orsan negotiators met again in Marest this week.</p>" * 4
        + "<p>Copyright 2021 Imaginary News</p></article></body></html>",
        encoding="utf-8",
    )
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.published is None


def test_readers_pdf_text_layer_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    lines = [
        "Valdian forces and Orsan units exchanged fire along the river for a third",
        "day, officials in Marest said, and the mediators called for restraint from",
        "both sides. A spokesman said the talks would resume next week.",
    ]
    path.write_bytes(
        make_bad_corpus.text_pdf(lines, title="A Study Of Truces", created="20190307120000Z")
    )
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.fmt == "pdf"
    assert doc.title == "A Study Of Truces"
    assert (doc.published, doc.published_source) == (dt.date(2019, 3, 7), "metadata")
    assert "for a third day, officials in Marest said" in doc.text


def test_readers_jsonl_one_document_per_line_with_fields(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a", "title": "First", "published": "2020-10-26", "url": "https://example.org/1",
         "author": "J. Doe", "publisher": "Imaginary Wire", "text": "Talks resumed in Marest."},
        {"text": "MAREST, 5 May 2021 — Shelling was reported near Lorin."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = iter_documents([path])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.title, first.url, first.author, first.publisher) == (
        "First", "https://example.org/1", "J. Doe", "Imaginary Wire"
    )
    assert (first.published, first.published_source, first.fmt) == (
        dt.date(2020, 10, 26), "metadata", "jsonl"
    )
    assert first.path == f"{path}:1"
    assert (second.published, second.published_source) == (dt.date(2021, 5, 5), "text")


def test_readers_sample_corpus_dates_match_its_readme() -> None:
    docs = [d for d in iter_documents([SAMPLE]) if isinstance(d, Document)]
    by_name = {Path(d.path or "").name: d for d in docs}
    assert by_name["16_background-mediators.txt"].published is None
    for name, doc in by_name.items():
        if name[:2].isdigit() and name[3:7].isdigit():  # "01_1988-02-21_..."
            assert doc.published == dt.date.fromisoformat(name[3:13]), name
    jsonl = sorted(p for p in by_name if p.startswith("19_jsonl"))
    assert [by_name[p].published for p in jsonl] == [
        dt.date(2020, 10, 26), dt.date(2021, 6, 21), dt.date(2023, 10, 4)
    ]


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace-only.txt", "empty after cleaning"),
        ("image-png.txt", "binary file (PNG image), not text"),
        ("archive-zip.txt", "binary file (ZIP archive), not text"),
        ("actually-pdf.txt", "binary file (PDF document), not text"),
        ("scripts-only.html", "no main text"),
        ("truncated.pdf", "PDF is damaged or truncated"),
        ("encrypted.pdf", "PDF is encrypted"),
        ("no-text-layer.pdf", "PDF has no text layer"),
    ],
)
def test_readers_bad_file_is_skipped_with_reason(name: str, reason: str) -> None:
    out = read(BAD / name)
    assert isinstance(out, Skipped)
    assert out.path == str(BAD / name)
    assert out.reason.startswith(reason)
    assert "\n" not in out.reason


@pytest.mark.parametrize(
    ("name", "snippet"),
    [
        ("latin1.txt", "Les délégués se sont réunis à Genève"),
        ("cp1252.txt", "said “we will return” – and the talks ended…"),
        ("utf16-bom.txt", "Border guards of two fictional states"),
        ("invalid-utf8.txt", "Delegates met in Marest — the “first round”"),
        ("other-language.txt", "Переговоры возобновились в понедельник."),
        ("name with spaces.txt", "Border guards"),
        ("quote's \"double\".txt", "Quoted file name."),
        (NON_LATIN, "Non-Latin file name."),
    ],
)
def test_readers_odd_but_good_file_is_read(name: str, snippet: str) -> None:
    doc = read(BAD / name)
    assert isinstance(doc, Document), doc
    assert snippet in doc.text
    assert doc.path == str(BAD / name)


def test_readers_jsonl_bad_lines_are_skipped_one_by_one() -> None:
    out = list(iter_documents([BAD / "mixed-lines.jsonl"]))
    kinds = [(type(o).__name__, o.path.rsplit(":", 1)[1]) for o in out]  # type: ignore[union-attr]
    assert kinds == [("Document", "1"), ("Skipped", "2"), ("Skipped", "3"), ("Document", "4")]
    assert out[1].reason.startswith("invalid JSON on line 2: ")  # type: ignore[union-attr]
    assert out[2].reason == 'line 3 has no "text" field'  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "line 1 is a JSON list, not an object"),
        ('{"text": 5}', 'line 1: "text" must be a string'),
        ('{"text": "   "}', "empty after cleaning"),
    ],
)
def test_readers_jsonl_line_shapes(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert read(path) == Skipped(f"{path}:1", reason)


def test_readers_missing_path_is_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert read(missing) == Skipped(str(missing), "no such file or directory")


def test_readers_oversized_file_is_skipped_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Talks resumed. " * 1000, encoding="utf-8")
    out = read(path, max_bytes=1000)
    assert isinstance(out, Skipped)
    assert out.reason.startswith("file is too large (0.0 MB, the limit is 0.0 MB)")


def test_readers_unreadable_file_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, for whom chmod 000 changes nothing; make open() refuse instead.
    path = tmp_path / "locked.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    real_open = builtins.open

    def refusing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert read(path) == Skipped(str(path), "permission denied (cannot read the file)")


def test_readers_unlistable_directory_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another report about the talks.", encoding="utf-8")
    real_scandir = os.scandir

    def refusing_scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    first, second = iter_documents([tmp_path])  # sorted: "b.txt" before "locked"
    assert isinstance(first, Document) and first.path == str(tmp_path / "b.txt")
    assert second == Skipped(str(locked), "cannot list the directory: permission denied")


def test_readers_symlink_loop_is_visited_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "r.txt").write_text(REPORT, encoding="utf-8")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(root / "self")  # a link to itself
    out = list(iter_documents([root]))
    docs = [o for o in out if isinstance(o, Document)]
    assert [d.path for d in docs] == [str(root / "sub" / "r.txt")]
    loop = Skipped(str(root / "sub" / "back"), "directory already visited (symbolic link loop)")
    assert loop in out


def test_readers_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden directory text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden file text.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Third report on the talks.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First report on the talks.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Fourth report on the talks.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = list(iter_documents([tmp_path]))
    assert [Path(o.path or "").relative_to(tmp_path).as_posix() for o in out] == [
        "a.md", "b/c.txt", "c.txt", "image.png"
    ]
    assert out[3] == Skipped(str(tmp_path / "image.png"), "unsupported file type '.png'")


def test_readers_explicit_file_with_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "REPORT"
    path.write_text(REPORT, encoding="utf-8")
    doc = read(path)
    assert isinstance(doc, Document) and doc.fmt == "txt"


def test_readers_duplicate_text_in_one_batch_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("\n\n", "\n\n\n") + "   ", encoding="utf-8")
    first, second = iter_documents([tmp_path])
    assert isinstance(first, Document)
    reason = f"duplicate of {tmp_path / 'a.txt'} (same text)"
    assert second == Skipped(str(tmp_path / "b.txt"), reason)
    assert len(list(iter_documents([tmp_path], dedupe=False))) == 2


@pytest.mark.slow
def test_readers_fifty_megabyte_text_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    para = "Valdian forces shelled positions near Lorin on Monday, the ministry said. " * 7
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < 50_000_000:
            fh.write(f"Report {i}. {para}\n\n")
            i += 1
    doc = read(path)
    assert isinstance(doc, Document)
    assert len(doc.text) > 49_000_000
    assert doc.text.startswith("Report 0. Valdian forces")


def test_readers_two_megabyte_line_without_punctuation(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("ceasefire " * 200_000, encoding="utf-8")
    doc = read(path)
    assert isinstance(doc, Document)
    assert doc.title is None and doc.published is None
    assert len(doc.text) == 2_000_000 - 1


def test_readers_mixed_batch_every_good_file_yields_a_document(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(BAD, batch)
    (batch / "make_bad_corpus.py").unlink()
    (batch / "good.txt").write_text(REPORT, encoding="utf-8")
    (batch / "good.pdf").write_bytes(make_bad_corpus.text_pdf(["A readable PDF about the truce."]))
    out = list(iter_documents([batch, tmp_path / "missing.txt"]))
    docs = {Path(o.path or "").name for o in out if isinstance(o, Document)}
    skipped = {Path(o.path).name for o in out if isinstance(o, Skipped)}
    assert docs == {
        "cp1252.txt", "good.pdf", "good.txt", "invalid-utf8.txt", "latin1.txt",
        "mixed-lines.jsonl:1", "mixed-lines.jsonl:4", "name with spaces.txt",
        "other-language.txt", "quote's \"double\".txt", "utf16-bom.txt", NON_LATIN,
    }
    assert skipped == {
        "actually-pdf.txt", "archive-zip.txt", "empty.txt", "encrypted.pdf", "image-png.txt",
        "missing.txt", "mixed-lines.jsonl:2", "mixed-lines.jsonl:3", "no-text-layer.pdf",
        "scripts-only.html", "truncated.pdf", "whitespace-only.txt",
    }


# ---------------------------------------------------------------- document_from_text


def test_readers_document_from_text_empty_raises_bad_input() -> None:
    with pytest.raises(BadInput, match=r"no text is left in x\.txt"):
        document_from_text("<script>x</script>", path="x.txt")


def test_readers_document_from_text_metadata_date_beats_text_date() -> None:
    doc = document_from_text(REPORT, meta_date=dt.date(2021, 3, 6), fmt="cli", title=" A  B ")
    assert (doc.published, doc.published_source, doc.title) == (
        dt.date(2021, 3, 6), "metadata", "A B"
    )


def test_readers_reingesting_gives_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    first = read(path)
    path.write_text(REPORT.replace("\n", "\r\n"), encoding="utf-8")
    second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.doc_id == second.doc_id
