"""A Scrapy item pipeline that cleans each scraped article as it passes.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 500}

and configure it with the ``CLEANER_*`` settings described in ``PipelineSettings``. Items may be
dicts, ``scrapy.Item`` subclasses (declare the output fields), dataclasses or anything else
``itemadapter`` supports. The rules are compiled once, when the spider opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..config import DEFAULT_CONFIG, Config
from ..document import Cleaned
from ..engine import Cleaner
from . import MissingFieldError, as_input, config_from_options, error_info

logger = logging.getLogger(__name__)

ON_ERROR_CHOICES = ("keep", "drop")


@dataclass(frozen=True)
class PipelineSettings:
    """What the pipeline reads and writes; each field comes from one Scrapy setting.

    ======================  ==================  =============================================
    setting                 default             meaning
    ======================  ==================  =============================================
    CLEANER_TEXT_FIELD      ``"text"``          field holding the scraped text (str, bytes or
                                                a list of str, joined one per line)
    CLEANER_HTML_FIELD      None                field holding HTML; used instead of the text
                                                field when set and non-empty in the item
    CLEANER_OUTPUT_FIELD    ``"clean_text"``    where the cleaned body goes
    CLEANER_TITLE_FIELD     ``"title"``         where the headline goes (an existing value is
                                                kept when the cleaner finds none)
    CLEANER_METADATA_FIELD  ``"metadata"``      where the recovered metadata dict goes
    CLEANER_REMOVED_FIELD   None                where the list of removals goes (None: not stored)
    CLEANER_ERROR_FIELD     ``"clean_error"``   where ``{"code", "message"}`` goes on failure
    CLEANER_ON_ERROR        ``"keep"``          ``keep``: pass the item on with the output field
                                                None and the error stored; ``drop``: DropItem
    CLEANER_RULES_DIRS      ``[]``              extra rule folders
    CLEANER_DISABLE         ``[]``              rule or detector ids, or kinds, to switch off
    CLEANER_TIME_BUDGET     None (2 s)          seconds one article may take
    ======================  ==================  =============================================

    A field setting set to an empty string counts as None (not stored).
    """

    text_field: str = "text"
    html_field: str | None = None
    output_field: str = "clean_text"
    title_field: str | None = "title"
    metadata_field: str | None = "metadata"
    removed_field: str | None = None
    error_field: str = "clean_error"
    on_error: str = "keep"
    config: Config = DEFAULT_CONFIG

    def __post_init__(self) -> None:
        if self.on_error not in ON_ERROR_CHOICES:
            raise ValueError(f"CLEANER_ON_ERROR must be one of {', '.join(ON_ERROR_CHOICES)}, not {self.on_error!r}")
        if not self.text_field and not self.html_field:
            raise ValueError("CLEANER_TEXT_FIELD or CLEANER_HTML_FIELD must name a field")
        if not self.output_field or not self.error_field:
            raise ValueError("CLEANER_OUTPUT_FIELD and CLEANER_ERROR_FIELD must name a field")

    @classmethod
    def from_settings(cls, settings: Any) -> PipelineSettings:
        """The pipeline settings from a Scrapy ``Settings`` object (or any mapping-like object
        with ``get``/``getlist``)."""
        def field(name: str, default: str | None) -> str | None:
            value = settings.get(name, default)
            return value or None

        time_budget = settings.get("CLEANER_TIME_BUDGET")
        config = config_from_options(rules_dirs=settings.getlist("CLEANER_RULES_DIRS"),
                                     disable=settings.getlist("CLEANER_DISABLE"),
                                     time_budget=float(time_budget) if time_budget not in (None, "") else None)
        return cls(text_field=field("CLEANER_TEXT_FIELD", "text") or "",
                   html_field=field("CLEANER_HTML_FIELD", None),
                   output_field=field("CLEANER_OUTPUT_FIELD", "clean_text") or "",
                   title_field=field("CLEANER_TITLE_FIELD", "title"),
                   metadata_field=field("CLEANER_METADATA_FIELD", "metadata"),
                   removed_field=field("CLEANER_REMOVED_FIELD", None),
                   error_field=field("CLEANER_ERROR_FIELD", "clean_error") or "",
                   on_error=str(settings.get("CLEANER_ON_ERROR", "keep")).lower(),
                   config=config)


class CleanerPipeline:
    """Cleans the text (or HTML) field of every item and stores the body, the title, the
    metadata and optionally the removals in the configured fields.

    An item that cannot be cleaned (no text, empty text, undecodable bytes, over the time
    budget) is kept with its error recorded, or dropped, as ``CLEANER_ON_ERROR`` says.
    Counts go to the crawl stats: ``cleaner/cleaned``, ``cleaner/errors/<code>``.
    """

    def __init__(self, settings: PipelineSettings | None = None, stats: Any = None) -> None:
        self.settings = settings or PipelineSettings()
        self.stats = stats
        self.text_cleaner: Cleaner | None = None
        self.html_cleaner: Cleaner | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        """The pipeline configured from the crawler's settings (Scrapy calls this)."""
        return cls(PipelineSettings.from_settings(crawler.settings), stats=crawler.stats)

    def open_spider(self, spider: Any = None) -> None:
        """Compile the rules once for the whole crawl (a bad rules folder fails here, loudly)."""
        config = self.settings.config
        self.text_cleaner = Cleaner(config)
        if self.settings.html_field:
            self.html_cleaner = Cleaner(config.replace(html_mode="always"))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean one item in place and return it (or raise ``DropItem`` on failure with
        ``CLEANER_ON_ERROR = "drop"``)."""
        if self.text_cleaner is None:
            self.open_spider()
        adapter = ItemAdapter(item)
        try:
            result = self._clean(adapter)
        except Exception as exc:
            return self._failed(item, adapter, exc)
        self._store(adapter, result)
        self._count("cleaner/cleaned")
        return item

    # -- internals ------------------------------------------------------------------------------
    def _clean(self, adapter: ItemAdapter) -> Cleaned:
        html_field = self.settings.html_field
        if html_field and adapter.get(html_field):
            assert self.html_cleaner is not None
            return self.html_cleaner.clean(as_input(adapter.get(html_field), html_field))
        text_field = self.settings.text_field
        if not text_field:
            raise MissingFieldError(f"the item has no {html_field!r} field (or it is empty)")
        assert self.text_cleaner is not None
        return self.text_cleaner.clean(as_input(adapter.get(text_field), text_field))

    def _store(self, adapter: ItemAdapter, result: Cleaned) -> None:
        s = self.settings
        _set(adapter, s.output_field, result.text, "CLEANER_OUTPUT_FIELD")
        if s.title_field and (result.title is not None or not adapter.get(s.title_field)):
            _set(adapter, s.title_field, result.title, "CLEANER_TITLE_FIELD")
        if s.metadata_field:
            _set(adapter, s.metadata_field, dict(result.metadata), "CLEANER_METADATA_FIELD")
        if s.removed_field:
            _set(adapter, s.removed_field, [r.as_dict() for r in result.removed], "CLEANER_REMOVED_FIELD")

    def _failed(self, item: Any, adapter: ItemAdapter, exc: Exception) -> Any:
        info = error_info(exc)
        self._count(f"cleaner/errors/{info['code']}")
        if info["code"] == "internal_error":
            logger.exception("cleaner: unexpected failure while cleaning an item")
        if self.settings.on_error == "drop":
            raise DropItem(f"cleaner: {info['code']}: {info['message']}") from exc
        _set(adapter, self.settings.output_field, None, "CLEANER_OUTPUT_FIELD")
        _set(adapter, self.settings.error_field, info, "CLEANER_ERROR_FIELD")
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def _set(adapter: ItemAdapter, field: str, value: Any, setting: str) -> None:
    """Store ``value`` in ``field``, with a clear message when the item class lacks the field."""
    try:
        adapter[field] = value
    except KeyError:
        raise KeyError(f"{type(adapter.item).__name__} has no field {field!r}: declare it "
                       f"(scrapy.Field()) or change {setting}") from None
