"""The actor network: who acts on whom, how often, how cooperatively."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import networkx as nx

from ceasefire.analysis._common import actor_names, name_of
from ceasefire.store import Store, top_sql

__all__ = ["network"]


def network(store: Store) -> dict[str, Any]:
    """Nodes (top codes) and directed edges between actors.

    Edges count events that happened (not negated or hypothetical) between two
    different top codes; ``goldstein`` is the mean score of those events. Node
    centralities are computed on the undirected graph; ``x``/``y`` is a fixed
    spring layout (seeded) for drawing.
    """
    names = actor_names(store)
    graph = nx.DiGraph()
    src, tgt = top_sql("source_id"), top_sql("target_id")
    # every code an event names, counted once per event; nodes enter the graph in code
    # order, so the seeded layout is the same in every process
    nodes = store.query(
        f"SELECT code, sum(n) AS n FROM ("
        f" SELECT {src} AS code, count(*) AS n FROM events GROUP BY code UNION ALL"
        f" SELECT {tgt} AS code, count(*) AS n FROM events"
        f" WHERE ({tgt}) IS DISTINCT FROM ({src}) GROUP BY code) "
        f"WHERE code IS NOT NULL GROUP BY code ORDER BY code")
    counts: dict[str, int] = {}
    for r in nodes:
        counts[r["code"]] = int(r["n"])
        graph.add_node(r["code"])
    # goldstein sums as decimals: exact, whatever order the events are added in
    for r in store.query(
        f"SELECT source, target, count(*) AS weight, "
        f"sum(CAST(coalesce(goldstein, 0) AS DECIMAL(18, 3))) AS gsum "
        f"FROM (SELECT {src} AS source, {tgt} AS target, goldstein FROM events "
        f"WHERE NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)) "
        f"WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target "
        f"GROUP BY source, target ORDER BY source, target"):
        graph.add_edge(r["source"], r["target"], weight=r["weight"], gsum=r["gsum"])
    undirected = graph.to_undirected()
    degree = nx.degree_centrality(undirected) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    between = nx.betweenness_centrality(undirected) if len(graph) > 2 else dict.fromkeys(
        graph, 0.0)
    layout = nx.spring_layout(undirected, seed=7, weight=None) if len(graph) else {}
    nodes = [
        {
            "id": code,
            "name": name_of(names, code),
            "events": counts.get(code, 0),
            "degree": round(degree.get(code, 0.0), 4),
            "betweenness": round(between.get(code, 0.0), 4),
            "x": round(float(layout[code][0]), 4),
            "y": round(float(layout[code][1]), 4),
        }
        for code in sorted(graph)
    ]
    edges = [
        {
            "source": s,
            "target": t,
            "weight": d["weight"],
            "goldstein": float(round(Decimal(d["gsum"]) / d["weight"], 3)),
        }
        for s, t, d in sorted(graph.edges(data=True))
    ]
    return {"nodes": nodes, "edges": edges}
