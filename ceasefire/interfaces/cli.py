"""The ``ceasefire`` command: parses arguments, calls the library, turns errors into exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ceasefire.errors import BadInput, CeasefireError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Code conflict reports into a source-linked database of events and claims.")
out = Console(soft_wrap=True)
err = Console(stderr=True)

DB_OPT = typer.Option("ceasefire.duckdb", "--db", help="DuckDB database file.")
FORMAT_OPT = typer.Option("table", "--format", help="table, jsonl or csv.")


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _date_arg(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"{name} {value!r} is not a date; write it as YYYY-MM-DD")
    return None


def _open_store(db: str, read_only: bool = True):  # type: ignore[no-untyped-def]
    from ceasefire.store import Store

    if read_only and not Path(db).exists():
        _fail(f"database {db!r} does not exist; create it with 'ceasefire ingest PATH --db {db}' "
              "or run 'ceasefire demo'")
    return Store(db, read_only=read_only)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str = "") -> None:
    from ceasefire.interfaces.export import to_csv

    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(rows))
    elif fmt == "table":
        table = Table(title=title or None, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*[_cell(row, c) for c in columns])
        out.print(table)
    else:
        _fail(f"--format {fmt!r} is not known; use table, jsonl or csv")


def _cell(row: dict[str, Any], col: str) -> str:
    value: Any = row
    for part in col.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 90 else text[:87] + "..."


# -- ingest -------------------------------------------------------------------
class _Writer:
    """Writes coded documents in short bursts, holding the database file only while it writes.

    DuckDB lets one process open a file for writing and no other process open it
    meanwhile, so ``ceasefire serve`` on the same file can answer between bursts
    (its requests wait for a burst to end). Each document is still one transaction.
    """

    def __init__(self, db: str, every_docs: int = 200, every_seconds: float = 1.0) -> None:
        self.db = db
        self.every_docs = every_docs
        self.every_seconds = every_seconds
        self.pending: list[Any] = []
        self.last = time.monotonic()

    def open(self):  # type: ignore[no-untyped-def]
        from ceasefire.store import Store

        return Store(self.db, wait=30.0)

    def add(self, coded: Any, summary: dict[str, Any]) -> None:
        self.pending.append(coded)
        if (len(self.pending) >= self.every_docs
                or time.monotonic() - self.last >= self.every_seconds):
            self.flush(summary)

    def flush(self, summary: dict[str, Any]) -> None:
        if self.pending:
            with self.open() as store:
                for coded, stored in zip(self.pending, store.add_many(self.pending),
                                         strict=True):
                    if stored:
                        summary["stored"] += 1
                        summary["sentences"] += len(coded.sentences)
                        summary["events"] += len(coded.events)
                        summary["claims"] += len(coded.claims)
                        if coded.doc.published is None:
                            summary["dateless"].append(coded.doc.path or coded.doc.doc_id)
        self.pending.clear()
        self.last = time.monotonic()


def _ingest(paths: list[str], db: str, published: dt.date | None, model: str | None,
            packs: list[Path], quiet: bool = False, workers: int = 1) -> dict[str, Any]:
    from ceasefire.ingest import iter_documents
    from ceasefire.pipeline import Pipeline
    from ceasefire.scale import code_stream, is_batch_dir
    from ceasefire.types import Document, Skipped

    for p in paths:
        if not Path(p).exists():
            _fail(f"{p}: no such file or directory; check the path")
    summary: dict[str, Any] = {"read": 0, "stored": 0, "already": 0, "skipped": [],
                               "dateless": [], "sentences": 0, "events": 0, "claims": 0}
    batch_dirs = [p for p in paths if is_batch_dir(p)]
    if batch_dirs:
        if len(batch_dirs) != len(paths):
            _fail("give either 'ceasefire batch' output directories or documents, not both")
        return _load_batches(batch_dirs, db, summary)
    writer = _Writer(db)
    interrupted = False
    stop = {"asked": False}

    def on_sigint(signum: int, frame: Any) -> None:
        # finish the document being written, then stop: a signal inside a DuckDB call would
        # abort it half-way; the second Ctrl-C stops at once (the transaction rolls back)
        if stop["asked"]:
            raise KeyboardInterrupt
        stop["asked"] = True

    signal.signal(signal.SIGINT, on_sigint)
    try:
        pipeline = Pipeline(model=model, packs=packs) if workers <= 1 else None
        with writer.open() as store:
            if pipeline is not None:
                store.add_agreements(pipeline.pack.agreements)
            else:
                from ceasefire.actors import KnowledgePack

                store.add_agreements(KnowledgePack.load(packs).agreements)
            known = store.known_doc_ids()

        def fresh() -> Iterator[Document]:
            # documents are read as they are coded: memory does not grow with the corpus
            for item in iter_documents(paths, published=published):
                if stop["asked"]:
                    return
                if isinstance(item, Skipped):
                    summary["skipped"].append({"path": item.path, "reason": item.reason})
                    continue
                summary["read"] += 1
                if item.doc_id in known:
                    summary["already"] += 1
                    continue
                known.add(item.doc_id)
                yield item

        with Progress(TextColumn("[bold]coding"), TextColumn("{task.completed} documents"),
                      TimeElapsedColumn(), console=err, disable=quiet,
                      transient=True) as progress:
            task = progress.add_task("coding", total=None)
            for coded in code_stream(fresh(), workers=workers, model=model, packs=packs,
                                     pipeline=pipeline):
                writer.add(coded, summary)
                progress.advance(task)
                if stop["asked"]:
                    break
        writer.flush(summary)
        if stop["asked"]:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
    summary["interrupted"] = interrupted
    return summary


def _load_batches(dirs: list[str], db: str, summary: dict[str, Any]) -> dict[str, Any]:
    from ceasefire.store import Store

    with Store(db, wait=30.0) as store:
        for d in dirs:
            loaded = store.load_batch(d)
            summary["stored"] += loaded["documents"]
            summary["sentences"] += loaded["sentences"]
            summary["events"] += loaded["events"]
            summary["claims"] += loaded["claims"]
            summary["read"] += loaded["read"]
            summary["already"] += loaded["read"] - loaded["documents"]
    summary["interrupted"] = False
    return summary


def _print_summary(summary: dict[str, Any]) -> None:
    err.print(
        f"documents read: {summary['read']}, stored: {summary['stored']}, already in the "
        f"database: {summary['already']}, skipped: {len(summary['skipped'])}; "
        f"sentences: {summary['sentences']}, events: {summary['events']}, "
        f"claims: {summary['claims']}", highlight=False)
    for s in summary["skipped"]:
        err.print(f"  skipped {s['path']}: {s['reason']}", highlight=False, markup=False)
    for d in summary["dateless"]:
        err.print(f"  no publication date found: {d} (give --published to set one)",
                  highlight=False, markup=False)
    if summary["interrupted"]:
        err.print(f"interrupted after {summary['stored']} documents; every stored document "
                  "is complete. Re-run the same command to finish.", highlight=False)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or directories to read."),
    db: str = DB_OPT,
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Processes that code documents (each loads the model)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name."),
    pack: list[Path] = typer.Option([], "--pack", help="Extra knowledge-pack directory."),
) -> None:
    """Read documents, code them, and store everything in the database.

    A directory written by 'ceasefire batch' is loaded as it is (no coding).
    """
    summary = _ingest(paths, db, _date_arg(published, "--published"), model, pack,
                      workers=workers)
    _print_summary(summary)
    if summary["interrupted"]:
        raise typer.Exit(130)
    if summary["stored"] == 0 and summary["already"] == 0:
        _fail("nothing could be stored; see the skipped files above")


# -- batch --------------------------------------------------------------------
@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="JSONL or Parquet files, documents, or "
                                                  "directories of them."),
    out_dir: Path = typer.Option(..., "--out", help="Directory for the Parquet tables."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or spark."),
    master: str | None = typer.Option(None, "--master",
                                      help="Spark master URL (e.g. local[4], spark://host:7077); "
                                           "spark-submit sets it otherwise."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Processes that code documents (local engine)."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name."),
    pack: list[Path] = typer.Option([], "--pack", help="Extra knowledge-pack directory."),
) -> None:
    """Code documents into Parquet tables (documents, sentences, events, claims, ...) under
    --out, on this machine or on Spark; load them with 'ceasefire ingest DIR'."""
    from ceasefire.scale import run_batch

    if engine not in ("local", "spark"):
        _fail(f"--engine {engine!r} is not known; use local or spark")
    for p in inputs:
        if not Path(p).exists():
            _fail(f"{p}: no such file or directory; check the path")
    counts = run_batch(inputs, out_dir, engine=engine, workers=workers, master=master,
                       model=model, packs=pack, published=_date_arg(published, "--published"))
    err.print(", ".join(f"{t}: {n}" for t, n in counts.items()) + f"; written under {out_dir}",
              highlight=False)
    if counts.get("documents", 0) == 0:
        _fail("no document could be coded; see the skipped table under --out")


# -- code ---------------------------------------------------------------------
@app.command()
def code(
    file: str | None = typer.Argument(None, help="A text file (or - for standard input)."),
    text: str | None = typer.Option(None, "--text", help="Text to code."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help='Print {"events": [...], "claims": [...]}'),
    explain: bool = typer.Option(False, "--explain", help="Show the tokens behind each decision."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name."),
) -> None:
    """Code a text without a database."""
    from ceasefire.pipeline import Pipeline

    if text is None:
        if file is None:
            _fail("give --text TEXT or a FILE to code")
        if file == "-":
            text = sys.stdin.read()
        else:
            path = Path(file)  # type: ignore[arg-type]
            if not path.is_file():
                _fail(f"{file}: no such file; check the path")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                _fail(f"{file}: not UTF-8 text; use 'ceasefire ingest' for other encodings")
    pub = _date_arg(published, "--published")
    pipeline = Pipeline(model=model)
    coded = pipeline.code_text(text or "", pub)
    if as_json:
        sys.stdout.write(json.dumps({
            "events": [_event_json(e, explain) for e in coded.events],
            "claims": [c.to_json() for c in coded.claims],
        }, ensure_ascii=False) + "\n")
        return
    rows = [e.to_json() for e in coded.events]
    _emit(rows, "table", ["type", "mode", "source.id", "target.id", "date", "negated",
                          "hypothetical", "evidence.text", "rule"], title="events")
    if explain:
        for e in coded.events:
            out.print(f"[bold]{e.type}[/] {e.source.id if e.source else '-'} -> "
                      f"{e.target.id if e.target else '-'}: {e.explain}", highlight=False)
    _emit([c.to_json() for c in coded.claims], "table",
          ["kind", "low", "best", "high", "about.id", "category", "as_of", "evidence.text"],
          title="claims")


def _event_json(e: Any, explain: bool) -> dict[str, Any]:
    data: dict[str, Any] = e.to_json()
    if explain:
        data["explain"] = e.explain
    return data


# -- evaluate -----------------------------------------------------------------
@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL file."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    root: Path | None = typer.Option(None, "--root", help="Folder that items' 'doc' paths are "
                                     "relative to (default: the shared folder beside the repo)."),
    min_event_f1: float | None = typer.Option(None, "--min-event-f1",
                                              help="Exit 1 if event_f1 is below this."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline name."),
    parse_all: bool = typer.Option(False, "--parse-all", help="Parse every sentence."),
    errors: bool = typer.Option(False, "--errors", help="Also list, per item, the gold events "
                                "the coder missed and the events it added."),
) -> None:
    """Run the coder on each gold item and print the scores."""
    from ceasefire.evaluate import load_gold, score
    from ceasefire.pipeline import Pipeline

    items = load_gold(gold, root)
    pipeline = Pipeline(model=model, parse_all=parse_all)

    def run(text: str, pub: dt.date | None) -> dict[str, Any]:
        coded = pipeline.code_text(text, pub)
        return {"events": [e.to_json() for e in coded.events],
                "claims": [c.to_json() for c in coded.claims]}

    result = score(items, run)
    if errors:
        for it in result["per_item"]:
            if not (it["missed"] or it["extra"] or it["claims_missed"] or it["claims_extra"]):
                continue
            err.print(f"[bold]{escape(str(it['id']))}[/bold] {escape(it['text'])}",
                      highlight=False)
            for m in it["missed"]:
                err.print(f"  missed {m}", highlight=False, markup=False)
            for x in it["extra"]:
                err.print(f"  extra  {x}", highlight=False, markup=False)
            for c in it["claims_missed"]:
                err.print(f"  missed claim {json.dumps(c)}", highlight=False, markup=False)
            for c in it["claims_extra"]:
                brief = {k: c.get(k) for k in ("kind", "low", "best", "high", "about", "category")}
                err.print(f"  extra  claim {json.dumps(brief)}", highlight=False, markup=False)
    if as_json:
        result.pop("per_item", None)
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        table = Table(title=f"{gold} ({result['items']} items)")
        table.add_column("score")
        table.add_column("value", justify="right")
        for k in ("event_precision", "event_recall", "event_f1", "type_f1", "date_accuracy",
                  "negation_accuracy", "claim_f1"):
            v = result[k]
            table.add_row(k, "-" if v is None else f"{v:.3f}")
        out.print(table)
    if min_event_f1 is not None and result["event_f1"] < min_event_f1:
        err.print(f"event_f1 {result['event_f1']:.4f} is below the required {min_event_f1:.4f}")
        raise typer.Exit(1)


# -- queries ------------------------------------------------------------------
EVENT_COLUMNS = ["date", "type", "source.id", "target.id", "negated", "evidence.text", "doc_id"]


@app.command()
def events(
    db: str = DB_OPT,
    actor: str | None = typer.Option(None, "--actor", help="Actor code (TOP or TOP.SECTOR)."),
    type: str | None = typer.Option(None, "--type", help="PLOVER event type."),
    since: str | None = typer.Option(None, "--since", help="YYYY[-MM[-DD]]"),
    until: str | None = typer.Option(None, "--until", help="YYYY[-MM[-DD]]"),
    fmt: str = FORMAT_OPT,
) -> None:
    """List coded events."""
    from ceasefire.events.ontology import PLOVER_TYPES

    if type and type.upper() not in PLOVER_TYPES:
        _fail(f"--type {type!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    for name, value in (("--since", since), ("--until", until)):
        if value and not _partial_date_ok(value):
            _fail(f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    with _open_store(db) as store:
        rows = store.events(actor=actor, type=type, since=since, until=until)
    _emit(rows, fmt, EVENT_COLUMNS, "events")


def _partial_date_ok(value: str) -> bool:
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return len(parts[0]) == 4 and int(parts[0]) > 0
        if len(parts) == 2:
            dt.date(int(parts[0]), int(parts[1]), 1)
            return True
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


@app.command()
def claims(db: str = DB_OPT, fmt: str = FORMAT_OPT,
           compare: bool = typer.Option(False, "--compare", help="Group claims by what they "
                                        "measure and flag disagreement.")) -> None:
    """List the figures sources claimed (or compare them with --compare)."""
    from ceasefire.analysis import compare_claims

    with _open_store(db) as store:
        if compare:
            rows = compare_claims(store)
            _emit(rows, fmt, ["kind", "about", "category", "period", "n_sources", "min", "max",
                              "disagree"], "claims compared")
            return
        rows = store.claims()
    _emit(rows, fmt, ["as_of", "kind", "low", "best", "high", "about.id", "category",
                      "attributed_to.id", "evidence.text"], "claims")


@app.command()
def timeline(db: str = DB_OPT, fmt: str = FORMAT_OPT,
             actor: str | None = typer.Option(None, "--actor")) -> None:
    """The chronology: events by date, one row per event reported by several sources."""
    from ceasefire.analysis import chronology

    with _open_store(db) as store:
        rows = chronology(store, actor=actor)
    _emit(rows, fmt, _columns(rows, ["date", "type", "source", "target", "n_sources",
                                     "sentence"]), "timeline")


@app.command()
def ceasefires(db: str = DB_OPT, fmt: str = FORMAT_OPT) -> None:
    """Agreements and what was reported after each."""
    from ceasefire.analysis import ceasefires as run

    with _open_store(db) as store:
        rows = run(store)
    _emit(rows, fmt, _columns(rows, ["date", "name", "parties", "brokers", "place",
                                     "days_to_first_violation", "n_accusations", "n_assaults"]),
              "ceasefires")


@app.command()
def dyads(db: str = DB_OPT, fmt: str = FORMAT_OPT) -> None:
    """Per actor pair and month: event counts by quad class and summed Goldstein."""
    from ceasefire.analysis import dyads as run

    with _open_store(db) as store:
        rows = run(store)
    _emit(rows, fmt, _columns(rows, list(rows[0].keys()) if rows else []), "dyads")


@app.command()
def network(db: str = DB_OPT, fmt: str = FORMAT_OPT) -> None:
    """The actor network: edges with weights and mean Goldstein."""
    from ceasefire.analysis import network as run

    with _open_store(db) as store:
        graph = run(store)
    rows = graph.get("edges", [])
    _emit(rows, fmt, _columns(rows, list(rows[0].keys()) if rows else []), "network edges")


def _columns(rows: list[dict[str, Any]], wanted: list[str]) -> list[str]:
    if not rows:
        return wanted
    have = set(rows[0].keys())
    cols = [c for c in wanted if c.split(".")[0] in have]
    return cols or list(rows[0].keys())[:8]


@app.command()
def report(db: str = DB_OPT,
           output: Path = typer.Option(Path("report.html"), "-o", "--output")) -> None:
    """Write a self-contained HTML report."""
    from ceasefire.interfaces.report import write_report

    with _open_store(db) as store:
        path = write_report(store, output)
    err.print(f"report written to {path}")


@app.command()
def export(directory: Path = typer.Argument(...), db: str = DB_OPT,
           fmt: str = typer.Option("parquet", "--format", help="parquet, csv, jsonl or plover")) -> None:
    """Export the tables for pandas, R, Spark (parquet/csv/jsonl) or as PLOVER records."""
    from ceasefire.interfaces.export import export as run

    if fmt not in ("parquet", "csv", "jsonl", "plover"):
        _fail(f"--format {fmt!r} is not known; use parquet, csv, jsonl or plover")
    with _open_store(db) as store:
        written = run(store, directory, fmt)
    err.print(f"wrote {len(written)} files to {directory}")


@app.command()
def serve(db: str = DB_OPT, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port", min=1, max=65535)) -> None:
    """Serve the REST API and the dashboard (read-only on the database)."""
    import uvicorn

    from ceasefire.interfaces.api import create_app

    if not Path(db).exists():
        _fail(f"database {db!r} does not exist; run 'ceasefire demo' or 'ceasefire ingest' first")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def _sample_paths() -> Iterator[str]:
    root = resources.files("ceasefire") / "data" / "sample"
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.lower().startswith("readme") or entry.name.startswith(("_", ".")):
            continue
        if entry.name.endswith((".txt", ".md", ".html", ".jsonl", ".pdf")):
            yield str(entry)


@app.command()
def demo(db: str = typer.Option("demo.duckdb", "--db"),
         output: Path = typer.Option(Path("report.html"), "-o", "--output")) -> None:
    """Build a database from the bundled sample corpus, show the headline views, write the report."""
    from ceasefire.analysis import ceasefires as cf
    from ceasefire.analysis import chronology, compare_claims
    from ceasefire.interfaces.report import write_report

    if Path(db).exists():
        os.remove(db)
    summary = _ingest(list(_sample_paths()), db, None, None, [])
    _print_summary(summary)
    with _open_store(db) as store:
        rows = chronology(store)
        out.rule("chronology (first 25 rows)")
        _emit(rows[:25], "table", _columns(rows, ["date", "type", "source", "target",
                                                  "n_sources", "sentence"]))
        rows = cf(store)
        out.rule("ceasefires and agreements")
        _emit(rows, "table", _columns(rows, ["date", "name", "parties", "brokers",
                                             "days_to_first_violation", "n_accusations",
                                             "n_assaults"]))
        rows = compare_claims(store)
        out.rule("casualty claims compared")
        _emit(rows[:15], "table", _columns(rows, ["kind", "about", "category", "period",
                                                  "n_sources", "min", "max", "disagree"]))
        path = write_report(store, output)
    out.print(f"\nreport written to [bold]{path}[/]; open the dashboard with "
              f"[bold]ceasefire serve --db {db}[/] and visit http://127.0.0.1:8000/")


def main() -> None:
    try:
        app()
    except BadInput as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except CeasefireError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
