"""PDF/A-2b against the plain PDF, with each engine: CPU milliseconds to write the PDF of one
sample's page (medians of interleaved rounds, the page rendered once) and the bytes of each.
Typst's PDF/A is finished with pikepdf (civreport/writers/typst/archival.py).

Usage: python benchmarks/pdfa.py [--rounds N]
"""

from __future__ import annotations

import dataclasses
import statistics
import time
import warnings

from run import SAMPLES, chosen

SAMPLE = next(s for s in SAMPLES if s.stem == "hedong-street-2021")  # the longest: 5 pages


def main() -> None:
    import civreport

    _, rounds = chosen(__doc__ or "", (), rounds=15)
    warnings.simplefilter("ignore")
    report = civreport.load(SAMPLE)
    for engine in ("weasyprint", "typst"):
        plain = civreport.render_page(report, pdf_a=False, pdf_engine=engine)
        pages = {"plain": plain, "PDF/A-2b": dataclasses.replace(plain, pdf_a=True)}
        sizes = {name: len(civreport.write(page, "pdf")) for name, page in pages.items()}  # and warm
        times: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(rounds):
            for name, page in pages.items():
                start = time.process_time()
                civreport.write(page, "pdf")
                times[name].append(time.process_time() - start)
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name in pages:
            print(f"{SAMPLE.stem} {engine:10} {name:9} {medians[name] * 1000:6.1f} ms  {sizes[name]:8,} bytes")
        extra_ms = (medians["PDF/A-2b"] - medians["plain"]) * 1000
        extra_bytes = sizes["PDF/A-2b"] - sizes["plain"]
        print(
            f"{engine}: PDF/A-2b costs {extra_ms:+.1f} ms ({medians['PDF/A-2b'] / medians['plain'] - 1:+.1%}) "
            f"and {extra_bytes:+,} bytes ({extra_bytes / sizes['plain']:+.1%}) over {rounds} rounds"
        )


if __name__ == "__main__":
    main()
