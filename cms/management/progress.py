"""A small progress bar on stderr: count, bar, rate (items per second) and time left.

On a terminal it redraws one line at most every 0.2 s; elsewhere (logs, CI) it prints a line
every 10 s, so the output stays short.
"""

import sys
import time

_BAR_WIDTH = 30


class Progress:
    def __init__(self, label: str, total: int | None = None, *, unit: str = "docs", stream=None):
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.perf_counter()
        self._last_draw = 0.0
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._interval = 0.2 if self._tty else 10.0

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        elapsed = self.elapsed
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if now - self._last_draw >= self._interval:
            self._last_draw = now
            self._draw()

    def finish(self) -> None:
        self._draw(final=True)

    def line(self) -> str:
        rate = self.rate
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * _BAR_WIDTH)
            bar = "#" * filled + "." * (_BAR_WIDTH - filled)
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            return (
                f"{self.label} [{bar}] {self.done}/{self.total} {share:4.0%} "
                f"{rate:6.1f} {self.unit}/s  {self.elapsed:5.0f} s, ~{left:.0f} s left"
            )
        return f"{self.label} {self.done} {rate:6.1f} {self.unit}/s  {self.elapsed:5.0f} s"

    def _draw(self, final: bool = False) -> None:
        text = self.line()
        if self._tty:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
