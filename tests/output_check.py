"""The final check of every file the test suite wrote: qpdf, pdfdetach and LibreOffice."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path


def distinct(paths) -> dict[str, Path]:
    """One path per distinct content."""
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path for path in sorted(paths) if path.is_file()}


def check_folder(folder: Path) -> list[str]:
    pdfs = distinct(folder.rglob("*.pdf"))
    docxs = distinct(folder.rglob("*.docx"))
    problems = [problem for path in pdfs.values() for problem in check_pdf(path)]
    problems += check_docx(docxs)
    print(f"\nfinal check: {len(pdfs)} distinct PDFs (qpdf --check, pdfdetach), {len(docxs)} distinct DOCX (LibreOffice)")
    return problems


def check_pdf(path: Path) -> list[str]:
    problems = []
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    if qpdf.returncode != 0:
        problems.append(f"{path}: qpdf --check exited {qpdf.returncode}: {qpdf.stdout.strip().splitlines()[-1:]}")
    detach = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True)
    if detach.returncode != 0 or detach.stdout.strip() != "0 embedded files":
        problems.append(f"{path}: has attachments or cannot be listed: {detach.stdout.strip() or detach.stderr.strip()}")
    return problems


def check_docx(docxs: dict[str, Path]) -> list[str]:
    if not docxs:
        return []
    if soffice() is None:
        return ["LibreOffice is not installed (make test installs libreoffice-writer-nogui)"]
    with tempfile.TemporaryDirectory() as work:
        staged = Path(work) / "in"
        staged.mkdir()
        for digest, path in docxs.items():
            shutil.copy(path, staged / f"{digest}.docx")
        to_pdf(sorted(staged.iterdir()), Path(work))
        return [
            f"{path}: LibreOffice could not open it"
            for digest, path in docxs.items()
            if not (Path(work) / "out" / f"{digest}.pdf").is_file()
        ]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(paths: list[Path], work: Path) -> None:
    """Each DOCX as a PDF in work/out/, as LibreOffice (headless, its own profile) prints it."""
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", f"{work}/out", *map(str, paths)],
        capture_output=True, timeout=1800,
    )
