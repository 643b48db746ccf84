"""The heuristic detectors, by name, and how a config builds them."""

from __future__ import annotations

from ..config import Config
from .appended_story import AppendedStoryDetector
from .base import BlockDetector, Detector, Finding
from .boilerplate import BoilerplateDetector
from .captions import CaptionDetector, GalleryCaptionDetector, GluedCaptionDetector
from .datelines import DatelineDetector
from .duplicates import DuplicateDetector
from .teaser_cards import TeaserCardDetector
from .title import TitleDetector
from .widgets import WidgetDetector

DETECTORS: dict[str, type[Detector]] = {
    cls.name: cls for cls in (GluedCaptionDetector, CaptionDetector, GalleryCaptionDetector, WidgetDetector,
                              DuplicateDetector, AppendedStoryDetector, TitleDetector,
                              BoilerplateDetector, DatelineDetector, TeaserCardDetector)
}

__all__ = ["DETECTORS", "BlockDetector", "Detector", "Finding", "build_detectors"]


def build_detectors(config: Config) -> list[Detector]:
    """The detectors ``config.detectors`` names, in order, built with their options."""
    built = []
    for name in config.detectors:
        if name not in DETECTORS:
            raise ValueError(f"unknown detector {name!r} (known: {', '.join(sorted(DETECTORS))})")
        built.append(DETECTORS[name](**config.detector_options.get(name, {})))
    return built
