"""The registry entry type: one :class:`Endpoint` per spec, listed in ``ENDPOINTS``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module, resources
from typing import Any, Generic, Literal, TypeVar

from pydantic import ValidationError

from ideogram_clients._errors import InputErrorDetail, InvalidInputError
from ideogram_clients._file_policy import encode_checked
from ideogram_clients._input_errors import to_input_error
from ideogram_clients._models import InputModel, OutputModel
from ideogram_clients._protocols import FalProtocol, MagnificOperation, MagnificProtocol

__all__ = ["Endpoint", "FalProtocol", "MagnificOperation", "MagnificProtocol", "to_input_error"]

InputT = TypeVar("InputT", bound=InputModel)
OutputT = TypeVar("OutputT", bound=OutputModel)


@dataclass(frozen=True, eq=False)
class Endpoint(Generic[InputT, OutputT]):
    """One API endpoint: its models, its protocol facts and the spec it was generated from.

    The model classes (``ideogram_clients.models.<module>``) are imported on first use of
    :attr:`input_model` / :attr:`output_model`: building ten endpoints' pydantic models is most of
    what importing the package would otherwise cost.
    """

    id: str
    provider: Literal["fal", "magnific"]
    attr: str
    name: str
    input_class: str
    output_class: str
    protocol: FalProtocol | MagnificProtocol
    spec_file: str
    module: str
    summary: str = field(default="")

    @cached_property
    def input_model(self) -> type[InputT]:
        """The input model class (strict; ``to_payload()`` is the request body)."""
        model: type[InputT] = getattr(import_module(f"ideogram_clients.models.{self.module}"), self.input_class)
        return model

    @cached_property
    def output_model(self) -> type[OutputT]:
        """The output model class (lenient)."""
        model: type[OutputT] = getattr(import_module(f"ideogram_clients.models.{self.module}"), self.output_class)
        return model

    def validate(self, arguments: Mapping[str, object] | InputT) -> InputT:
        """The validated input model; raises :class:`InvalidInputError` naming every bad field."""
        if isinstance(arguments, self.input_model):
            return arguments
        if not isinstance(arguments, Mapping):
            detail = InputErrorDetail(
                (), arguments, "arguments must be a mapping of field names to values", "dict_type"
            )
            raise InvalidInputError(self.id, [detail])
        try:
            # a dict is validated as given (pydantic never changes its input); other mappings copied
            return self.input_model.model_validate(arguments if type(arguments) is dict else dict(arguments))
        except ValidationError as exc:
            raise to_input_error(self.id, exc) from None

    def build_payload(self, arguments: Mapping[str, object] | InputT) -> dict[str, Any]:
        """The exact JSON body for ``arguments``: validated, set fields only, files encoded."""
        return encode_checked(self.id, self.validate(arguments), InputModel.to_payload)

    def parse_output(self, data: object) -> OutputT:
        """The typed output; raises pydantic's ValidationError when ``data`` does not fit."""
        return self.output_model.model_validate(data)

    @cached_property
    def spec(self) -> dict[str, Any]:
        """The checked spec this endpoint was generated from, as shipped in ``ideogram_clients/specs``."""
        text = resources.files("ideogram_clients").joinpath("specs", f"{self.module}.json").read_text("utf-8")
        loaded: dict[str, Any] = json.loads(text)
        return loaded

    def json_schema(self, which: Literal["input", "output"] = "input") -> dict[str, Any]:
        """The exported JSON Schema of the input or output (``ideogram_clients/schemas``)."""
        text = resources.files("ideogram_clients").joinpath("schemas", f"{self.module}.{which}.json").read_text("utf-8")
        loaded: dict[str, Any] = json.loads(text)
        return loaded

    def __repr__(self) -> str:
        return f"Endpoint({self.id!r})"
