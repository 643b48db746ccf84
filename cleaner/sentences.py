"""Split glued lines (a scraper that lost the line breaks between blocks) into pieces at
sentence ends and at the page furniture glued in ("Share this story", "Most Popular",
"Related: <a headline>"), so that the rules and detectors judge the residue on its own."""

from __future__ import annotations

import re

import ahocorasick
import regex

from .dates import DATE, DAY_NAME, MONTH, TIME
from .document import Block
from .segment import split_block
from .text_stats import is_plain

# A sentence end: punctuation, closing quotes or brackets, space, then a capital, digit or
# opening quote. Not after an abbreviation ("Mr.", "U.S.", "Gov.") or a single letter.
BOUNDARY = regex.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[\p{Lu}\p{N}])")
# BOUNDARY for plain text (``text_stats.is_plain``), on the stdlib engine, which scans it about
# twice as fast: there \p{Lu} and \p{N} are [A-Z0-9], and \s is spelt out (the stdlib's \s
# also takes \x1c-\x1f). tests/test_text_stats.py checks the classes agree.
PLAIN_BOUNDARY = re.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*[\t\n\x0b\x0c\r \xa0]+(?=[\"'“‘«(\[]?[A-Z0-9])")
ABBREVIATIONS = ("Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Prof|Inc|Corp|Co|Jr|Sr|No|Nos|vs|etc|approx"
                 "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
ABBREVIATION = regex.compile(rf"(?:^|\s)(?:\p{{L}}|\p{{Lu}}\p{{Ll}}?|(?:\p{{L}}\.)+\p{{L}}|(?:{ABBREVIATIONS}))\.$")
# a German (or Nordic, Czech, Polish) date's day, an ordinal with its full stop, before its month:
# "am 14. Juni 2019" ends no sentence
ORDINAL_DAY = regex.compile(r"(?:^|[\s(|,])\d{1,2}\.$")
MONTH_NEXT = regex.compile(rf"(?:{MONTH})(?!\p{{L}})")

# Page furniture that starts a block of its own; a glued line holds one after its start. Only
# where it starts with a capital (a heading or a button, not words of a sentence).
# ``header``: the phrase is the whole block (a list heading, a button); ``link``: a label that
# a headline follows ("Related: <headline>"), which ends where the headline's run of
# capitalised words does; ``lead``: the block goes on to the next cut ("More in Tech").
MARKER = regex.compile(r"""(?ix)(?<![\p{L}\p{N}'’-])(?:
  (?P<header>
    most\ (?:read|popular|viewed|shared|commented|emailed)(?:\ (?:today|this\ week|now|stories|articles|news))?
  | trending\ (?:now|stories|articles|news|today)
  | top\ stories | latest\ (?:news|stories|headlines) | editor'?s'?\ picks
  | popular\ (?:this\ week|now|today|stories|articles|posts|news)
  | more\ (?:stories|news|articles|videos)\ (?:like\ this(?:\ one)?|you\ may\ like|for\ you)
  | recent\ (?:content|articles|posts|stories|news) | related\ (?:stories|articles|content|posts|coverage|links)
  | featured\ videos? | (?:blog\ )?comments\ powered\ by\ disqus
  | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)
  | recommended\ (?:for\ you|stories|articles|reading)
  | share\ this\ (?:story|article|post|page)
  | (?:previous|next|prev|older|newer)\ (?:\p{L}+\ )?(?:post|article|story|entry|news)(?![\p{L}\p{N}])
  | (?:loading|show|view|load|read|see\ all)\ comments(?:\ ?(?:\.{3}|…))?
  | advertisement | sponsored\ content | about\ the\ (?:author|authors|reporter|writer)
  | sign\ up\ for\ (?:the|our)\ (?:\p{L}+\ )?newsletters?
  | subscribe\ to\ (?:the|our)\ (?:\p{L}+\ )?newsletters?
  | meistgelesen | lesen\ sie\ auch | mehr\ zum\ thema | das\ könnte\ sie\ auch\ interessieren
  | artikel\ teilen | newsletter\ abonnieren | anzeige
  | les\ plus\ lus | à\ lire\ aussi | lire\ aussi | voir\ aussi | partager\ cet\ article
  | inscrivez-vous\ à\ (?:la|notre)\ newsletter | publicité
  | lo\ más\ (?:leído|visto) | lea\ también | te\ puede\ interesar | compartir\ este\ artículo
  | suscríbete\ a\ (?:la|nuestra)\ newsletter | publicidad
  | i\ più\ letti | leggi\ anche | condividi\ questo\ articolo | iscriviti\ alla\ newsletter | pubblicità
  | (?:as\ )?mais\ lidas | leia\ (?:também|mais) | compartilhe\ (?:esta|este)\ (?:notícia|artigo) | publicidade
  | самое\ (?:читаемое|популярное) | читайте\ также | поделиться | реклама
  )
| (?P<link>(?:related|read\ more|read\ next|see\ also|also\ read)\ ?:)
| (?P<lead>
    more\ (?:in|from|on)\ (?=\p{Lu}) | next\ up\ (?:in|on)\ (?=\p{Lu}) | up\ next\ (?:in|on)\ (?=\p{Lu})
  | by\ (?:signing\ up|subscribing|clicking\ (?:subscribe|sign\ up)) | e-?mail\ \(required\)
  | why\ you\ can\ trust\ (?=\p{Lu})
  )
)""")
# How the markers start: an Aho-Corasick scan for these (as written, in capitals or title case)
# finds where a marker may start, so the marker pattern runs only there.
MARKER_STARTS = (
    "Most", "Trending", "Top stories", "Latest", "Editor", "You may", "You might", "Recommended",
    "Share this", "Loading", "Show comments", "View comments", "Load comments", "Read comments",
    "See all", "Advertisement", "Sponsored", "Sign up", "Subscribe to", "Meistgelesen",
    "Lesen Sie", "Mehr zum", "Das könnte", "Artikel teilen", "Newsletter abonnieren", "Anzeige",
    "Les plus", "À lire", "Lire aussi", "Voir aussi", "Partager", "Inscrivez-vous", "Publicité",
    "Lo más", "Lea también", "Te puede", "Compartir", "Suscríbete", "Publicidad", "I più", "Leggi",
    "Condividi", "Iscriviti", "Pubblicità", "As mais", "Mais lidas", "Leia", "Compartilhe",
    "Publicidade", "Самое", "Читайте", "Поделиться", "Реклама", "Related", "Read more",
    "Read next", "See also", "Also read", "More in", "More from", "More on", "Next up", "Up next",
    "By signing", "By subscribing", "By clicking", "Email (", "E-mail (", "Why you can trust", "Popular", "More stories",
    "More news", "More articles", "More videos", "Recent", "Featured video", "comments powered by Disqus",
    "blog comments powered by Disqus", "Previous", "Next", "Prev", "Older", "Newer", "About the")


def _first_words() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for start in MARKER_STARTS:
        for variant in (start, start.upper(), start.title()):
            automaton.add_word(variant, len(variant))
    automaton.make_automaton()
    return automaton


FIRST_WORDS = _first_words()
# Short words a title-cased headline keeps in lower case.
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to vs via with".split())
WORD = regex.compile(r"\S+")
# The heading of the comments glued at the end of a line ("... | Permalink | 10 Comments", "Next
# Post Comments", "... Facebook Latest Comments"): capitalised, the last words of the line ("...
# received 10 comments." is a sentence), with the words before it that belong to the heading.
COMMENT_QUALIFIERS = ("latest|show|hide|view|read|load|loading|see|all|reader|readers'?|top|rated|liked|recent"
                      "|popular|upvoted|newest|oldest|best|featured|neueste|alle|derniers|tous les|últimos|ultimi")
COMMENT_WORDS = "Comments|COMMENTS|Kommentare|Commentaires|Comentarios|Commenti|Comentários|Комментарии"
COMMENTS_AT_END = regex.compile(
    rf"(?<=\S\s{{1,4}})(?<!(?i:\b(?:{COMMENT_QUALIFIERS}))\s{{1,4}})(?:(?i:{COMMENT_QUALIFIERS})\s+){{0,2}}(?:\d+\s+)?"
    rf"(?:{COMMENT_WORDS})(?:\s*\(\d+\))?\s*$")
# how far from the end of the line the heading may start
COMMENTS_AT_END_REACH = 80
COMMENTS_ENDINGS = ("omments", "OMMENTS", "ommentare", "ommentaires", "omentarios", "ommenti", "omentários",
                    "омментарии", ")")
# A heading glued after a line's last sentence (``heading_at_end``): the line ends with none of
# these, the heading has at most so many words and starts within reach of the line's end.
TAIL_ENDINGS = ".!?…\"'”’»)]:;,"
HEADING_AT_END_MAX_WORDS = 8
HEADING_AT_END_REACH = 120
HEADING_AT_END_MIN_LINE = 80
# ... but a photo credit ends its caption ("... in Las Vegas. Photo: John Locher / AP",
# "... Moscow. Sputnik/Alexander Kazakov/Pool via REUTERS"), and a quoted title with its date
# ends a source citation ('PolitiFact, "... says. That's Pants on Fire," Aug 20, 2019')
CREDIT_OR_CITATION = regex.compile(
    r"[/,\"“”©]|(?<![\p{L}\p{N}])(?i:via|photo(?:graph)?s?|images?|pictures?|credits?|courtesy|getty|foto|bild)(?![\p{L}\p{N}])")
# The wires whose name a story's dateline or closing credit gives in brackets ("(AP)", "(Reuters)").
WIRE_AGENCIES = "AP|Reuters|AFP|dpa|UPI|EFE|ANSA|PTI|IANS|Xinhua|TASS|Bloomberg|CNN"
# A wire story's dateline: "HAYWARD, Calif. (AP) —", "MOSCOW (Reuters) -", "BERLIN, Nov 20
# (Reuters) -", "(Reuters) —". On a glued line, the headline, byline or date before it belong to
# the page's head.
WIRE_DATELINE = regex.compile(
    r"(?:\p{Lu}[\p{Lu}\p{M}.'-]+(?:\s+\p{Lu}[\p{Lu}\p{M}.'-]+){0,3}"
    r"(?:,\s*\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+){0,2})?"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?\s+)?"
    rf"\((?:{WIRE_AGENCIES})\)\s*[—–-]")
# A byline with its time stamp glued between blocks, as teaser lists and article heads print
# them: "By REUTERS 11/20/2019 10:08 AM", "By JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43",
# "By Chris Davies - Nov 19, 2019", "By Tim Childers - Live Science Contributor
# 2019-11-19T12:48:14Z"; a line that opens with a whole stamp (a date and a time:
# "11/20/2019 01:14 PM Russia: ..."); and a byline of capitals that ends a line, its stamp on the
# next ("... unity government By JERUSALEM POST STAFF").
# the clock time a stamp may give after its date ("Nov 20, 2019 at 10:35 am", "... 2019 | 10:35 AM")
STAMP_TIME = rf"(?:,?\s*(?:at\s+|[-–|·]\s*)?(?:{TIME.pattern}))"
STAMP = rf"(?i:{DATE.pattern}){STAMP_TIME}?"
BYLINE_STAMP = regex.compile(
    # "By Tuesday, Nov. 19, 2019 the money was spent": a day or a month is no writer's name
    rf"(?<![\p{{L}}\p{{N}}])By\s+(?=[^\d\n]{{0,80}}\d)(?!(?i:{DAY_NAME}|{MONTH})\b)(?:\p{{Lu}}[\p{{L}}\p{{M}}.'’-]{{0,30}}(?:\s*[-–|·,]\s*|\s+)){{1,6}}(?:on\s+)?{STAMP}")
# A labelled stamp glued between blocks: "Published November 20, 2019", "Updated: Nov. 20, 2019
# 10:35 AM", "Posted: Nov 20, 2019 / 10:35 AM CST" (a headline before it, the first paragraph or
# another stamp after it).
STAMP_LABEL = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:(?:First |Last )?(?:Published|Updated|Posted|Modified)(?:\s+on)?|Last modified)\s*:?\s+{STAMP}"
    rf"(?:\s*[/|·]\s*(?:{TIME.pattern}))?(?![\p{{L}}\p{{N}}])")
STAMP_LABEL_WORDS = ("Published", "Updated", "Posted", "Modified", "modified")
# whether a text holds one of them: one scan, before the stamp patterns are tried
STAMP_LABEL_HINT = re.compile("|".join(STAMP_LABEL_WORDS))
STAMP_SEPARATORS = "|·•/-–—,:"
LEADING_STAMP = regex.compile(rf"\s*(?i:{DATE.pattern}),?\s*(?:at\s+)?(?:{TIME.pattern})")
# A byline or a date right after a headline in title case that opens the line ("Council Approves
# Budget After Long Debate By Jane Doe The city council ...", "... Debate 20 November 2019 The
# city council ..."): the headline is a block of its own.
AFTER_HEADLINE = regex.compile(rf"(?<=\S\s+)(?:(?P<by>(?:By|BY|Story by)\s+\p{{Lu}}[\p{{L}}.'’-]+\s+\p{{Lu}})"
                                rf"|(?P<date>(?i:{DATE.pattern})(?<=\d{{4}}){STAMP_TIME}?))")
HEADLINE_REACH = 200
AFTER_HEADLINE_SPAN = 100
BYLINE_WORD = regex.compile(r"(?<![\p{L}\p{N}])(?:By|BY)(?![\p{L}\p{N}])")
HEADLINE_MIN_CAPITALISED = 3
HEADLINE_MAX_WORDS = 20
# a byline after a leading date ("Nov 20, 2019 By Jane Doe The council ...", a blog theme's "November 20,
# 2019 by Jane Doe The council ..."): a block of its own
BYLINE_NEXT = regex.compile(r"\s+(?:By|BY|by)\s+\p{Lu}")
LEADING_DATE = regex.compile(rf"\s*(?i:{DATE.pattern})(?<=\d{{4}})")
# A teaser's date with the next teaser's label or headline in capitals glued after it: "... in
# the Philippines May 15, 2017 CAR REVIEWS 2017 Lexus LC 500", "Nov 19, 2019 SIOUX FALLS, S.D. –".
YEAR_BEFORE_CAPITALS = regex.compile(r"(?:19|20)\d\d(?:\s+\d{1,2}[:.]\d\d(?:\s*[AaPp][Mm])?(?:\s+[A-Z]{2,4})?)?\s+\p{Lu}{2}")
DATE_BEFORE_CAPITALS = regex.compile(
    rf"(?i:{DATE.pattern})(?<=\d{{4}})(?>(?:,?\s*(?:at\s+)?(?:{TIME.pattern}))?)(?=\s+\p{{Lu}}{{2,}}(?!\p{{Ll}})[.:,]?(?:\s+[\p{{Lu}}\p{{N}}]|\s*$))")
SPACES = regex.compile(r"\s*")
# the first three letters of every month name DATE knows (and of some pieces of them: a superset
# is enough): a line that opens with none of them nor with a digit opens with no date
MONTH_STARTS = frozenset(name[:3].casefold() for name in regex.findall(r"[^\W\d_]{3,}", MONTH) if name != "de")
ANY_DIGIT = regex.compile(r"\d")
MAX_STAMPS = 400
CAPITALS_BYLINE_AT_END = regex.compile(r"(?<![\p{L}\p{N}])By(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]+){1,4}\s*$")
# the two words after a marker (an opening quote before the first is skipped)
NEXT_WORDS = regex.compile(r"\s+[\"'“‘«(\[]?(\S+)(?:\s+(\S+))?")


def sentence_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a new sentence starts."""
    starts = []
    for match in (PLAIN_BOUNDARY if is_plain(text) else BOUNDARY).finditer(text):
        before = text[max(0, match.start() - 12):match.start()]
        if ABBREVIATION.search(before.rstrip("\"'”’»)]")):
            continue
        if before[-2:-1].isdigit() and ORDINAL_DAY.search(before) and MONTH_NEXT.match(text, match.end()):
            continue
        starts.append(match.end())
    return starts


def marker_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where glued page furniture starts and where it ends: a marker
    that starts with a capital (not at the start of ``text``), its end (a heading or a
    button after the start of ``text``), or for a link label the end of the headline after it."""
    cuts: list[int] = []
    for match in markers(text):
        if match.start() > 0:
            cuts.append(match.start())
        if match.group("header"):
            # at the start of the line it may be a longer heading's first words ("Most Popular
            # Recipes of 2019"), unless a new block plainly starts after it
            if match.start() > 0 or starts_block(text, match.end()) or capitals_then_case(text, match):
                cuts.append(match.end())
        elif match.group("link"):
            end = headline_end(text, match.end())
            if end is not None:
                cuts.append(end)
    return cuts


def headline_end(text: str, start: int) -> int | None:
    """Where the title-cased headline from ``start`` ends when a sentence is glued after it:
    before the capitalised word that precedes the first lower-case word (not a short word a
    title keeps in lower case). None when no such word follows (the headline runs on), and for
    a headline in sentence case (German, French...), whose end no capital marks."""
    capitals: list[int] = []
    for word in WORD.finditer(text, start):
        first = word.group()[0]
        if first.isupper() or first.isdigit():
            capitals.append(word.start())
        elif first.isalpha() and word.group().lower().strip(",;:") not in TITLE_SMALL_WORDS:
            return capitals[-1] if len(capitals) >= 2 else None
        if word.group()[-1] in ".!?":
            return None  # the headline ends a sentence itself
    return None


def capitals_then_case(text: str, marker: regex.Match) -> bool:
    """Whether a marker written in capitals ("ADVERTISEMENT", "MOST POPULAR") is followed by a
    word that is not: the capitals end the heading ("ADVERTISEMENT Sonya A. Zoghlin, the
    attorney, said ...")."""
    words = NEXT_WORDS.match(text, marker.end())
    return words is not None and marker.group().isupper() and not words.group(1).isupper()


def starts_block(text: str, start: int) -> bool:
    """Whether a new block plainly starts at ``start`` (after spaces): a number ("Most Viewed
    1 ..."), or a sentence: a capitalised word, then a lower-case one that a title would not
    keep in lower case ("Advertisement The council said ..."). A heading going on in title case
    ("Most Popular Recipes of 2019") or a sentence going on in lower case ("Advertisement revenue
    fell") is no new block."""
    words = NEXT_WORDS.match(text, start)
    if words is None:
        return False
    first, second = words.group(1), words.group(2)
    if first[0].isdigit():
        return True
    return (first[0].isupper() and second is not None and second[0].islower()
            and second.strip(",;:") not in TITLE_SMALL_WORDS)


def inner_marker_cuts(text: str) -> list[int]:
    """``marker_cuts`` strictly inside ``text``, where a wire dateline starts (``WIRE_DATELINE``),
    the seams of glued bylines, stamps and teaser dates (``stamp_cuts``), and where a comments
    heading glued at its end starts (see ``COMMENTS_AT_END``)."""
    cuts = [c for c in marker_cuts(text) if 0 < c < len(text.rstrip())]
    cuts.extend(start for start, _ in wire_datelines(text) if start > 0)
    known = set(cuts)
    cuts.extend(c for c in stamp_cuts(text) if c not in known)
    if text.rstrip().endswith(COMMENTS_ENDINGS):
        heading = COMMENTS_AT_END.search(text, max(0, len(text) - COMMENTS_AT_END_REACH))
        if heading is not None and heading.start() > 0:
            cuts.append(heading.start())
    heading = heading_at_end(text)
    if heading is not None:
        cuts.append(heading)
    return cuts


def heading_at_end(text: str) -> int | None:
    """Where a heading in title case glued after the line's last sentence starts ("... as one.
    More Great WIRED Stories", "... he said. Related Coverage"): a paragraph ends with its
    sentence, so a short run of capitalised words after it, with no end of its own, is the next
    block. None when the line ends a sentence or holds none."""
    tail = text.rstrip()
    if tail[-1:] in TAIL_ENDINGS or len(tail) < HEADING_AT_END_MIN_LINE:
        return None
    starts = sentence_cuts(tail[-HEADING_AT_END_REACH:])
    if not starts:
        return None
    start = len(tail) - min(len(tail), HEADING_AT_END_REACH) + starts[-1]
    heading = tail[start:]
    if (len(heading.split()) > HEADING_AT_END_MAX_WORDS or not is_title_cased(heading)
            or CREDIT_OR_CITATION.search(heading)):
        return None
    return start


def stamp_cuts(text: str) -> list[int]:
    """Offsets strictly inside ``text`` where the seams of a glued teaser list show: before and
    after a byline with its stamp (``BYLINE_STAMP``) and a labelled stamp ("Published November
    20, 2019": ``STAMP_LABEL``), before a byline in capitals that ends the
    line, after a teaser's date that a label in capitals follows (and before it, after a
    title-cased headline), after a whole stamp or a whole date before a sentence or a byline that
    opens the line, and after a headline in title case that opens the line when a byline or a
    dated sentence follows it (``headline_cuts``). Each offset is where the next block's first character is."""
    cuts: list[int] = []
    end_of_text = len(text.rstrip())
    # A line of hundreds of bylines or teaser dates is no page's line (``split_max_pieces``
    # would keep it whole): it is not searched through.
    if "By " in text:
        if ANY_DIGIT.search(text) and text.count("By ") <= MAX_STAMPS:
            for match in BYLINE_STAMP.finditer(text):
                cuts.append(match.start())
                cuts.append(match.end())
        byline = CAPITALS_BYLINE_AT_END.search(text, max(0, end_of_text - 80))
        if byline is not None:
            cuts.append(byline.start())
    if STAMP_LABEL_HINT.search(text) and ANY_DIGIT.search(text):
        for count, match in enumerate(STAMP_LABEL.finditer(text)):
            if count == MAX_STAMPS:
                return []
            before = text[max(0, match.start() - 40):match.start()].rstrip()
            if before and before[-1] not in STAMP_SEPARATORS:
                # after a headline or another stamp; not after "News Nation Bureau |", which
                # belongs to the stamp's line
                cuts.append(match.start())
            cuts.append(match.end())
    if ("19" in text or "20" in text) and YEAR_BEFORE_CAPITALS.search(text):  # its year's first digits
        for count, match in enumerate(DATE_BEFORE_CAPITALS.finditer(text)):
            if count == MAX_STAMPS:
                return []
            cuts.append(match.end())
            before = text[max(0, match.start() - 40):match.start()].rstrip().rsplit(None, 1)
            if (before and before[-1][:1].isupper() and before[-1][-1].isalnum()
                    and any(c.islower() for c in before[-1])):
                # after a title-cased headline's word, not "... on" nor a dateline's "10:02 AM EST"
                cuts.append(match.start())
    cuts.extend(headline_cuts(text))
    if text[:1].isdigit() or text[:3].casefold() in MONTH_STARTS:
        opening = LEADING_STAMP.match(text)
        if opening is not None:
            cuts.append(opening.end())
        else:
            opening = LEADING_DATE.match(text)
            if opening is not None and (starts_block(text, opening.end()) or BYLINE_NEXT.match(text, opening.end())):
                cuts.append(opening.end())
    if not cuts:
        return cuts
    cuts = [SPACES.match(text, c).end() for c in cuts]  # at the block's first character
    return [c for c in cuts if 0 < c < end_of_text and _block_starts_at(text, c)]


def headline_cuts(text: str) -> list[int]:
    """Where a headline in title case that opens ``text`` ends, when a byline or a date that a
    sentence follows is glued after it (``AFTER_HEADLINE``); and after that date."""
    if not text[:1].isupper():
        return []
    # cheap exits first (most lines are prose): a byline or a dated stamp within reach, and a
    # run of title-case words long enough for a headline before the first word that breaks it
    reach = text[:HEADLINE_REACH]
    if "By" not in reach and "BY" not in reach and not ANY_DIGIT.search(reach):
        return []
    run_end, capitalised = title_case_run(reach)
    if capitalised < HEADLINE_MIN_CAPITALISED:
        return []
    # a byline or date starting after the run has words before it that no title holds; one
    # starting in it ends well within AFTER_HEADLINE_SPAN characters
    for match in AFTER_HEADLINE.finditer(text, 0, min(HEADLINE_REACH, run_end + AFTER_HEADLINE_SPAN)):
        if match.start() > run_end:
            break
        headline = text[:match.start()]
        # a headline in title case has lower-case letters ("GET THE APP BY CLICKING HERE" is a
        # button) and no date of its own (a teaser's "September 12, 2018 CAR REVIEWS ...")
        if (not is_title_cased(headline) or not any(c.islower() for c in headline) or DATE.search(headline)
                or BYLINE_WORD.search(headline)):  # a byline itself is no headline ("By By By ...")
            continue
        if match.group("by") is not None:
            return [match.start()]
        if starts_block(text, match.end()) or BYLINE_NEXT.match(text, match.end()):
            return [match.start(), match.end()]
    return []


def _title_word(word: str) -> bool:
    """A word a headline in title case may hold: capitalised, a number, quoted or bracketed, or
    a word titles keep in lower case."""
    return word[:1].isupper() or word[:1].isdigit() or word[:1] in "\"'“‘(" or word.casefold() in TITLE_SMALL_WORDS


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1] in "\"'“‘" and word[1:2].isupper())


def title_case_run(text: str) -> tuple[int, int]:
    """Where the first word of ``text`` that a title would not hold starts (the length of
    ``text`` when there is none), and how many capitalised words come before it."""
    capitalised = 0
    for word in WORD.finditer(text):
        if not _title_word(word.group()):
            return word.start(), capitalised
        capitalised += _capitalised(word.group())
    return len(text), capitalised


def is_title_cased(text: str) -> bool:
    """Whether ``text`` reads as a headline in title case: up to ``HEADLINE_MAX_WORDS`` words,
    each capitalised (or a digit, or a word titles keep in lower case), at least
    ``HEADLINE_MIN_CAPITALISED`` of them capitalised, no full stop, comma or colon at its end."""
    words = text.split()
    if not HEADLINE_MIN_CAPITALISED <= len(words) <= HEADLINE_MAX_WORDS or text.rstrip()[-1:] in ".,;:":
        return False
    return sum(map(_capitalised, words)) >= HEADLINE_MIN_CAPITALISED and all(map(_title_word, words))


def _block_starts_at(text: str, offset: int) -> bool:
    """Whether a block may start at ``offset``: a capital (a byline's "By" too), a digit or an
    opening quote or bracket."""
    first = text[offset:offset + 1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "\"'“‘«([")


def wire_datelines(text: str) -> list[tuple[int, int]]:
    """Where the wire datelines in ``text`` start and end (``WIRE_DATELINE``)."""
    if ")" not in text:
        return []
    return [m.span() for m in WIRE_DATELINE.finditer(text)]


def markers(text: str) -> list[regex.Match]:
    """The markers in ``text`` that start with a capital, in order, not overlapping."""
    found: list[regex.Match] = []
    for end, length in FIRST_WORDS.iter(text):
        start = end - length + 1
        if found and start < found[-1].end():
            continue
        match = MARKER.match(text, start)
        if match is not None:
            found.append(match)
    return found


def glued_cuts(text: str) -> list[int]:
    """Where to cut a glued line: at its sentence starts and around its markers; none for a
    line that is not glued."""
    markers_inside = inner_marker_cuts(text)
    if not markers_inside:
        return []
    # "HAYWARD, Calif. (AP) —" holds a full stop, not a sentence end
    datelines = wire_datelines(text)
    starts = [c for c in sentence_cuts(text) if not any(a < c < b for a, b in datelines)]
    return sorted(set(starts) | set(markers_inside))


def split_sentences(block: Block, max_pieces: int = 200) -> list[Block]:
    """The block's pieces when it is a glued line (see ``glued_cuts``) of at most
    ``max_pieces`` pieces, else the block itself."""
    starts = block.measure(glued_cuts, glued_cuts)
    if not starts or len(starts) >= max_pieces:
        return [block]
    # split_block cuts out ranges; a zero-width range at each start makes the pieces
    pieces = [piece for piece, _ in split_block(block, [(s, s) for s in starts])]
    return pieces or [block]
