"""The PDF's compression: zlib level 6 against level 9 (what pydyf, WeasyPrint's PDF writer,
uses for every stream), on the streams of each sample's PDF: CPU milliseconds per PDF
(medians of interleaved rounds) and bytes.

The streams are the ones a PDF of each sample compresses, taken as pydyf compresses them
(the PDF is written as usual, with level 9); then each level compresses them all again.

Usage: python benchmarks/compression.py [--rounds N]
"""

from __future__ import annotations

import statistics
import time
import warnings
import zlib
from types import SimpleNamespace

from run import SAMPLES, chosen

LEVELS = (6, 9)


def streams_of(sample: str) -> list[bytes]:
    """The streams pydyf compresses for the sample's PDF, uncompressed."""
    import pydyf

    import civreport

    taken: list[bytes] = []

    class Taking:
        def __init__(self, level: int = -1) -> None:
            self.level, self.parts = level, []

        def compress(self, data: bytes) -> bytes:
            self.parts.append(data)
            return b""

        def flush(self) -> bytes:
            data = b"".join(self.parts)
            taken.append(data)
            return zlib.compress(data, self.level)

    def compress(data: bytes, level: int = -1) -> bytes:
        taken.append(data)
        return zlib.compress(data, level)

    real = pydyf.zlib
    pydyf.zlib = SimpleNamespace(compressobj=Taking, compress=compress)
    try:
        civreport.write(civreport.render_page(civreport.load(sample), pdf_engine="weasyprint"), "pdf")
    finally:
        pydyf.zlib = real
    return taken


def compressed(streams: list[bytes], level: int) -> tuple[float, int]:
    """CPU seconds to compress ``streams`` at ``level``, and the bytes they come to."""
    start = time.process_time()
    size = sum(len(zlib.compress(data, level)) for data in streams)
    return time.process_time() - start, size


def main() -> None:
    _, rounds = chosen(__doc__ or "", (), rounds=15)
    warnings.simplefilter("ignore")
    for sample in SAMPLES:
        streams = streams_of(str(sample))
        times: dict[int, list[float]] = {level: [] for level in LEVELS}
        sizes: dict[int, int] = {}
        for _ in range(rounds):
            for level in LEVELS:
                seconds, sizes[level] = compressed(streams, level)
                times[level].append(seconds)
        figures = ", ".join(
            f"level {level} {statistics.median(times[level]) * 1000:5.1f} ms {sizes[level] / 1000:6.1f} KB"
            for level in LEVELS
        )
        print(f"{sample.stem:36} {len(streams)} streams, {sum(map(len, streams)) / 1000:.0f} KB: {figures}")


if __name__ == "__main__":
    main()
