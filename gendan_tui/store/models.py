"""The tables. Plain storage: rules live in ``core``; screens never touch these directly.

Records that people edit carry a ``version`` for optimistic locking. Order stages,
milestones and complaints are kept general (codes, templates) so the pipeline board,
forms and renewals can grow on them without reshaping the tables.
"""

from __future__ import annotations

from datetime import date, datetime

import peewee as pw

from gendan_tui.store.db import database_proxy


class BaseModel(pw.Model):
    """Binds every table to the shared database proxy."""

    class Meta:
        database = database_proxy
        legacy_table_names = False


class SchemaVersion(BaseModel):
    """One row per applied migration; the highest is the schema version."""

    version = pw.IntegerField(primary_key=True)
    applied_at = pw.DateTimeField(default=datetime.now)


class Setting(BaseModel):
    """Department-wide settings (rule thresholds, confirmed calendar years) as JSON text."""

    key = pw.CharField(primary_key=True, max_length=100)
    value = pw.TextField()


class User(BaseModel):
    """A person who works in the app: clerks, supervisors, technicians, managers."""

    login = pw.CharField(unique=True, max_length=50)
    name = pw.CharField(max_length=50)
    active = pw.BooleanField(default=True)
    password_hash = pw.CharField(null=True, max_length=255)
    created_at = pw.DateTimeField(default=datetime.now)
    version = pw.IntegerField(default=1)


class UserRole(BaseModel):
    """A role one user holds; a person may hold several."""

    user = pw.ForeignKeyField(User, backref="roles", on_delete="CASCADE")
    role = pw.CharField(max_length=30)

    class Meta:
        indexes = ((("user", "role"), True),)


class Customer(BaseModel):
    """A company the department serves; ``kind`` is new (新客户) or old (老客户)."""

    name = pw.CharField(max_length=120, index=True)
    initials = pw.CharField(max_length=60, index=True)
    kind = pw.CharField(max_length=10, default="new")
    is_member = pw.BooleanField(default=False)
    owner = pw.ForeignKeyField(User, null=True, backref="customers", on_delete="SET NULL")
    callback_interval_months = pw.IntegerField(null=True)
    address = pw.CharField(max_length=200, default="")
    notes = pw.TextField(default="")
    created_on = pw.DateField(default=date.today)
    version = pw.IntegerField(default=1)


class Contact(BaseModel):
    """A contact person at a customer."""

    customer = pw.ForeignKeyField(Customer, backref="contacts", on_delete="CASCADE")
    name = pw.CharField(max_length=50)
    title = pw.CharField(max_length=50, default="")
    is_primary = pw.BooleanField(default=False)


class Phone(BaseModel):
    """A phone number as written, and its digits for matching an incoming call."""

    customer = pw.ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    contact = pw.ForeignKeyField(Contact, null=True, backref="phones", on_delete="SET NULL")
    number = pw.CharField(max_length=40)
    digits = pw.CharField(max_length=30, index=True)
    kind = pw.CharField(max_length=10)


class Subscription(BaseModel):
    """Something the customer renews: membership, domain, mailbox, B2B account, hosting."""

    customer = pw.ForeignKeyField(Customer, backref="subscriptions", on_delete="CASCADE")
    kind = pw.CharField(max_length=20)
    name = pw.CharField(max_length=120, default="")
    starts_on = pw.DateField()
    expires_on = pw.DateField(index=True)


class Order(BaseModel):
    """An order followed through the stages of its template (website order by default)."""

    customer = pw.ForeignKeyField(Customer, backref="orders", on_delete="CASCADE")
    template = pw.CharField(max_length=30, default="website")
    title = pw.CharField(max_length=120)
    archive_no = pw.CharField(max_length=40, null=True, unique=True)
    stage = pw.CharField(max_length=40)
    status = pw.CharField(max_length=15, default="open", index=True)
    clerk = pw.ForeignKeyField(User, null=True, backref="orders", on_delete="SET NULL")
    opened_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "orders"


class OrderEvent(BaseModel):
    """Something that happened to an order on a date: a stage reached or a milestone."""

    order = pw.ForeignKeyField(Order, backref="events", on_delete="CASCADE")
    code = pw.CharField(max_length=40)
    occurred_on = pw.DateField()
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("order", "occurred_on"), False),)


class CallbackTask(BaseModel):
    """A callback owed to a customer: why, by when, and how often it was tried.

    ``due_on`` stays fixed (days overdue count from it); ``next_try_on`` moves to the next
    working day after a failed attempt, and the queue lists tasks whose next try has come.
    """

    customer = pw.ForeignKeyField(Customer, backref="callback_tasks", on_delete="CASCADE")
    clerk = pw.ForeignKeyField(User, backref="callback_tasks", on_delete="CASCADE")
    reason = pw.CharField(max_length=20)
    order = pw.ForeignKeyField(Order, null=True, on_delete="SET NULL")
    basis_on = pw.DateField()
    due_on = pw.DateField()
    next_try_on = pw.DateField()
    attempts = pw.IntegerField(default=0)
    state = pw.CharField(max_length=10, default="open")
    closed_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("customer", "state"), False),)


CallbackTask.add_index(
    CallbackTask.clerk,
    CallbackTask.next_try_on,
    where=CallbackTask.state == "open",
    name="callbacktask_open_by_clerk",
)
CallbackTask.add_index(
    CallbackTask.next_try_on, where=CallbackTask.state == "open", name="callbacktask_open_by_day"
)


class CallbackRecord(BaseModel):
    """One call in the 客户电话回访记录表: who was called, by whom, what came of it."""

    task = pw.ForeignKeyField(CallbackTask, null=True, backref="records", on_delete="SET NULL")
    customer = pw.ForeignKeyField(Customer, backref="callback_records", on_delete="CASCADE")
    clerk = pw.ForeignKeyField(User, backref="callback_records", on_delete="CASCADE")
    called_at = pw.DateTimeField()
    call_date = pw.DateField()
    outcome = pw.CharField(max_length=20)
    contact_name = pw.CharField(max_length=50, default="")
    phone = pw.CharField(max_length=40, default="")
    discussed = pw.TextField(default="")
    problems = pw.TextField(default="")
    help_needed = pw.TextField(default="")
    invited_training = pw.BooleanField(default=False)
    notes = pw.TextField(default="")

    class Meta:
        indexes = (
            (("clerk", "call_date", "outcome"), False),
            (("customer", "called_at"), False),
        )


class Complaint(BaseModel):
    """A complaint in the 客服部投诉跟踪表, from intake to the reply that closes it."""

    customer = pw.ForeignKeyField(Customer, backref="complaints", on_delete="CASCADE")
    received_at = pw.DateTimeField(index=True)
    taken_by = pw.ForeignKeyField(User, backref="complaints_taken", on_delete="CASCADE")
    channel = pw.CharField(max_length=20, default="phone")
    category = pw.CharField(max_length=30)
    content = pw.TextField()
    severity = pw.CharField(max_length=10, default="normal")
    status = pw.CharField(max_length=15, default="open", index=True)
    solved_on_spot = pw.BooleanField(default=False)
    resolution = pw.TextField(default="")
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    assignee_role = pw.CharField(max_length=30, null=True)
    due_on = pw.DateField(null=True)
    replied_at = pw.DateTimeField(null=True)
    reply_method = pw.CharField(max_length=20, null=True)
    replied_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    closed_at = pw.DateTimeField(null=True)
    callback_record = pw.ForeignKeyField(CallbackRecord, null=True, on_delete="SET NULL")
    contact_name = pw.CharField(max_length=50, default="")
    phone = pw.CharField(max_length=40, default="")
    forwarded_at = pw.DateTimeField(null=True)
    resolved_at = pw.DateTimeField(null=True)
    resolved_by = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    reply_note = pw.TextField(default="")
    reopened_count = pw.IntegerField(default=0)
    updated_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("customer", "received_at"), False),)


class ComplaintEvent(BaseModel):
    """One step in a complaint's timeline: who did what, when, and how the status moved."""

    complaint = pw.ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    at = pw.DateTimeField()
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    kind = pw.CharField(max_length=20)
    note = pw.TextField(default="")
    status_before = pw.CharField(max_length=15, null=True)
    status_after = pw.CharField(max_length=15)
    assignee = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    assignee_role = pw.CharField(max_length=30, null=True)
    due_on = pw.DateField(null=True)
    reply_method = pw.CharField(max_length=20, null=True)

    class Meta:
        indexes = ((("complaint", "at"), False),)


class ReportExport(BaseModel):
    """A report written to a file: which one, for which period, where, when and by whom."""

    code = pw.CharField(max_length=40)
    period = pw.CharField(max_length=20)
    path = pw.TextField()
    at = pw.DateTimeField()
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    rows = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("code", "period"), False),)


class CalendarOverride(BaseModel):
    """A department's own correction to the working-day calendar."""

    day = pw.DateField(primary_key=True)
    is_workday = pw.BooleanField()
    note = pw.CharField(max_length=100, default="")


class AuditLog(BaseModel):
    """Append-only history of every change: who, when, which record, before and after."""

    at = pw.DateTimeField()
    user = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    entity = pw.CharField(max_length=30)
    entity_id = pw.IntegerField()
    action = pw.CharField(max_length=30)
    changes = pw.TextField(default="{}")

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    SchemaVersion,
    Setting,
    User,
    UserRole,
    Customer,
    Contact,
    Phone,
    Subscription,
    Order,
    OrderEvent,
    CallbackTask,
    CallbackRecord,
    Complaint,
    ComplaintEvent,
    ReportExport,
    CalendarOverride,
    AuditLog,
)
