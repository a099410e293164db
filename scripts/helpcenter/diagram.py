"""The guide's diagram, laid out at build time (no Graphviz, no client-side Mermaid).

A simple layered layout, left to right: a node's column is its longest
distance from the start (so every arrow points right), and its row comes
from a tidy-tree pass over a spanning tree (leaves take one row each, a
question sits in the middle of its children). The guide is small (tens of
nodes), so nothing cleverer is needed. The SVG markup itself is in
templates/diagram.svg.j2; this module only computes positions.
"""

from __future__ import annotations

import textwrap

from .guide import is_question

NODE_WIDTH = 180
COLUMN_GAP = 150      # room for the answer labels written along the arrows
LINE_HEIGHT = 16
PADDING = 10
ROW_GAP = 18
MARGIN = 12
CHARS_PER_LINE = 22   # at the 13px font of the boxes, a line fits in NODE_WIDTH
MAX_LINES = 4
PORT_SPACING = 20     # arrows that meet at one box arrive this far apart


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters; the last cut ends with an ellipsis."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _columns(guide: dict) -> dict[str, int]:
    """Longest distance from the start; the guide has no cycle, so this ends."""
    nodes = guide["nodes"]
    column = {guide["start"]: 0}
    changed = True
    while changed:
        changed = False
        for nid, node in nodes.items():
            if nid not in column or not is_question(node):
                continue
            for answer in node["answers"]:
                if column.get(answer["next"], -1) < column[nid] + 1:
                    column[answer["next"]] = column[nid] + 1
                    changed = True
    return column


def layout(guide: dict, node_label: dict[str, str], answer_label: dict[tuple[str, int], str],
           href: dict[str, str]) -> dict:
    """Positions of every box and arrow.

    ``node_label``: plain text of each box; ``answer_label``: plain text of
    each arrow, keyed by (question id, answer index); ``href``: each box's
    link. Returns ``{"width", "height", "nodes": [...], "edges": [...]}``.
    """
    nodes = guide["nodes"]
    column = _columns(guide)
    lines = {nid: wrap(node_label[nid]) for nid in nodes}
    box_height = {nid: len(lines[nid]) * LINE_HEIGHT + 2 * PADDING for nid in nodes}
    row_height = max(box_height.values()) + ROW_GAP

    # Spanning tree: each node hangs under the first question, in reading
    # order, that sits in the column just before it.
    children: dict[str, list[str]] = {nid: [] for nid in nodes}
    placed = {guide["start"]}
    for nid, node in nodes.items():
        if not is_question(node):
            continue
        for answer in node["answers"]:
            nxt = answer["next"]
            if nxt not in placed and column[nxt] == column[nid] + 1:
                children[nid].append(nxt)
                placed.add(nxt)

    centre: dict[str, float] = {}
    next_row = [0]

    def place(nid: str) -> None:
        for child in children[nid]:
            place(child)
        if children[nid]:
            centre[nid] = (centre[children[nid][0]] + centre[children[nid][-1]]) / 2
        else:
            centre[nid] = MARGIN + next_row[0] * row_height + row_height / 2
            next_row[0] += 1

    place(guide["start"])

    boxes = {}
    for nid in nodes:
        x = MARGIN + column[nid] * (NODE_WIDTH + COLUMN_GAP)
        y = centre[nid] - box_height[nid] / 2
        boxes[nid] = {"id": nid, "x": x, "y": round(y, 1), "w": NODE_WIDTH, "h": box_height[nid],
                      "lines": lines[nid], "question": is_question(nodes[nid]),
                      "start": nid == guide["start"], "href": href[nid],
                      "text_y": round(y + PADDING + 12, 1), "line_height": LINE_HEIGHT}

    incoming: dict[str, list[tuple[str, int]]] = {nid: [] for nid in nodes}
    for nid, node in nodes.items():
        if is_question(node):
            for i, answer in enumerate(node["answers"]):
                incoming[answer["next"]].append((nid, i))
    edges = []
    for target, sources in incoming.items():
        for k, (source, i) in enumerate(sources):
            s, t = boxes[source], boxes[target]
            sx, sy = s["x"] + s["w"], centre[source]
            tx = t["x"]
            ty = centre[target] + (k - (len(sources) - 1) / 2) * PORT_SPACING
            bend = (tx - sx) / 2
            edges.append({
                "d": f"M{sx:g},{sy:g} C{sx + bend:g},{sy:g} {tx - bend:g},{ty:g} {tx - 2:g},{ty:g}",
                "label": answer_label[(source, i)], "lx": tx - 8, "ly": round(ty - 5, 1),
            })

    width = MARGIN * 2 + (max(column.values()) + 1) * NODE_WIDTH + max(column.values()) * COLUMN_GAP
    height = MARGIN * 2 + next_row[0] * row_height
    return {"width": width, "height": round(height), "nodes": list(boxes.values()), "edges": edges}
