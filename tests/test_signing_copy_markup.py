"""Markup typed into data or an analyst text stays text in every format the signing copy has.

The real ``htx report`` builds a unit whose HTX names and analyst text hold markup that, if it
were read as HTML, would embed a local file, fetch a URL or make a live file:, javascript: or
SMB link. The Word and PDF files must hold none of it as markup, pandoc must ask for no URL,
and "<", ">" and "&" must come out as typed.
"""

from __future__ import annotations

import base64
import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from docx import Document

from htxlib.report.writing import pdf

from .conftest import run_htx, set_cell, write_small_unit

pytestmark = pytest.mark.slow

#: Text that is harmless and must be printed exactly as typed.
LITERALS = ("HTX <Sao Vàng> Lạng Sơn", "a<b và c>d", "Đội & nhóm")
#: Allowed link targets in every format: web pages, mail, places in the document.
ALLOWED = re.compile(r"^(https?://|mailto:|#)", re.I)


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A loopback web server that records every request made to it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


def _payloads(secret, url: str) -> list[str]:
    return [
        f'<img src="{secret}">',
        f'<img src="{url}/x.png">',
        f'<a href="file://{secret}">tệp</a>',
        '<a href="javascript:alert(1)">bấm</a>',
        "\\\\host\\share\\x.docx",
        f'<iframe src="{secret}"></iframe>',
        '<svg onload="alert(1)"><circle r="5"/></svg>',
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory, server):
    """Build the unit once, with the real process, in the layout a user has."""
    work = tmp_path_factory.mktemp("markup")
    secret = work / "secret.png"
    # a real picture: pandoc would embed it as media if it were ever read
    secret.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )
    url = f"http://127.0.0.1:{server.server_address[1]}"
    payloads = _payloads(secret, url)
    unit = write_small_unit(work)
    names = [*LITERALS, *payloads]
    # the name cells of A, B, C (operating HTX, listed in the document) carry them
    set_cell(unit / "entities.csv", 3, "name", f"{names[0]} {' '.join(payloads[:3])}")
    set_cell(unit / "entities.csv", 4, "name", f"{names[1]} {' '.join(payloads[3:5])}")
    set_cell(unit / "entities.csv", 5, "name", f"{names[2]} {' '.join(payloads[5:])}")
    texts = unit / "texts" / "2025"
    texts.mkdir(parents=True)
    body = "\n\n".join([*LITERALS, *payloads])
    (texts / "impact_economy.md").write_text(body + "\n", encoding="utf-8")
    # the PDF only where LibreOffice is installed (CI installs it); the other checks run anyway
    formats = "html,docx,pdf" if pdf.engine() else "html,docx"
    done = run_htx("report", "--data", "tan-lap", "--year", "2025", "--format", formats, cwd=work)
    assert done.returncode == 0, done.stderr
    return work / "reports" / "tan-lap" / "2025", secret


def _docx_parts(path):
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        rels = "".join(package.read(n).decode("utf-8") for n in names if n.endswith(".rels"))
        media = {n: package.read(n) for n in names if n.startswith("word/media/")}
    return names, rels, media


def _charts_of(page: str) -> set[bytes]:
    """The pictures the run drew: the PNG data URIs of its own page."""
    found = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    return {base64.b64decode(b) for b in found}


@pytest.mark.parametrize("product", ["report", "annex"])
def test_word_file_embeds_and_links_nothing_it_was_not_given(built, product):
    folder, _ = built
    names, rels, media = _docx_parts(folder / f"{product}.docx")
    drawn = _charts_of((folder / f"{product}.html").read_text(encoding="utf-8"))
    assert all(data in drawn for data in media.values()), sorted(media)
    assert not [n for n in names if n.endswith((".svg", ".emf", ".wmf", ".bin"))]
    for target, mode in re.findall(r'Target="([^"]*)"(?: TargetMode="(\w+)")?', rels):
        if mode == "External":
            assert ALLOWED.match(target), target
    assert "file:" not in rels and "javascript:" not in rels and "\\\\host" not in rels


def test_word_text_keeps_markup_characters_as_typed(built):
    folder, secret = built
    document = Document(str(folder / "report.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for literal in (*LITERALS, f'<img src="{secret}">', "<iframe", "\\\\host\\share\\x.docx"):
        assert literal in text, literal


def test_no_request_was_made(built, server):
    assert _Recorder.requests == []


@pytest.mark.skipif(pdf.engine() is None, reason="LibreOffice is not installed")
def test_pdf_has_only_allowed_links_and_the_text_as_typed(built):
    import subprocess

    folder, secret = built
    raw = (folder / "report.pdf").read_bytes()
    for uri in re.findall(rb"/URI\s*\(([^)]*)\)", raw):
        assert ALLOWED.match(uri.decode("latin-1")), uri
    assert b"/Launch" not in raw and b"/GoToR" not in raw
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    for literal in LITERALS:
        assert literal in flat, literal
    assert '<img src="' in flat and secret.name in flat  # shown as text, never embedded


def test_review_copy_shows_the_same_text(built):
    folder, _ = built
    page = (folder / "report.html").read_text(encoding="utf-8")
    for literal in LITERALS:
        escaped = literal.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in page, literal
    assert "<iframe" not in page and "<svg" not in page
