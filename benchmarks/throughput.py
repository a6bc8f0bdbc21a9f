"""Throughput and peak memory of ceasefire against bare spaCy, on the same text, in one run.

    python benchmarks/throughput.py [--tokens 200000] [--workers 1 2] [--scale 10]
                                    [--accuracy] [--json benchmarks/throughput.json]

The corpus is built from ``../shared/seeds/`` and the bundled sample corpus,
copied until it holds ``--tokens`` spaCy tokens; every copy is varied (its own
header line, its paragraphs rotated) so that no document is a duplicate of
another. On that corpus it measures:

    (a) bare spaCy: the model with every component, ``nlp.pipe`` over the texts
    (b) ceasefire's coding (reading, cleaning, pre-filter, parsing, coding, claims)
        without database writes
    (c) ``ceasefire ingest`` into a fresh DuckDB file (the whole command, start-up
        included)

each with 1 and 2 worker processes, every run in a fresh process whose peak
resident memory (summed over its worker processes) is sampled. (a) and (b) time
the processing only, not the loading of the model; (c) times the command.
``--scale 10`` also ingests a corpus ten times larger, to show that peak memory
does not grow with the corpus. ``--accuracy`` adds dev-set ``event_f1`` with the
pre-filter and with every sentence parsed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CEASEFIRE_SHARED", ROOT.parent / "shared"))
CLI = Path(sys.executable).parent / "ceasefire"


# -- the corpus ---------------------------------------------------------------------------

def _sources() -> list[str]:
    texts = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "ceasefire" / "data" / "sample").iterdir()):
        if path.suffix in (".txt", ".md") and not path.name.lower().startswith("readme"):
            texts.append(path.read_text(encoding="utf-8"))
    if not texts:
        sys.exit(f"no source texts found under {SHARED / 'seeds'} or the sample corpus")
    return texts


def _variant(text: str, copy: int) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    k = copy % max(1, len(paragraphs))
    rotated = paragraphs[k:] + paragraphs[:k]
    return f"Archive dispatch {copy}, desk file {copy * 7919 % 100003}.\n\n" + "\n\n".join(rotated)


def build_corpus(directory: Path, tokens: int) -> dict[str, Any]:
    """Write varied copies of the sources as text files until they hold ``tokens`` tokens."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    sources = _sources()
    directory.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < tokens:
        text = _variant(sources[n % len(sources)], n // len(sources))
        (directory / f"doc{n:06d}.txt").write_text(text, encoding="utf-8")
        total += len(tokenizer(text))
        n += 1
    return {"documents": n, "tokens": total,
            "characters": sum(p.stat().st_size for p in directory.glob("*.txt"))}


# -- one measured run (in its own process) ------------------------------------------------

def _run_bare(corpus: Path, workers: int) -> dict[str, Any]:
    from ceasefire.nlp import load_nlp

    nlp = load_nlp(None)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=16, n_process=workers):
        tokens += len(doc)
    return {"seconds": time.perf_counter() - start, "components": nlp.pipe_names,
            "model": nlp.meta.get("name")}


def _run_code(corpus: Path, workers: int, parse_all: bool) -> dict[str, Any]:
    from ceasefire.ingest import iter_documents
    from ceasefire.pipeline import Pipeline
    from ceasefire.scale import CodingPool
    from ceasefire.types import Document

    n_events = n_sentences = n_parsed = 0
    with contextlib.ExitStack() as stack:
        if workers == 1:
            code = Pipeline(parse_all=parse_all).code_documents
        else:  # started, with every worker's model loaded, before the clock starts
            code = stack.enter_context(CodingPool(workers, parse_all=parse_all)).code
        start = time.perf_counter()
        docs = (d for d in iter_documents([corpus]) if isinstance(d, Document))
        for coded in code(docs):
            n_events += len(coded.events)
            n_sentences += len(coded.sentences)
            n_parsed += sum(1 for s in coded.sentences if s.parsed)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "events": n_events,
            "sentences": n_sentences, "parsed_sentences": n_parsed}


def child(args: argparse.Namespace) -> None:
    corpus = Path(args.corpus)
    if args.child == "bare":
        result = _run_bare(corpus, args.child_workers)
    else:
        result = _run_code(corpus, args.child_workers, args.child == "code-all")
    print(json.dumps(result))


# -- the parent: runs and samples memory ---------------------------------------------------

def _measure(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; wall seconds, peak RSS of it and its children (bytes), its stdout."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss
                                             for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, peak, out


def _self(kind: str, corpus: Path, workers: int) -> list[str]:
    return [sys.executable, __file__, "--child", kind, "--child-workers", str(workers),
            "--corpus", str(corpus)]


def _accuracy() -> dict[str, Any]:
    out = {}
    env = {**os.environ, "CEASEFIRE_SHARED": str(SHARED)}
    for name, extra in (("prefilter", []), ("parse_all", ["--parse-all"])):
        res = subprocess.run([str(CLI), "evaluate", str(ROOT / "tests" / "gold" / "dev.jsonl"),
                              "--json", *extra], capture_output=True, text=True, env=env,
                             check=True)
        out[name] = json.loads(res.stdout)["event_f1"]
    out["difference"] = round(out["parse_all"] - out["prefilter"], 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=200_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scale", type=int, default=0,
                        help="also ingest a corpus this many times larger (peak memory)")
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "throughput.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ceasefire-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        info = build_corpus(corpus, args.tokens)
        tokens = info["tokens"]
        print(f"corpus: {info['documents']} documents, {tokens:,} tokens, "
              f"{info['characters'] / 1e6:.1f} MB", file=sys.stderr)
        runs: list[tuple[str, str, int, list[str]]] = []
        for w in args.workers:
            runs.append(("a", "bare spaCy, nlp.pipe, every component", w, _self("bare", corpus, w)))
            runs.append(("b", "ceasefire coding, no database", w, _self("code", corpus, w)))
            runs.append(("c", "ceasefire ingest into a fresh DuckDB file", w,
                         [str(CLI), "ingest", str(corpus), "--db", str(Path(tmp) / f"c{w}.duckdb"),
                          "--workers", str(w)]))
        runs.append(("b*", "ceasefire coding, every sentence parsed", 1,
                     _self("code-all", corpus, 1)))
        for label, what, w, cmd in runs:
            print(f"running ({label}) {what}, {w} worker(s)...", file=sys.stderr)
            wall, peak, out = _measure(cmd)
            detail = json.loads(out) if label != "c" else {}
            seconds = detail.get("seconds", wall)
            rows.append({"run": label, "what": what, "workers": w, "seconds": round(seconds, 2),
                         "tokens_per_second": round(tokens / seconds), "peak_rss_mb":
                         round(peak / 2**20), **{k: v for k, v in detail.items()
                                                 if k != "seconds"}})
        scale: dict[str, Any] | None = None
        if args.scale > 1:
            big = Path(tmp) / "big"
            big_info = build_corpus(big, args.tokens * args.scale)
            print(f"running (c) on {big_info['tokens']:,} tokens...", file=sys.stderr)
            wall, peak, _ = _measure([str(CLI), "ingest", str(big), "--db",
                                      str(Path(tmp) / "big.duckdb")])
            base = next(r for r in rows if r["run"] == "c" and r["workers"] == 1)
            scale = {"factor": args.scale, "tokens": big_info["tokens"],
                     "seconds": round(wall, 2), "peak_rss_mb": round(peak / 2**20),
                     "peak_rss_growth": round(peak / 2**20 / base["peak_rss_mb"] - 1, 3)}

    def tps(run: str, w: int) -> float:
        return next(r["tokens_per_second"] for r in rows if r["run"] == run and r["workers"] == w)

    ratios = {f"{x}/a ({w} worker{'s' if w > 1 else ''})": round(tps(x, w) / tps("a", w), 2)
              for w in args.workers for x in ("b", "c")}
    if 1 in args.workers:
        ratios.update({f"{x}/a (1 worker, a with 1)": round(tps(x, w) / tps("a", 1), 2)
                       for w in args.workers if w > 1 for x in ("b", "c")})
        for w in args.workers:
            if w > 1:
                ratios[f"b, {w} workers / 1 worker"] = round(tps("b", w) / tps("b", 1), 2)
                ratios[f"c, {w} workers / 1 worker"] = round(tps("c", w) / tps("c", 1), 2)
    result = {"corpus": info, "runs": rows, "ratios": ratios, "scale": scale,
              "accuracy": _accuracy() if args.accuracy else None,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()}}
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(f"\n{'run':<4} {'workers':>7} {'seconds':>8} {'tokens/s':>9} {'peak MB':>8}  what")
    for r in rows:
        print(f"{r['run']:<4} {r['workers']:>7} {r['seconds']:>8} {r['tokens_per_second']:>9} "
              f"{r['peak_rss_mb']:>8}  {r['what']}")
    for name, value in ratios.items():
        print(f"{name}: {value}")
    if scale:
        print(f"{scale['factor']}x corpus ingest: peak {scale['peak_rss_mb']} MB "
              f"({scale['peak_rss_growth']:+.1%})")
    if result["accuracy"]:
        print(f"dev event_f1: pre-filter {result['accuracy']['prefilter']}, every sentence "
              f"parsed {result['accuracy']['parse_all']}")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
