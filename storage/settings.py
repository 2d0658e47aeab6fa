"""A partnership's settings in SQL: one value per workspace and key."""

from __future__ import annotations

from storage.sql_part import SqlPart
from storage.tables import SettingRow


class SettingSql(SqlPart):
    """Workspace settings."""

    def get_setting(self, workspace: str, key: str) -> str | None:
        row = self.session.get(SettingRow, (workspace, key))
        return row.value if row else None

    def set_setting(self, workspace: str, key: str, value: str) -> None:
        table = SettingRow.__table__  # type: ignore[attr-defined]
        insert = self._insert(table).values(workspace=workspace, key=key, value=value)
        insert = insert.on_conflict_do_update(
            index_elements=["workspace", "key"], set_={"value": value}
        )
        self.session.execute(insert)
