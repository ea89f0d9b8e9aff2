"""Repairs to the tag tree WeasyPrint 70 writes, so that a screen reader meets each thing once.

- The running footer and page numbers (CSS margin boxes) are tagged as Spans under NonStruct
  elements that the Document element does not list: content neither reachable nor Artifact.
  They become pagination Artifacts (ISO 32000-1, 14.8.2.2.2).
- A link that wraps is one Link element per line; the parts of one link become one Link element
  with several link annotations, announced once (PDF/UA-1, 7.18.5).
- A line break leaves an empty NonStruct element; empty elements go.
- A Figure's /BBox is in CSS pixels from the top of the page; it becomes PDF points.
- WeasyPrint gives the document its /Lang but no element one: each passage in another language
  (a <section lang> becomes a Sect, a <span lang> a Span holding elements; noticekit's pages use
  neither for anything else) gets that language's /Lang, so a screen reader switches voice.

Each repair works on pikepdf objects and is a function of the document alone.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name

from noticekit.render.metadata import mark_versions


def repair(pdf: bytes, passages: str | None = None, versions: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """``pdf`` (tagged by WeasyPrint) with its tag tree repaired, its passages in another language
    marked as ``passages`` (the one other language a notice may hold), and a bilingual notice's
    ``versions`` in its metadata (render.metadata); everything else as it was."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/StructTreeRoot" not in document.Root:
            return pdf
        tree = Tree(document)
        tree.margin_boxes_as_artifacts(tree.repair_elements(passages))
        if versions:
            mark_versions(document, versions)
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def kids(element) -> list:
    found = element.get("/K")
    return list(found) if isinstance(found, Array) else [] if found is None else [found]


def is_element(node) -> bool:
    return isinstance(node, Dictionary) and "/S" in node


class Tree:
    """A document's structure tree, and its parent tree (what each MCID and annotation belongs to)."""

    def __init__(self, document: pikepdf.Pdf) -> None:
        self.document = document
        self.root = document.Root.StructTreeRoot
        self.numbers = self.root.ParentTree.Nums  # key, owner(s), key, owner(s), ...
        self.slots = {int(self.numbers[index]): index + 1 for index in range(0, len(self.numbers), 2)}
        self._matrices: dict = {}  # each page's opening transformations, read once (_page_matrix)

    def owners(self, page) -> Array | None:
        """The elements that own a page's marked content, by MCID."""
        slot = self.slots.get(int(page.get("/StructParents", -1))) if page is not None else None
        owners = self.numbers[slot] if slot is not None else None
        return owners if isinstance(owners, Array) else None

    def repair_elements(self, passages: str | None = None) -> set:
        """The repairs of elements, in one walk of the tree, each element's kids before itself:
        wrapped links merged, empty elements dropped, figures' boxes in points, passages in
        ``passages`` marked. Returns the elements left (their object numbers)."""
        reachable: set = set()

        def visit(element) -> list:
            found = kids(element)
            for kid in found:
                if is_element(kid):
                    reachable.add(kid.objgen)
                    self._repair(kid, visit(kid), passages)
            tidied = self._without_empty(self._merged_links(found))
            if len(tidied) != len(found):
                element.K = Array(tidied)
            return tidied

        visit(self.root)
        return reachable

    def _repair(self, element, its_kids: list, passages: str | None) -> None:
        kind = element.S
        if kind == Name.Figure:
            figure_box_in_points(element, self._matrices)
        elif passages and (kind == Name.Sect or (kind == Name.Span and _holds_words(its_kids))):
            element.Lang = pikepdf.String(passages)

    def _merged_links(self, found: list) -> list:
        """Consecutive Link elements with the same target become one (PDF/UA-1, 7.18.5)."""
        merged: list = []
        for kid in found:
            if merged and _same_link(merged[-1], kid):
                self._move_kids(kid, merged[-1])
            else:
                merged.append(kid)
        return merged

    @staticmethod
    def _without_empty(found: list) -> list:
        """Elements with no content at all (no MCID, annotation or element: their own empty kids
        are gone already) go."""
        return [kid for kid in found if not (is_element(kid) and not kids(kid))]

    def margin_boxes_as_artifacts(self, reachable: set) -> None:
        """Content whose element is not among ``reachable`` (the elements of the tree) becomes a pagination Artifact."""
        for page in self.document.pages:
            owners = self.owners(page.obj)
            if owners is None:
                continue
            orphans = {mcid for mcid, owner in enumerate(owners) if is_element(owner) and owner.objgen not in reachable}
            if orphans:
                for mcid in orphans:
                    owners[mcid] = pikepdf.Object.parse(b"null")
                _rewrite_marked_content(self.document, page, orphans)

    def _move_kids(self, source, target) -> None:
        target.K = Array(kids(target) + kids(source))
        for kid in kids(source):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                self.numbers[self.slots[int(kid.Obj.StructParent)]] = target
            elif isinstance(kid, int):
                owners = self.owners(source.get("/Pg"))
                if owners is not None and kid < len(owners):
                    owners[kid] = target
            elif is_element(kid):
                kid.P = target


def figure_box_in_points(element, matrices_of: dict) -> None:
    """A Figure's /BBox, which WeasyPrint gives in CSS pixels from the top of the page, in PDF
    points; ``matrices_of`` keeps each page's transformations (_page_matrix) for its next figure."""
    attributes = element.get("/A")
    if isinstance(attributes, Dictionary) and "/BBox" in attributes and "/Pg" in element:
        page = element.Pg
        if page.objgen not in matrices_of:
            matrices_of[page.objgen] = _page_matrix(page)
        matrices = matrices_of[page.objgen]
        x0, y0, x1, y1 = (float(value) for value in attributes.BBox)
        corners = [_to_points(matrices, x, y) for x, y in ((x0, y0), (x1, y1))]
        xs, ys = sorted(x for x, _ in corners), sorted(y for _, y in corners)
        attributes.BBox = Array([round(xs[0], 3), round(ys[0], 3), round(xs[1], 3), round(ys[1], 3)])


def _holds_words(its_kids: list) -> bool:
    """Whether a Span holds elements other than Figures: a <span lang>, not a QR code's Span (its Figure alone)."""
    return any(is_element(kid) and kid.S != Name.Figure for kid in its_kids)


def _same_link(first, second) -> bool:
    if not (is_element(first) and is_element(second) and first.S == Name.Link and second.S == Name.Link):
        return False
    targets = [_target(element) for element in (first, second)]
    return targets[0] is not None and targets[0] == targets[1]


def _target(link) -> str | None:
    for kid in kids(link):
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and "/A" in kid.Obj:
            return str(kid.Obj.A.get("/URI", ""))
    return None


def _page_matrix(page) -> list[pikepdf.Matrix]:
    """The transformations the page's content starts with (WeasyPrint's flip to a top-left origin,
    then CSS pixels to points), innermost first: read from the stream's first operators, without
    parsing the rest."""
    matrices, operands = [], []
    for token in _stream_bytes(page)[:HEAD].split():
        if token == b"cm" and len(operands) == 6:
            matrices.insert(0, pikepdf.Matrix(*operands))
            operands = []
        elif token == b"q" and not operands:
            continue
        else:
            try:
                operands.append(float(token))
            except ValueError:
                break
    return matrices


HEAD = 400  # bytes: WeasyPrint's opening "1 0 0 -1 0 H cm q 0.75 0 0 0.75 0 0 cm" and then some


def _stream_bytes(page) -> bytes:
    contents = page.Contents
    return b"\n".join(part.read_bytes() for part in contents) if isinstance(contents, Array) else contents.read_bytes()


def _to_points(matrices: list[pikepdf.Matrix], x: float, y: float) -> tuple[float, float]:
    for matrix in matrices:
        x, y = matrix.transform((x, y))
    return x, y


# A marked-content sequence as WeasyPrint opens it: "/Span\n<</MCID 3>>\nBDC". (Text is drawn
# from hex glyph strings, so these bytes occur nowhere else in its content streams.)
_MARKED = re.compile(rb"/[^\s/<>\[\]()]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _rewrite_marked_content(document: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """The marked content sequences with these MCIDs become pagination Artifacts."""
    content = _MARKED.sub(lambda found: _ARTIFACT if int(found[1]) in mcids else found[0], _stream_bytes(page.obj))
    page.obj.Contents = document.make_stream(content)
