"""The one workflow mechanism: a table of steps checked in order (who may act, the state,
what the step requires), refusals that name what is missing, and the transition tables of
complaints and callbacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from gendan_tui.core import callback_workflow
from gendan_tui.core.callbacks import SuccessForm
from gendan_tui.core.complaint_terms import CLOSED, STATUSES
from gendan_tui.core.complaint_workflow import WORKFLOW as COMPLAINT_WORKFLOW
from gendan_tui.core.context import Actor
from gendan_tui.core.roles import Permission, PermissionDenied
from gendan_tui.core.services import Services
from gendan_tui.core.workflow import Attempt, Holds, Step, StepRefused, TextGiven, Workflow
from gendan_tui.errors import ConflictError, UserError, ValidationError
from tests import factories

NOW = datetime(2025, 10, 9, 10, 0)
CLERK = Actor(1, "zhangli", "张丽", frozenset({"clerk"}))
MANAGER = Actor(2, "wang", "王经理", frozenset({"production_manager"}))


@dataclass
class Order:
    """A stand-in for an order on the board: a stage, its documents and signatures."""

    stage: str
    documents: set[str] = field(default_factory=set)
    signed_by: set[str] = field(default_factory=set)


def needs_document(code: str) -> Holds[Order]:
    return Holds(
        lambda attempt: code in attempt.record.documents,
        lambda _: UserError("test.missing_document", document=code),
    )


def needs_signature(role: str) -> Holds[Order]:
    return Holds(
        lambda attempt: role in attempt.record.signed_by,
        lambda _: UserError("test.missing_signature", role=role),
    )


BOARD: Workflow[Order] = Workflow(
    name="order",
    states=("contract_check", "order_check", "handed_over"),
    state_field="stage",
    steps=(
        Step(
            "pass_contract",
            frozenset({"contract_check"}),
            "order_check",
            "test.not_at_contract_check",
            Permission.WORK_CALLBACKS,
            requires=(needs_document("contract_copy"), TextGiven("note")),
        ),
        Step(
            "hand_over",
            frozenset({"order_check"}),
            "handed_over",
            "test.not_checked",
            requires=(needs_signature("production_manager"), needs_signature("cs_manager")),
        ),
        Step("archive", frozenset({"handed_over"}), None, "test.not_handed", offered=False),
    ),
)


def attempt(record: Any, actor: Actor = CLERK, **inputs: Any) -> Attempt[Any]:
    return Attempt(record, actor, inputs, NOW, ctx=None)  # type: ignore[arg-type]


def test_a_step_is_refused_first_for_who_then_for_the_state() -> None:
    with pytest.raises(PermissionDenied):
        BOARD.check("pass_contract", attempt(Order("contract_check"), MANAGER, note="x"))
    with pytest.raises(UserError) as refused:
        BOARD.check("pass_contract", attempt(Order("order_check"), note="x"))
    assert refused.value.key == "test.not_at_contract_check"


def test_one_missing_requirement_is_named_alone() -> None:
    order = Order("contract_check", documents={"contract_copy"})
    with pytest.raises(ValidationError) as refused:
        BOARD.check("pass_contract", attempt(order, note="  "))
    assert (refused.value.key, refused.value.field) == ("error.required", "note")
    assert BOARD.check("pass_contract", attempt(order, note="合同无误")).target == "order_check"


def test_every_missing_requirement_is_named() -> None:
    with pytest.raises(StepRefused) as refused:
        BOARD.check("hand_over", attempt(Order("order_check")))
    reasons = [(r.key, r.params) for r in refused.value.reasons]
    assert reasons == [
        ("test.missing_signature", {"role": "production_manager"}),
        ("test.missing_signature", {"role": "cs_manager"}),
    ]
    order = Order("order_check", signed_by={"cs_manager"})
    with pytest.raises(UserError) as one:
        BOARD.check("hand_over", attempt(order))
    assert one.value.params == {"role": "production_manager"}


def test_steps_the_service_takes_itself_are_not_offered() -> None:
    assert BOARD.allowed("handed_over") == frozenset()
    assert BOARD.allowed("contract_check") == {"pass_contract"}


def test_a_table_naming_an_unknown_state_is_refused_when_defined() -> None:
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            name="broken",
            states=("a",),
            state_field="state",
            steps=(Step("go", frozenset({"a"}), "b", "x"),),
        )


# The complaint table ------------------------------------------------------------------

EXPECTED_FROM = {
    "forward": {"open", "forwarded"},
    "follow_up": {"open", "forwarded", "resolved", "replied"},
    "resolve": {"open", "forwarded"},
    "reply": {"resolved"},
    "close": {"replied"},
    "reopen": {"resolved", "replied", "closed"},
}
REFUSALS = {
    "forward": "complaint_error.already_resolved",
    "follow_up": "complaint_error.is_closed",
    "resolve": "complaint_error.already_resolved",
    "reply": "complaint_error.reply_before_resolution",
    "close": "complaint_error.close_before_reply",
    "reopen": "complaint_error.not_finished",
}
GOOD_INPUTS: dict[str, dict[str, Any]] = {
    "follow_up": {"note": "跟进"},
    "resolve": {"resolution": "已修复"},
    "reply": {"method": "phone", "at": NOW},
    "reopen": {"reason": "又坏了"},
}


def complaint(status: str) -> SimpleNamespace:
    return SimpleNamespace(
        id=7,
        status=status,
        taken_by_id=CLERK.id,
        assignee_id=None,
        assignee_role=None,
        received_at=datetime(2025, 10, 8, 9, 0),
    )


@pytest.mark.parametrize("step", EXPECTED_FROM)
@pytest.mark.parametrize("status", STATUSES)
def test_the_complaint_table(step: str, status: str) -> None:
    tried = attempt(complaint(status), **GOOD_INPUTS.get(step, {}))
    if status in EXPECTED_FROM[step]:
        assert COMPLAINT_WORKFLOW.check(step, tried).name == step
        return
    with pytest.raises(UserError) as refused:
        COMPLAINT_WORKFLOW.check(step, tried)
    expected = "complaint_error.is_closed" if status == CLOSED else REFUSALS[step]
    assert (refused.value.key, refused.value.params) == (expected, {"no": 7})


def test_complaint_steps_name_what_they_need() -> None:
    with pytest.raises(ValidationError) as no_note:
        COMPLAINT_WORKFLOW.check("follow_up", attempt(complaint("open"), note=""))
    assert no_note.value.field == "note"
    with pytest.raises(StepRefused) as bad_reply:
        too_early = datetime(2025, 10, 1, 9, 0)
        COMPLAINT_WORKFLOW.check(
            "reply", attempt(complaint("resolved"), method="sms", at=too_early)
        )
    assert [(r.key, getattr(r, "field", None)) for r in bad_reply.value.reasons] == [
        ("complaint_error.reply_method_invalid", "method"),
        ("complaint_error.reply_before_intake", "at"),
    ]
    text = str(bad_reply.value)
    assert text.startswith("无法执行：")
    assert all(str(reason) in text for reason in bad_reply.value.reasons)


def test_only_those_involved_may_work_a_complaint() -> None:
    stranger = Actor(9, "lina", "李娜", frozenset({"clerk"}))
    with pytest.raises(UserError) as refused:
        COMPLAINT_WORKFLOW.check("follow_up", attempt(complaint("open"), stranger, note="x"))
    assert refused.value.key == "complaint_error.not_involved"


def test_complaints_offer_only_the_steps_a_person_chooses() -> None:
    assert COMPLAINT_WORKFLOW.allowed("open") == {"forward", "follow_up", "resolve"}
    assert COMPLAINT_WORKFLOW.allowed("closed") == {"reopen"}


# The callback table -------------------------------------------------------------------


def test_the_callback_table(services: Services) -> None:
    table = callback_workflow.WORKFLOW
    assert table.allowed("open") == {"success", "failure", "reassign"}
    assert table.allowed("done") == frozenset()
    cid = factories.customer(services)
    tid = factories.task(services, cid, date(2025, 10, 9))
    with pytest.raises(StepRefused) as refused:
        services.callbacks.record_success(tid, 1, SuccessForm(contact_name="", discussed=" "))
    assert [r.key for r in refused.value.reasons] == ["error.required", "error.required"]
    assert [getattr(r, "field", None) for r in refused.value.reasons] == [
        "contact_name",
        "discussed",
    ]
    with pytest.raises(ValidationError) as other:
        services.callbacks.record_failure(tid, 1, "other", notes="")
    assert other.value.field == "notes"
    with pytest.raises(ValidationError) as unknown:
        services.callbacks.record_failure(tid, 1, "asleep")
    assert unknown.value.key == "error.outcome_invalid"
    services.callbacks.record_success(tid, 1, SuccessForm(contact_name="王经理", discussed="好"))
    # A callback already made is refused as handled, naming who made it.
    with pytest.raises(ConflictError) as handled:
        services.callbacks.record_failure(tid, 2, "busy")
    assert handled.value.params["who"] == "张丽"
