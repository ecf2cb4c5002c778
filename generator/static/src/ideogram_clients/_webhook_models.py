"""The typed webhook deliveries: :class:`FalWebhook` and :class:`MagnificWebhook`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import (
    JobFailedError,
)
from ideogram_clients._models import OutputModel, OutputURL
from ideogram_clients.models import MagnificIdeogramImageEditOutput

if TYPE_CHECKING:
    pass


class FalWebhook(OutputModel):
    """A fal delivery: the queue request's outcome. ``payload`` is the endpoint's output when ``OK``."""

    request_id: str
    "The queue request this delivery is about."

    gateway_request_id: str | None = None
    "fal's gateway request id, when fal sends one."

    status: Literal["OK", "ERROR"]
    "``OK``: the job succeeded and ``payload`` is its output; ``ERROR``: it failed (see ``error``)."

    payload: dict[str, Any] | None = None
    "The endpoint's output (``OK``) or the error details (``ERROR``); None when it could not be sent."

    error: str | None = None
    "Why the job failed, when ``status`` is ``ERROR``."

    payload_error: str | None = None
    "Why ``payload`` is missing (for example too large): fetch the result from the queue instead."

    _output: OutputModel | None = PrivateAttr(default=None)

    @property
    def output(self) -> OutputModel | None:
        """The typed output parsed by ``verify_fal(..., endpoint=...)``; None without ``endpoint`` or payload."""
        return self._output

    def output_for(self, endpoint_id: str) -> OutputModel:
        """``payload`` parsed as ``endpoint_id``'s output model.

        Raises :class:`JobFailedError` for an ``ERROR`` delivery, ``ValueError`` when there is no payload
        (see ``payload_error``) and pydantic's ``ValidationError`` when it does not fit the model.
        """
        endpoint = _fal_endpoint(endpoint_id)
        if self.status != "OK":
            message = f"fal request {self.request_id} failed: {self.error or 'no error message'}"
            raise JobFailedError(message, request_id=self.request_id, body=self.payload)
        if self.payload is None:
            why = self.payload_error or "no payload"
            raise ValueError(f"the delivery for {self.request_id} carries no payload ({why}); fetch the result")
        output: OutputModel = endpoint.parse_output(self.payload)
        return output


class MagnificWebhook(MagnificIdeogramImageEditOutput):
    """A Magnific delivery: the task as its GET endpoint returns it, without the ``data`` wrapper.

    Sent on every status change; ``generated`` (the image URLs) is filled once ``COMPLETED`` and may be
    absent before.
    """

    generated: list[OutputURL] = Field(default_factory=list)
    "URLs of the generated images; empty until the task is COMPLETED."


def _fal_endpoint(endpoint_id: str) -> Endpoint[Any, Any]:
    endpoint = ENDPOINTS.get(endpoint_id)
    if endpoint is None or endpoint.provider != "fal":
        known = ", ".join(sorted(key for key, value in ENDPOINTS.items() if value.provider == "fal"))
        raise ValueError(f"endpoint: {endpoint_id!r} is not a fal endpoint of ENDPOINTS ({known})")
    return endpoint
