"""The page every document is printed on (A4, one column, 11-12 pt, the audit chain head in the
footer) and safe text: comment text is hostile and written in many scripts, so every character no
embedded font (moderator/fonts) can draw, and every control or invisible character, is written as a
visible ``[U+XXXX]``."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fpdf import FPDF

from moderator import fonts

MAX_TEXT = 20_000  # characters of one comment text shown in a PDF; the pack's case.json has all of it
BODY, SMALL, H2, H1 = 11.5, 9, 14, 18
LINE = 6.0
MARGIN = 18


# -- safe text --------------------------------------------------------------------------------------

def _showable(ch: str) -> bool:
    if ch == " ":
        return True
    if not ch.isprintable():  # controls, NUL, bidi overrides, zero-width and other invisible characters
        return False
    return fonts.covers(ch)


def safe(text: Any, limit: int | None = None) -> str:
    """``text`` as the PDF's font can show it: unshowable characters become a visible [U+XXXX]; line
    breaks stay; tabs become spaces. ``limit`` cuts long text first and says how much was left out."""
    text = "" if text is None else str(text)
    cut = ""
    if limit is not None and len(text) > limit:
        cut = f"\n[... {len(text) - limit:,} more characters not shown here; the full text is in case.json]"
        text = text[:limit]
    out = []
    for ch in text.replace("\r\n", "\n"):
        if ch == "\n":
            out.append("\n")
        elif ch == "\t":
            out.append("    ")
        elif _showable(ch):
            out.append(ch)
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out) + cut


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def when(value: datetime | None) -> str:
    if value is None:
        return "not known"
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%d %b %Y %H:%M:%S UTC")


# -- the page ---------------------------------------------------------------------------------------

class Doc(FPDF):
    def __init__(self, title: str, head: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        fonts.register(self)
        self.doc_title, self.head = safe(title), head
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_title(self.doc_title)
        self.set_creator("school-moderator")
        self.alias_nb_pages()
        self.add_page()

    def multi_cell(self, w, h=None, text="", *args, **kwargs):  # noqa: ANN001, ANN201
        fonts.shape(self, str(text))
        return super().multi_cell(w, h, text, *args, **kwargs)

    def cell(self, w=None, h=None, text="", *args, **kwargs):  # noqa: ANN001, ANN201
        fonts.shape(self, str(text))
        return super().cell(w, h, text, *args, **kwargs)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(fonts.FAMILY, size=7.5)
        self.set_text_color(90)
        self.multi_cell(0, 3.5, f"{self.doc_title} - page {self.page_no()} of {{nb}}\naudit chain head {self.head}",
                        align="C")
        self.set_text_color(0)

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_font(fonts.FAMILY, "B", H1)
        self.multi_cell(0, 9, safe(title), new_x="LMARGIN", new_y="NEXT")
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, LINE, safe(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.set_font(fonts.FAMILY, "B", H2)
        self.set_fill_color(230, 236, 245)
        self.multi_cell(0, 8, safe(text), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def h3(self, text: str) -> None:
        self.set_font(fonts.FAMILY, "B", BODY)
        self.multi_cell(0, LINE, safe(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: Any, *, size: float = BODY, style: str = "", limit: int | None = None) -> None:
        self.set_font(fonts.FAMILY, style, size)
        self.multi_cell(0, LINE if size >= BODY else 4.6, safe(text, limit), new_x="LMARGIN", new_y="NEXT")

    def field(self, label: str, value: Any) -> None:
        """A label on its own line, its value under it: one column, nothing to scroll sideways."""
        self.set_font(fonts.FAMILY, "B", SMALL)
        self.set_text_color(70)
        self.multi_cell(0, 4.6, safe(label), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.para(value if value not in (None, "", []) else "-")
        self.ln(1)

    def quote(self, text: str) -> None:
        """Comment text: boxed, so nobody mistakes it for the school's words."""
        self.set_font(fonts.FAMILY, size=10.5)
        self.set_fill_color(245, 245, 245)
        self.multi_cell(0, 5.2, safe(text, MAX_TEXT) or "(empty)", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def bullet(self, text: Any) -> None:
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, LINE, "- " + safe(text), new_x="LMARGIN", new_y="NEXT")

    def blank_line(self, label: str) -> None:
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, 10, safe(label) + " " + "_" * max(10, 60 - len(label)), new_x="LMARGIN", new_y="NEXT")

    def bars(self, title: str, items: list[tuple[str, float]], *, unit: str = "") -> None:
        """A horizontal bar chart: one bar a line, the value printed beside it."""
        self.h3(title)
        if not items:
            self.para("None in this period.")
            return
        top = max(v for _, v in items) or 1
        label_w, bar_w = 70, self.w - 2 * MARGIN - 70 - 22
        self.set_font(fonts.FAMILY, size=SMALL + 0.5)
        for label, value in items:
            if self.get_y() > self.h - MARGIN - 16:
                self.add_page()
            label = safe(label)
            if self.get_string_width(label) > label_w - 2:  # a long label gets its own line above the bar
                self.set_x(MARGIN)
                self.multi_cell(0, 4.6, label, new_x="LMARGIN", new_y="NEXT")
                label = ""
            y = self.get_y()
            self.set_xy(MARGIN, y)
            self.cell(label_w, 6, label)
            self.set_fill_color(60, 110, 170)
            width = max(0.6, bar_w * value / top)
            self.rect(MARGIN + label_w, y + 1, width, 4, style="F")
            self.set_xy(MARGIN + label_w + width + 2, y)
            shown = f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"
            self.cell(20, 6, shown)
            self.set_xy(MARGIN, y + 6.5)
        self.ln(2)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())
