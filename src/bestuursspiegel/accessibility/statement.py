"""The accessibility statement (toegankelijkheidsverklaring), made from the project's data and from
what the browser tests found (`data/results.json`, which `tests/test_pages.py` keeps equal to its
outcome), so that it cannot claim more than was tested."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from bestuursspiegel.utils.language import dutch

DATA = Path(__file__).resolve().parent / "data"

COMPLIES, FAILS, NOT_APPLICABLE = "voldoet", "voldoet niet", "niet van toepassing"


@dataclass(frozen=True)
class Criterion:
    number: str
    level: str
    name: str
    status: str
    checks: list[str]
    tested: str  # "pass" or "fail" where the page matrix decided it, else ""
    note: str

    @property
    def complies(self) -> bool:
        return self.status != FAILS


@dataclass(frozen=True)
class Statement:
    checked_on: datetime.date
    pages: int
    widths: list[int]
    criteria: list[Criterion]
    limitations: list[dict]
    source: str

    @property
    def failing(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.complies]

    @property
    def fully_compliant(self) -> bool:
        return not self.failing


def load_statement(results: dict | None = None) -> Statement:
    """`results`: what the page matrix found (by default the stored results.json)."""
    data = yaml.safe_load((DATA / "criteria.yaml").read_text(encoding="utf-8"))
    if results is None:
        results = json.loads((DATA / "results.json").read_text(encoding="utf-8"))
    criteria = []
    for entry in data["criteria"]:
        tested = results["criteria"].get(entry["number"], "")
        # A criterion the tests found failing fails, whatever the project thinks of it.
        status = FAILS if tested == "fail" else entry["status"]
        criteria.append(
            Criterion(
                number=entry["number"],
                level=entry["level"],
                name=dutch(entry["name"]),
                status=status,
                checks=entry.get("checks", []),
                tested=tested,
                note=dutch(entry.get("note", "")),
            )
        )
    limitations = [{**item, "title": dutch(item["title"]), "text": dutch(item["text"])} for item in data["limitations"]]
    return Statement(
        checked_on=datetime.date.fromisoformat(results["checked_on"]),
        pages=results["pages"],
        widths=results["widths"],
        criteria=criteria,
        limitations=limitations,
        source=data["source"],
    )
