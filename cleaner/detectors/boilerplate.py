"""Block classification beyond rules: a jusText-like judgement of each block from its length,
sentence ends and share of stopwords, and from its neighbours."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

import regex

from ..document import Block, Document
from ..layout import SCRIPT_FULL_STOPS, SENTENCE_END, Layout, ends_a_sentence, word_count
from ..text_stats import WORD, TermVector, block_terms, is_headline, is_interview_turn, terms_of, words_of
from ..wordlists import opening_headings as default_opening_headings
from ..wordlists import stopwords
from .base import Detector, Finding
from .datelines import DATE, TIME

DIGIT = regex.compile(r"\d")
# the signature under an embedded post: "— Jane Doe (@janedoe) November 18, 2019"
EMBED_ATTRIBUTION = regex.compile(r"[—–-]\s*[^\n()]{1,80}\(@\w{1,30}\)\s[^\n]{0,40}\d{4}")
# the source under a quotation: a dash, a name, maybe its work ("— Donald Knuth, Claude's Cycles")
QUOTE_ATTRIBUTION = regex.compile(r"[—―–]\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*[^\n]{1,80})?")
STORY_START_KINDS = ("metadata", "title")  # a dateline or byline after a teaser list: a story
HEADER_END = " :：»›>|-–—"
TRAILING_CLOSERS = " \"'”’»)]"
NAMED_NUMBER = regex.compile(r"\p{L}[\p{L}\p{M}.'’&-]*(?:\s+[\p{L}\p{M}.'’&-]+)*\s+\d{1,2}")
LETTER = regex.compile(r"\p{L}")
# a table's row as trafilatura writes an HTML table's rows: "| 1 | Phishing | Use passkeys |"
TABLE_ROW = regex.compile(r"\|(?:[^|\n]*\|){2,}")
# a category or label of a blog's sidebar with its number of posts ("Jay Chou (51)", "이벤트 (51)")
COUNTED_LABEL = regex.compile(r"\s*\p{L}[^\d()\n]{0,60}?\s?\((?!(?:1[89]|20)\d\d\))\d{1,6}\)\s*")
YEAR = regex.compile(r"\s*(?:19|20)\d\d\s*")
# a list item's number: one or two digits standing alone (not "$5", "5%", "5,000" or "2:15"),
# before an item's capitalised first word (or a word of a script without case: Burmese, Chinese) or at
# the end ("the 5 routes" counts nothing)
LIST_NUMBER = regex.compile(r"(?<![\w.,:/$€£#-])\d{1,2}(?=\s+[\"'“‘]?[\p{Lu}\p{Lo}\p{N}]|\s*$)")
POSSESSIVE = regex.compile(r"['’]s$")
# a cast list's credit: a name, "as", the part ("Hannah Reed as Inspector Clare Dunn", "Megan
# Price as the pathologist Dr Ruth Hale"; "als", "dans le rôle de", "como", "nel ruolo di")
CAST_CREDIT = regex.compile(
    r"^\p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]+|de|van|von|der|da|di|la|le)){1,3}"
    r"\s+(?:as|als|como|dans le rôle d[e']|nel ruolo d[i']|в роли)\s+\S.{0,80}$")
# the headings of a review's pros and cons, alone on their lines ("Pros" ... "Cons", "Vorteile"
# ... "Nachteile", "Avantages" ... "Inconvénients"): the items under them are the article's
PROS_HEADING = regex.compile(
    r"(?i)(?:pros|pro|plus(?:es)?|the good|what we like|likes|strengths|advantages|vorteile|pluspunkte|"
    r"stärken|positiv|avantages|points forts|les plus|ventajas|pregi|vantaggi|vantagens|prós|плюсы|"
    r"достоинства)\s*[:：]?")
CONS_HEADING = regex.compile(
    r"(?i)(?:cons|con|contra|minus(?:es)?|the bad|what we don[’']t like|dislikes|weaknesses|disadvantages|"
    r"nachteile|minuspunkte|schwächen|negativ|inconvénients|points faibles|les moins|desventajas|contras|"
    r"difetti|svantaggi|desvantagens|минусы|недостатки)\s*[:：]?")
# a list item's bullet, as trafilatura marks the items of an HTML list ("- Vorteile")
BULLET_SIGNS = "-–•*·▪"
BULLET = regex.compile(rf"^\s*[{BULLET_SIGNS}]\s+")
# the number words a paragraph may announce a list with ("The six writers on the shortlist")
COUNT_WORDS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# the short lines a teaser card may print between its blurb and the next card's headline, and that headline
CARD_LINES = 3
# a teaser card's author: two or three capitalised words, not in capitals ("Carly Page", "Kari
# McMahon"; a kicker in capitals, "DRIVEN TO SUICIDE", is no author)
CARD_AUTHOR = regex.compile(r"\p{Lu}\p{Ll}[\p{L}'’.-]*(?:\s+\p{Lu}\p{Ll}[\p{L}'’.-]*){1,2}")
INVISIBLE = regex.compile(r"[\p{Cf}\p{Z}\s]+")
COLONS = (":", "：")
# the ends of a line of verse: a sentence broken over lines ends its pieces in punctuation
VERSE_ENDS = (",", ";", ":", ".", "!", "?", "…", "—", "–", "-")
SENTENCE_PUNCTUATION = (".", "!", "?", "…", *SCRIPT_FULL_STOPS)
INITIALISM_END = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{L}\.){2,}$")
NUMBER_TOKEN = regex.compile(r"(?<!\S)[^\s\p{L}]*\d[^\s]*")
# a technical identifier alone on its line: a domain, package or file name, defanged or not
# ("com.example.app", "loader.js", "evil-site[.]net"), as a security report lists its indicators
IDENTIFIER = regex.compile(r"[\p{L}\p{N}_-]+(?:(?:\.|\[\.\])[\p{L}\p{N}_-]+)+")
# an indicator that names itself: an address defanged with "[.]" (nobody defangs a contact
# address: "infos@example[.]online"), or a package at its version ("jscrambler@8.14.0")
INDICATOR = regex.compile(r"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]*\[\.\][\p{L}\p{N}.\[\]-]+|(?:@[\w.-]+/)?[\w.-]+@\d+(?:\.\d+)+(?:-[\w.]+)?")
# a teaser a CMS cut short: an ellipsis glued to a cut word or after a comma ("... with airport
# termin...", "... with the plague,..."); no closing quote after it (a quote trailing off)
TRUNCATED = regex.compile(r"(?:[\p{L}\p{N}],?|,\s?)(?:\.{3}|…)$")
# an excerpt a blog printed of another post: WordPress's "[…]" (or "[...]") after its last word
EXCERPT_ENDS = (" […]", " [...]", " [&hellip;]")


def clock_only(time: regex.Match) -> str:
    """A clock time with a colon, blanked ("10:08 AM"); others ("4PM") stay."""
    return " " if ":" in time.group() else time.group()


def figure_kind(text: str, stamped_headline_words: int) -> str | None:
    """What figure ``text`` holds (see ``holds_figure``): ``bare`` (a number alone, a table's
    cell), ``year`` (a year alone: a cell, or an entry of an archive's list of years),
    ``named`` (a name ending in a small number: "Apple Watch Series 4", "tvOS 13", "Top 10",
    which is a menu entry unless bare numbers stand beside it), ``counted`` (a label and its
    number of posts in brackets: "Jay Chou (51)", an entry of a sidebar's list of categories
    unless other figures stand beside it), ``figure`` (also a technical identifier alone,
    behind a list's bullet or not: "com.example.app", "- loader.js", a defanged address or a
    package at its version, "infos@example[.]online", "jscrambler@8.14.0"; and a row of a table
    extracted from HTML, "| 1 | Phishing | Use passkeys |", whatever its cells say), or None."""
    stripped = text.strip()
    if self_named(stripped) is not None:
        return "figure"
    if stripped[-1:] == ")" and COUNTED_LABEL.fullmatch(stripped):
        return "counted"
    if not holds_figure(text, stamped_headline_words) or in_prose(text):
        return None
    if LETTER.search(text) is None:
        return "year" if YEAR.fullmatch(text) else "bare"
    return "named" if NAMED_NUMBER.fullmatch(text) else "figure"


def self_named(text: str) -> str | None:
    """What a stripped line is when it names itself as data, behind a list's bullet or not:
    ``row`` (a table's row as trafilatura writes it, ``TABLE_ROW``), ``indicator`` (an indicator
    of compromise, ``INDICATOR``, or a defanged domain: "evil-site[.]net"), ``identifier`` (a
    technical identifier alone: "com.example.app", "loader.js"), or None."""
    if text[:1] == "|":
        return "row" if TABLE_ROW.fullmatch(text) else None
    item = BULLET.sub("", text) if text[:1] in BULLET_SIGNS else text
    if IDENTIFIER.fullmatch(item):
        return "indicator" if "[.]" in item else "identifier"
    return "indicator" if "@" in item and INDICATOR.fullmatch(item) else None


def is_laid_out(block: Block) -> bool:
    """A line that is the article's though it is no prose: a line of an HTML code block
    (``Block.preformatted``), a table's row or an indicator (``self_named``), which no menu
    or footer prints (a bare identifier, "loader.js", may be a menu's)."""
    if block.preformatted:
        return True
    text = block.text.strip()
    if text[:1] != "|" and "@" not in text and "[.]" not in text:
        return False
    return self_named(text) in ("row", "indicator")


def heading_name(text: str) -> str:
    """A heading's text as ``opening_headings`` lists it: case-folded, without a final colon."""
    return text.strip().rstrip("".join(COLONS)).strip().casefold()


def heading_names(headings: Iterable[str] | None) -> frozenset[str]:
    """The opening headings a detector compares with ``heading_name``: ``headings`` case-folded,
    or the package's list (``cleaner/data/opening_headings.txt``) when None."""
    return default_opening_headings() if headings is None else frozenset(heading_name(h) for h in headings)


def ends_beyond_initialisms(text: str) -> bool:
    """Whether a sentence ends in ``text`` other than at the dots of an initialism inside it: a
    menu "... Middle East Diaspora U.S. Politics WORLD NEWS" ends no sentence; a text that ends
    in "... across the U.S." does."""
    if text.rstrip(TRAILING_CLOSERS).endswith(SENTENCE_PUNCTUATION):
        return True
    return any(INITIALISM_END.search(text[max(0, m.start() - 8):m.start() + 1]) is None
               for m in SENTENCE_END.finditer(text))


def in_prose(text: str, min_words: int = 12, words_per_number: int = 5) -> bool:
    """Whether the figures of ``text`` are a sentence's: ``min_words`` words or more, and fewer
    than one number in ``words_per_number`` words ("The most powerful Mini hot hatch ... has
    306 HP and a huge rear wing" is a teaser's blurb; "Kyle Busch 5040 5 1 17 27" is a row, and
    so are a schedule's rows run together). Words: runs of letters outside the tokens that hold
    a digit (a file hash's hex, "8a81ae6b6e9d...", is one number, not twenty words)."""
    rest, numbers = NUMBER_TOKEN.subn(" ", text)
    words = len(WORD.findall(rest))
    return words >= min_words and numbers * words_per_number < words


def holds_figure(text: str, stamped_headline_words: int) -> bool:
    """Whether ``text`` holds a figure: a digit, unless its only digits are in dates and clock
    times with a colon and ``stamped_headline_words`` words or more go with them (a teaser's
    headline with its time stamp; "March 3 – Berlin, Mercedes-Benz Arena", a row of a schedule,
    holds a figure)."""
    if DIGIT.search(text) is None:
        return False
    rest = TIME.sub(clock_only, DATE.sub(" ", text))
    return DIGIT.search(rest) is not None or word_count(rest) < stamped_headline_words


def numbering(text: str, expected: int | None) -> int | None:
    """The number that would come next when ``text`` goes on a numbered list: its first list
    number (``LIST_NUMBER``) is ``expected`` (1 to start a list), and the numbers after it that
    follow on ("... 4 Fodor's puts Big Sur on its list 5 BART confirms ..." goes on a list at 4
    and expects 6). In a block that is no headline, one number after a sentence's end does not
    go on a list; else None."""
    numbers = [(int(m.group()), m.start()) for m in LIST_NUMBER.finditer(text)]
    if not numbers or numbers[0][0] != (1 if expected is None else expected):
        return None
    last = numbers[0][0]
    for number, _ in numbers[1:]:
        if number != last + 1:
            break
        last = number
    start = numbers[0][1]
    if last == numbers[0][0] and start > 0 and not is_headline(text) and SENTENCE_END.search(text[:start]):
        return None  # one number after a sentence: "... in 2019. 6 People were hurt"
    return last + 1


class BoilerplateDetector(Detector):
    """Removes the runs of short, non-prose blocks around and between the article's prose.

    A block is *good* when it has at least ``good_min_words`` words, a sentence end and (in a
    language with a stoplist: the document's candidate paragraphs hold at least
    ``doc_min_stopword_density`` stopwords, whatever its menus hold) at least
    ``min_stopword_density`` stopwords among its words. Every other block is *short*.
    Reasons: ``head_run`` (short blocks before the first good block: navigation, kickers,
    bylines), ``tail_run`` (short blocks after the last good block: related links, footers)
    and ``link_list`` (a run of at least ``min_list_run`` short blocks between good blocks,
    each at most ``list_item_max_words`` words and without a sentence end: a menu or a list of
    links; shorter runs are subheadings and stay, and so does a run that a paragraph ending in
    a colon introduces, or that is the article's own list (``article_list``, ``counted``,
    ``cast_list``, ``pros_and_cons``); the list that the last paragraph introduces with a colon
    is no tail (``introduced_tail_list``); a
    removed line of zero-width characters is a blank line and no item). Short sentences next to good blocks count
    as good, and runs that look like a table or a data list (most blocks hold a digit) stay;
    laid-out lines (``is_laid_out``: a line of code, a table's row, an indicator) count as good.
    ``outlying_prose``: a cluster of good blocks set apart from the article (see
    ``outlying_clusters``), such as teasers, author bios and promotions. ``teaser_list``: the
    headlines listed under the heading of a list of other stories that a rule removed (see
    ``teaser_lists``), wherever it sits.
    """

    name = "boilerplate"
    kind = "boilerplate"

    def __init__(self, good_min_words: int = 10, min_stopword_density: float = 0.15,
                 doc_min_stopword_density: float = 0.08, min_list_run: int = 5,
                 list_item_max_words: int = 12, absorb_after_min_words: int = 2,
                 absorb_before_min_words: int = 4, lead_in_min_words: int = 5, min_table_run: int = 4,
                 min_table_digit_share: float = 0.6, stamped_headline_words: int = 6, max_gap: int = 3,
                 max_outlier_share: float = 0.15, max_outlier_cohesion: float = 0.2,
                 list_header_rules: tuple[str, ...] = ("related-header-line", "read-more-line", "most-read-header-line"),
                 header_max_words: int = 7, min_teaser_items: int = 2, max_teaser_items: int = 20,
                 teaser_item_max_words: int = 24, teaser_blurb_max_words: int = 35,
                 min_truncated_teaser_items: int = 1, min_excerpts: int = 2, article_item_min_words: int = 2,
                 min_article_item_share: float = 0.5, list_term_min_letters: int = 5, article_list_min_mean_words: float = 3.0,
                 count_words: Mapping[str, int] = MappingProxyType(COUNT_WORDS), min_tail_list_items: int = 2,
                 max_tail_list_items: int = 15, tail_list_item_max_words: int = 30, min_verse_lines: int = 4,
                 min_verse_share: float = 0.8, lone_teaser_min_words: int = 6,
                 lone_teaser_header_rules: tuple[str, ...] = ("related-header-line", "read-more-line"),
                 lead_in_prose_min_words: int = 20, min_bracket_share: float = 0.3,
                 min_bracketed_words: int = 30, section_heading_max_words: int = 8,
                 section_sentence_min_words: int = 6, opening_headings: Iterable[str] | None = None) -> None:
        self.good_min_words = good_min_words
        self.min_stopword_density = min_stopword_density
        self.doc_min_stopword_density = doc_min_stopword_density
        self.min_list_run = min_list_run
        self.list_item_max_words = list_item_max_words
        self.absorb_after_min_words = absorb_after_min_words
        self.absorb_before_min_words = absorb_before_min_words
        self.lead_in_min_words = lead_in_min_words
        self.min_table_run = min_table_run
        self.min_table_digit_share = min_table_digit_share
        self.stamped_headline_words = stamped_headline_words
        self.max_gap = max_gap
        self.max_outlier_share = max_outlier_share
        self.max_outlier_cohesion = max_outlier_cohesion
        self.list_header_rules = frozenset(list_header_rules)
        self.header_max_words = header_max_words
        self.min_teaser_items = min_teaser_items
        self.max_teaser_items = max_teaser_items
        self.teaser_item_max_words = teaser_item_max_words
        self.teaser_blurb_max_words = teaser_blurb_max_words
        self.min_truncated_teaser_items = min_truncated_teaser_items
        self.min_excerpts = min_excerpts
        self.article_item_min_words = article_item_min_words
        self.min_article_item_share = min_article_item_share
        self.list_term_min_letters = list_term_min_letters
        self.article_list_min_mean_words = article_list_min_mean_words
        self.count_words = dict(count_words)
        self.min_tail_list_items = min_tail_list_items
        self.max_tail_list_items = max_tail_list_items
        self.tail_list_item_max_words = tail_list_item_max_words
        self.min_verse_lines = min_verse_lines
        self.min_verse_share = min_verse_share
        self.lone_teaser_min_words = lone_teaser_min_words
        self.lone_teaser_header_rules = frozenset(lone_teaser_header_rules)
        self.lead_in_prose_min_words = lead_in_prose_min_words
        self.min_bracket_share = min_bracket_share
        self.min_bracketed_words = min_bracketed_words
        self.section_heading_max_words = section_heading_max_words
        self.section_sentence_min_words = section_sentence_min_words
        self.opening_headings = heading_names(opening_headings)
        self.stop = stopwords()

    def stopword_counts(self, words: list[str]) -> tuple[int, int]:
        """How many of ``words`` (a block's ``words_of``) are stopwords, and how many there are."""
        return sum(map(self.stop.__contains__, words)), len(words)

    def block_stopword_counts(self, block: Block) -> tuple[int, int]:
        """``stopword_counts`` of a block's words, computed once per block."""
        counts = block.memo.get(self.stopword_counts)  # Block.measure without a closure per block
        if counts is None:
            counts = block.memo[self.stopword_counts] = self.stopword_counts(block.measure(words_of, words_of))
        return counts

    def classify(self, blocks: list[Block]) -> list[bool]:
        """For each block, whether it is good (prose of the article). The signature under an
        embedded post is good too: the post belongs to the article."""
        counts = [self.block_stopword_counts(b) for b in blocks]
        prose = [block.word_count >= self.good_min_words and block.ends_sentence
                 and block.measure(ends_beyond_initialisms, ends_beyond_initialisms) for block in blocks]
        # the language is judged on the candidate paragraphs alone: a Thai article under an
        # English menu has no stoplist, however many English words the menu holds
        words = sum(total for (_, total), is_prose in zip(counts, prose, strict=True) if is_prose)
        stops = sum(stop for (stop, _), is_prose in zip(counts, prose, strict=True) if is_prose)
        use_stopwords = words > 0 and stops / words >= self.doc_min_stopword_density
        good = []
        for block, (stop, total), ok in zip(blocks, counts, prose, strict=True):
            if ok and use_stopwords:
                ok = (stop / total if total else 0.0) >= self.min_stopword_density
            good.append(ok or EMBED_ATTRIBUTION.fullmatch(block.text) is not None)
        return good

    def verse(self, texts: list[str], good: list[bool]) -> list[bool]:
        """Verse next to the article's prose is the article's (a poem quoted at a post's end,
        a song's lyrics): a run of at least ``min_verse_lines`` short blocks (at most
        ``list_item_max_words`` words) touching a good block, at least ``min_verse_share`` of
        them starting in lower case or ending in punctuation and at least one ending in a comma
        or a semicolon: sentences broken over lines. A menu's or a link list's items start in
        capitals and end in no punctuation."""
        good = list(good)
        position = 0
        while position < len(texts):
            if good[position]:
                position += 1
                continue
            end = position
            while end < len(texts) and not good[end] and word_count(texts[end]) <= self.list_item_max_words:
                end += 1
            run = [text.rstrip(TRAILING_CLOSERS) for text in texts[position:end]]
            touches = (position > 0 and good[position - 1]) or (end < len(texts) and good[end])
            verse_like = sum(text[:1].islower() or text.endswith(VERSE_ENDS) for text in run)
            if (len(run) >= self.min_verse_lines and touches and verse_like >= self.min_verse_share * len(run)
                    and any(text.endswith((",", ";")) for text in run)):
                good[position:end] = [True] * (end - position)
            position = max(end, position + 1)
        return good

    def absorb_neighbours(self, texts: list[str], good: list[bool]) -> list[bool]:
        """Short sentences next to good blocks are good too: forwards (a short last paragraph)
        from ``absorb_after_min_words`` words (or a lead-in ending in a colon, see
        ``is_lead_in``, or a quotation's source: "— Donald Knuth, Claude's Cycles"; a lead-in or a
        short statement (``is_statement``) also under a heading of at most
        ``section_heading_max_words`` words when two of the three blocks above the heading are
        good, the one right above it among them: a section of the body, not a promotion's lone
        paragraph), backwards (a short lead) from
        ``absorb_before_min_words``; and a lead-in of ``lead_in_prose_min_words`` words or more
        with one block between it and the next good block ("... right-clicking an image looks
        like so:", a picture's caption, the next paragraph)."""
        good = list(good)
        for position in range(1, len(texts)):
            if not good[position] and good[position - 1] and (
                    self.is_sentence(texts[position], self.absorb_after_min_words) or self.is_lead_in(texts[position])
                    or QUOTE_ATTRIBUTION.fullmatch(texts[position].strip()) is not None):
                good[position] = True
            elif (not good[position] and position > 2 and good[position - 2] and sum(good[max(0, position - 4):position - 1]) >= 2
                  and (self.is_lead_in(texts[position]) or self.is_statement(texts[position]))
                  and word_count(texts[position - 1]) <= self.section_heading_max_words and not ends_a_sentence(texts[position - 1])):
                good[position] = True  # a section's lead-in under its heading: "Detection" / "It was blocked by:"
        for position in range(len(texts) - 2, -1, -1):
            if not good[position] and good[position + 1] and self.is_sentence(texts[position], self.absorb_before_min_words):
                good[position] = True
            elif (not good[position] and position + 2 < len(good) and good[position + 2]
                  and word_count(texts[position]) >= self.lead_in_prose_min_words and self.is_lead_in(texts[position])):
                good[position] = True  # a paragraph introducing a picture: its caption, then prose
        return good

    def is_lead_in(self, text: str) -> bool:
        """A clause of at least ``lead_in_min_words`` words, more than a third of them in lower
        case (not a title; German capitalises its nouns: "Zur Beurteilung kann der Landwirt
        verschiedene Indikatoren nutzen:"), that ends in a colon: it introduces a quote, a list
        or an embedded post ("Twitter users were not convinced:")."""
        if not text.rstrip().endswith(COLONS) or word_count(text) < self.lead_in_min_words:
            return False
        words = WORD.findall(text)
        return sum(w[0].islower() for w in words) * 3 > len(words)

    def is_statement(self, text: str) -> bool:
        """A sentence of ``section_sentence_min_words`` words or more that ends in one full stop
        and starts in capitals: a section's short paragraph ("The compromised version ships two
        malicious files."), not a teaser's truncated line ("... einen weiteren Beitrag …")."""
        text = text.strip()
        return (text[:1].isupper() and text.endswith(".") and not text.endswith("..")
                and self.is_sentence(text, self.section_sentence_min_words))

    def is_sentence(self, text: str, min_words: int) -> bool:
        """A block of at least ``min_words`` words that ends a sentence."""
        return word_count(text) >= min_words and ends_a_sentence(text)

    def data_runs(self, blocks: list[Block], positions: list[int], pagers: bool = True) -> set[int]:
        """The positions (in ``blocks``, of ``positions``, consecutive ones forming runs) that belong to a
        table or data list: a window of at least ``min_table_run`` consecutive blocks of which
        at least ``min_table_digit_share`` hold a figure (``holds_figure`` with
        ``stamped_headline_words``): teasers, each a headline stamped with its date or time, are
        a list of links, not a table; names ending in a small number ("tvOS 13") count only in a
        window that holds a bare number (``figure_kind``), else they are a menu. An archive's
        years are no table; with ``pagers`` false, neither is a pager's run of numbers (see
        ``counter``)."""
        counted = ("year",) if pagers else ("year", "bare")
        protected: set[int] = set()
        runs: list[list[int]] = []
        for p in positions:
            if runs and runs[-1][-1] == p - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            if len(run) < self.min_table_run:
                continue
            kinds = [blocks[p].measure((figure_kind, self.stamped_headline_words), figure_kind,
                                       self.stamped_headline_words) for p in run]
            for start in range(len(run) - self.min_table_run + 1):
                window = kinds[start:start + self.min_table_run]
                if self.counter(run[start:start + self.min_table_run], window, blocks, counted):
                    continue
                bare = "bare" in window or "year" in window  # "Top 10" heads a column of numbers
                if all(k in (None, "counted") for k in window):
                    continue  # labels with their counts alone: a sidebar's list of categories
                figures = sum(k is not None and (k != "named" or bare) for k in window)
                if figures >= self.min_table_digit_share * len(window):
                    protected.update(run[start:start + self.min_table_run])
        return protected

    @staticmethod
    def counter(positions: list[int], kinds: list[str | None], blocks: list[Block], counted: tuple[str, ...]) -> bool:
        """Whether the figures of a window are whole numbers alone of the ``counted`` kinds, one
        after the other ("2019", "2018", "2017": an archive's list of years; "1", "2", "3": a
        gallery's pager), not a column of a table."""
        numbers = [int(text) for p, kind in zip(positions, kinds, strict=True)
                   if kind in counted and (text := blocks[p].text.strip()).isdecimal()]
        if len(numbers) < 2 or len(numbers) != sum(k is not None for k in kinds):
            return False
        return all(abs(a - b) == 1 for a, b in itertools.pairwise(numbers))

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The short blocks at the head and tail, link lists and outlying prose; tables and
        data lists stay. Blocks already removed by rules still count in runs and gaps (a menu
        whose "Share" item a rule took is still a menu), but only kept blocks are reported."""
        blocks = doc.blocks
        kept = [i for i, b in enumerate(blocks) if b.removal is None]
        kept_blocks = [blocks[i] for i in kept]
        # a marker that cut nothing goes once the passes are done: no item of a list between
        # paragraphs, nor a block that sets a cluster of them apart
        markers = doc.refused_markers
        standing = ([b.removal is None and (b.start, b.end) not in markers for b in blocks] if markers
                    else [b.removal is None for b in blocks])
        texts = [b.text for b in kept_blocks]
        kept_good = self.verse(texts, self.absorb_neighbours(texts, self.classify(kept_blocks)))
        if not any(kept_good):
            return
        good = [False] * len(blocks)
        laid_out = {index for index in kept if is_laid_out(blocks[index])}
        for index, is_good in zip(kept, kept_good, strict=True):
            # a line of code, a table's row, an indicator is the article's, as a paragraph is:
            # the headings and lead-ins between such lines are no tail and no menu
            good[index] = is_good or index in laid_out
        teasers = self.teaser_lists(blocks, good)
        for index in teasers:
            good[index] = False
        if not any(good):
            return
        rank = {index: position for position, index in enumerate(kept)}

        def table_rows() -> set[int]:
            short = [rank[i] for i in kept if not good[i] or i in laid_out]
            return {kept[p] for p in self.data_runs(kept_blocks, short, pagers=False)}

        outlying = self.outlying_clusters(blocks, good, standing, table_rows, laid_out)
        for index in outlying:
            good[index] = False
        first = good.index(True)
        last = len(good) - 1 - good[::-1].index(True)
        verdicts: dict[int, str] = {}
        tail_list = self.introduced_tail_list(blocks, standing, last)
        opening = self.opening_heading(blocks, standing, kept[rank[first] - 1]) if rank[first] else None
        for index in kept:
            if index < first and index != opening:
                verdicts[index] = "head_run"
            elif index > last and index not in tail_list:
                verdicts[index] = "tail_run"
        run: list[int] = []
        # the article's terms, computed once, when a run first needs them
        article_terms = functools.cache(lambda: set(itertools.chain.from_iterable(
            self.list_terms(b) for b, g in zip(blocks, good, strict=True) if g)))
        lead_in = None  # the position of the last lead-in among short blocks ("... indicators:")
        for index in range(first, last + 2):
            block = blocks[index] if index <= last else None
            if block is not None and not standing[index] and (block.kept or INVISIBLE.fullmatch(block.text)):
                continue  # a line of zero-width characters is a blank line, a button that cut nothing is no list item
            # a lead-in after a subheading ends the run before it and introduces the run after it
            opens_list = block is not None and not good[index] and standing[index] and self.is_lead_in(block.text)
            if (block is not None and not good[index] and (not standing[index] or self.is_list_item(block))
                    and not opens_list):
                run.append(index)
                continue
            if (len(run) >= self.min_list_run and not self.introduced(blocks, good, run[0])
                    and run[0] - 1 != lead_in):
                items = [blocks[i] for i in run]  # what rules took counts: a menu less its "Share" item
                if (not self.article_list(items, article_terms) and not self.counted(blocks, good, run[0], len(items))
                        and not self.cast_list(items) and not self.pros_and_cons(items)):
                    verdicts.update((i, "link_list") for i in run if standing[i])
            run = []
            lead_in = index if opens_list else None
        verdicts.update((i, "outlying_prose") for i in outlying)
        verdicts.update((i, "teaser_list") for i in teasers)
        # above the article, a run of page numbers is a gallery's or a list's pager, no table
        head = sorted(rank[i] for i, reason in verdicts.items() if reason == "head_run")
        rest = sorted(rank[i] for i, reason in verdicts.items() if reason != "head_run")
        protected = {kept[p] for p in self.data_runs(kept_blocks, head, pagers=False) | self.data_runs(kept_blocks, rest)}
        for index, reason in sorted(verdicts.items()):
            if index not in protected or reason == "teaser_list":
                yield Finding(index, reason)

    def opening_heading(self, blocks: list[Block], standing: list[bool], above: int) -> int | None:
        """``above``, the kept block right above the first good block, when it is the heading of
        an article's first section (``opening_headings``: "Executive Summary", "Key takeaways",
        "TL;DR", "Einleitung", "はじめに", a final colon or not), else None: it is the article's,
        not the page's head."""
        return above if standing[above] and heading_name(blocks[above].text) in self.opening_headings else None

    def introduced_tail_list(self, blocks: list[Block], standing: list[bool], last: int) -> set[int]:
        """The list items right after the article's last paragraph when that paragraph ends in
        a colon ("My favourite spots by the water:"): the article ends with its own list. From
        ``min_tail_list_items`` to ``max_tail_list_items`` items in a row, each without a
        sentence end and at most ``tail_list_item_max_words`` words (an item may say more than
        a menu's entry); the first other block, or one a rule removed (a dateline, a button),
        ends the list; widget residue between the items (an image's "Button" placeholder) does not."""
        if not blocks[last].text.rstrip().endswith(COLONS):
            return set()
        items: set[int] = set()
        for index in range(last + 1, len(blocks)):
            block = blocks[index]
            if block.removal is not None and block.removal.rule == "widgets":
                continue
            if (not standing[index] or block.word_count > self.tail_list_item_max_words or block.ends_sentence
                    or len(items) == self.max_tail_list_items):
                break
            items.add(index)
        return items if len(items) >= self.min_tail_list_items else set()

    @staticmethod
    def introduced(blocks: list[Block], good: list[bool], start: int) -> bool:
        """Whether the run of short blocks at ``start`` follows a paragraph of the article
        that ends in a colon: a list the article introduces ("... looked like this:"), not a
        menu."""
        return start > 0 and good[start - 1] and blocks[start - 1].text.rstrip().endswith(COLONS)

    def article_list(self, items: list[Block], prose_terms: Callable[[], set[str]]) -> bool:
        """Whether the items of a run of short blocks between paragraphs are a list of the
        article's own (ingredients, bullet points, specs, steps) rather than a menu or links: at
        least ``min_article_item_share`` of them are phrases in sentence case (at least
        ``article_item_min_words`` words, one after the first in lower case and no stopword:
        "A knob of butter", "Slow charging"; not "Smart Home" nor a headline in title case) that
        share a term with the article's prose, and the items have
        ``article_list_min_mean_words`` words or more on average (a list of tags, "Climate
        change", "Solar power", shares the article's words too, in fewer words). An item with a
        date or a clock time is a teaser with its time stamp, no phrase of the article.
        ``prose_terms`` gives the article's terms; it is called only when enough items pass the
        cheaper checks."""
        if not items or sum(b.word_count for b in items) < self.article_list_min_mean_words * len(items):
            return False
        needed = self.min_article_item_share * len(items)
        phrases = []
        for block in items:
            words = WORD.findall(block.text)
            if (len(words) >= self.article_item_min_words
                    and any(w[0].islower() and (len(w) >= self.list_term_min_letters or w not in self.stop)
                            for w in words[1:])
                    and DATE.search(block.text) is None and TIME.search(block.text) is None):
                phrases.append(block)
        if len(phrases) < needed:
            return False
        terms = prose_terms()
        return sum(not terms.isdisjoint(self.list_terms(block)) for block in phrases) >= needed

    def cast_list(self, items: list[Block]) -> bool:
        """Whether half the items of a run or more are a cast list's credits (``CAST_CREDIT``:
        "Hannah Reed as Inspector Clare Dunn"): the article's list of its actors, which shares no
        word with its prose and no count announces."""
        return 2 * sum(CAST_CREDIT.match(b.text) is not None for b in items) >= len(items)

    @staticmethod
    def pros_and_cons(items: list[Block]) -> bool:
        """Whether a run holds a review's pros and cons: an item that is a pros heading
        (``PROS_HEADING``: "Pros", "Vorteile:", "Avantages") and, after it, one that is a cons
        heading ("Cons", "Nachteile:", "Inconvénients"). The items between and after them may
        share no word with the prose ("Niedriger Preis", "Gute Verarbeitung")."""
        headings = [BULLET.sub("", b.text).strip() for b in items]
        pros = next((i for i, text in enumerate(headings) if PROS_HEADING.fullmatch(text)), None)
        return pros is not None and any(CONS_HEADING.fullmatch(text) for text in headings[pros + 1:])

    def list_terms(self, block: Block) -> set[str]:
        """The words of a block that a list item can share with the article: its terms
        (``block_terms``) and its words of ``list_term_min_letters`` letters or more, stopwords
        or not (the stoplists of all languages together hold "water", "river" and "school"),
        without a possessive's ending or a longer word's final "s" (the "schools" of an item
        and the "school's" of a paragraph are "school"); computed once per block."""
        terms = block.memo.get(self.list_terms)
        if terms is None:
            words = [POSSESSIVE.sub("", w) for w in block.measure(words_of, words_of)]
            terms = block.memo[self.list_terms] = {
                w[:-1] if len(w) > self.list_term_min_letters and w.endswith("s") else w
                for w in itertools.chain(block_terms(block), words)
                if len(w) >= self.list_term_min_letters or (len(w) > 2 and w not in self.stop)}
        return terms

    def counted(self, blocks: list[Block], good: list[bool], start: int, items: int) -> bool:
        """Whether the last sentence of the paragraph right before the run at ``start`` names
        the number of its ``items`` ("The six writers on the shortlist ...", "the 7 winners"):
        the article announces the list (``count_words``: number words and their values)."""
        if start == 0 or not good[start - 1]:
            return False
        text = blocks[start - 1].text
        ends = [m.end() for m in SENTENCE_END.finditer(text.rstrip()) if m.end() < len(text.rstrip())]
        last = words_of(text[ends[-1]:] if ends else text)
        return str(items) in last or any(self.count_words.get(w) == items for w in last)

    def outlying_clusters(self, blocks: list[Block], good: list[bool], standing: list[bool],
                          table_rows: Callable[[], set[int]], laid_out: set[int]) -> list[int]:
        """The good blocks of prose clusters apart from the article: clusters are runs of good
        blocks with at most ``max_gap`` other kept blocks between neighbours (what rules
        removed, such as captions between the lead and the body, does not count, nor do the
        rows of a table, ``table_rows()``, asked for only when there are two clusters or more:
        a table between paragraphs is the article's); the article is the
        cluster with the most words that is not a cluster of excerpts (``is_excerpt_cluster``),
        and a cluster of excerpts is apart. Another cluster is apart when it has under
        ``max_outlier_share`` of the article's words and its vocabulary is unlike the
        article's (cosine under ``max_outlier_cohesion``): teasers, bios, comments, promos;
        but not a cluster of ``min_bracketed_words`` words or more between two clusters of
        ``min_bracket_share`` of the article's words or more (a technical report's sections,
        set apart by code and tables, share few words with each other). Laid-out lines
        (``laid_out``, see ``is_laid_out``: code, a table's rows, indicators) are good blocks that join clusters but
        add no words or terms to theirs, and a cluster that holds one is the article's (a
        report's detection section)."""
        clusters = self.clusters(good, standing)
        if len(clusters) < 2:
            return []
        rows = table_rows()  # rows only join clusters: one cluster stays one without them
        if rows:
            clusters = self.clusters(good, [s and i not in rows for i, s in enumerate(standing)])
            if len(clusters) < 2:
                return []
        # laid-out lines join prose into one cluster, but are no prose that outweighs the article's
        words = [sum(blocks[p].word_count for p in cluster if p not in laid_out) for cluster in clusters]
        # a cluster of excerpts of other posts is not the article, however long: a short post
        # followed by the blog's excerpts of ten others is still the article
        excerpts = [self.is_excerpt_cluster(blocks, cluster) for cluster in clusters]
        if all(excerpts):
            excerpts = [False] * len(clusters)
        core = max(range(len(clusters)), key=lambda number: (not excerpts[number], words[number]))
        core_terms = TermVector(itertools.chain.from_iterable(
            block_terms(blocks[p]) for p in clusters[core] if p not in laid_out))
        # the clusters that bracket the article's sections: the core and those of a large share of its words
        major = [number for number in range(len(clusters))
                 if not excerpts[number] and words[number] >= self.min_bracket_share * words[core]]
        outlying = []
        for number, cluster in enumerate(clusters):
            if excerpts[number]:
                outlying.extend(cluster)
                continue
            if (number == core or words[number] >= self.max_outlier_share * words[core]
                    or not laid_out.isdisjoint(cluster)):
                continue  # the article's, or a section of it with its code or table
            if major[0] < number < major[-1] and words[number] >= self.min_bracketed_words:
                continue  # a section between two of the article's large clusters is the article's
            if core_terms.cosine(self.terms(blocks, cluster)) < self.max_outlier_cohesion:
                outlying.extend(cluster)
        return outlying

    def clusters(self, good: list[bool], gaps: list[bool]) -> list[list[int]]:
        """The runs of good positions with at most ``max_gap`` positions that ``gaps`` counts
        between neighbours."""
        clusters: list[list[int]] = []
        gap = None
        for position, is_good in enumerate(good):
            if not is_good:
                if gap is not None and gaps[position]:
                    gap += 1
                continue
            if gap is not None and gap <= self.max_gap:
                clusters[-1].append(position)
            else:
                clusters.append([position])
            gap = 0
        return clusters

    def is_excerpt_cluster(self, blocks: list[Block], cluster: list[int]) -> bool:
        """Whether at least ``min_excerpts`` blocks of ``cluster``, and half of them, end as
        excerpts of other posts (``EXCERPT_ENDS``: "... Patti Smith + Stewart Copeland joined [...]")."""
        count = sum(blocks[p].text.endswith(EXCERPT_ENDS) for p in cluster)
        return count >= self.min_excerpts and 2 * count >= len(cluster)

    def teaser_lists(self, blocks: list[Block], good: list[bool]) -> list[int]:
        """The kept blocks listed under the heading of a list of other stories: a block that one
        of ``list_header_rules`` removed, of at most ``header_max_words`` words and nothing after
        a colon, followed by
        headlines (at most ``teaser_item_max_words`` words, not ending in a full stop). A
        headline may have a blurb (one sentence of at most ``teaser_blurb_max_words`` words)
        when the list goes on with headline, blurb, headline, ... (a paragraph after the
        last headline is the article again). A numbered list goes on while each block goes on
        its numbering (``numbering``), however its items were glued together, and ends with it. Blocks removed
        in between do not end the list,
        unless removed as a dateline, byline or title (a story starts there); any other kept
        block does. A list counts with ``min_teaser_items`` to ``max_teaser_items`` headlines
        (a longer one is a menu, left to the other checks), or one headline between two
        paragraphs of the article (``lone_teaser``); else the headlines the site cut
        short (``TRUNCATED``: "... with airport termin...", "... the plague,...") that open
        the list go when there are ``min_truncated_teaser_items`` of them, as a "Read next"
        box with one story prints them. Unlike link lists, teaser lists
        are not kept as tables when their lines hold digits."""
        kept = [i for i, b in enumerate(blocks) if b.removal is None]
        found: set[int] = set()
        for start, header in enumerate(blocks):
            if (header.removal is None or header.removal.rule not in self.list_header_rules
                    or header.word_count > self.header_max_words
                    or SENTENCE_END.search(header.text.rstrip(HEADER_END + ".…")) is not None  # "Você pode gostar..." is no sentence
                    or ":" in header.text.rstrip(HEADER_END)):  # "Related: <a headline>" is a link
                continue
            after = kept[bisect.bisect_right(kept, start):]
            stop = next((i for i in range(start + 1, len(blocks)) if blocks[i].removal is not None
                         and blocks[i].removal.kind in STORY_START_KINDS), None)
            if stop is not None:
                after = after[:bisect.bisect_left(after, stop)]
            kinds = [self.teaser_kind(blocks[i]) for i in after[:2 * self.max_teaser_items + 1]]
            items: list[int] = []
            headlines = blurbs = 0
            expected: int | None = None  # the next number of a numbered list ("1 ... 2 ...")
            for p, kind in enumerate(kinds):
                numbered = numbering(blocks[after[p]].text, expected)
                if expected is not None and numbered is None and headlines > 1:
                    break  # a numbered list ends with its numbers (a menu may follow it)
                if kind == "headline" or (numbered is not None and expected is not None):
                    headlines += 1  # a line of a numbered list, however glued
                elif not (kind == "blurb" and p > 0 and kinds[p - 1] == "headline"
                          and self.list_goes_on(kinds, p, blurbs)):
                    break
                else:
                    blurbs += 1
                expected = numbered if numbered is not None else expected
                items.append(after[p])
            if (len(items) >= 3 and len(items) < len(after) and good[after[len(items)]]
                    and CARD_AUTHOR.fullmatch(blocks[items[-2]].text.strip())
                    and not CARD_AUTHOR.fullmatch(blocks[items[-1]].text.strip())):
                # cards of headline and author, then a headline without its author over a
                # paragraph: the article's next subheading after a box in its middle
                items.pop()
                headlines -= 1
            if self.min_teaser_items <= headlines <= self.max_teaser_items or self.lone_teaser(blocks, kept, good, start, items):
                found.update(items)
                continue
            cut_short = list(itertools.takewhile(lambda i: TRUNCATED.search(blocks[i].text.rstrip()) is not None, items))
            if len(cut_short) >= self.min_truncated_teaser_items:
                found.update(cut_short)
        return sorted(found)

    def lone_teaser(self, blocks: list[Block], kept: list[int], good: list[bool], header: int, items: list[int]) -> bool:
        """Whether the list under a heading is one story's headline between two paragraphs of
        the article (Reuters' "Related Coverage" box with one story in it): a related-stories
        heading (one of ``lone_teaser_header_rules``: a "most read" box lists several) with prose above
        it, prose again right after the headline, and a headline of at least
        ``lone_teaser_min_words`` words without a sentence end or a leading number (the
        article's own subheading, "The al-Tanf base", is shorter; "3. Get support" is the
        article's list)."""
        if (len(items) != 1 or blocks[header].removal.rule not in self.lone_teaser_header_rules
                or not is_headline(text := blocks[items[0]].text, self.lone_teaser_min_words) or text[:1].isdigit()):
            return False
        above = bisect.bisect_left(kept, header) - 1
        below = bisect.bisect_right(kept, items[0])
        return above >= 0 and good[kept[above]] and below < len(kept) and good[kept[below]]

    @staticmethod
    def list_goes_on(kinds: list[str | None], p: int, blurbs: int) -> bool:
        """Whether the blurb at ``p`` is followed by another headline, and that by a blurb
        unless the list already had one (headline, blurb, headline, ...). The first card's
        blurb (at ``p`` 1) may be followed by its author and date before the next card's
        headline and blurb (headline, blurb, "Jane Doe", "· Apr 9, 2026", headline, blurb:
        a blurb within ``CARD_LINES`` lines); after a run of bare headlines, a blurb is the
        article's paragraph again."""
        if p + 1 >= len(kinds) or kinds[p + 1] != "headline":
            return False
        if blurbs > 0:
            return True
        return "blurb" in kinds[p + 2:p + 2 + (CARD_LINES if p == 1 else 1)]

    def teaser_kind(self, block: Block) -> str | None:
        """``headline``: at most ``teaser_item_max_words`` words, not ending in a full stop (a
        final ?, ! or … may end it); ``blurb``: one sentence of at most
        ``teaser_blurb_max_words`` words; else None (and for an interview's turn)."""
        if is_interview_turn(block.text):
            return None  # an interview's turn ("Q: Favorite apps?") is the article's
        text = block.text.rstrip(TRAILING_CLOSERS)
        if block.word_count <= self.teaser_item_max_words and not text.endswith((":", ";", ",")) \
                and not (text.endswith(".") and not text.endswith("...")):
            return "headline"
        if block.word_count <= self.teaser_blurb_max_words and text.endswith(".") and len(SENTENCE_END.findall(block.text)) == 1:
            return "blurb"
        return None

    @staticmethod
    def terms(blocks: list[Block], positions: list[int]) -> Counter[str]:
        """The content terms of the blocks at ``positions``."""
        return terms_of(block_terms(blocks[p]) for p in positions)

    def is_list_item(self, block: Block) -> bool:
        """A short block without a sentence end, like a menu entry or a link."""
        return block.word_count <= self.list_item_max_words and not block.ends_sentence
