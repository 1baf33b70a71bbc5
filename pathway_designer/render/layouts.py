"""Layouts made once per content: `dot`'s output kept by the hash of its DOT source and format.

A big pathway takes `dot` seconds to lay out, and in a workshop every participant (viewers too) can
ask for the same export. `LAYOUTS` keeps the last layouts, bounded by their number and their bytes,
and runs `dot` once for a content however many people ask at the same time: the others wait for
that run and share its result. A failure is not kept: the next request tries again.

A big diagram's PNG is drawn from its layout, kept as positioned DOT: the layout is made once
(and can be made ahead, `warm`, while a person looks at the exports), and drawing it costs only
the drawing. Rasterising is most of a big PNG's time (300 steps: 0.5 s of layout, 5-8 s to draw
an 85-megapixel picture at 96 dpi with cairo's PNG writer), so it is drawn at 72 dpi (one pixel
per point: 12-point text is 12 pixels high) and written by gd (as every PNG: see `PNG_RENDERER`):
about a third of the time.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from .export import Exported, draw, lay_out

MAX_LAYOUTS = 32
MAX_BYTES = 64 * 1024 * 1024
BIG_PICTURE = 100  # boxes; from here a PNG is drawn from the kept layout, at 72 dpi
BIG_PNG = ("png", "-Gdpi=72")


class LayoutCache:
    """Exported layouts by content, least recently used first out; safe across threads."""

    def __init__(self, max_layouts: int = MAX_LAYOUTS, max_bytes: int = MAX_BYTES) -> None:
        self.max_layouts = max_layouts
        self.max_bytes = max_bytes
        self._kept: OrderedDict[str, Exported] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._running: dict[str, threading.Lock] = {}  # one lock per content being laid out

    @staticmethod
    def key(source: str, fmt: str) -> str:
        return hashlib.sha256(f"{fmt}\0{source}".encode()).hexdigest()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, source: str, fmt: str, make: Callable[[], Exported]) -> Exported:
        """The layout of `source` in `fmt`, made by `make()` unless it is kept or being made."""
        key = self.key(source, fmt)
        with self._lock:
            kept = self._take(key)
            if kept is not None:
                return kept
            running = self._running.setdefault(key, threading.Lock())
        with running:  # a second request for the same content waits here for the first
            with self._lock:
                kept = self._take(key)
            if kept is not None:
                return kept
            try:
                made = make()
                with self._lock:
                    self._keep(key, made)
            finally:
                with self._lock:
                    self._running.pop(key, None)
            return made

    def export(self, source: str, fmt: str, boxes: int) -> Exported:
        """`source` laid out in `fmt` (svg, png, pdf) once per content; the PNG of a picture of
        `boxes` >= `BIG_PICTURE` is drawn from its kept layout (see `big_png`)."""
        if fmt == "png" and boxes >= BIG_PICTURE:
            return self.big_png(source)
        return self.get(source, fmt, lambda: lay_out(source, fmt))

    def big_png(self, source: str) -> Exported:
        """The PNG of a big diagram, drawn from its kept layout at 72 dpi."""

        def made() -> Exported:
            laid = self.get(source, "dot", lambda: lay_out(source, "dot"))
            png = draw(laid.data.decode("utf-8"), *BIG_PNG)
            return Exported(png.data, "png", laid.notes)

        return self.get(source, "png", made)

    def warm(self, source: str, png: bool = False) -> None:
        """Make the layout of `source` in the background, so that an export of it is quick; with
        `png`, draw its big PNG too (most of that download's time is drawing, not laying out)."""
        if png:
            self.ahead(source, "png", lambda: self.big_png(source))  # makes the layout first
        else:
            self.ahead(source, "dot", lambda: self.get(source, "dot", lambda: lay_out(source, "dot")))

    def ahead(self, source: str, fmt: str, run: Callable[[], object]) -> None:
        """`run()` (which makes and keeps `source` in `fmt`) in a background thread, unless that
        is kept or being made; a `get` of it meanwhile waits for that run instead of starting one."""
        with self._lock:
            if self.key(source, fmt) in self._kept or self.key(source, fmt) in self._running:
                return  # made, or being made: a rerun asks again
        threading.Thread(target=_quietly, args=(run,), daemon=True).start()

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    def _take(self, key: str) -> Exported | None:
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
        return kept

    def _keep(self, key: str, exported: Exported) -> None:
        if len(exported.data) > self.max_bytes:
            return  # bigger than the whole cache: made every time, never kept
        self._kept[key] = exported
        self._bytes += len(exported.data)
        while len(self._kept) > self.max_layouts or self._bytes > self.max_bytes:
            _, dropped = self._kept.popitem(last=False)
            self._bytes -= len(dropped.data)


def _quietly(run: Callable[[], object]) -> None:
    with contextlib.suppress(Exception):  # the layout asked for later says what went wrong
        run()


LAYOUTS = LayoutCache()
