"""The drift check: shipped pages are clean; each planted page edit is found and named.

Planted edits go into temp copies (``project_copy``); the specs are loaded once and compared with
each edited copy, so the file stays fast. A few tests run the whole CLI for exit codes and output.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.drift.command import check
from generator.drift.pages import load_docs
from generator.drift.report import Report
from generator.drift.specload import load_for_drift
from generator.drift.text import html_to_text
from generator.spec.model import SpecSet
from tests.conftest import ROOT

V2_REF = "fal-ideogram-v2-edit.api-reference.txt"
CHAR_REF = "fal-ideogram-character.api-reference.txt"
CHAR_GUIDE = "fal-ideogram-character.client-guide.txt"
V2_GUIDE = "fal-ideogram-v2-edit.client-guide.txt"
MAGNIFIC = "magnific-ideogram-image-edit.api-reference.txt"


@pytest.fixture(scope="module")
def specs() -> SpecSet:
    docs = load_docs(ROOT, ROOT / "upstream-docs")
    return load_for_drift(ROOT, docs.folder, docs.texts)


def plant(root: Path, page: str, old: str, new: str, *, after: str | None = None) -> None:
    """Replace ``old`` by ``new`` once in a page of the copy (the first ``old`` after ``after``)."""
    path = root / "upstream-docs" / page
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    if after is None:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {page}"
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def run_check(specs: SpecSet, root: Path) -> Report:
    return check(specs, load_docs(root, root / "upstream-docs"))


def drift_lines(report: Report) -> list[str]:
    return [finding.line for finding in report.findings if finding.kind == "drift"]


# ------------------------------------------------------------------------------------- shipped pages


def test_shipped_pages_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drift"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("drift: clean")


def test_shipped_pages_explain_their_differences(specs: SpecSet) -> None:
    report = check(specs, load_docs(ROOT, ROOT / "upstream-docs"))
    assert report.clean, "\n".join(finding.line for finding in report.findings)
    assert report.explained > 100  # lost names, unprinted bounds, copies that differ: all curated
    assert report.copies == 31


# ------------------------------------------------------------------------------------- planted edits

PLANTED = {
    "range change": (
        (CHAR_REF, "Default value: 1Range: 1 to 8", "Default value: 1Range: 1 to 10", None),
        f"fal-ai/ideogram/character num_images: doc says maximum 10, spec says 8 (upstream-docs/{CHAR_REF}:56)",
    ),
    "range on an unbounded field": (
        (
            V2_REF,
            "Seed for the random number generator\n",
            "Seed for the random number generator Range: 0 to 100\n",
            None,
        ),
        f"fal-ai/ideogram/v2/edit seed: doc says maximum 100, spec says 2147483647 (upstream-docs/{V2_REF}:55)",
    ),
    "default change": (
        (V2_REF, "functionality. Default value: true", "functionality. Default value: false", None),
        f"fal-ai/ideogram/v2/edit expand_prompt: doc says default false, spec says true (upstream-docs/{V2_REF}:63)",
    ),
    "default change in an Other types section": (
        (V2_GUIDE, "Default value: 0.5", "Default value: 0.6", None),
        f"ColorPaletteMember color_weight: doc says default 0.6, spec says 0.5 (upstream-docs/{V2_GUIDE}:224)",
    ),
    "enum member added": (
        (V2_REF, "render_3D, anime\n", "render_3D, anime, fiction\n", None),
        "fal-ai/ideogram/v2/edit style: doc adds enum value fiction "
        f"(spec: auto, general, realistic, design, render_3D, anime) (upstream-docs/{V2_REF}:59)",
    ),
    "enum member removed": (
        (MAGNIFIC, 'AUTO, ON, OFF "AUTO"', 'AUTO, ON "AUTO"', None),
        "magnific/ideogram-image-edit magic_prompt: doc drops enum value OFF (spec: AUTO, ON, OFF) "
        f"(upstream-docs/{MAGNIFIC}:30)",
    ),
    "field added": (
        (
            V2_REF,
            "sync_mode\nboolean\n",
            "num_images\ninteger\nNumber of images to generate.\nsync_mode\nboolean\n",
            None,
        ),
        f"fal-ai/ideogram/v2/edit num_images: doc lists it (integer), spec lacks it (upstream-docs/{V2_REF}:64)",
    ),
    "nameless field added": (
        (
            CHAR_GUIDE,
            "style_preset EnumStyle",
            "A brand new list of things to send along.\nstyle_preset EnumStyle",
            "EditImageInputV3#",
        ),
        'fal-ai/ideogram/v3/edit unnamed field "A brand new list of things to send along.": doc lists it, spec lacks it '
        f"(upstream-docs/{CHAR_GUIDE}:174)",
    ),
    "field removed": (
        (
            V2_REF,
            'expand_prompt\nboolean\ndefault:"true"\nWhether to expand the prompt with MagicPrompt functionality. Default value: true\n',
            "",
            None,
        ),
        f"fal-ai/ideogram/v2/edit expand_prompt: doc does not list it, spec has it (upstream-docs/{V2_REF}:39)",
    ),
    "required flipped": (
        (V2_REF, "mask_url\nstring\nrequired\n", "mask_url\nstring\n", None),
        f"fal-ai/ideogram/v2/edit mask_url: doc says optional, spec says required (upstream-docs/{V2_REF}:49)",
    ),
    "required flipped on a glued line": (
        (CHAR_GUIDE, "url string* requiredThe URL", "url stringThe URL", None),
        f"File url: doc says optional, spec says required (upstream-docs/{CHAR_GUIDE}:136)",
    ),
    "new Cannot be used with sentence": (
        (
            V2_REF,
            "MagicPrompt functionality. Default",
            "MagicPrompt functionality. Cannot be used with style. Default",
            None,
        ),
        'fal-ai/ideogram/v2/edit expand_prompt: doc says "Cannot be used with style", spec has no mutually_exclusive '
        f"rule on style, expand_prompt (upstream-docs/{V2_REF}:63)",
    ),
    "changed 10MB cap": (
        (
            MAGNIFIC,
            "The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats: JPEG, WebP, PNG (max 10MB)",
            "The image to be edited. Supports HTTPS URLs or Base64 encoded string. Supported formats: JPEG, WebP, PNG (max 20MB)",
            None,
        ),
        f"magnific/ideogram-image-edit image: doc says size cap 20MB, spec says 10MB (upstream-docs/{MAGNIFIC}:15)",
    ),
    "changed total 10MB cap": (
        (
            CHAR_REF,
            "ignored. (maximum total size 10MB across all character references). The images",
            "ignored. (maximum total size 25MB across all character references). The images",
            None,
        ),
        "fal-ai/ideogram/character reference_image_urls: doc says total size cap 25MB, spec says 10MB "
        f"(upstream-docs/{CHAR_REF}:79)",
    ),
    "changed limitation": (
        (CHAR_REF, "style restricted to: AUTO, REALISTIC, FICTION", "style restricted to: AUTO, REALISTIC", None),
        "fal-ai/ideogram/character style: doc drops enum value FICTION (spec: AUTO, REALISTIC, FICTION) "
        f"(upstream-docs/{CHAR_REF}:124)",
    ),
    "limitation about another endpoint's field": (
        (CHAR_REF, "strength range: 0.01 to 1", "strength range: 0.1 to 1", None),
        f"fal-ai/ideogram/v3/remix strength: doc says minimum 0.1, spec says 0.01 (upstream-docs/{CHAR_REF}:127)",
    ),
}


@pytest.mark.parametrize("edit", list(PLANTED), ids=list(PLANTED))
def test_planted_edit_is_found_and_named(edit: str, specs: SpecSet, project_copy: Path) -> None:
    (page, old, new, after), expected = PLANTED[edit]
    plant(project_copy, page, old, new, after=after)
    report = run_check(specs, project_copy)
    assert expected in drift_lines(report), "\n".join(finding.line for finding in report.findings)
    assert not report.clean


def test_planted_edit_reports_only_that_change(specs: SpecSet, project_copy: Path) -> None:
    plant(
        project_copy,
        V2_REF,
        "Seed for the random number generator\n",
        "Seed for the random number generator Range: 0 to 100\n",
    )
    report = run_check(specs, project_copy)
    assert [finding.line for finding in report.findings] == [PLANTED["range on an unbounded field"][1]]


def test_edited_quote_is_reported_against_its_spec_line(specs: SpecSet, project_copy: Path) -> None:
    (_, old, new, _), _ = PLANTED["changed 10MB cap"]
    plant(project_copy, MAGNIFIC, old, new)
    quotes = [finding for finding in run_check(specs, project_copy).findings if finding.kind == "quote"]
    assert [(q.subject, q.where) for q in quotes] == [
        ("image", "specs/magnific/ideogram-image-edit.yaml:input.image.source")
    ]


def test_stale_curation_note_is_reported(specs: SpecSet, project_copy: Path) -> None:
    # The note says the CharacterEditInputV3 section prints no sync_mode default; make it print one.
    sync_mode = "output data won't be available in the request history."
    plant(project_copy, CHAR_GUIDE, sync_mode, sync_mode + " Default value: false", after="CharacterEditInputV3#")
    report = run_check(specs, project_copy)
    stale = [finding for finding in report.findings if finding.kind == "stale"]
    assert [(f.owner, f.subject, f.where) for f in stale] == [
        (
            "fal-ai/ideogram/character/edit",
            "sync_mode",
            "specs/fal/ideogram-character-edit.yaml:input.sync_mode.curation",
        )
    ]
    assert "stale curation note" in stale[0].message
    assert not drift_lines(report)


def test_note_quoting_vanished_text_is_stale(specs: SpecSet, project_copy: Path) -> None:
    plant(project_copy, MAGNIFIC, "0 <= x <= 214748364712345", "0 <= x <= 2147483647")
    report = run_check(specs, project_copy)
    stale = [(f.subject, f.where) for f in report.findings if f.kind == "stale"]
    assert ("seed", "specs/magnific/ideogram-image-edit.yaml:input.seed.curation") in stale
    assert not drift_lines(report)  # the page now agrees with the spec


def test_a_note_explains_only_the_value_it_names(specs: SpecSet, project_copy: Path) -> None:
    # The seed note explains the printed "214748364712345"; a different printed maximum is drift again.
    plant(project_copy, MAGNIFIC, "0 <= x <= 214748364712345", "0 <= x <= 99")
    lines = drift_lines(run_check(specs, project_copy))
    assert lines == [
        f"magnific/ideogram-image-edit seed: doc says maximum 99, spec says 2147483647 (upstream-docs/{MAGNIFIC}:20)"
    ]


def test_uncited_section_is_reported(specs: SpecSet, project_copy: Path) -> None:
    plant(project_copy, V2_GUIDE, "RGBColor#\n", "BrandNewInputV3#\nprompt\nstring\n* requiredA prompt\nRGBColor#\n")
    lines = drift_lines(run_check(specs, project_copy))
    assert any("'BrandNewInputV3'" in line and "no spec cites" in line for line in lines), lines


def test_html_page_reads_like_its_text_copy(specs: SpecSet, project_copy: Path) -> None:
    page = project_copy / "upstream-docs" / V2_REF
    lines = page.read_text(encoding="utf-8").splitlines()
    markup = "".join(
        f"<li>{html.escape(line.strip(' •'))}</li>" if "•" in line else f"<p>{html.escape(line)}</p>" for line in lines
    )
    page.with_suffix(".html").write_text(
        f"<html><head><style>p {{}}</style></head><body>{markup}</body></html>", encoding="utf-8"
    )
    page.unlink()
    assert run_check(specs, project_copy).clean
    assert html_to_text("<p>a &amp; b</p><script>x()</script><ul><li>c</li></ul>") == "a & b\n  • c\n"


# -------------------------------------------------------------------------------------------------- CLI


def test_malformed_page_is_a_clear_error(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(project_copy, V2_REF, "Input Schema\n", "Inputs\n")
    assert main(["drift", "--root", str(project_copy)]) == 2
    captured = capsys.readouterr()
    assert (
        captured.err
        == f"error: upstream-docs/{V2_REF}: no 'Input Schema' heading (expected a fal API reference page)\n"
    )
    assert "Traceback" not in captured.err and captured.out == ""


def test_page_with_a_broken_entry_names_the_line(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(project_copy, V2_REF, "Input Schema\n\nprompt\n", "Input Schema\n\nThe fields:\nprompt\n")
    assert main(["drift", "--root", str(project_copy)]) == 2
    assert capsys.readouterr().err.startswith(f"error: upstream-docs/{V2_REF}:41: expected a field name line")


def test_unknown_page_is_a_clear_error(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "upstream-docs" / "notes.txt").write_text("hello\n", encoding="utf-8")
    assert main(["drift", "--root", str(project_copy)]) == 2
    assert "upstream-docs/notes.txt: unknown page format" in capsys.readouterr().err


def test_json_output_parses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "fetched"
    shutil.copytree(ROOT / "upstream-docs", docs)
    text = (docs / V2_REF).read_text(encoding="utf-8")
    (docs / V2_REF).write_text(text.replace("render_3D, anime\n", "render_3D, anime, fiction\n"), encoding="utf-8")
    assert main(["drift", "--docs", str(docs), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["clean"] is False
    [finding] = data["findings"]
    assert finding["kind"] == "drift" and finding["subject"] == "style"
    assert finding["where"] == f"{docs / V2_REF}:59"
    assert finding["file"] == "specs/fal/ideogram-v2-edit.yaml" and finding["path"] == "input.style"
    assert "fiction" in finding["doc"]


def test_suggest_prints_the_yaml_edit(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(
        project_copy,
        V2_REF,
        "Seed for the random number generator\n",
        "Seed for the random number generator Range: 0 to 100\n",
    )
    assert main(["drift", "--root", str(project_copy), "--suggest"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == PLANTED["range on an unbounded field"][1]
    block = [line.removeprefix("    ") for line in lines[1:] if line.startswith("    ")]
    assert block[0] == "# specs/fal/ideogram-v2-edit.yaml"
    assert yaml.safe_load("\n".join(block)) == {"input": {"seed": {"maximum": 100}}}
