"""A realistic, seeded demo network: what a new user, a trainer or a screenshot needs.

The demo is one fictional regional oncology network ("Oncologienetwerk Zuiderveld", 8 hospitals,
one of them a university medical centre acting as the network's expert centre) plus a national
comprehensive cancer centre that takes supra-regional referrals from anywhere. All names are
invented; any resemblance to real people or hospitals is coincidental.

Its proportions come from public figures, so that what the planner and the screens show has the
right order of magnitude:

* About 130,000 new cancer diagnoses a year in the Netherlands (IKNL, Netherlands Cancer
  Registry (NKR), nkr-cijfers.nl, diagnosis years 2022-2023, excluding basal cell carcinoma).
* About 90% of patients are discussed in a multidisciplinary team meeting (IKNL, "MDO 2.0" /
  "Echelonnering van MDO's"; NKR quality indicators).
* 1.6 to 3 MDO discussions per patient over the care path (pre-treatment, post-operative,
  recurrence): Walraven et al., BMC Health Serv Res 2022; 42% of patients are discussed more
  than once (CRUK "Meeting patients' needs", 2017). The demo uses 2.0.
* Tumour-group shares: rounded NKR incidence per year (breast ~15,900; prostate ~14,500;
  lung ~14,000; colorectal ~12,800; haematological ~11,500; urological bladder/kidney
  ~10,000; melanoma ~8,000; gynaecological ~5,000; pancreas/liver/bile ducts ~4,500;
  oesophagus/stomach ~3,900; head and neck ~3,200; central nervous system ~1,500;
  sarcoma ~1,200). Only these MDO tumour groups are generated.
* The network serves about 1.1 million of the Netherlands' 17.9 million inhabitants (CBS, 2024),
  i.e. ~6% of the national case load, which gives ~1,200 MDO registrations a month.
* Meeting patterns follow the workflow study in ``docs`` (10-20 MDOs a week per hospital,
  1-2 hours each, 2-4 minutes per standard case; regional and expert MDOs weekly).

Generation is deterministic for a seed and a start date, takes well under five seconds, and
writes everything in one transaction with the importer's bulk inserts.

The package keeps the figures and vocabulary (``figures``), the in-memory generator
(``builder``) and the bulk writer (``writer``) apart; this module fills or opens a database.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.demo.builder import _Builder
from mdo_planner.demo.figures import (
    DEFAULT_SEED,
    DIAGNOSES_PER_YEAR,
    DISCIPLINES,
    DISCUSSIONS_PER_PATIENT,
    FIRST_NAMES,
    HOSPITALS,
    LEAVE_REASONS,
    NATIONAL,
    NETWORK,
    NETWORK_POPULATION,
    NL_POPULATION,
    OVERRIDE_REASONS,
    PHASES,
    QUESTIONS,
    SHARE_DISCUSSED,
    SURNAMES,
    TUMOUR_GROUPS,
    WEEKS,
    monthly_registrations,
    network_share,
    next_monday,
)
from mdo_planner.demo.writer import _write
from mdo_planner.errors import UserError

log = logging.getLogger(__name__)


def _is_empty(session: Session) -> bool:
    for model in (m.Network, m.Hospital, m.Expert, m.Case, m.MeetingSession):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


def fill_demo(
    db: Any, seed: int = DEFAULT_SEED, *, start: dt.date | None = None, user: str = "demo"
) -> dict[str, int]:
    """Fill an *empty* database with the demo network; returns the counts written.

    ``start`` is the Monday the sessions begin (default: next Monday), so that the demo
    always looks current; with the same seed and start the content is identical.
    """
    start = start or next_monday()
    if start.weekday() != 0:
        raise UserError(f"the demo starts on a Monday, and {start} is not one")
    with db.session() as session:
        if not _is_empty(session):
            raise UserError("this database already holds a network; the demo needs an empty one")
        counts = _write(session, _Builder(seed, start), user)
    return counts


def ensure_demo_database() -> Any:
    """Open the demo database beside the real one, creating and filling it on first use.

    Idempotent: an already filled demo database is opened as it is (the user's changes to the
    demo survive a restart). Two processes starting at once cannot both fill it: the loser's
    transaction fails on the unique codes and it simply opens what the winner wrote.
    """
    from mdo_planner.services.base import open_database

    db = open_database(demo=True)
    try:
        with db.session() as session:
            empty = _is_empty(session)
        if empty:
            try:
                counts = fill_demo(db)
                log.info("demo database filled: %s", counts)
            except IntegrityError:
                log.info("demo database was filled by another process meanwhile")
            except UserError as exc:  # filled by another process between check and write
                log.info("demo database not filled: %s", exc)
    except BaseException:
        db.dispose()
        raise
    return db


__all__ = [
    "DEFAULT_SEED",
    "DIAGNOSES_PER_YEAR",
    "DISCIPLINES",
    "DISCUSSIONS_PER_PATIENT",
    "FIRST_NAMES",
    "HOSPITALS",
    "LEAVE_REASONS",
    "NATIONAL",
    "NETWORK",
    "NETWORK_POPULATION",
    "NL_POPULATION",
    "OVERRIDE_REASONS",
    "PHASES",
    "QUESTIONS",
    "SHARE_DISCUSSED",
    "SURNAMES",
    "TUMOUR_GROUPS",
    "WEEKS",
    "ensure_demo_database",
    "fill_demo",
    "monthly_registrations",
    "network_share",
    "next_monday",
]
