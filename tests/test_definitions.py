"""The department's definitions in data/: every shipped file loads; a department's own files
override or extend them; a malformed file is named with its line and left out, and the app
still opens with the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from gendan_tui import cli
from gendan_tui.config import definitions_dir
from gendan_tui.core import users
from gendan_tui.core.clock import FixedClock
from gendan_tui.core.services import department_definitions, open_services
from gendan_tui.definitions import load_definitions, shipped_dir
from gendan_tui.i18n import t
from gendan_tui.reports import REPORTS
from tests.conftest import TODAY
from tests.tui_helpers import app_for, build_desk, notifications, queue_names, running, settle

WEBSITE_STAGES = [
    "contract_check",
    "order_check",
    "entered",
    "designer_assigned",
    "documents",
    "mailbox_opened",
    "b2b_opened",
    "test_uploaded",
    "accepted",
    "live_uploaded",
    "completed",
]


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_every_shipped_file_loads_without_a_problem() -> None:
    shipped = sorted(p.relative_to(shipped_dir()).as_posix() for p in shipped_dir().rglob("*.toml"))
    assert shipped == ["complaints.toml", "pipelines/website.toml", "reports.toml"]
    definitions = load_definitions(reports=REPORTS)
    assert definitions.problems == ()
    website = definitions.default_pipeline
    assert website.code == "website"
    assert [stage.code for stage in website.stages] == WEBSITE_STAGES
    mailbox = website.stage("mailbox_opened")
    assert mailbox is not None and mailbox.role == "technician"
    assert mailbox.contacts == ("fax_sent", "phone_confirmed")
    assert [(e.kind, e.value) for e in mailbox.on_enter] == [("callback", "mailbox")]
    assert t("stage.completed") == "全部完工"
    vocabulary = definitions.complaints
    assert vocabulary.category_codes == (
        "mailbox",
        "website",
        "domain",
        "b2b",
        "attitude",
        "delivery",
        "other",
    )
    assert vocabulary.forward_roles[0] == "technician"
    assert vocabulary.department_of("sales_rep") == "sales"
    assert vocabulary.department_of(None) == "customer_service"
    assert set(definitions.obligations) == set(REPORTS)


BROKEN = {
    "bad TOML": ('code = "x"\nversion = 1\nname = { zh = "坏" \n', 3, "不是有效的 TOML"),
    "unknown role": (
        'code = "export"\nversion = 1\nname = { zh = "外贸单" }\n\n[[stages]]\ncode = "stock"\n'
        'name = { zh = "查库存" }\nrole = "warehouse_boss"\nlimit_workdays = 2\n',
        8,
        "warehouse_boss",
    ),
    "stage without a name": (
        'code = "export"\nversion = 1\nname = { zh = "外贸单" }\n\n[[stages]]\ncode = "order"\n'
        'name = { zh = "订单" }\nrole = "clerk"\nlimit_workdays = 1\n\n[[stages]]\n'
        'code = "stock"\nrole = "clerk"\nlimit_workdays = 2\n',
        11,
        "缺少必填项 name",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_malformed_file_is_named_with_its_line_and_left_out(tmp_path: Path, case: str) -> None:
    text, line, words = BROKEN[case]
    path = write(tmp_path, "pipelines/export.toml", text)
    definitions = load_definitions(tmp_path, reports=REPORTS)
    (problem,) = definitions.problems
    assert (problem.path, problem.line) == (path, line)
    message = str(problem)
    assert str(path) in message and f"第 {line} 行" in message and words in message
    assert list(definitions.pipelines) == ["website"]


def test_a_department_file_overrides_and_extends_the_shipped_ones(tmp_path: Path) -> None:
    shipped = (shipped_dir() / "pipelines/website.toml").read_text("utf-8")
    write(tmp_path, "pipelines/website.toml", shipped.replace("version = 1", "version = 2"))
    write(
        tmp_path,
        "pipelines/delivery.toml",
        'code = "delivery"\nversion = 1\nname = { zh = "送货安装", en = "Delivery" }\n\n'
        '[[stages]]\ncode = "delivered"\nname = { zh = "送货", en = "Delivered" }\n'
        'role = "clerk"\nlimit_workdays = 3\non_enter = [{ callback = "website" }]\n',
    )
    write(
        tmp_path,
        "complaints.toml",
        '[[categories]]\ncode = "hosting"\nname = { zh = "空间", en = "Hosting" }\n\n'
        '[departments]\nclerk = "sales"\n',
    )
    definitions = load_definitions(tmp_path, reports=REPORTS)
    assert definitions.problems == ()
    assert definitions.pipelines["website"].version == 2
    assert definitions.default_pipeline.code == "website"
    assert definitions.pipelines["delivery"].stages[0].code == "delivered"
    vocabulary = definitions.complaints
    assert vocabulary.category_codes[-2:] == ("other", "hosting")
    assert t("category.hosting") == "空间"
    assert vocabulary.department_of("clerk") == "sales"
    assert vocabulary.department_of("technician") == "technical"


def test_an_obligation_for_a_report_the_app_cannot_write_is_a_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "reports.toml",
        '[[obligations]]\nreport = "orders-unfinished"\ncovers = "month"\ndue_day = 3\n'
        'due_time = "17:00"\n',
    )
    definitions = load_definitions(tmp_path, reports=REPORTS)
    (problem,) = definitions.problems
    assert (problem.path, problem.line) == (path, 2)
    assert set(definitions.obligations) == set(REPORTS)


def test_the_command_line_names_the_bad_file_and_still_works(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["init", "--db", db_url]) == 0
    capsys.readouterr()
    bad = write(definitions_dir(), "complaints.toml", "[[categories]\n")
    assert department_definitions(definitions_dir()).problems
    assert cli.main(["calendar", "check", "2025-10-01", "--db", db_url]) == 0
    captured = capsys.readouterr()
    assert "2025-10-01 是休息日" in captured.out
    assert str(bad) in captured.err and "第 1 行" in captured.err


async def test_the_desk_opens_and_says_which_file_was_left_out(db_url: str, tmp_path: Path) -> None:
    bad = write(tmp_path, "pipelines/export.toml", "code = \n")
    services = open_services(
        db_url,
        clock=FixedClock(TODAY),
        create=True,
        definitions=department_definitions(tmp_path),
    )
    users.add_clerk("zhangli", "张丽")
    services.sign_in("zhangli")
    build_desk(services)
    app = app_for(services, db_url)
    async with running(app) as pilot:
        await settle(pilot)
        (warning,) = [text for text in notifications(app) if str(bad) in text]
        assert "第 1 行" in warning
        assert queue_names(app)
