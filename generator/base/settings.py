"""The site's own settings that change what its pages say (the plugin's options, or the
command line's defaults), kept in one place so the build cache's key includes them all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.dates import Date


@dataclass(frozen=True)
class SiteOptions:
    """What every page is rendered with."""

    stale_after_days: int = 30
    """Days after `as_of` after which a briefing without a `review_by` shows a notice that
    it may be out of date."""
    publish_seeds: bool = False
    """Publish the archived text of each seed beside its source (off by default: the
    publisher holds the copyright)."""

    def review_due(self, as_of: Date, review_by: Date | None) -> dt.date:
        """The last day a briefing counts as current: its `review_by`, or `as_of` plus
        `stale_after_days`."""
        if review_by is not None:
            return review_by.last_day
        try:
            return as_of.last_day + dt.timedelta(days=self.stale_after_days)
        except OverflowError:  # a setting of thousands of years: never stale
            return dt.date.max
