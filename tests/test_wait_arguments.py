"""A wait's ``timeout`` is checked before the paid job is sent: bad values send nothing (sync and async)."""

from __future__ import annotations

import math
from typing import Any

import pytest
import respx

from ideogram_clients import InvalidInputError

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    MAG_ARGS,
    MAG_ID,
    MAG_PATH,
    V2,
    V2_ARGS,
    call,
    close,
    envelope,
    make_fal,
    make_magnific,
    submitted,
    task,
)

pytest_plugins = ("tests.clients_support",)

BAD_TIMEOUTS = ["5", -1, 0, math.nan, math.inf, True, [5]]


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS, ids=repr)
async def test_fal_subscribe_refuses_a_bad_timeout_before_submitting(
    kind: str, router: respx.MockRouter, timeout: Any
) -> None:
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    fal = make_fal(kind)
    with pytest.raises(InvalidInputError, match=r"timeout: must be a finite number of seconds greater than 0"):
        await call(fal.subscribe(V2, V2_ARGS, timeout=timeout))
    assert submit.call_count == 0
    await close(fal)


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS, ids=repr)
async def test_magnific_run_refuses_a_bad_timeout_before_creating(
    kind: str, router: respx.MockRouter, timeout: Any
) -> None:
    create = router.post(f"https://api.magnific.com{MAG_PATH}").mock(return_value=envelope(task()))
    magnific = make_magnific(kind)
    with pytest.raises(InvalidInputError, match=r"timeout: must be a finite number"):
        await call(magnific.run(MAG_ID, MAG_ARGS, timeout=timeout))
    assert create.call_count == 0
    await close(magnific)


async def test_a_handle_wait_refuses_a_bad_timeout_before_polling(kind: str, router: respx.MockRouter) -> None:
    router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    status = router.get(url__regex=r".*/status.*").respond(200, json={"status": "IN_PROGRESS"})
    fal = make_fal(kind)
    handle = await call(fal.submit(V2, V2_ARGS))
    with pytest.raises(InvalidInputError, match=r"got -0\.5"):
        await call(handle.wait(timeout=-0.5))
    assert status.call_count == 0
    await close(fal)
