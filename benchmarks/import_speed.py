"""Benchmark: `regindex import` on the 17 ALQAC laws, as .txt, .html and .docx files.

Each law (../shared/corpora/alqac2024, read in place; nothing is written to the
repository) is written out in a temporary folder the way official files come: UTF-8 and
VNI .txt, a saved portal page (.html, with menus and a footer), and a .docx whose
"Điều N." labels are Word's automatic numbering. Each is imported into an empty
regulations folder. The baseline, in the same run, is the cheapest way to get the text
out of the same bytes (bytes.decode, BeautifulSoup.get_text, python-docx paragraph
text) plus the structure parser on it: what import adds is finding the text block,
numbering, legacy encodings, the header, merging and writing.

    python benchmarks/import_speed.py
"""

from __future__ import annotations

import html
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import docx
from bs4 import BeautifulSoup
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from regindex.importer import import_file
from regindex.normalise import decode_bytes, encode_legacy, normalise_text
from regindex.parse import parse_body

ROOT = Path(__file__).resolve().parents[1]
ALQAC = ROOT.parent / "shared" / "corpora" / "alqac2024" / "law.json"

ARTICLE_LIST = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="Điều %1."/><w:suff w:val="space"/></w:lvl></w:abstractNum>"""
ARTICLE_NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
MENU = "".join(f'<li><a href="/m/{i}">Mục {i}</a></li>' for i in range(30))


def header(number: int) -> list[str]:
    return ["BAN BIÊN TẬP REGINDEX", "*", f"Số {number}-QĐ/BM",
            f"Hà Nội, ngày 1 tháng {number % 12 + 1} năm 2024", "QUY ĐỊNH", "về thử tốc độ"]


def lines(law: dict, number: int) -> list[str]:
    body = []
    for article in law["articles"]:
        title, _, rest = article["text"].partition("\n")
        body.append(f"Điều {article['id']}. {title}")
        body += [line for line in rest.split("\n") if line.strip()]
    return header(number) + body


def as_txt(law: dict, number: int, encoding: str) -> bytes:
    # The corpus has soft hyphens and an Eth (Ð) typed for Đ, which VNI cannot hold.
    text = normalise_text("\n".join(lines(law, number)) + "\n").replace("Ð", "Đ")
    return text.encode("utf-8") if encoding == "utf-8" else encode_legacy(text, encoding)


def as_html(law: dict, number: int) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines(law, number))
    return (f"<html><head><meta charset='utf-8'><script>var x = 1;</script></head><body>"
            f"<ul class='main-menu'>{MENU}</ul><div class='col-main'><h1>{law['id']}</h1>"
            f"<div class='noidung'>{paragraphs}</div></div>"
            f"<div id='footer'><p>Cổng thông tin thử nghiệm</p></div></body></html>").encode()


def as_docx(law: dict, number: int) -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(ARTICLE_LIST))
    numbering.append(parse_xml(ARTICLE_NUM))
    for line in header(number):
        document.add_paragraph(line)
    for article in law["articles"]:
        title, _, rest = article["text"].partition("\n")
        heading = document.add_paragraph(title)
        num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 90
        for line in rest.split("\n"):
            if line.strip():
                document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def baseline(kind: str, data: bytes) -> None:
    if kind.endswith(".txt"):
        text = decode_bytes(data)[0]
    elif kind == ".html":
        text = BeautifulSoup(data, "html.parser").get_text("\n")
    else:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    parse_body(text)


KINDS = {
    "utf-8.txt": lambda law, n: as_txt(law, n, "utf-8"),
    "vni.txt": lambda law, n: as_txt(law, n, "vni"),
    ".html": as_html,
    ".docx": as_docx,
}


def main() -> None:
    if not ALQAC.exists():
        sys.exit("../shared/corpora/alqac2024 is absent: nothing to measure")
    laws = json.loads(ALQAC.read_text(encoding="utf-8"))
    print(f"{'source':<10} {'files':>5} {'MB':>6} {'articles':>8} {'import s':>9} "
          f"{'baseline s':>10} {'ratio':>6} {'articles/s':>10}")
    counted = set()
    with tempfile.TemporaryDirectory() as workspace:
        for kind, write in KINDS.items():
            folder = Path(workspace) / kind / "regulations"
            folder.mkdir(parents=True)
            files = []
            for number, law in enumerate(laws, start=1):
                path = folder.parent / f"luat-{number}{Path(kind).suffix or kind}"
                path.write_bytes(write(law, number))
                files.append(path)
            start = time.perf_counter()
            for path in files:
                baseline(kind, path.read_bytes())
            base = time.perf_counter() - start
            start = time.perf_counter()
            results = [import_file(path, folder) for path in files]
            took = time.perf_counter() - start
            imported = sum(result.counts()["article"] for result in results)
            counted.add(imported)        # every kind of file gives the same articles
            size = sum(path.stat().st_size for path in files) / 1e6
            print(f"{kind:<10} {len(files):>5} {size:>6.2f} {imported:>8} {took:>9.2f} "
                  f"{base:>10.2f} {took / base:>6.1f} {imported / took:>10.0f}")
    assert len(counted) == 1, f"the kinds of file disagree on the articles: {counted}"


if __name__ == "__main__":
    main()
