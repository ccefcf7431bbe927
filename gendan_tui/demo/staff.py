"""The demo department: clerks (the first is 张丽, login ``zhangli``) and one person for
each other role of the department."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from gendan_tui.core.passwords import hash_password
from gendan_tui.demo import names
from gendan_tui.demo.bulk import BulkWriter
from gendan_tui.store.models import User, UserRole

DEMO_CLERK = "zhangli"
DEMO_PASSWORD = "demo1234"
"""Every demo account's password, documented in the README."""
CLERK = "clerk"
CUSTOMERS_PER_CLERK = 1000
MIN_CLERKS = 5

FIRST_CLERKS = (
    ("zhangli", "张丽"),
    ("wangfang", "王芳"),
    ("lina", "李娜"),
    ("liuyang", "刘洋"),
    ("chenjing", "陈静"),
)

OTHER_ROLES = (
    ("follow_up_supervisor", "zhaoqiang", "赵强"),
    ("contract_supervisor", "sunmin", "孙敏"),
    ("technician", "zhoujie", "周杰"),
    ("cs_manager", "wutao", "吴涛"),
    ("department_manager", "zhenggang", "郑刚"),
    ("production_manager", "huangwei", "黄伟"),
    ("sales_manager", "linjuan", "林娟"),
    ("sales_rep", "helei", "何磊"),
    ("contract_admin", "yangyan", "杨艳"),
)
"""One person per role besides the clerks (role code, login, name)."""


@dataclass(frozen=True)
class Staff:
    """Who works in the demo department, by user id."""

    clerk_ids: tuple[int, ...]
    role_ids: dict[str, int]


def clerk_count(customers: int) -> int:
    """How many clerks share ``customers`` customers."""
    return max(MIN_CLERKS, customers // CUSTOMERS_PER_CLERK)


def write_staff(
    writer: BulkWriter, rng: random.Random, customers: int, created_at: datetime
) -> Staff:
    """Insert the clerks and the other roles' users; returns their ids."""
    people = list(FIRST_CLERKS)
    taken = {login for login, _ in people} | {login for _, login, _ in OTHER_ROLES}
    while len(people) < clerk_count(customers):
        name, login = names.person_name(rng)
        candidate, suffix = login, 2
        while candidate in taken:
            candidate, suffix = f"{login}{suffix}", suffix + 1
        taken.add(candidate)
        people.append((candidate, name))
    clerk_ids = tuple(range(1, len(people) + 1))
    role_ids = {role: len(people) + i for i, (role, _, _) in enumerate(OTHER_ROLES, start=1)}
    people += [(login, name) for _, login, name in OTHER_ROLES]
    stamp = created_at.isoformat(sep=" ")
    hashed = hash_password(DEMO_PASSWORD)  # one salt for all: hashing each would cost seconds
    writer.insert(
        User,
        ("id", "login", "name", "active", "password_hash", "created_at", "version"),
        (
            (i, login, name, True, hashed, stamp, 1)
            for i, (login, name) in enumerate(people, start=1)
        ),
    )
    roles = [(user_id, CLERK) for user_id in clerk_ids]
    roles += [(user_id, role) for role, user_id in role_ids.items()]
    writer.insert(
        UserRole,
        ("id", "user", "role"),
        ((i, user_id, role) for i, (user_id, role) in enumerate(roles, start=1)),
    )
    return Staff(clerk_ids, role_ids)
