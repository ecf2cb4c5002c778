"""Generated models: the pages' examples validate; each kind of constraint refuses bad input."""

from __future__ import annotations

import base64
import io
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ideogram_clients import ENDPOINTS, IgnoredItemsWarning, InvalidInputError
from tests.pages import examples

INPUT_EXAMPLES = examples("input")
OUTPUT_EXAMPLES = examples("output")


def png(width: int = 8, height: int = 8, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buffer, fmt)
    return buffer.getvalue()


def test_registry_has_exactly_the_ten_endpoints() -> None:
    assert sorted(ENDPOINTS) == [
        "fal-ai/ideogram/character",
        "fal-ai/ideogram/character/edit",
        "fal-ai/ideogram/character/remix",
        "fal-ai/ideogram/v2/edit",
        "fal-ai/ideogram/v3",
        "fal-ai/ideogram/v3/edit",
        "fal-ai/ideogram/v3/reframe",
        "fal-ai/ideogram/v3/remix",
        "fal-ai/ideogram/v3/replace-background",
        "magnific/ideogram-image-edit",
    ]


def test_pages_have_examples() -> None:
    assert len(INPUT_EXAMPLES) >= 4
    assert len(OUTPUT_EXAMPLES) >= 5


@pytest.mark.parametrize(("page", "endpoint", "example"), INPUT_EXAMPLES, ids=lambda v: v if isinstance(v, str) else "")
def test_page_input_examples_validate_and_round_trip(page: str, endpoint: str, example: dict[str, Any]) -> None:
    assert ENDPOINTS[endpoint].build_payload(example) == example


@pytest.mark.parametrize(
    ("page", "endpoint", "example"), OUTPUT_EXAMPLES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_page_output_examples_parse(page: str, endpoint: str, example: dict[str, Any]) -> None:
    output = ENDPOINTS[endpoint].parse_output(example)
    assert output.model_dump(exclude_unset=True) == example


V3 = "fal-ai/ideogram/v3"
REMIX = "fal-ai/ideogram/v3/remix"
EDIT = "fal-ai/ideogram/v3/edit"
V2 = "fal-ai/ideogram/v2/edit"
CHAR = "fal-ai/ideogram/character"
MAG = "magnific/ideogram-image-edit"
URL = "https://example.com/a.png"
BASE: dict[str, dict[str, Any]] = {
    V3: {"prompt": "p"},
    REMIX: {"prompt": "p", "image_url": URL},
    EDIT: {"prompt": "p", "image_url": URL, "mask_url": URL},
    V2: {"prompt": "p", "image_url": URL, "mask_url": URL},
    CHAR: {"prompt": "p", "reference_image_urls": [URL]},
    MAG: {"prompt": "p", "image": URL, "mask": URL},
}

INVALID = [
    ("range-low", V3, {"num_images": 0}, "num_images", "greater than or equal to 1"),
    ("range-high", V3, {"num_images": 9}, "num_images", "less than or equal to 8"),
    ("float-low", REMIX, {"strength": 0.0099}, "strength", "greater than or equal to 0.01"),
    ("float-high", REMIX, {"strength": 1.0000001}, "strength", "less than or equal to 1"),
    ("seed-high", V3, {"seed": 2147483648}, "seed", "less than or equal to 2147483647"),
    ("seed-magnific", MAG, {"seed": 214748364712345}, "seed", "less than or equal to 2147483647"),
    ("str-not-int", V3, {"num_images": "3"}, "num_images", "valid integer"),
    ("float-not-int", V3, {"num_images": 3.0}, "num_images", "valid integer"),
    ("bool-not-int", V3, {"num_images": True}, "num_images", "valid integer"),
    ("str-not-float", REMIX, {"strength": "0.5"}, "strength", "valid number"),
    ("bool-not-bool", V3, {"expand_prompt": 1}, "expand_prompt", "valid boolean"),
    ("enum-case", V3, {"style": "auto"}, "style", "'AUTO', 'GENERAL', 'REALISTIC' or 'DESIGN'"),
    ("v2-enum-case", V2, {"style": "AUTO"}, "style", "'auto'"),
    ("char-style", CHAR, {"style": "GENERAL"}, "style", "'AUTO', 'REALISTIC' or 'FICTION'"),
    ("pattern", V3, {"style_codes": ["12345678", "xyz"]}, "style_codes.1", "match pattern"),
    ("extra-key", V3, {"num_imgs": 2}, "num_imgs", "Extra inputs are not permitted"),
    ("none", MAG, {"seed": None}, "seed", "None is not a valid value"),  # Magnific marks nothing nullable
    ("none-with-default", V3, {"num_images": None}, "num_images", "valid integer"),
    ("missing-required", V3, {"prompt": None}, "prompt", "Field required"),
    ("tuple-not-list", V3, {"style_codes": ("12345678",)}, "style_codes", "valid list"),
    ("rgb-range", V3, {"color_palette": {"members": [{"rgb": {"r": 0, "g": 0, "b": 256}}]}},
     "color_palette.members.0.rgb.b", "less than or equal to 255"),
    ("weight-range", V3, {"color_palette": {"members": [{"rgb": {"r": 0, "g": 0, "b": 0}, "color_weight": 0.04}]}},
     "color_palette.members.0.color_weight", "greater than or equal to 0.05"),
    ("palette-both", V3, {"color_palette": {"name": "EMBER", "members": [{"rgb": {"r": 0, "g": 0, "b": 0}}]}},
     "color_palette", "give exactly one of name or members, both were given"),
    ("palette-neither", V3, {"color_palette": {}}, "color_palette", "none was given"),
    ("hex-pattern", MAG, {"color_palette": {"members": [{"color_hex": "red"}]}},
     "color_palette.members.0.color_hex", "match pattern"),
    ("codes-with-style", V3, {"style_codes": ["12345678"], "style": "AUTO"}, "style_codes", "cannot be used together"),
    ("codes-with-refs", V3, {"style_codes": ["12345678"], "image_urls": [URL]}, "style_codes", "cannot be used together"),
    ("requires", MAG, {"character_reference_images": [URL]}, "character_reference_images", "style_type is required when"),
    ("https-only", MAG, {"image": "http://example.com/a.png"}, "image", "use https"),
    ("not-a-url", V3, {"image_urls": ["example.com/a.png"]}, "image_urls.0", "expected an http(s) URL"),
    ("image-size-type", V3, {"image_size": {"width": "1280", "height": 720}}, "image_size", "valid integer"),
    ("image-size-enum", V3, {"image_size": "square_xl"}, "image_size", "square_hd"),
    ("webhook-uri", MAG, {"webhook_url": "not a url"}, "webhook_url", "absolute http(s) URL"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "endpoint", "patch", "field", "message"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_inputs_are_refused_naming_field_value_and_rule(
    case: str, endpoint: str, patch: dict[str, Any], field: str, message: str
) -> None:
    arguments = {**BASE[endpoint], **patch}
    arguments = {key: value for key, value in arguments.items() if not (key == "prompt" and value is None)}
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS[endpoint].build_payload(arguments)
    error = caught.value
    assert isinstance(error, ValueError)
    fields = [detail.field for detail in error.errors]
    assert any(name.startswith(field) for name in fields), fields
    assert message in str(error)
    assert field.split(".", maxsplit=1)[0] in str(error)


def test_float_field_takes_int_and_unset_fields_are_omitted() -> None:
    payload = ENDPOINTS[REMIX].build_payload({"prompt": "p", "image_url": URL, "strength": 1})
    assert payload == {"prompt": "p", "image_url": URL, "strength": 1}
    assert "num_images" not in payload and "seed" not in payload


def test_both_bounds_are_inclusive() -> None:
    for num_images, strength, seed in ((1, 0.01, 0), (8, 1, 2147483647)):
        payload = ENDPOINTS[REMIX].build_payload(
            {"prompt": "p", "image_url": URL, "num_images": num_images, "strength": strength, "seed": seed}
        )
        assert (payload["num_images"], payload["strength"], payload["seed"]) == (num_images, strength, seed)


def test_every_error_is_reported_at_once() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS[V3].build_payload({"num_images": 0, "seed": -1, "style": "x"})
    assert sorted(detail.field for detail in caught.value.errors) == ["num_images", "prompt", "seed", "style"]


def test_local_files_are_encoded_per_provider(tmp_path: Path) -> None:
    image = png(16, 8)
    path = tmp_path / "mask.png"
    path.write_bytes(png(16, 8))
    fal = ENDPOINTS[EDIT].build_payload({"prompt": "p", "image_url": image, "mask_url": path})
    assert fal["image_url"] == "data:image/png;base64," + base64.b64encode(image).decode()
    assert fal["mask_url"].startswith("data:image/png;base64,")
    mag = ENDPOINTS[MAG].build_payload({"prompt": "p", "image": image, "mask": fal["image_url"]})
    assert mag["image"] == base64.b64encode(image).decode()
    assert mag["mask"] == base64.b64encode(image).decode()


def test_mismatched_local_dimensions_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="image_url is 16x8, mask_url is 8x8"):
        ENDPOINTS[EDIT].build_payload({"prompt": "p", "image_url": png(16, 8), "mask_url": png(8, 8)})


def test_gif_is_refused_and_jpeg_webp_accepted() -> None:
    with pytest.raises(InvalidInputError, match="image format GIF is not accepted"):
        ENDPOINTS[MAG].build_payload({"prompt": "p", "image": png(fmt="GIF"), "mask": URL})
    for fmt in ("JPEG", "WEBP"):
        ENDPOINTS[MAG].build_payload({"prompt": "p", "image": png(fmt=fmt), "mask": URL})


def test_byte_caps_are_exact() -> None:
    limit = 10 * 1024 * 1024
    exact = png() + b"\0" * (limit - len(png()))
    ENDPOINTS[MAG].build_payload({"prompt": "p", "image": exact, "mask": URL})
    with pytest.raises(InvalidInputError, match="over the 10 MB limit"):
        ENDPOINTS[MAG].build_payload({"prompt": "p", "image": exact + b"\0", "mask": URL})
    half = png() + b"\0" * (limit // 2 - len(png()))
    ENDPOINTS[V3].build_payload({"prompt": "p", "image_urls": [half, half]})
    with pytest.raises(InvalidInputError, match="across the list"):
        ENDPOINTS[V3].build_payload({"prompt": "p", "image_urls": [half, half + b"\0"]})


def test_only_first_reference_is_used_warns() -> None:
    with pytest.warns(IgnoredItemsWarning, match="only the first 1"):
        ENDPOINTS[CHAR].build_payload({"prompt": "p", "reference_image_urls": [URL, URL]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ENDPOINTS[CHAR].build_payload({"prompt": "p", "reference_image_urls": [URL]})


@pytest.mark.parametrize(
    ("endpoint_id", "field", "value"),
    [
        ("fal-ai/ideogram/v2/edit", "image_url", "photo.png"),
        ("fal-ai/ideogram/v2/edit", "mask_url", "./masks/m"),
        ("magnific/ideogram-image-edit", "image", "~/Pictures/photo.JPG"),
        ("fal-ai/ideogram/character", "reference_image_urls", "refs/face.webp"),
    ],
)
def test_a_string_that_looks_like_a_local_file_gets_the_path_hint(endpoint_id: str, field: str, value: str) -> None:
    endpoint = ENDPOINTS[endpoint_id]
    arguments: dict[str, Any] = {"prompt": "a hat", "image_url": "https://e.x/a.png", "mask_url": "https://e.x/m.png"}
    if endpoint_id.startswith("magnific"):
        arguments = {"prompt": "a hat", "image": "https://e.x/a.png", "mask": "https://e.x/m.png"}
    if field == "reference_image_urls":
        arguments = {"prompt": "a hat", field: [value]}
    else:
        arguments[field] = value
    with pytest.raises(InvalidInputError) as caught:
        endpoint.build_payload(arguments)
    message = str(caught.value)
    assert f"looks like a local file: pass Path({value!r}) (CLI: --file {field}={value})" in message
    assert "not a URL" not in message and "not valid base64" not in message


@pytest.mark.parametrize("scheme", ["Https", "HTTPS", "hTTp"])
def test_url_schemes_are_case_insensitive(scheme: str) -> None:
    url = f"{scheme}://example.com/a.png"
    assert ENDPOINTS["fal-ai/ideogram/v3"].build_payload({"prompt": "a", "image_urls": [url]})["image_urls"] == [url]


@pytest.mark.parametrize(
    ("endpoint_id", "field"), [("magnific/ideogram-image-edit", "image"), ("fal-ai/ideogram/v2/edit", "image_url")]
)
@pytest.mark.parametrize("value", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/a.png"])
def test_other_url_schemes_are_named_not_called_bad_base64(endpoint_id: str, field: str, value: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS[endpoint_id].build_payload({"prompt": "a", field: value})
    message = str(caught.value)
    scheme = value.partition(":")[0]
    assert f"(URL scheme {scheme!r} is not accepted) (got" in message
    assert "not valid base64" not in message


@pytest.mark.parametrize(
    ("endpoint_id", "arguments"),
    [
        ("fal-ai/ideogram/v3", {"prompt": "a", "style_codes": ["0123abcd\n"]}),
        ("magnific/ideogram-image-edit", {"prompt": "a", "color_palette": {"members": [{"color_hex": "#abc\n"}]}}),
    ],
)
def test_a_trailing_newline_does_not_pass_an_anchored_pattern(endpoint_id: str, arguments: dict[str, Any]) -> None:
    if endpoint_id.startswith("magnific"):
        arguments = {**arguments, "image": "https://e.x/a.png", "mask": "https://e.x/m.png"}
    with pytest.raises(InvalidInputError, match="should match pattern"):
        ENDPOINTS[endpoint_id].build_payload(arguments)


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "photo.png"
    os.mkfifo(pipe)  # opening it for reading would block until a writer comes: the old hang
    with pytest.raises(InvalidInputError, match="image_url: not a regular file"):
        ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload({"prompt": "x", "image_url": pipe, "mask_url": pipe})


@pytest.mark.parametrize("declared", ["text/plain", "image/gif", "", "image/jpeg"])
def test_a_data_uri_must_declare_the_type_its_bytes_are(declared: str) -> None:
    uri = f"data:{declared};base64,{base64.b64encode(png()).decode()}"
    with pytest.raises(InvalidInputError, match=r"image_url: data: URI declares .* but holds PNG data"):
        ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload({"prompt": "x", "image_url": uri, "mask_url": png()})
    good = f"data:image/png;base64,{base64.b64encode(png()).decode()}"
    assert ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload({"prompt": "x", "image_url": good, "mask_url": png()})


def _bad_ihdr_crc(data: bytes) -> bytes:
    return data[:29] + bytes([data[29] ^ 0xFF]) + data[30:]  # IHDR's CRC sits at bytes 29..32


@pytest.mark.parametrize(
    "image",
    [b"\xff\xd8\xff", png()[:20], b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8 ", _bad_ihdr_crc(png(64, 64))],
    ids=["3-byte jpeg", "truncated png", "bare signature", "header-only webp", "bad IHDR CRC"],
)
def test_an_image_whose_size_cannot_be_read_is_refused(image: bytes) -> None:
    with pytest.raises(InvalidInputError, match=r"image_url: cannot read the image's dimensions"):
        ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload({"prompt": "x", "image_url": image, "mask_url": png()})


@pytest.mark.parametrize(
    "value", [bytearray(b"x"), memoryview(b"x"), 5, ["a"], {"a": 1}], ids=lambda value: type(value).__name__
)
def test_a_value_of_no_accepted_image_type_gets_one_plain_line(value: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload(
            {"prompt": "x", "image_url": value, "mask_url": "https://e.x/m.png"}
        )
    [error] = caught.value.errors
    assert error.loc == ("image_url",)
    assert error.message == "expected a string, bytes or a pathlib.Path"
    assert not any(mark in str(caught.value) for mark in ("lax-or-strict", "function-after", "is-instance", ".str:"))


def test_a_union_of_presets_and_an_object_is_described_in_words() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS["fal-ai/ideogram/v3"].build_payload({"prompt": "x", "image_size": "huge"})
    [error] = caught.value.errors
    assert error.loc == ("image_size",)
    assert error.message.startswith("expected one of 'square_hd', 'square'")
    assert error.message.endswith("or an ImageSize object")


def test_an_empty_style_codes_list_is_refused_as_empty_not_as_combined() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS["fal-ai/ideogram/v3"].build_payload({"prompt": "x", "style_codes": [], "style": "AUTO"})
    [error] = caught.value.errors
    assert error.loc == ("style_codes",) and "at least 1 item" in error.message


@pytest.mark.parametrize(
    ("make", "fmt"),
    [
        (lambda: Image.new("RGB", (8, 8), (9, 9, 9)), "png"),  # made in memory: no format, saved losslessly as PNG
        (lambda: Image.open(io.BytesIO(png(8, 8, "JPEG"))), "jpeg"),  # opened from a file: keeps its format
        (lambda: Image.open(io.BytesIO(png(8, 8, "GIF"))), "png"),  # a format the providers refuse: PNG
    ],
)
def test_a_pillow_image_is_accepted_and_encoded_as_an_image_file(make: Any, fmt: str) -> None:
    payload = ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload(
        {"prompt": "x", "image_url": make(), "mask_url": png()}
    )
    assert payload["image_url"].startswith(f"data:image/{fmt};base64,")
    decoded = Image.open(io.BytesIO(base64.b64decode(payload["image_url"].split(",", 1)[1])))
    assert decoded.size == (8, 8)


def test_same_dimensions_sees_a_size_that_lies_past_the_header_bytes_of_a_data_uri() -> None:
    # a JPEG whose size marker follows 64 KiB of APP1 data: validation reads it from the whole payload,
    # and the rule must see that same size rather than skip the check
    jpeg = png(16, 16, "JPEG")
    app1 = b"\xff\xe1" + (65533).to_bytes(2, "big") + bytes(65531)
    uri = "data:image/jpeg;base64," + base64.b64encode(jpeg[:2] + app1 + jpeg[2:]).decode()
    with pytest.raises(InvalidInputError, match="image_url is 16x16, mask_url is 8x8"):
        ENDPOINTS["fal-ai/ideogram/v2/edit"].build_payload({"prompt": "x", "image_url": uri, "mask_url": png(8, 8)})


def test_none_on_a_nullable_field_means_unset() -> None:
    """fal marks seed, style, style_codes, palette fields… nullable: None is accepted, never sent, not counted by rules."""
    v3 = ENDPOINTS["fal-ai/ideogram/v3"]
    arguments = {"prompt": "a cat", "seed": None, "style_codes": None, "style": "AUTO", "image_size": None}
    assert v3.build_payload(arguments) == {"prompt": "a cat", "style": "AUTO"}
    palette = {"name": "EMBER", "members": None}
    assert v3.build_payload({"prompt": "a", "color_palette": palette}) == {
        "prompt": "a",
        "color_palette": {"name": "EMBER"},
    }
    with pytest.raises(InvalidInputError, match="give exactly one of name or members, none was given"):
        v3.build_payload({"prompt": "a", "color_palette": {"name": None, "members": None}})
    model = v3.input_model.model_validate({"prompt": "a", "seed": None})
    assert "seed" not in model.model_fields_set


def test_rgb_channels_default_to_zero_as_fal_has_them() -> None:
    body = ENDPOINTS["fal-ai/ideogram/v3"].build_payload(
        {"prompt": "a", "color_palette": {"members": [{"rgb": {"r": 9}}]}}
    )
    assert body["color_palette"] == {"members": [{"rgb": {"r": 9}}]}  # defaults documented, not sent


@pytest.mark.parametrize("key", ["Lf", "KM", "ImageSize", "str"])
def test_an_extra_key_is_named_whatever_it_looks_like(key: str) -> None:
    """Found by Schemathesis: a capitalised extra key was read as a union branch ("expected a other object")."""
    with pytest.raises(InvalidInputError) as caught:
        ENDPOINTS["fal-ai/ideogram/v3"].build_payload({"prompt": "a", key: [1], "Other": 2})
    assert [(detail.loc, detail.type) for detail in caught.value.errors] == [
        ((key,), "extra_forbidden"),
        (("Other",), "extra_forbidden"),
    ]
