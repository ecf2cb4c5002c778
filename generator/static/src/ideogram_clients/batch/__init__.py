"""Batch runs that survive a crash: ``run_batch`` / ``arun_batch`` and ``ideogram-clients batch``.

A JSON Lines file of jobs runs with bounded, adaptive concurrency through one client per provider;
a SQLite journal beside the outputs records every step that can bill, so running the same command
again finishes the batch without paying twice: done jobs are skipped, submitted ones re-attached by
request id, and a job whose submit may or may not have reached the provider is left ``unknown``
unless ``resubmit_unknown=True``. See the project README ("Batch runs").
"""

from __future__ import annotations

from ideogram_clients.batch._api import arun_batch, run_batch
from ideogram_clients.batch._jobsfile import JobsFile, JobSpec, LineError, read_jobs
from ideogram_clients.batch._journal import JOURNAL_NAME, Row, State, read_journal
from ideogram_clients.batch._lock import BatchLockedError
from ideogram_clients.batch._summary import BatchSummary

__all__ = [
    "JOURNAL_NAME",
    "BatchLockedError",
    "BatchSummary",
    "JobSpec",
    "JobsFile",
    "LineError",
    "Row",
    "State",
    "arun_batch",
    "read_jobs",
    "read_journal",
    "run_batch",
]
