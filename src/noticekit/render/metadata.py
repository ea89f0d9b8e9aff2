"""The PDF's XMP metadata in each language of a bilingual notice.

WeasyPrint writes one dc:title and one dc:description, each an rdf:Alt holding the x-default
only (a bilingual notice's is "Welsh / English"). XMP lets a title carry one alternative per
language (rdf:li xml:lang="cy-GB"), and dc:language list the languages a document is in: a
catalogue, a search index or a reader can then show each reader the title in their language.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pikepdf

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PACKET_START = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
PACKET_END = '\n<?xpacket end="w"?>'


def mark_versions(document: pikepdf.Pdf, versions: Sequence[tuple[str, str, str]]) -> None:
    """Each version's (language, title, description) as an alternative of dc:title and dc:description, and
    dc:language the versions' languages, in the order given (the Welsh first)."""
    packet = document.Root.Metadata.read_bytes().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0]
    for _, (prefix, uri) in ET.iterparse(io.StringIO(packet), events=["start-ns"]):
        ET.register_namespace(prefix, uri)  # each schema keeps its usual prefix (pdfuaid:, dc:, xmp:), as validators expect
    root = ET.fromstring(packet)
    rdf = root.find(f"{{{RDF}}}RDF")
    for field, index in (("title", 1), ("description", 2)):
        alternatives = rdf.find(f".//{{{DC}}}{field}/{{{RDF}}}Alt")
        for version in versions:
            item = ET.SubElement(alternatives, f"{{{RDF}}}li", {XML_LANG: version[0]})
            item.text = version[index]
    description = ET.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    bag = ET.SubElement(ET.SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
    for version in versions:
        ET.SubElement(bag, f"{{{RDF}}}li").text = version[0]
    xmp = PACKET_START + ET.tostring(root, encoding="unicode") + PACKET_END
    document.Root.Metadata = document.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
