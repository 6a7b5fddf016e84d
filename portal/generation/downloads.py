"""Open data: every dataset as CSV (one column per language of each text) and
as JSON (the validated data, as is)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any


from portal.data.load import Portfolio

#: Characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: How an item is published is the editors' business, not part of the open data.
PUBLISHING_FIELDS = {"draft", "publish_date", "visibility"}


def datasets(portfolio: Portfolio) -> dict[str, list[dict[str, Any]]]:
    """Rows of every dataset, as plain JSON-ready dicts."""
    dump = lambda items: [item.model_dump(mode="json", exclude=PUBLISHING_FIELDS) for item in items]  # noqa: E731
    return {
        "zones": dump(portfolio.zones),
        "parks": dump(portfolio.parks),
        "projects": dump(portfolio.projects),
        "incentives": dump(portfolio.incentives),
        "plans": dump(portfolio.plans),
        "villages": dump(portfolio.villages),
        "products": dump(portfolio.products),
    }


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One row per item; nested fields become ``name_vi``, ``contact_phone``...
    Plans are one row per task, with the plan's fields repeated."""
    flat = [row for item in rows for row in _rows(item)]
    columns: list[str] = []
    for row in flat:
        columns += [key for key in row if key not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    if "tasks" in item:  # a plan
        plan = _flatten({k: v for k, v in item.items() if k != "tasks"})
        return [{**plan, **_flatten(task, "task_")} for task in item["tasks"]]
    return [_flatten(item)]


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}{key}_"))
        return flat
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return {prefix.rstrip("_"): "; ".join(str(v) for v in value)}
        return {prefix.rstrip("_"): json.dumps(value, ensure_ascii=False)}
    return {prefix.rstrip("_"): value}


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


