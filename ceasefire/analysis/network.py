"""The actor network: who acts on whom, how often, how cooperatively."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ceasefire.analysis._common import actor_names, counted, name_of, top
from ceasefire.store import Store

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
    counts: dict[str, int] = {}
    for e in store.events():
        src, tgt = top((e["source"] or {}).get("id")), top((e["target"] or {}).get("id"))
        for code in {src, tgt}:
            if code is not None:
                counts[code] = counts.get(code, 0) + 1
                graph.add_node(code)
        if src is None or tgt is None or src == tgt or not counted(e):
            continue
        data = graph.get_edge_data(src, tgt, default={"weight": 0, "gsum": 0.0})
        graph.add_edge(src, tgt, weight=data["weight"] + 1,
                       gsum=data["gsum"] + (e["goldstein"] or 0.0))
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
            "goldstein": round(d["gsum"] / d["weight"], 3),
        }
        for s, t, d in sorted(graph.edges(data=True))
    ]
    return {"nodes": nodes, "edges": edges}
