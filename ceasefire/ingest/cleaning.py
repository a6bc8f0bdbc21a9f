"""Clean extracted text: markup residue, footnotes, reference lists, boilerplate.

:func:`clean_text` is pure. It keeps the paragraph structure the sentence
splitter relies on: paragraphs are separated by one blank line, a headline
stays on a line of its own, and lines inside a paragraph are kept as they are
unless the text is hard-wrapped (every line cut at a fixed width), in which
case the wrapped lines are joined again.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata

__all__ = ["clean_text", "is_boilerplate", "strip_inline_markup", "unwrap_lines"]

# --- character level -------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MULTI_SPACE = re.compile(r" {2,}")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# --- markup residue --------------------------------------------------------

_SCRIPT_BLOCK = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ORDINAL_SUP = re.compile(r"(\d)\s*<sup>\s*(st|nd|rd|th|er|e)\s*</sup>", re.I)
_FOOTNOTE_SUP = re.compile(r"<sup>[^<>]{0,12}</sup>", re.I)
_FOOTNOTE_SUP_LINE = re.compile(r"^[ \t]*<sup>\s*\d{1,3}\s*</sup>.*$", re.I | re.M)
_SUPSUB = re.compile(r"</?(?:sup|sub)>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|tr|table|section|article|blockquote)\b[^<>]{0,300}>", re.I
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,20}(?:\s[^<>]{0,300})?/?>")

_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,500})\]\((?:[^()\n]|\([^()\n]*\)){0,1000}\)")
_AUTOLINK = re.compile(r"<(?:https?://|ftp://|mailto:|www\.)[^<>\s]{1,2000}>", re.I)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_])_(?![\w])")
_LEFTOVER_STARS = re.compile(r"\*{2,}")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_CITE_MARK = re.compile(
    r"\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[a-z]|note \d{1,3}|nb \d{1,3}"
    r"|citation needed|clarification needed|failed verification|dubious|who\?|when\?"
    r"|according to whom\?|by whom\?|which\?)\]",
    re.I,
)
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[.,;:!?](?:\s|$))")
_EMPTY_PUNCT = re.compile(r"(?<=[.,;:)])\s+[.,](?=\s|$)|\(\s*\)")

# --- line level ------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\u2022)\s+")
_QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_REF_DEF = re.compile(r"^\s*\[[^\]]{1,100}\]:\s*\S+")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:<sup>\s*\d{1,3}\s*</sup>|\[\^?\d{1,3}\]:?|\^\d{1,3}\s)", re.I)
_CITE_THIS = re.compile(
    r"^\W*(?:to cite this (?:article|paper|page|item)|cite this (?:article|paper)"
    r"|how to cite(?: this article)?|please cite(?: this article)? as|recommended citation)\b",
    re.I,
)

# Boilerplate lines, tested on short lines only.
_TRACKING = re.compile(
    r"(?:^\s*<?!--|-->\s*$|\bgtag\s*\(|\bgtag\.js\b|googletagmanager|google-analytics|\bdataLayer\b"
    r"|\bfbq\s*\(|_gaq\.push|\bwindow\.\w+\s*=|document\.write\s*\(|\bjavascript\s*:)",
    re.I,
)
_JS_LINE = re.compile(
    r"^\s*(?:(?:var|let|const)\s+\w+\s*=|function\s*\w*\s*\(|\w+\s*\(.*\)\s*;\s*$)"
)
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|agree|settings|preferences|policy|we use"
    r"|this (?:site|website))\b|\b(?:accept|reject|manage)\s+(?:all\s+)?cookies\b"
    r"|\bcookie (?:policy|settings|notice|banner)\b",
    re.I,
)
_IMAGE_CREDIT = re.compile(
    r"^\W*(?:image|photo|picture|photograph|video|graphic|illustration|cover)\s*"
    r"(?:source|credit|credits|courtesy)?\s*:|^\W*(?:source|credit)s?\s*:\s*(?:getty|reuters|ap|afp"
    r"|shutterstock|wikimedia|epa|anadolu|tass)\b|^\W*(?:photo|image)\s+(?:by|via|courtesy of)\b",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_EMAIL_LABEL = re.compile(r"^\W*e-?mail\s*:", re.I)
_PHONE_LABEL = re.compile(
    r"^\W*(?:tel(?:ephone)?|phone|ph|fax|mob(?:ile)?|cell|gsm|t|f)\s*\.?\s*:?\s*\+?\(?\d[\d\s().\-/]{5,}",
    re.I,
)
_PHONE_ONLY = re.compile(r"^\W*\+?\(?\d[\d\s().\-/•|]{7,}\W*$")
_PHONE_ANY = re.compile(r"\b(?:tel|phone|fax)\b\s*\.?\s*:?\s*\+?\(?\d[\d\s().\-/]{5,}", re.I)
_COPYRIGHT = re.compile(
    r"^\W*(?:©|\(c\)\s*\d|copyright\b)|\ball rights reserved\b|^\W*(?:terms of (?:use|service)"
    r"|privacy policy)\W*$",
    re.I,
)
_ADDRESS_WORD = re.compile(
    r"\b(?:street|st\.|str\.|avenue|ave\.|road|rd\.|boulevard|blvd\.?|sok\.|sokak|sokağı|cad\."
    r"|caddesi|mah\.|mahallesi|suite|floor|bldg\.?|p\.?\s?o\.?\s+box|postfach|daire|plaza)(?!\w)",
    re.I,
)
_HOUSE_NUMBER = re.compile(r"\bno\s*[:.]\s*\d|\b\d{1,4}/[A-Za-z0-9]{1,3}\b", re.I)
_POSTCODE = re.compile(
    r"\b\d{4,6}\s+[A-ZÀ-ÝİŞĞÇÖÜ][A-ZÀ-ÝİŞĞÇÖÜa-zà-ÿ\-]{2,}|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"
)
_HANDLE_ONLY = re.compile(r"^\W*@\w{2,30}\W*$")
_URL_ONLY = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.I)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_SHARE = re.compile(
    r"^\W*(?:share(?: this(?: article| story)?)?|tweet|print|email this|follow us(?: on \w+)?"
    r"|subscribe(?: to our newsletter)?|sign up(?: for our newsletter)?|advertisement|read more"
    r"|related(?: articles| stories)?|skip to (?:main )?content)\W*$",
    re.I,
)
_NUMBERED_NOTE = re.compile(r"^\s*\d{1,3}[.)]?\s+(?:ibid\b|op\.\s*cit\b|id\.\s)", re.I)
_NUMBERED_CITATION = re.compile(r"^\s*\d{1,3}[.)]?\s+\S")
_CITATION_SIGNAL = re.compile(
    r"\bpp?\.\s*\d|\bvol\.\s*\d|\bno\.\s*\d|\bdoi\b|https?://|\bibid\b|\bop\.\s*cit\b"
    r"|\b(?:journal|quarterly|proceedings|yearbook|university press)\b"
    r"|\(\s*(?:1[89]|20)\d{2}\s*\)|\baccessed\b|\bretrieved\b",
    re.I,
)
_CITATION_PARTS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bno\.\s*\d", re.I), 1),
    (re.compile(r"\bvol\.\s*\d", re.I), 1),
    (re.compile(r"\((?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?(?:1[6-9]|20)\d{2}\)"), 1),
    (re.compile(r"\([A-Z][^():]{1,40}:\s*[^()]{2,80},\s*(?:1[6-9]|20)\d{2}\)"), 2),
    (re.compile(r"(?:\):|,)\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?\.?$"), 1),
    (re.compile(r"\bpp?\.\s*\d"), 1),
    (re.compile(r"\b(?:accessed|retrieved)\b", re.I), 1),
    (re.compile(r"\bet al\.?"), 1),
    (re.compile(r"\bibid\b|\bop\.\s*cit\b", re.I), 2),
    (re.compile(r"https?://|\bdoi\b", re.I), 1),
    (re.compile(r"[\"“][^\"”]{10,300}[,.?]?[\"”]"), 1),
)
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d{2}\b")
_REF_HEADING = re.compile(
    r"^\W*(?:references?|notes?|end ?notes|foot ?notes|bibliography|works cited|literature"
    r"|sources?|citations?|further reading|reference list|notes and references)\W*$",
    re.I,
)
_FINAL_PUNCT = '.!?…:;"”’»)]'
_SHORT = 200  # boilerplate tests run on lines up to this length
_HARD_WRAP_MIN_LINES = 8


def _normalise_chars(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _SPACES.sub(" ", text)
    return _CONTROL.sub("", text)


def _strip_html_residue(text: str) -> str:
    if "<" not in text:
        return text
    text = _FOOTNOTE_SUP_LINE.sub("", text)
    text = _SCRIPT_BLOCK.sub("\n", text)
    text = _HTML_COMMENT.sub("\n", text)
    text = _ORDINAL_SUP.sub(r"\1\2", text)
    text = _FOOTNOTE_SUP.sub("", text)
    text = _SUPSUB.sub("", text)
    text = _BR.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    return text


def strip_inline_markup(line: str) -> str:
    """Remove markdown/HTML residue inside one line (links, emphasis, tags, markers)."""
    if "<" in line:
        line = _AUTOLINK.sub("", line)
        line = _ORDINAL_SUP.sub(r"\1\2", line)
        line = _FOOTNOTE_SUP.sub("", line)
        line = _TAG.sub("", line)
    if "[" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _CITE_MARK.sub("", line)
    if "*" in line or "_" in line:
        line = _BOLD.sub(r"\2", line)
        line = _ITALIC_STAR.sub(r"\1", line)
        line = _ITALIC_UNDER.sub(r"\1", line)
        line = _LEFTOVER_STARS.sub("", line)
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    if "&" in line and _ENTITY.search(line):
        line = html.unescape(line)
    spaced_punct = " ." in line or " ," in line or " ;" in line or " :" in line
    if spaced_punct or "()" in line or "( )" in line:
        line = _EMPTY_PUNCT.sub("", line)
    if "  " in line:
        line = _MULTI_SPACE.sub(" ", line)
    line = line.strip()
    if spaced_punct or " !" in line or " ?" in line:
        line = _SPACE_BEFORE_PUNCT.sub("", line)
    return line


def is_boilerplate(line: str) -> bool:
    """True for a (cleaned, non-empty) line that carries no reportable content."""
    cookie = "ookie" in line or "OOKIE" in line
    if len(line) > _SHORT:
        return cookie and len(line) < 600 and bool(_COOKIE.search(line))
    if _TRACKING.search(line) or _JS_LINE.match(line):
        return True
    if _IMAGE_CREDIT.search(line) or _COPYRIGHT.search(line):
        return True
    if _HANDLE_ONLY.match(line) or _URL_ONLY.match(line) or _PAGE_NUMBER.match(line):
        return True
    if _SHARE.match(line) or (cookie and _COOKIE.search(line)):
        return True
    if _EMAIL_LABEL.match(line) or _PHONE_LABEL.match(line):
        return True
    if _PHONE_ONLY.match(line) and sum(ch.isdigit() for ch in line) >= 9:
        return True
    if _EMAIL.search(line) and len(line.split()) <= 12:
        return True
    if _PHONE_ANY.search(line) and len(line.split()) <= 20:
        return True
    if len(line.split()) <= 16 and any(ch.isdigit() for ch in line):
        # An address line: at least two of street word, house number, postcode.
        signals = sum(bool(rx.search(line)) for rx in (_ADDRESS_WORD, _HOUSE_NUMBER, _POSTCODE))
        return signals >= 2
    return False


def _citation_score(line: str) -> int:
    return sum(weight for rx, weight in _CITATION_PARTS if rx.search(line))


def _is_note_line(line: str) -> bool:
    """A footnote or reference entry ("12 Author, Title, Journal 3, no. 2 (2020): 7")."""
    if _NUMBERED_NOTE.match(line):
        return True
    if len(line) < 800 and _YEAR.search(line) and _citation_score(line) >= 3:
        return True
    if not _NUMBERED_CITATION.match(line) or len(line) > 700:
        return False
    return (
        bool(_YEAR.search(line))
        and len(_CITATION_SIGNAL.findall(line)) >= 1
        and (line.count(",") >= 2 or "http" in line)
    )


def _ends_sentence(line: str) -> bool:
    return line[-1:] in _FINAL_PUNCT if line else True


def unwrap_lines(lines: list[str], *, width: int | None = None) -> list[str]:
    """Join hard-wrapped lines of one paragraph; keep short lines (headings) apart.

    ``lines`` are the non-empty lines of one paragraph and ``width`` the wrap
    width (estimated from the lines when not given). A line is joined to the
    next one when it is close to that width (unless it ends a sentence well
    short of it), or when it does not end a sentence and the next line starts
    in lower case. A hyphen at the end of a line before a lower-case word is
    removed ("peace-" + "keeping" -> "peacekeeping").
    """
    if len(lines) < 2:
        return lines
    if width is None:
        width = sorted(len(ln) for ln in lines)[int(0.8 * (len(lines) - 1))]
    out: list[str] = []
    buf = lines[0]
    last = buf
    for nxt in lines[1:]:
        starts_lower = nxt[:1].islower()
        full = len(last) >= 0.7 * width
        ends = _ends_sentence(last)
        join = (full and not (ends and len(last) < 0.9 * width)) or (starts_lower and not ends)
        if join and last.endswith("-") and len(last) > 1 and last[-2].isalpha():
            buf = buf[:-1] + nxt if starts_lower else buf + nxt
        elif join:
            buf = f"{buf} {nxt}"
        else:
            out.append(buf)
            buf = nxt
        last = nxt
    out.append(buf)
    return out


def _hard_wrap_width(paragraphs: list[list[str]]) -> int | None:
    """The wrap width when the text is hard-wrapped (most lines cut near one width)."""
    lines = [ln for para in paragraphs for ln in para]
    if len(lines) < _HARD_WRAP_MIN_LINES:
        return None
    multi = [para for para in paragraphs if len(para) >= 3]
    if len(multi) < max(1, len(paragraphs) // 4):
        return None
    lengths = [len(ln) for ln in lines]
    if max(lengths) > 140:
        return None
    width = int(statistics.median(sorted(lengths)[len(lengths) // 2 :]))
    near = sum(1 for n in lengths if 0.75 * width <= n <= width * 1.1)
    return width if 40 <= width <= 110 and near >= 0.6 * len(lengths) else None


def _cut_reference_section(paragraphs: list[list[str]]) -> list[list[str]]:
    """Drop a trailing "References"/"Notes"/"Bibliography" section."""
    total = sum(len(ln) for para in paragraphs for ln in para) or 1
    seen = 0
    for i, para in enumerate(paragraphs):
        if seen >= 0.4 * total and len(para) == 1 and _REF_HEADING.match(para[0]):
            rest = [ln for p in paragraphs[i + 1 :] for ln in p]
            if not rest or sum(1 for ln in rest if _YEAR.search(ln)) >= 0.3 * len(rest):
                return paragraphs[:i]
        seen += sum(len(ln) for ln in para)
    return paragraphs


def _merge_broken_paragraphs(paragraphs: list[list[str]]) -> list[list[str]]:
    """Rejoin a paragraph cut in two by a page break or a removed footnote block."""
    out: list[list[str]] = []
    for para in paragraphs:
        if out:
            last = out[-1][-1]
            broken = (
                len(last) > 80
                and not _ends_sentence(last)
                and (para[0][:1].islower() or (len(last) > 200 and len(para[0]) > 80))
            )
            if broken:
                out[-1][-1] = f"{last} {para[0]}"
                out[-1].extend(para[1:])
                continue
        out.append(para)
    return out


def clean_text(raw: str) -> str:
    """Return the readable text of ``raw``: markup, notes and boilerplate removed.

    Paragraphs are separated by exactly one blank line; headings become
    paragraphs of their own; consecutive duplicate lines are collapsed; the
    result has no leading or trailing whitespace.
    """
    text = _strip_html_residue(_normalise_chars(raw))
    paragraphs: list[list[str]] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        nonlocal current
        if current:
            paragraphs.append(current)
            current = []

    for raw_line in text.split("\n"):
        if _FENCE.match(raw_line):
            in_fence = not in_fence
            flush()
            continue
        stripped = raw_line.strip()
        if not stripped:
            flush()
            continue
        if _FOOTNOTE_LINE.match(stripped) or _MD_REF_DEF.match(stripped):
            flush()
            continue
        if _SETEXT_RULE.match(stripped) or _TABLE_RULE.match(stripped):
            flush()
            continue
        heading = _HEADING.match(stripped)
        is_heading = heading is not None
        if heading:
            stripped = heading.group(1)
        stripped = _QUOTE_MARK.sub("", stripped)
        stripped = _BULLET.sub("", stripped)
        line = strip_inline_markup(stripped)
        if not line or not any(ch.isalnum() for ch in line):
            continue
        if _CITE_THIS.match(line) or is_boilerplate(line) or _is_note_line(line):
            continue
        if is_heading:
            flush()
            paragraphs.append([line])
            continue
        current.append(line)
    flush()

    paragraphs = _cut_reference_section(paragraphs)
    width = _hard_wrap_width(paragraphs)
    if width is not None:
        paragraphs = [unwrap_lines(para, width=width) for para in paragraphs]
    paragraphs = _merge_broken_paragraphs(paragraphs)

    # Collapse consecutive duplicate lines, also across a blank line.
    out: list[str] = []
    previous = None
    for para in paragraphs:
        kept = []
        for line in para:
            if line == previous:
                continue
            kept.append(line)
            previous = line
        if kept:
            out.append("\n".join(kept))
    # Trailing labels with nothing after them ("About the author:").
    while out and "\n" not in out[-1] and out[-1].rstrip().endswith(":") and len(out[-1]) < 80:
        out.pop()
    return "\n\n".join(out)
