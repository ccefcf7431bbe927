"""Small builders for test data, going through the services where one exists."""

from __future__ import annotations

from datetime import date

from gendan_tui.core.customers import NewContact, NewCustomer
from gendan_tui.core.services import Services
from gendan_tui.store.models import CallbackTask, Order


def customer(
    services: Services,
    name: str = "北京华信科技有限公司",
    phone: str = "13812345678",
    contact: str = "王经理",
    **fields: object,
) -> int:
    """A customer owned by the signed-in clerk, with one contact and phone."""
    actor = services.ctx.require_actor()
    new = NewCustomer(
        name=name,
        contacts=(NewContact(contact, (phone,)),),
        owner_id=actor.id,
        **fields,  # type: ignore[arg-type]
    )
    return services.customers.create(new)


def order(services: Services, customer_id: int, opened_on: date = date(2025, 9, 1)) -> int:
    """An open website order of the customer, followed by the signed-in clerk."""
    actor = services.ctx.require_actor()
    row = Order.create(
        customer=customer_id,
        title="企业网站",
        stage="documents",
        clerk=actor.id,
        opened_on=opened_on,
    )
    return int(row.id)


def task(
    services: Services,
    customer_id: int,
    due_on: date,
    *,
    reason: str = "periodic",
    next_try_on: date | None = None,
    attempts: int = 0,
) -> int:
    """An open callback task for the signed-in clerk."""
    actor = services.ctx.require_actor()
    row = CallbackTask.create(
        customer=customer_id,
        clerk=actor.id,
        reason=reason,
        basis_on=due_on,
        due_on=due_on,
        next_try_on=next_try_on or due_on,
        attempts=attempts,
    )
    return int(row.id)


# Every character XML 1.0 forbids that a str from the database can hold: the C0 controls
# other than tab, newline and carriage return, and U+FFFE and U+FFFF.
FORBIDDEN_IN_XML = (
    "".join(chr(c) for c in range(1, 0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
)
"""Characters XML forbids that the services store as typed (NUL and lone surrogates are
refused where they are typed, so they reach a report only from outside the app)."""
# Text a report must keep exactly: right-to-left marks and embedding, zero-width characters,
# and emoji (beyond U+FFFF, joined sequences and flags).
KEPT_AS_TYPED = (
    "\u202bمرحبا\u202c\u200f 零\u200b宽\u200c连\u200d字\ufeff 😀👨\u200d👩\u200d👧🇨🇳\t完\n第二行"
)
