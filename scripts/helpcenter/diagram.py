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
from dataclasses import dataclass

from .guide import is_question
from .model import Guide

NODE_WIDTH = 180
CURVE_GAP = 60        # between an answer's straight stub and the box it leads to
LINE_HEIGHT = 16
PADDING = 10
ROW_GAP = 18
MARGIN = 12
CHARS_PER_LINE = 22   # at the 13px font of the boxes, a line fits in NODE_WIDTH
MAX_LINES = 4
PORT_SPACING = 20     # arrows that leave (or meet at) one box are this far apart
# Answer labels (11px) sit above their arrow's straight first stretch, between
# it and the stub above: a generous width per character (wide fonts), and the
# text's height above its baseline.
LABEL_CHAR_WIDTH = 6.8
LABEL_HEIGHT = 12
LABEL_GAP = 4         # between the stub and the label's baseline, and at the stub's start


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` cut into lines of at most ``width`` characters; the last cut ends with an ellipsis."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def label_width(text: str) -> float:
    return len(text) * LABEL_CHAR_WIDTH


def distinct_labels(guide: Guide, node_label: dict[str, str],
                    answer_label: dict[tuple[str, int], str]) -> dict[str, str]:
    """Box labels, none twice: a label two boxes share is completed by the
    answer that leads to each box ("Commande non payée (Non)"), then by a
    number if that is not enough. Readers tell boxes apart by their label."""
    out = dict(node_label)
    first_answer: dict[str, str] = {}
    for nid, node in guide.nodes.items():
        if is_question(node):
            for i, answer in enumerate(node.answers):
                first_answer.setdefault(answer.next, answer_label[(nid, i)])
    for completion in (lambda nid, n: f"{out[nid]} ({first_answer.get(nid, nid)})", lambda nid, n: f"{out[nid]} {n}"):
        seen: dict[str, list[str]] = {}
        for nid in guide.nodes:
            seen.setdefault(out[nid], []).append(nid)
        for nids in seen.values():
            if len(nids) > 1:
                for n, nid in enumerate(nids, 1):
                    out[nid] = completion(nid, n)
    return out


def _columns(guide: Guide) -> dict[str, int]:
    """Longest distance from the start; the guide has no cycle, so this ends."""
    nodes = guide.nodes
    column = {guide.start: 0}
    changed = True
    while changed:
        changed = False
        for nid, node in nodes.items():
            if nid not in column or not is_question(node):
                continue
            for answer in node.answers:
                if column.get(answer.next, -1) < column[nid] + 1:
                    column[answer.next] = column[nid] + 1
                    changed = True
    return column


@dataclass(frozen=True)
class _Grid:
    """Where the columns and rows of a layout are: what every arrow is drawn from."""

    column: dict[str, int]  # node -> its column
    column_x: list[float]  # column -> the x of its boxes' left side
    stub: list[float]  # column -> the length of the straight stub its answers leave by
    centre: dict[str, float]  # node -> the y of its box's middle
    gaps: dict[int, list[float]]  # column -> the y of the gaps between its boxes, where longer arrows cross it

    def port(self, nid: str, k: int, n: int) -> float:
        """The y of the ``k``-th of ``n`` arrows leaving (or meeting at) box ``nid``."""
        return round(self.centre[nid] + (k - (n - 1) / 2) * PORT_SPACING, 1)


def layout(guide: Guide, node_label: dict[str, str], answer_label: dict[tuple[str, int], str],
           href: dict[str, str]) -> dict:
    """Positions of every box, arrow and answer label.

    ``node_label``: plain text of each box; ``answer_label``: plain text of
    each arrow, keyed by (question id, answer index); ``href``: each box's
    link. Returns ``{"width", "height", "nodes": [...], "edges": [...]}``.

    Each answer leaves its question's box from its own port, spaced
    PORT_SPACING apart, by a straight stub as long as the column's longest
    label; its label sits just above its stub, under the stub above, so no
    line crosses it. The arrow then curves to the box it leads to.
    """
    column = _columns(guide)
    labels = distinct_labels(guide, node_label, answer_label)
    lines = {nid: wrap(labels[nid]) for nid in guide.nodes}
    incoming = _incoming(guide)
    box_height = _box_heights(guide, lines, incoming)
    row_height = max(box_height.values()) + ROW_GAP
    stub = _stubs(column, answer_label)
    column_x = _column_xs(stub)
    centre, rows = _centres(guide.start, _spanning_tree(guide, column), row_height)
    boxes = _boxes(guide, lines, href, box_height, column, column_x, centre)
    grid = _Grid(column, column_x, stub, centre, _gaps(boxes, column))
    edges = _edges(guide, grid, boxes, _arrivals(grid, incoming), answer_label)
    width = column_x[-1] + NODE_WIDTH + MARGIN
    height = MARGIN * 2 + rows * row_height
    return {"width": round(width), "height": round(height), "nodes": list(boxes.values()), "edges": edges}


def _incoming(guide: Guide) -> dict[str, list[tuple[str, int]]]:
    """Node -> the answers that lead to it, as (question id, answer index), in reading order."""
    incoming: dict[str, list[tuple[str, int]]] = {nid: [] for nid in guide.nodes}
    for nid, node in guide.nodes.items():
        if is_question(node):
            for i, answer in enumerate(node.answers):
                incoming[answer.next].append((nid, i))
    return incoming


def _box_heights(guide: Guide, lines: dict[str, list[str]], incoming: dict) -> dict[str, float]:
    """A box is tall enough for its text, and for its ports (answers out, arrows in)."""
    nodes = guide.nodes
    ports = {nid: max(len(nodes[nid].answers) if is_question(nodes[nid]) else 0, len(incoming[nid]))
             for nid in nodes}
    return {nid: max(len(lines[nid]) * LINE_HEIGHT, (ports[nid] - 1) * PORT_SPACING) + 2 * PADDING
            for nid in nodes}


def _stubs(column: dict[str, int], answer_label: dict[tuple[str, int], str]) -> list[float]:
    """Each column's stub: room for the longest answer label leaving it."""
    stub = [0.0] * (max(column.values()) + 1)
    for (nid, _i), text in answer_label.items():
        stub[column[nid]] = max(stub[column[nid]], label_width(text) + 2 * LABEL_GAP)
    return stub


def _column_xs(stub: list[float]) -> list[float]:
    """The x of each column's boxes: the box before, its stub and the room of the curves."""
    column_x = [float(MARGIN)]
    for c in range(len(stub) - 1):
        column_x.append(column_x[-1] + NODE_WIDTH + stub[c] + CURVE_GAP)
    return column_x


def _spanning_tree(guide: Guide, column: dict[str, int]) -> dict[str, list[str]]:
    """Node -> its children: each node hangs under the first question, in reading
    order, that sits in the column just before it."""
    children: dict[str, list[str]] = {nid: [] for nid in guide.nodes}
    placed = {guide.start}
    for nid, node in guide.nodes.items():
        if not is_question(node):
            continue
        for answer in node.answers:
            nxt = answer.next
            if nxt not in placed and column[nxt] == column[nid] + 1:
                children[nid].append(nxt)
                placed.add(nxt)
    return children


def _centres(start: str, children: dict[str, list[str]], row_height: float) -> tuple[dict[str, float], int]:
    """Each box's middle y (a leaf takes the next row, a question sits in the middle of
    its children), and how many rows there are."""
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

    place(start)
    return centre, next_row[0]


def _boxes(guide: Guide, lines: dict, href: dict, box_height: dict, column: dict, column_x: list,
           centre: dict) -> dict[str, dict]:
    """Node -> its box, as the template draws it."""
    boxes = {}
    for nid in guide.nodes:
        x = column_x[column[nid]]
        y = centre[nid] - box_height[nid] / 2
        boxes[nid] = {"id": nid, "x": x, "y": round(y, 1), "w": NODE_WIDTH, "h": box_height[nid],
                      "lines": lines[nid], "question": is_question(guide.nodes[nid]),
                      "start": nid == guide.start, "href": href[nid],
                      "text_y": round(y + PADDING + 12, 1), "line_height": LINE_HEIGHT}
    return boxes


def _gaps(boxes: dict[str, dict], column: dict[str, int]) -> dict[int, list[float]]:
    """The gaps between the boxes of each column, where a longer arrow crosses it."""
    gaps: dict[int, list[float]] = {}
    for c in range(max(column.values()) + 1):
        spans = sorted((b["y"], b["y"] + b["h"]) for b in boxes.values() if column[b["id"]] == c)
        gaps[c] = [spans[0][0] - ROW_GAP / 2] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])] + \
                  [spans[-1][1] + ROW_GAP / 2]
    return gaps


def _arrivals(grid: _Grid, incoming: dict[str, list[tuple[str, int]]]) -> dict[tuple[str, int], float]:
    """(question id, answer index) -> the y where its arrow meets the box it leads to."""
    arrival = {}
    for target, sources in incoming.items():
        for k, source in enumerate(sources):
            arrival[source] = grid.port(target, k, len(sources))
    return arrival


def _edges(guide: Guide, grid: _Grid, boxes: dict, arrival: dict, answer_label: dict) -> list[dict]:
    """Every answer's arrow and label, in reading order."""
    edges = []
    for nid, node in guide.nodes.items():
        if not is_question(node):
            continue
        n = len(node.answers)
        for i, answer in enumerate(node.answers):
            s, t = boxes[nid], boxes[answer.next]
            sx, sy = s["x"] + s["w"], grid.port(nid, i, n)
            runs = _runs(grid, nid, answer.next, (sx, sy), (t["x"], arrival[(nid, i)]))
            d, points = _path(sx, sy, runs)
            text = answer_label[(nid, i)]
            edges.append({
                "d": d, "runs": runs, "curves": points,
                "label": text, "lx": round(sx + LABEL_GAP, 1), "ly": round(sy - LABEL_GAP, 1),
                "lw": round(label_width(text), 1),
            })
    return edges


def _runs(grid: _Grid, nid: str, target: str, start: tuple[float, float], end: tuple[float, float]) -> list[tuple]:
    """Straight runs (x from, x to, y), to be joined by curves: the stub, one run through the
    gap of each column crossed (never through a box), the arrival."""
    (sx, sy), (tx, ty) = start, end
    column = grid.column
    runs = [(sx, sx + grid.stub[column[nid]], sy)]
    span = column[target] - column[nid]
    for m in range(column[nid] + 1, column[target]):
        want = sy + (ty - sy) * (m - column[nid]) / span
        gy = min(grid.gaps[m], key=lambda g: abs(g - want))
        runs.append((grid.column_x[m] - 6, grid.column_x[m] + NODE_WIDTH + grid.stub[m], round(gy, 1)))
    runs.append((tx - 2, tx - 2, ty))
    return runs


def _path(sx: float, sy: float, runs: list[tuple]) -> tuple[str, list[tuple]]:
    """The SVG path of an arrow through ``runs``, and its curves' control points."""
    d, points = f"M{sx:g},{sy:g} H{runs[0][1]:g}", []
    for (_a, x1, y1), (x2, x3, y2) in zip(runs, runs[1:]):
        bend = (x2 - x1) / 2
        points.append(((x1, y1), (x1 + bend, y1), (x2 - bend, y2), (x2, y2)))
        d += f" C{x1 + bend:g},{y1:g} {x2 - bend:g},{y2:g} {x2:g},{y2:g}"
        if x3 > x2:
            d += f" H{x3:g}"
    return d, points


def _bezier(p0, p1, p2, p3, steps: int = 48):
    for k in range(steps + 1):
        t = k / steps
        yield tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
                    for a, b, c, d in zip(p0, p1, p2, p3))


def edge_points(edge: dict, steps: int = 48) -> list[tuple[float, float]]:
    """Points along an arrow (its straight runs and the curves between them), for checks."""
    out = []
    for x1, x2, y in edge["runs"]:
        out += [(x1 + (x2 - x1) * k / steps, y) for k in range(steps + 1)]
    for curve in edge["curves"]:
        out += list(_bezier(*curve, steps))
    return out


def label_box(edge: dict) -> tuple[float, float, float, float]:
    """The rectangle an answer label covers: (left, top, right, bottom)."""
    return (edge["lx"], edge["ly"] - LABEL_HEIGHT + 2, edge["lx"] + edge["lw"], edge["ly"] + 3)


def box_crossings(d: dict) -> list[tuple[str, str]]:
    """(box id, label of the arrow) for every arrow that runs through a box."""
    out = []
    for edge in d["edges"]:
        for b in d["nodes"]:
            if any(b["x"] < x < b["x"] + b["w"] and b["y"] < y < b["y"] + b["h"] for x, y in edge_points(edge)):
                out.append((b["id"], edge["label"]))
    return out


def label_crossings(d: dict) -> list[tuple[str, int]]:
    """(label, index of the arrow) for every arrow that runs through an answer label."""
    out = []
    for edge in d["edges"]:
        left, top, right, bottom = label_box(edge)
        for j, other in enumerate(d["edges"]):
            if any(left <= x <= right and top <= y <= bottom for x, y in edge_points(other)):
                out.append((edge["label"], j))
    return out
