"""The complaint vocabulary a department may change (``data/complaints.toml``): the
categories offered at intake, the roles a complaint is forwarded to, and the department
responsible for each role."""

from __future__ import annotations

from dataclasses import dataclass

from gendan_tui.core.roles import Role
from gendan_tui.definitions.fields import Names, Table
from gendan_tui.definitions.source import Document

CUSTOMER_SERVICE = "customer_service"
DEPARTMENTS = (CUSTOMER_SERVICE, "technical", "production", "sales", "management")
ROLE_CODES = tuple(role.value for role in Role)


@dataclass(frozen=True)
class ComplaintVocabulary:
    """Categories (code → name, in intake order), forwarding roles (in picker order) and
    the responsible department of each role."""

    categories: dict[str, Names]
    forward_roles: tuple[str, ...]
    departments: dict[str, str]

    @property
    def category_codes(self) -> tuple[str, ...]:
        """The categories offered at intake unless the department changed the list."""
        return tuple(self.categories)

    def department_of(self, role: str | None) -> str:
        """The department responsible for complaints forwarded to ``role``."""
        return self.departments.get(role or "", CUSTOMER_SERVICE)

    @property
    def all_departments(self) -> tuple[str, ...]:
        """Every department a report counts, customer service first."""
        return tuple(dict.fromkeys([*DEPARTMENTS, *self.departments.values()]))

    def role_for(self, roles: frozenset[str]) -> str | None:
        """The role a complaint forwarded to someone holding ``roles`` is filed under: the
        first forwarding role they hold, else any other role of theirs (in role order)."""
        order = [
            *self.forward_roles,
            *(code for code in ROLE_CODES if code not in self.forward_roles),
        ]
        return next((role for role in order if role in roles), None)

    def merged(self, other: ComplaintVocabulary) -> ComplaintVocabulary:
        """This vocabulary with ``other`` (a department's file) laid over it: categories
        of the same code renamed, new ones added at the end; forwarding roles replaced
        when given; departments overridden role by role."""
        return ComplaintVocabulary(
            categories={**self.categories, **other.categories},
            forward_roles=other.forward_roles or self.forward_roles,
            departments={**self.departments, **other.departments},
        )


def parse_vocabulary(doc: Document) -> ComplaintVocabulary:
    """The vocabulary in ``doc``; anything wrong raises ``Invalid`` with its line."""
    top = Table(doc, (), doc.data)
    categories: dict[str, Names] = {}
    for entry in top.tables("categories"):
        code = entry.code("code")
        if code in categories:
            raise entry.invalid("code", "definitions.duplicate", value=code)
        categories[code] = entry.names()
    forwarding = top.table("forwarding") if top.has("forwarding") else None
    roles = forwarding.codes("roles", ROLE_CODES) if forwarding else ()
    departments: dict[str, str] = {}
    if top.has("departments"):
        table = top.table("departments")
        for role in table.data:
            if role not in ROLE_CODES:
                raise table.invalid(
                    role, "definitions.unknown_value", value=role, allowed=", ".join(ROLE_CODES)
                )
            departments[role] = table.choice(role, DEPARTMENTS)
    return ComplaintVocabulary(categories, roles, departments)
