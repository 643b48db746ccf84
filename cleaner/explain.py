"""Render a cleaning result as the input with every removal marked (``cleaner explain``)."""

from __future__ import annotations

from collections import Counter

from .document import Cleaned

KIND_COLOURS = {"title": "1;34", "metadata": "36", "caption": "35", "ui": "33", "duplicate": "34",
                "advertisement": "31", "disclaimer": "31", "copyright": "31",
                "appended_story": "41;97", "boilerplate": "90"}
DEFAULT_COLOUR = "33"


def render_explanation(result: Cleaned, *, colour: bool = False) -> str:
    """The source text with each removed span wrapped as ``[-text-]{kind:rule}`` (or coloured
    by kind, with the rule id after it), then a summary of removals by kind."""
    out: list[str] = []
    position = 0
    source = result.source
    for removal in result.removed:
        if removal.start < position:
            continue
        out.append(source[position:removal.start])
        label = removal.rule + (f"/{removal.reason}" if removal.reason else "")
        if colour:
            code = KIND_COLOURS.get(removal.kind, DEFAULT_COLOUR)
            out.append(f"\x1b[{code}m{removal.text}\x1b[0m\x1b[2m {{{removal.kind}:{label}}}\x1b[0m")
        else:
            out.append(f"[-{removal.text}-]{{{removal.kind}:{label}}}")
        position = removal.end
    out.append(source[position:])
    counts = Counter(r.kind for r in result.removed)
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "nothing"
    title = f"title: {result.title}\n" if result.title else ""
    meta = "".join(f"{k}: {v}\n" for k, v in sorted(result.metadata.items()))
    text = "".join(out)
    return f"{text}{'' if text.endswith(chr(10)) else chr(10)}\n--\n{title}{meta}removed: {summary}\n"
