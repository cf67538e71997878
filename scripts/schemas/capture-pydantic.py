"""Writes the pydantic part of the schema corpus (test/fixtures/schemas/pydantic/): realistic tool
and response models as pydantic v2's `model_json_schema()` emits them (draft 2020-12 with `$defs`,
`$ref` beside `description`, `anyOf` with `null` for Optional, `prefixItems` for tuples,
`additionalProperties` for dicts, `const` for one-value Literals).

    python3 scripts/schemas/capture-pydantic.py
"""

import json
from datetime import date, datetime
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Literal, Optional, Union
from uuid import UUID

import pydantic
from pydantic import BaseModel, Field


class Color(str, Enum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"


class Level(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Address(BaseModel):
    street: str
    city: str
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")


class Person(BaseModel):
    """A person with a home address."""

    name: str = Field(description="Full name")
    age: Optional[int] = Field(default=None, ge=0, le=150)
    home: Address = Field(description="Where the person lives")
    work: Optional[Address] = None
    tags: set[str] = set()


class TreeNode(BaseModel):
    value: int
    children: list["TreeNode"] = []


class Cat(BaseModel):
    pet_type: Literal["cat"]
    meows: int


class Dog(BaseModel):
    pet_type: Literal["dog"]
    barks: float


class AdoptPet(BaseModel):
    pet: Annotated[Union[Cat, Dog], Field(discriminator="pet_type")]
    adopter: Person


class PlotPoints(BaseModel):
    points: list[tuple[float, float]] = Field(description="(x, y) pairs")
    color: Color = Color.BLUE
    title: Optional[str] = None


class SetPriority(BaseModel):
    task_id: UUID
    level: Level
    due: Optional[date] = None


class WeatherQuery(BaseModel):
    location: str
    unit: Literal["celsius", "fahrenheit"] = "celsius"
    days: int = Field(default=1, ge=1, le=14)


class Invoice(BaseModel):
    number: str
    issued_at: datetime
    amounts: dict[str, float] = Field(description="Amount per currency code")
    lines: list[tuple[str, int, float]]
    paid: bool = False


class Expression(BaseModel):
    op: Literal["+", "-", "*", "/"]
    left: Union[float, "Expression"]
    right: Union[float, "Expression"]


class SearchFilters(BaseModel):
    query: str
    min_price: Optional[float] = Field(default=None, gt=0)
    max_price: Optional[float] = Field(default=None, lt=100000)
    categories: list[Literal[1, 2, 3, 5, 8]] = []
    sort: Literal["relevance"] = "relevance"


class Sentiment(BaseModel):
    label: Literal["positive", "negative", "neutral"]
    score: float = Field(ge=0, le=1)
    evidence: list[str] = Field(max_length=5)


MODELS = [
    Person,
    TreeNode,
    AdoptPet,
    PlotPoints,
    SetPriority,
    WeatherQuery,
    Invoice,
    Expression,
    SearchFilters,
    Sentiment,
]

out = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "schemas" / "pydantic"
fixture = {
    "source": f"scripts/schemas/capture-pydantic.py: pydantic {pydantic.VERSION} BaseModel.model_json_schema()",
    "tools": [
        {"name": model.__name__, "source": f"pydantic {pydantic.VERSION} model_json_schema()", "schema": model.model_json_schema()}
        for model in MODELS
    ],
}
(out / "pydantic.json").write_text(json.dumps(fixture, indent=2) + "\n")
print(f"pydantic: {len(MODELS)} schemas")
