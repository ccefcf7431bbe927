"""The daily quota meter: "今日成功回访 N/4", in a done state once the quota is met."""

from __future__ import annotations

from textual.widgets import Static

from gendan_tui.i18n import t


class QuotaMeter(Static):
    """Shows the signed-in clerk's successful callbacks today against the daily quota."""

    def show(self, successes: int, quota: int) -> None:
        """Display ``successes`` of ``quota``; at or past the quota the meter reads as done."""
        done = successes >= quota
        text = t("ui.quota.meter", done=successes, quota=quota)
        if done:
            text = f"{text}  {t('ui.quota.met')}"
        self.set_class(done, "-done")
        self.update(text)
