"""Hostile inputs and the answer each must get, shared by the tests (library, CLI, HTTP) and by
``bench/hostile.py``/``bench/soak.py``.

A case's ``expect`` is an error code (``empty_input``, ``undecodable_input``,
``input_too_large``) or ``None`` for a result, which ``check`` then judges. The same answer must
come from the library given ``data``, and from the CLI and the HTTP API given ``wire()`` (the
bytes a client sends).
"""

from __future__ import annotations

import codecs
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

PROSE = ("The council approved the new budget on Tuesday after a long debate about schools, roads "
         "and the harbour. Members said the plan would be reviewed again next spring.")
PROSE_2 = ("Opponents argued that the spending on roads was too high, while supporters said the "
           "harbour had waited long enough for repairs and new cranes.")
ARTICLE = f"Budget passes after long debate\n\n{PROSE}\n\n{PROSE_2}\n"
# Script and style content, and anything an entity could pull in, must never reach the output.
SECRET = "ZXQJ-SECRET-TOKEN-7781"


def png_bytes() -> bytes:
    """A small valid PNG image (8x8 grey)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(100, 108)) for _ in range(8)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def billion_laughs() -> str:
    """HTML with a DTD whose entities would expand to 10^9 'lol's."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?><!DOCTYPE html [{"".join(entities)}]>'
            f"<html><head><title>Laughs</title></head><body><article><h1>Budget passes</h1>"
            f"<p>{PROSE} &lol9;</p><p>{PROSE_2}</p></article></body></html>")


def external_entity(path: str) -> str:
    """HTML with an external entity (XXE) that points at ``path``."""
    return (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{path}">]>'
            f"<html><head><title>Budget</title></head><body><article><h1>Budget passes</h1>"
            f"<p>{PROSE} &xxe;</p><p>{PROSE_2}</p></article></body></html>")


SCRIPT_STYLE_PAGE = (
    f"<html><head><title>Budget</title><style>.{SECRET} {{ color: red }}</style>"
    f"<script>var token = '{SECRET}';</script></head><body><article><h1>Budget passes</h1>"
    f"<p>{PROSE}</p><script>document.write('{SECRET}')</script><p>{PROSE_2}</p>"
    f"<style>p::after {{ content: '{SECRET}' }}</style></article><noscript>{SECRET}</noscript></body></html>")


def has_prose(text: str) -> bool:
    """Both paragraphs of the article are in ``text``."""
    return PROSE in text and PROSE_2 in text


def prose_words_kept(text: str) -> bool:
    """Every word of PROSE is in ``text`` (for inputs whose spacing or punctuation may change)."""
    return all(word in text for word in PROSE.split())


@dataclass(frozen=True)
class Case:
    """One hostile input and its expected answer."""

    name: str
    data: str | bytes
    expect: str | None = None
    check: Callable[[str], bool] = field(default=lambda text: True)
    media_type: str = "text/plain"
    wire_data: bytes | None = None
    """What a client sends when ``data`` is a ``str`` that UTF-8 cannot carry as is."""
    budget_may_refuse: bool = False
    """Megabyte-sized inputs: ``time_budget_exceeded`` is an accepted answer too (the budget is
    what bounds them; bench/hostile.py reports the real times)."""

    def wire(self) -> bytes:
        """The bytes sent to the CLI (a file) and the HTTP API (the body)."""
        if self.wire_data is not None:
            return self.wire_data
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")


def cases(secret_path: str) -> list[Case]:
    """Every hostile case; ``secret_path`` is a file holding ``SECRET`` (for the XXE case)."""
    latin = f"Café au lait, señor! {PROSE}\n\n{PROSE_2} Ærø, façade, naïve.\n"
    smart = f"“{PROSE}” — she said… {PROSE_2} It cost €5 ‘only’.\n"
    rtl = "שלום עולם, זוהי כתבה חדשותית ארוכה על התקציב החדש של העירייה.\nمرحبا بالعالم، هذه مقالة إخبارية طويلة عن الميزانية الجديدة للمدينة.\n"
    combining = "Cafe\u0301 na\u0131\u0308ve Z\u0335\u0321\u0327a\u0336\u0322l\u0337\u0328g\u0338o text " * 20
    zero_width = f"{PROSE[:40]}\u200b\u200c\u200d\u2060{PROSE[40:]}\ufeff\n\n{PROSE_2}"
    russian = "Совет утвердил новый бюджет во вторник после долгих споров о школах и дорогах. " * 5
    shared_ending = "\n".join(f"Paragraph {i}: the council approved spending on road {i} after members "
                              f"argued for {i % 7 + 2} hours, officials said." for i in range(5000))
    shared_opening = "\n".join(f"The council said on Tuesday that road {i} would be repaired by "
                               f"{i + 3} workers before the winter." for i in range(5000))
    return [
        Case("empty", "", "empty_input"),
        Case("whitespace_only", " \t\n\r\n\u3000\u2028 \n", "empty_input"),
        Case("bom_only", codecs.BOM_UTF8, "empty_input"),
        Case("one_word", "Hello", check=lambda text: text == "Hello"),
        Case("nul_bytes", f"{PROSE[:50]}\x00{PROSE[50:]}\x00\n\n{PROSE_2}".encode(),
             check=lambda text: "\x00" not in text and PROSE_2 in text and PROSE[:50] in text),
        Case("control_characters", f"{PROSE}\x07\x1b[31m\x08\n\n{PROSE_2}\x7f",
             check=lambda text: not any(c in text for c in "\x07\x1b\x08\x7f") and PROSE in text),
        Case("lone_surrogates", f"{PROSE} \ud800 and \udfff\n\n{PROSE_2}",
             check=lambda text: PROSE in text and PROSE_2 in text and not any("\ud800" <= c <= "\udfff" for c in text),
             wire_data=f"{PROSE} \ud800 and \udfff\n\n{PROSE_2}".encode("utf-8", "surrogatepass")),
        Case("invalid_utf8", f"{PROSE} caf".encode() + b"\xe9 \xc3\x28 \xff\xfe" + f"\n\n{PROSE_2}".encode(),
             check=lambda text: PROSE in text and PROSE_2 in text),
        Case("utf16_bom", ARTICLE.encode("utf-16"), check=has_prose),
        Case("utf16le_no_bom", ARTICLE.encode("utf-16-le"), check=has_prose),
        Case("utf16be_no_bom", ARTICLE.encode("utf-16-be"), check=has_prose),
        Case("utf16le_no_bom_cyrillic", russian.encode("utf-16-le"), "undecodable_input"),
        Case("utf32_bom", ARTICLE.encode("utf-32"), check=has_prose),
        Case("utf32le_no_bom", ARTICLE.encode("utf-32-le"), check=has_prose),
        Case("latin1", latin.encode("latin-1"), check=lambda text: "Café au lait, señor!" in text and "façade" in text),
        Case("windows1252", smart.encode("cp1252"), check=lambda text: "“" in text and "€5 ‘only’" in text and "…" in text),
        Case("mixed_line_endings", f"{PROSE}\r{PROSE_2}\r\nSecond line here.\u2028Third line.\u2029Fourth.\x85Fifth.\n",
             check=lambda text: text.splitlines()[:3] == [PROSE, PROSE_2, "Second line here."]
             and not any(c in text for c in "\r\u2028\u2029\x85")),
        Case("right_to_left", rtl, check=lambda text: text == rtl.strip()),
        Case("combining_characters", combining, check=lambda text: text == combining.strip()),
        Case("zero_width_characters", zero_width,
             check=lambda text: PROSE[:40] + "\u200b\u200c\u200d\u2060" + PROSE[40:] in text and PROSE_2 in text),
        Case("binary_png", png_bytes(), "undecodable_input"),
        Case("binary_random", bytes(range(256)) * 64, "undecodable_input"),
        Case("billion_laughs", billion_laughs(), media_type="text/html",
             check=lambda text: has_prose(text) and text.count("lol") < 20),
        Case("external_entity_xxe", external_entity(secret_path), media_type="text/html",
             check=lambda text: has_prose(text) and SECRET not in text and "root:" not in text),
        Case("script_and_style", SCRIPT_STYLE_PAGE, media_type="text/html",
             check=lambda text: has_prose(text) and SECRET not in text and "document.write" not in text),
        Case("html_tags_only", "<html><body>" + "<div></div>" * 1000 + "</body></html>", "empty_input",
             media_type="text/html"),
        Case("one_repeated_character", "a" * 1_000_000, check=lambda text: text == "a" * 1_000_000,
             budget_may_refuse=True),
        Case("one_character_lines", "a\n" * 100_000, "input_too_large"),
        Case("nested_brackets", "(" * 500_000 + "[{<" * 1000 + ">}]" * 1000 + ")" * 500_000,
             check=lambda text: text.startswith("((((") and text.endswith("))))"), budget_may_refuse=True),
        Case("one_megabyte_line", "word " * 200_000, check=lambda text: text == ("word " * 200_000).strip(),
             budget_may_refuse=True),
        # one line of a glued teaser's byline and stamp, a teaser date before capitals, or a
        # pager, repeated: every repetition would be a cut (the cuts were once found in
        # quadratic time) and every piece a block; such a line stays whole
        Case("glued_bylines_line", "Council votes By METRO STAFF NOVEMBER 20, 2019 10:43 " * 16_000,
             check=lambda text: text == "", budget_may_refuse=True),  # one text printed again and again
        Case("teaser_dates_line", "May 15, 2017 CAR REVIEWS Lexus " * 30_000,
             check=lambda text: text.startswith("May 15, 2017 CAR REVIEWS"), budget_may_refuse=True),
        Case("pagers_line", "Next Next Next news " * 50_000,
             check=lambda text: text == ("Next Next Next news " * 50_000).strip(), budget_may_refuse=True),
        # thousands of paragraphs with one stock ending or opening: near-copy candidates that
        # share an anchor must not be compared all with all (quadratic: 12 s for 5,000)
        Case("paragraphs_sharing_an_ending", shared_ending, check=lambda text: text == shared_ending.strip(),
             budget_may_refuse=True),
        Case("paragraphs_sharing_an_opening", shared_opening, check=lambda text: text == shared_opening.strip(),
             budget_may_refuse=True),
        # thousands of comments buttons, each above paragraphs on the article's subject: each
        # one would ask whether the article goes on past it (only the first few may)
        Case("comments_buttons_above_text", "\n".join(
            [PROSE, PROSE_2, *(f"Show comments\n{PROSE} ({i})\n{PROSE_2} ({i})\n{PROSE} [{i}]" for i in range(3000))]),
             check=lambda text: text.startswith(PROSE), budget_may_refuse=True),
        Case("over_size_limit", "word " * 1_000_001, "input_too_large"),
        Case("nested_divs_10mb", "<html><body>" + "<div>" * 1_000_000 + "text" + "</div>" * 1_000_000 + "</body></html>",
             "input_too_large", media_type="text/html"),
    ]
