"""What a run does with each job, from the jobs file and what the journal remembers.

* new, or ``pending``: submit;
* ``submitted``: re-attach by its request id (status and result; never a second submit);
* ``done``: skip;
* ``submitting`` (the process died between sending and recording the answer) becomes ``unknown``;
  ``unknown`` is skipped unless ``resubmit_unknown``: the job may exist and be billed, and neither
  fal nor Magnific takes an idempotency key or lists a caller's requests with their inputs, so a
  resubmit could pay twice; only the user can decide that;
* ``failed``: skipped unless ``retry_failed``;
* a line whose content changed since the journal recorded it is run anew if nothing of it was
  billed (``pending``, ``failed``), else reported and skipped: its outputs belong to the old content
  (give the line another ``output`` name to run the new one);
* a journal row that no valid line names any more (the line was removed, broken, or its ``output``
  renamed: the identity is ``output``, else the line number) is counted, so a renamed job that is
  about to run again does not go unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ideogram_clients.batch._jobsfile import JobSpec
from ideogram_clients.batch._journal import Row, State

__all__ = ["Plan", "make_plan"]


@dataclass
class Plan:
    submit: list[JobSpec] = field(default_factory=list)
    attach: list[tuple[JobSpec, str]] = field(default_factory=list)
    record: list[JobSpec] = field(default_factory=list)  #: new or replaced rows, written as pending
    marks: list[tuple[str, State]] = field(default_factory=list)  #: state changes before anything runs
    done_before: list[JobSpec] = field(default_factory=list)
    unknown: list[tuple[JobSpec, str | None]] = field(default_factory=list)
    failed_before: list[tuple[JobSpec, str]] = field(default_factory=list)
    changed: list[JobSpec] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  #: journal keys no valid line has any more


def make_plan(
    jobs: list[JobSpec], rows: dict[str, Row], *, resubmit_unknown: bool = False, retry_failed: bool = False
) -> Plan:
    plan = Plan()
    for job in jobs:
        row = rows.get(job.key)
        state = row.state if row is not None else None
        if row is None or (row.digest != job.digest and state in (State.PENDING, State.FAILED)):
            plan.record.append(job)
            plan.submit.append(job)
        elif row.digest != job.digest:
            plan.changed.append(job)
        elif state is State.DONE:
            plan.done_before.append(job)
        elif state is State.SUBMITTED and row.request_id:
            plan.attach.append((job, row.request_id))
        elif state in (State.SUBMITTING, State.UNKNOWN, State.SUBMITTED):  # SUBMITTED without an id: as unknown
            if state is not State.UNKNOWN:
                plan.marks.append((job.key, State.UNKNOWN))
            if resubmit_unknown:
                plan.marks.append((job.key, State.PENDING))
                plan.submit.append(job)
            else:
                plan.unknown.append((job, row.error if state is State.UNKNOWN else None))
        elif state is State.FAILED:
            if retry_failed:
                plan.marks.append((job.key, State.PENDING))
                plan.submit.append(job)
            else:
                plan.failed_before.append((job, row.error or "failed"))
        else:
            plan.submit.append(job)
    keys = {job.key for job in jobs}
    plan.orphans = sorted(key for key in rows if key not in keys)
    return plan
