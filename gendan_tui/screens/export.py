"""Export a report to Excel from the desk: which report, which week or month, where to.

The period defaults to the one now due (last week, last month) and the file to the
report's usual name in the reports folder. Ctrl+S writes it in a worker; the report's
progress callback feeds a progress bar, and the saved path is shown when it is done. A
period or path that cannot be used is shown under its field. The report modules (and
openpyxl) are imported only when a report is written, so opening the app stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, ProgressBar, Select, Static

from gendan_tui.config import reports_dir
from gendan_tui.errors import UserError, ValidationError
from gendan_tui.i18n import t
from gendan_tui.reports import REPORTS, report_spec
from gendan_tui.screens.form import FormScreen
from gendan_tui.widgets.form_field import FormField, choice_field, text_field

if TYPE_CHECKING:
    from gendan_tui.reports.service import ExportResult

PATH_ERRORS = frozenset(
    {
        "report_error.not_xlsx",
        "report_error.is_directory",
        "report_error.folder_missing",
        "report_error.not_writable",
        "report_error.write_failed",
    }
)


@dataclass(frozen=True)
class ExportForm:
    """The export as typed: the report's code, its period and the file to write."""

    code: str
    period: str
    out: str


class ExportScreen(FormScreen["ExportResult"]):
    """Writes one report; stays open to show where it was saved, Esc closes."""

    def __init__(self, code: str = "complaints-weekly") -> None:
        super().__init__(self.export)
        self.code = code
        self.default_out = ""
        self.result: ExportResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Label(t("ui.export.title"), classes="title")
            yield choice_field(
                "report",
                t("ui.export.report"),
                [(spec.name, spec.code) for spec in REPORTS.values()],
                self.code,
            )
            yield text_field("period", t("ui.export.period"), required=True)
            yield text_field("out", t("ui.export.out"), required=True)
            yield Static("", id="export-due", classes="form-hint")
            progress = ProgressBar(show_eta=False, id="export-progress")
            progress.display = False
            yield progress
            done = Static("", id="export-done")
            done.display = False
            yield done
            yield self.error_line()
            yield Static(t("ui.export.hint"), classes="form-hint")

    def on_mount(self) -> None:
        self.choose_report(self.code)
        self.query_one("#period-input", Input).focus()

    # Defaults ------------------------------------------------------------------------

    def choose_report(self, code: str) -> None:
        """Offer the period now due for report ``code`` and its usual file name."""
        self.code = code
        spec = report_spec(code)
        period = self.services.reports.due_period(code)
        self.query_one("#period", FormField).query_one(Label).update(
            f"{t(f'ui.export.period_{spec.period_kind}')} *"
        )
        period_input = self.query_one("#period-input", Input)
        period_input.placeholder = t(f"ui.export.period_{spec.period_kind}_example")
        period_input.value = period.label
        self.query_one("#export-due", Static).update(
            t("ui.export.due", due=spec.due_text, period=period.label)
        )
        self.offer_path()

    def offer_path(self) -> None:
        """Put the usual file name for the typed period in the path, unless the clerk has
        typed a path of their own."""
        out = self.query_one("#out-input", Input)
        if out.value and out.value != self.default_out:
            return
        spec = report_spec(self.code)
        try:
            period = spec.parse_period(self.query_one("#period-input", Input).value)
        except UserError:
            return
        self.default_out = str(reports_dir() / spec.file_name(period))
        out.value = self.default_out

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "report-input" and isinstance(event.value, str):
            event.stop()
            if event.value != self.code:
                self.choose_report(event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "period-input":
            self.offer_path()

    # Writing -------------------------------------------------------------------------

    def read_form(self) -> ExportForm:
        self.query_one("#export-done").display = False
        self.result = None
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        return ExportForm(
            code=self.code,
            period=self.query_one("#period-input", Input).value,
            out=self.query_one("#out-input", Input).value.strip(),
        )

    def export(self, form: ExportForm) -> ExportResult:
        """Write the report (in a worker thread), reporting progress to the bar."""
        reports = self.services.reports
        period = reports.parse_period(form.code, form.period)
        if not form.out:
            raise ValidationError("error.required", field="out")
        out = Path(form.out).expanduser()
        if form.out == self.default_out:
            out.parent.mkdir(parents=True, exist_ok=True)
        return reports.export(form.code, period, out, self.progress_from_worker)

    def progress_from_worker(self, done: int, total: int) -> None:
        """The report's progress callback: move the bar on the UI thread."""
        self.app.call_from_thread(self.show_progress, done, total)

    def show_progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def saved(self, result: ExportResult) -> None:
        self.saving = False
        self.result = result
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=max(result.rows, 1), progress=max(result.rows, 1))
        done = self.query_one("#export-done", Static)
        done.update(
            t(
                "ui.export.done",
                name=result.name,
                period=result.period.label,
                rows=result.rows,
                path=str(result.path),
            )
        )
        done.display = True
        self.notify(t("ui.export.saved", name=result.name, path=str(result.path)))

    def save_failed(self, error: BaseException | None) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        if isinstance(error, ValidationError) and error.field in ("week", "month"):
            self.saving = False
            self.query_one("#period", FormField).show_error(str(error))
            return
        if isinstance(error, UserError) and error.key in PATH_ERRORS:
            self.saving = False
            self.query_one("#out", FormField).show_error(str(error))
            return
        super().save_failed(error)

    def action_cancel(self) -> None:
        self.dismiss(self.result)
