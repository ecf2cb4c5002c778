# Generated from 'specs/' by `python -m generator generate`. Do not edit.
"""Typed, validating clients for the Ideogram image APIs on fal.ai and Magnific.

Generated from curated specs: every documented field, range, enum and cross-field rule is checked
before a request is sent. See ``ENDPOINTS`` for what is covered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ideogram_clients._clients import AsyncFalClient, AsyncMagnificClient, FalClient, MagnificClient
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    IdeogramClientsError,
    InputErrorDetail,
    InternalServerError,
    InvalidAPIKeyError,
    InvalidInputError,
    InvalidOutputError,
    JobFailedError,
    MissingAPIKeyError,
    NotFoundError,
    OutputExistsError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    UploadError,
    WaitTimeoutError,
)
from ideogram_clients._fal import AsyncQueueHandle, FalOptions, QueueHandle
from ideogram_clients._fal_status import CancelStatus, Completed, InProgress, LogEntry, Queued
from ideogram_clients._files import IgnoredItemsWarning, ImageInput
from ideogram_clients._omit import Omit, omit
from ideogram_clients._version import __version__

if TYPE_CHECKING:  # the model classes load on first use (see ``ideogram_clients.models``)
    from ideogram_clients.models import (
        ColorPalette,
        ColorPaletteMember,
        File,
        IdeogramCharacterEditInput,
        IdeogramCharacterEditOutput,
        IdeogramCharacterInput,
        IdeogramCharacterOutput,
        IdeogramCharacterRemixInput,
        IdeogramCharacterRemixOutput,
        IdeogramV2EditInput,
        IdeogramV2EditOutput,
        IdeogramV3EditInput,
        IdeogramV3EditOutput,
        IdeogramV3Input,
        IdeogramV3Output,
        IdeogramV3ReframeInput,
        IdeogramV3ReframeOutput,
        IdeogramV3RemixInput,
        IdeogramV3RemixOutput,
        IdeogramV3ReplaceBackgroundInput,
        IdeogramV3ReplaceBackgroundOutput,
        ImageSize,
        MagnificColorPalette,
        MagnificColorPaletteMember,
        MagnificIdeogramImageEditInput,
        MagnificIdeogramImageEditOutput,
        RGBColor,
    )

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFalClient",
    "AsyncMagnificClient",
    "AsyncQueueHandle",
    "AuthenticationError",
    "BadRequestError",
    "CancelStatus",
    "ColorPalette",
    "ColorPaletteMember",
    "Completed",
    "ConflictError",
    "ENDPOINTS",
    "Endpoint",
    "FalClient",
    "FalOptions",
    "File",
    "IdeogramCharacterEditInput",
    "IdeogramCharacterEditOutput",
    "IdeogramCharacterInput",
    "IdeogramCharacterOutput",
    "IdeogramCharacterRemixInput",
    "IdeogramCharacterRemixOutput",
    "IdeogramClientsError",
    "IdeogramV2EditInput",
    "IdeogramV2EditOutput",
    "IdeogramV3EditInput",
    "IdeogramV3EditOutput",
    "IdeogramV3Input",
    "IdeogramV3Output",
    "IdeogramV3ReframeInput",
    "IdeogramV3ReframeOutput",
    "IdeogramV3RemixInput",
    "IdeogramV3RemixOutput",
    "IdeogramV3ReplaceBackgroundInput",
    "IdeogramV3ReplaceBackgroundOutput",
    "IgnoredItemsWarning",
    "ImageInput",
    "ImageSize",
    "InProgress",
    "InputErrorDetail",
    "InternalServerError",
    "InvalidAPIKeyError",
    "InvalidInputError",
    "InvalidOutputError",
    "JobFailedError",
    "LogEntry",
    "MagnificClient",
    "MagnificColorPalette",
    "MagnificColorPaletteMember",
    "MagnificIdeogramImageEditInput",
    "MagnificIdeogramImageEditOutput",
    "MissingAPIKeyError",
    "NotFoundError",
    "Omit",
    "OutputExistsError",
    "PermissionDeniedError",
    "QueueHandle",
    "Queued",
    "RGBColor",
    "RateLimitError",
    "UnprocessableEntityError",
    "UploadError",
    "WaitTimeoutError",
    "__version__",
    "omit",
]

_MODELS = frozenset({
    'ColorPalette',
    'ColorPaletteMember',
    'File',
    'IdeogramCharacterEditInput',
    'IdeogramCharacterEditOutput',
    'IdeogramCharacterInput',
    'IdeogramCharacterOutput',
    'IdeogramCharacterRemixInput',
    'IdeogramCharacterRemixOutput',
    'IdeogramV2EditInput',
    'IdeogramV2EditOutput',
    'IdeogramV3EditInput',
    'IdeogramV3EditOutput',
    'IdeogramV3Input',
    'IdeogramV3Output',
    'IdeogramV3ReframeInput',
    'IdeogramV3ReframeOutput',
    'IdeogramV3RemixInput',
    'IdeogramV3RemixOutput',
    'IdeogramV3ReplaceBackgroundInput',
    'IdeogramV3ReplaceBackgroundOutput',
    'ImageSize',
    'MagnificColorPalette',
    'MagnificColorPaletteMember',
    'MagnificIdeogramImageEditInput',
    'MagnificIdeogramImageEditOutput',
    'RGBColor',
})  # fmt: skip


if not TYPE_CHECKING:  # type checkers see the names imported above, and flag a typo

    def __getattr__(name: str) -> object:
        if name not in _MODELS:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from ideogram_clients import models

        value = getattr(models, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
