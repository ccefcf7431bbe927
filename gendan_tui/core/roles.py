"""The roles of the department (DOMAIN: who uses it) and what each may do.

Permissions are checked in the services, so a refused action is refused whichever front
end asks. A person may hold several roles and gets the union of their permissions.
"""

from __future__ import annotations

from enum import StrEnum

from gendan_tui.core.context import Actor
from gendan_tui.errors import Key, UserError


class Role(StrEnum):
    CLERK = "clerk"
    FOLLOW_UP_SUPERVISOR = "follow_up_supervisor"
    CONTRACT_SUPERVISOR = "contract_supervisor"
    TECHNICIAN = "technician"
    CS_MANAGER = "cs_manager"
    DEPARTMENT_MANAGER = "department_manager"
    PRODUCTION_MANAGER = "production_manager"
    SALES_MANAGER = "sales_manager"
    SALES_REP = "sales_rep"
    CONTRACT_ADMIN = "contract_admin"


class Permission(StrEnum):
    WORK_CALLBACKS = "work_callbacks"
    SEE_ALL_WORK = "see_all_work"
    REASSIGN = "reassign"
    TAKE_COMPLAINTS = "take_complaints"
    HANDLE_COMPLAINTS = "handle_complaints"
    CHECK_CONTRACTS = "check_contracts"
    WORK_TECH_TASKS = "work_tech_tasks"
    EXPORT_REPORTS = "export_reports"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    """Department-wide settings: the working-day calendar and the callback policy."""
    EDIT_CUSTOMERS = "edit_customers"


MANAGERS = (
    Role.CS_MANAGER,
    Role.DEPARTMENT_MANAGER,
    Role.PRODUCTION_MANAGER,
    Role.SALES_MANAGER,
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {
            Permission.WORK_CALLBACKS,
            Permission.TAKE_COMPLAINTS,
            Permission.HANDLE_COMPLAINTS,
            Permission.EXPORT_REPORTS,
            Permission.EDIT_CUSTOMERS,
        }
    ),
    Role.FOLLOW_UP_SUPERVISOR: frozenset(
        {
            Permission.WORK_CALLBACKS,
            Permission.SEE_ALL_WORK,
            Permission.REASSIGN,
            Permission.TAKE_COMPLAINTS,
            Permission.HANDLE_COMPLAINTS,
            Permission.EXPORT_REPORTS,
            Permission.MANAGE_USERS,
            Permission.MANAGE_SETTINGS,
            Permission.EDIT_CUSTOMERS,
        }
    ),
    Role.CONTRACT_SUPERVISOR: frozenset({Permission.CHECK_CONTRACTS, Permission.TAKE_COMPLAINTS}),
    Role.TECHNICIAN: frozenset({Permission.WORK_TECH_TASKS, Permission.HANDLE_COMPLAINTS}),
    Role.SALES_REP: frozenset({Permission.HANDLE_COMPLAINTS}),
    Role.CONTRACT_ADMIN: frozenset({Permission.HANDLE_COMPLAINTS}),
    **{
        manager: frozenset(
            {Permission.SEE_ALL_WORK, Permission.EXPORT_REPORTS, Permission.HANDLE_COMPLAINTS}
        )
        for manager in MANAGERS
    },
}
ROLE_PERMISSIONS[Role.DEPARTMENT_MANAGER] |= {Permission.MANAGE_USERS, Permission.MANAGE_SETTINGS}


class PermissionDenied(UserError):
    """The acting person's roles do not allow the action."""


def permissions_of(actor: Actor) -> frozenset[Permission]:
    """Everything ``actor`` may do through all their roles."""
    granted: set[Permission] = set()
    for code in actor.roles:
        if code in Role.__members__.values():
            granted |= ROLE_PERMISSIONS[Role(code)]
    return frozenset(granted)


def can(actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` holds ``permission``."""
    return permission in permissions_of(actor)


def require(actor: Actor, permission: Permission) -> None:
    """Refuse with a clear message unless ``actor`` holds ``permission``."""
    if not can(actor, permission):
        raise PermissionDenied(
            "auth.permission_denied", action=Key(f"permission.{permission.value}"), name=actor.name
        )


def require_own_or_all(actor: Actor, owner_id: int | None, permission: Permission) -> None:
    """Allow work on one's own records with ``permission``; others' need SEE_ALL_WORK too."""
    require(actor, permission)
    if owner_id is not None and owner_id != actor.id and not can(actor, Permission.SEE_ALL_WORK):
        raise PermissionDenied(
            "auth.not_your_record", action=Key(f"permission.{permission.value}"), name=actor.name
        )
