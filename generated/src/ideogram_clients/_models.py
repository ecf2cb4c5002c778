"""Base classes of the generated models.

Inputs are strict: unknown keys are refused, nothing is coerced (``"3"``, ``3.0`` and ``True`` are
not the integer 3; a number field takes ints), ``None`` is refused unless a field is nullable (where
it means "unset": not sent, not counted by the rules), and only the fields the caller set reach the
payload. Outputs are lenient: a provider adding a field
must not break a user's program, so unknown keys are kept and values are read as sent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

import httpx
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from ideogram_clients._errors import APIConnectionError, APITimeoutError
from ideogram_clients._outputs import decode_data_uri, make_folder, output_name, prepare_target, write_output
from ideogram_clients._responses import status_error
from ideogram_clients._rules import Rule

__all__ = [
    "DOCUMENTED", "HTTP_URL", "NOT_NULL", "InputModel", "OutputFile", "OutputModel", "OutputURL", "decode_data_uri",
]  # fmt: skip

#: The generated models' own config: the docstring under each field becomes its description (for
#: ``model_json_schema()`` and editors). Not set on the runtime's classes: pydantic reads a class's
#: source to find them, which cost ~50 ms of ``import ideogram_clients`` for seven classes.
DOCUMENTED = ConfigDict(use_attribute_docstrings=True)


def _refuse_none(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError(
            "none_not_allowed",
            "None is not a valid value here; leave the field out to use the provider's default",
        )
    return value


#: Marks an optional, non-nullable field: leaving it out is fine, passing ``None`` is an error.
NOT_NULL = BeforeValidator(_refuse_none)


class InputModel(BaseModel):
    """A request body. ``to_payload()`` is the exact JSON the provider receives."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        validate_by_name=True,
        validate_by_alias=True,
        regex_engine="python-re",
    )

    #: Cross-field rules from the spec, checked after every field is valid.
    __rules__: ClassVar[tuple[Rule, ...]] = ()

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_lone_surrogates(cls, value: Any) -> Any:
        """Text must be encodable as UTF-8 (the JSON body): a lone surrogate such as ``"\\ud800"`` is not."""
        if _has_lone_surrogate(value):
            raise PydanticCustomError(
                "unicode", "text holds a lone surrogate (U+D800..U+DFFF), which UTF-8 cannot encode"
            )
        return value

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        # A nullable field given None is unset (fal's OpenAPI: null means "use the default"), so it
        # is neither sent nor counted by the rules; non-nullable fields never hold None here.
        self.__pydantic_fields_set__.difference_update(
            [name for name in self.__pydantic_fields_set__ if getattr(self, name) is None]
        )
        for rule in self.__rules__:
            problem = rule.violation(self)
            if problem is not None:
                raise PydanticCustomError("rule", problem, {"fields": rule.fields})
        return self

    def to_payload(self) -> dict[str, Any]:
        """The JSON body: wire names, set fields only, files encoded for the provider."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self) -> bytes:
        """:meth:`to_payload` encoded by pydantic straight to UTF-8 JSON (the same values, one step)."""
        return self.__pydantic_serializer__.to_json(self, by_alias=True, exclude_unset=True)


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        if value.isascii():
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list | tuple):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class OutputModel(BaseModel):
    """A response body, parsed leniently and keeping fields the spec does not know yet."""

    model_config = ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True)

    def files(self) -> list[OutputFile]:
        """Every output file in this answer, in field order."""
        return [file for name in type(self).model_fields for file in _output_files(getattr(self, name))]

    def save_all(self, directory: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any) -> list[Path]:
        """Save every output file into ``directory`` (created if missing) under unique names."""
        folder = make_folder(directory)
        return [file.save(folder, overwrite=overwrite, **kwargs) for file in self.files()]

    async def asave_all(
        self, directory: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any
    ) -> list[Path]:
        """:meth:`save_all` with async downloads."""
        folder = make_folder(directory)
        return [await file.asave(folder, overwrite=overwrite, **kwargs) for file in self.files()]


def _check_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PydanticCustomError("url", "expected an absolute http(s) URL")
    return value


#: Marks a string field that must hold an absolute http(s) URL.
HTTP_URL = AfterValidator(_check_http_url)


class OutputFile(OutputModel):
    """A file in a response: a URL on the provider's CDN, or a data URI under ``sync_mode``.

    ``read()`` / ``save()`` fetch it without any API key (the CDN needs none, and a key must never
    travel to another host); data URIs are decoded locally.
    """

    url: str

    def read(self, *, http_client: httpx.Client | None = None, timeout: float = 60.0) -> bytes:
        """The file's bytes."""
        decoded = decode_data_uri(self.url)
        if decoded is not None:
            return decoded
        client = http_client or httpx.Client(timeout=timeout, follow_redirects=True)
        try:
            response = client.get(self.url)
        except httpx.HTTPError as exc:
            raise _download_failed(exc, self.url) from None
        finally:
            if http_client is None:
                client.close()
        if response.is_error:
            raise status_error(response)
        return response.content

    async def aread(self, *, http_client: httpx.AsyncClient | None = None, timeout: float = 60.0) -> bytes:
        """The file's bytes (async)."""
        decoded = decode_data_uri(self.url)
        if decoded is not None:
            return decoded
        client = http_client or httpx.AsyncClient(timeout=timeout, follow_redirects=True)
        try:
            response = await client.get(self.url)
        except httpx.HTTPError as exc:
            raise _download_failed(exc, self.url) from None
        finally:
            if http_client is None:
                await client.aclose()
        if response.is_error:
            raise status_error(response)
        return response.content

    @property
    def suggested_name(self) -> str:
        """A safe file name for this file: the provider's ``file_name``, the URL's last segment or ``output.EXT``."""
        return output_name(self.url, getattr(self, "file_name", None))

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any) -> Path:
        """Write the file and return the path written.

        ``path`` ending in a separator, or an existing directory, means "into this directory" under
        :attr:`suggested_name` (``name-1.ext`` … when taken); missing parents are created. An existing
        file is never replaced unless ``overwrite=True`` (:class:`OutputExistsError`).
        """
        target, new_name = prepare_target(path, self.suggested_name, overwrite=overwrite)
        return write_output(target, self.read(**kwargs), overwrite=overwrite, new_name=new_name)

    async def asave(self, path: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any) -> Path:
        """:meth:`save` with an async download."""
        target, new_name = prepare_target(path, self.suggested_name, overwrite=overwrite)
        return write_output(target, await self.aread(**kwargs), overwrite=overwrite, new_name=new_name)


class OutputURL(str):
    """An output file given as a bare URL string (Magnific's ``generated``): still a ``str``, and
    read and saved like fal's :class:`OutputFile` (``read``/``aread``/``save``/``asave``)."""

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(), serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @property
    def file(self) -> OutputFile:
        """The same file as an :class:`OutputFile`."""
        return OutputFile(url=str(self))

    @property
    def suggested_name(self) -> str:
        return self.file.suggested_name

    def read(self, **kwargs: Any) -> bytes:
        """The file's bytes (no API key travels with the download)."""
        return self.file.read(**kwargs)

    async def aread(self, **kwargs: Any) -> bytes:
        return await self.file.aread(**kwargs)

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any) -> Path:
        """As :meth:`OutputFile.save`: a folder (or a path ending in a separator) gets a unique name."""
        return self.file.save(path, overwrite=overwrite, **kwargs)

    async def asave(self, path: str | os.PathLike[str], *, overwrite: bool = False, **kwargs: Any) -> Path:
        return await self.file.asave(path, overwrite=overwrite, **kwargs)


def _download_failed(exc: httpx.HTTPError, url: str) -> APIConnectionError:
    """An httpx failure while fetching an output file, as the package's own error."""
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:  # an error raised before any request was made
        request = None
    kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    host = urlsplit(url).hostname or "the file's host"
    return kind(f"downloading an output file from {host} failed: {type(exc).__name__}: {exc}", request=request)


def _output_files(value: object) -> Iterator[OutputFile]:
    if isinstance(value, OutputFile):
        yield value
    elif isinstance(value, OutputURL):
        yield value.file
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _output_files(item)
