"""Batch benchmark: prints figures measured in one run, on generated authorities. Not a test.

    python benchmarks/batch.py [--count 150] [--noop-count 2000] [--repeat 3] [--documents 500] [--skip-loop]

Reports, on the same COUNT authorities:
  1. per-document PDF time: noticekit's render_pdf against plain WeasyPrint on the same HTML;
  2. render --all --jobs 2 against --jobs 1 (speed-up), and against the engines' floor: the sum,
     over the authorities, of plain WeasyPrint's time for its PDF (the same HTML, in a fresh
     WeasyPrint call, as anyone would call it) and python-docx's time for its DOCX (building and
     saving the document from the notice), divided by the CPUs;
  3. the batch against a shell loop running the `weasyprint` command per PDF and a fresh
     Python per DOCX (what a council might script without noticekit);
  4. a no-op re-run (nothing changed) of COUNT authorities and of NOOP_COUNT, with the peak memory
     of each run (flat: it should not grow with the number of authorities);
  5. a worker's memory (RSS) over DOCUMENTS documents: flat or growing.
Machines are shared and noisy: each figure is a median over --repeat runs, and the ratios
compare runs made minutes apart on the same machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTICEKIT = [sys.executable, "-m", "noticekit"]
TARGETS = {"pdf": 1.10, "speedup": 1.85, "floor": 1.15, "loop": 5.0, "noop": 0.5, "noop_many": 2.0}


def make_profiles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"council-{i:03d}.toml").write_text(
            f'name = "Council {i:03d} of Benchshire"\nlayout = "children-in-need-1998"\nreviewed = 2026-10-01\n[website]\nurl = "https://www.council{i:03d}.gov.uk"\n'
            f'[contacts.write_to]\nteam = "Information Team {i}"\naddress = ["{i} High Street", "Benchtown"]\n'
            f'postcode = "BE{i % 9 + 1} {i % 10}AB"\nemail = "info{i}@council{i:03d}.gov.uk"\n'
        )


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env={**os.environ, "CI": "1", **(env or {})}, check=False, capture_output=True)
    return time.perf_counter() - start


def documents(root: Path, count: int) -> list:
    """(authority, notice, print page) for the first COUNT authorities, exactly as a render builds them."""
    from noticekit import api
    from noticekit.build.formats import print_page
    from noticekit.wording.layouts import load_layout
    from noticekit.workspace import Workspace

    workspace = Workspace.discover(root)
    layout = load_layout(workspace.layouts, "children-in-need-1998")
    found = []
    for authority in api.load_authorities(workspace, workspace.slugs()[:count]):
        notice = api.notice_for(authority, layout)
        found.append((authority, notice, print_page(notice, layout, workspace, authority)))
    return found


def engine_times(root: Path, count: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """Per authority, medians of ``repeat`` runs (interleaved, so that noise falls on all alike):
    noticekit's render_pdf (the page, its stylesheets given apart), plain WeasyPrint on the same
    page as one HTML document that links them, and python-docx for the DOCX."""
    import weasyprint

    from noticekit import api
    from noticekit.render.pdf import file_url, render_pdf
    from noticekit.workspace import Workspace

    workspace = Workspace.discover(root)
    base = file_url(workspace.layouts / "children-in-need-1998") + "/"
    ours, plain, docx = [], [], []
    for authority, notice, page in documents(root, count):
        times: dict[str, list[float]] = {"ours": [], "plain": [], "docx": []}
        html = page.standalone()
        for _ in range(repeat):
            start = time.perf_counter()
            render_pdf(page.html, base_url=base, allowed=[workspace.layouts, workspace.fonts], source="bench", stylesheets=page.stylesheets, css=page.css)
            times["ours"].append(time.perf_counter() - start)
            start = time.perf_counter()
            weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
            times["plain"].append(time.perf_counter() - start)
            start = time.perf_counter()
            api.build_docx(notice, authority)
            times["docx"].append(time.perf_counter() - start)
        for found, name in ((ours, "ours"), (plain, "plain"), (docx, "docx")):
            found.append(statistics.median(times[name]))
    return ours, plain, docx


def batch_times(root: Path, repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"jobs1": [], "jobs2": []}
    for _ in range(repeat):
        for jobs in ("1", "2"):
            shutil.rmtree(root / "out", ignore_errors=True)
            times[f"jobs{jobs}"].append(timed([*NOTICEKIT, "render", "--all", "--jobs", jobs], root))
    return {key: statistics.median(values) for key, values in times.items()}


def noop(root: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of a no-op `render --all` (its outputs made first), and its peak memory in MB."""
    if not (root / "out" / "manifest.json").is_file():
        timed([*NOTICEKIT, "render", "--all", "--jobs", "2"], root)
    seconds, peaks = [], []
    for _ in range(max(repeat, 3)):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, "render", "--all", "--jobs", "2"], cwd=root,
                                env={**os.environ, "CI": "1"}, capture_output=True, text=True, check=False)
        seconds.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"the no-op run failed ({result.returncode}): {result.stderr[-500:]}")
        peaks.append(int(result.stderr.splitlines()[-1].split()[1]) / 1024)
    return statistics.median(seconds), max(peaks)


# `noticekit ARGS` in this process, then its own peak memory (VmHWM, of this program alone: the
# parent's memory, which a fork copies, is not counted) as the last line on stderr.
PEAK_SCRIPT = """
import atexit, runpy, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write(line)
atexit.register(peak)
sys.argv = ["noticekit", *sys.argv[1:]]
runpy.run_module("noticekit", run_name="__main__")
"""


def shell_loop(root: Path, count: int) -> float:
    """A PDF per `weasyprint` command and a DOCX per fresh Python, as a shell script would."""
    from noticekit.profiles.profile import load_profile
    from noticekit.render.html import notice_html
    from noticekit.render.pdf import file_url
    from noticekit.wording.compose import compose
    from noticekit.wording.layouts import load_layout
    from noticekit.workspace import Workspace

    workspace = Workspace.discover(root)
    layout = load_layout(workspace.layouts, "children-in-need-1998")
    html_dir = root / "html"
    html_dir.mkdir(exist_ok=True)
    slugs = workspace.slugs()[:count]
    for slug in slugs:
        notice = compose(load_profile(workspace.profiles / f"{slug}.toml"), layout)
        (html_dir / f"{slug}.html").write_text(notice_html(notice, [file_url(workspace.fonts / "fonts.css"), file_url(layout.stylesheet)]))
    weasyprint_command = [str(Path(sys.executable).with_name("weasyprint"))]
    docx_script = "import sys; from noticekit import api; api.render([sys.argv[1]], formats=['docx'], out=__import__('pathlib').Path('loop-out'))"
    start = time.perf_counter()
    for slug in slugs:
        subprocess.run([*weasyprint_command, "--pdf-variant", "pdf/ua-1", str(html_dir / f"{slug}.html"), str(html_dir / f"{slug}.pdf")], check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", docx_script, slug], cwd=root, check=True, capture_output=True)
    return (time.perf_counter() - start) * len(os.listdir(root / "profiles")) / len(slugs)


MEMORY_SCRIPT = """
import sys
from pathlib import Path
from noticekit.build.pool import Task, build_task
from noticekit.build.products import products
from noticekit.profiles.authority import load_authority
from noticekit.workspace import Workspace
both = products([], ["standard"])
workspace = Workspace.discover(Path.cwd())
slugs = workspace.slugs()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
total = int(sys.argv[1])
for n in range(1, total + 1):
    build_task(Task(load_authority(workspace, slugs[n % len(slugs)]), both, "children-in-need-1998", workspace))
    if n in (50, total // 2, total):
        print(n, round(rss(), 1), flush=True)
"""


def worker_memory(root: Path, documents: int) -> list[tuple[int, float]]:
    result = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(documents)], cwd=root, capture_output=True, text=True, check=True)
    return [(int(n), float(mb)) for n, mb in (line.split() for line in result.stdout.splitlines())]


def default_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--noop-count", type=int, default=2000, help="authorities for the second no-op run (0: skip it)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--skip-loop", action="store_true", help="skip the (slow) shell-loop comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="noticekit-bench-") as folder:
        root = Path(folder)
        make_profiles(root / "profiles", args.count)
        for name in ("layouts", "fonts"):
            shutil.copytree(REPO / name, root / name)
        print(f"noticekit batch benchmark: {args.count} authorities, {os.cpu_count()} CPUs, medians of {args.repeat} runs\n")

        ours, plain, docx = engine_times(root, args.count, args.repeat)
        ratio = statistics.median(ours) / statistics.median(plain)
        print(f"1. PDF per document: noticekit {statistics.median(ours) * 1000:.1f} ms, plain WeasyPrint "
              f"{statistics.median(plain) * 1000:.1f} ms on the same HTML: {ratio:.2f}x ({verdict(ratio <= TARGETS['pdf'])}: at most {TARGETS['pdf']}x)")

        batch = batch_times(root, args.repeat)
        speedup = batch["jobs1"] / batch["jobs2"]
        cpus = min(2, default_cpus())
        floor = (sum(plain) + sum(docx)) / cpus
        print(f"2. render --all, PDF and DOCX: --jobs 1 {batch['jobs1']:.1f} s, --jobs 2 {batch['jobs2']:.1f} s: "
              f"speed-up {speedup:.2f}x ({verdict(speedup >= TARGETS['speedup'])}: at least {TARGETS['speedup']}x)")
        print(f"   engines' floor: (plain WeasyPrint {sum(plain):.1f} s + python-docx {sum(docx):.1f} s) / {cpus} CPUs = {floor:.1f} s; "
              f"--jobs 2 is {batch['jobs2'] / floor:.2f}x the floor ({verdict(batch['jobs2'] / floor <= TARGETS['floor'])}: at most {TARGETS['floor']}x)")

        if args.skip_loop:
            print("3. shell loop: skipped")
        else:
            loop = shell_loop(root, args.count)
            print(f"3. shell loop (weasyprint command per PDF, fresh Python per DOCX): {loop:.1f} s; batch --jobs 2 is "
                  f"{loop / batch['jobs2']:.1f}x faster ({verdict(loop / batch['jobs2'] >= TARGETS['loop'])}: at least {TARGETS['loop']}x)")

        seconds, peak = noop(root, args.repeat)
        print(f"4. no-op re-run of {args.count} authorities: {seconds:.2f} s, peak {peak:.0f} MB ({verdict(seconds < TARGETS['noop'])}: under {TARGETS['noop']} s)")
        if args.noop_count:
            many = root / "many"
            make_profiles(many / "profiles", args.noop_count)
            for name in ("layouts", "fonts"):
                shutil.copytree(REPO / name, many / name)
            many_seconds, many_peak = noop(many, args.repeat)
            flat = many_peak < 1.25 * peak
            print(f"   no-op re-run of {args.noop_count} authorities: {many_seconds:.2f} s, peak {many_peak:.0f} MB "
                  f"({verdict(many_seconds < TARGETS['noop_many'])}: under {TARGETS['noop_many']} s; memory {verdict(flat)}: within 25% of {args.count}'s)")

        samples = worker_memory(root, args.documents)
        growth = samples[-1][1] - samples[0][1]
        flat = growth < 0.05 * samples[0][1]
        print(f"5. one worker's memory (RSS) over {args.documents} authorities (PDF and DOCX each): "
              + ", ".join(f"{mb:.0f} MB after {n}" for n, mb in samples)
              + f"; growth {growth:+.1f} MB ({verdict(flat)}: flat, under 5%)")


if __name__ == "__main__":
    main()
