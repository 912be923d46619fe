"""The care networks' words in the interface language (context ``CareWords``), shared by the
care-network and referral tabs and by the sessions workspace, and the small helpers both
tabs use for checkable lists and for reading their set-up in a worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
)

from mdo_planner import care
from mdo_planner.agenda.labels import CONSULTATION_PREFIX
from mdo_planner.services import care_service as cs
from mdo_planner.services import network_service as ns


def kind_word(kind: str) -> str:
    return {
        "hospital": QCoreApplication.translate("CareWords", "Hospital"),
        "gp_practice": QCoreApplication.translate("CareWords", "GP practice"),
        "paramedical_practice": QCoreApplication.translate("CareWords", "Paramedical practice"),
        "psychosocial_practice": QCoreApplication.translate("CareWords", "Psychosocial practice"),
        "home_care": QCoreApplication.translate("CareWords", "Home-care organisation"),
        "rehabilitation_centre": QCoreApplication.translate("CareWords", "Rehabilitation centre"),
    }.get(kind, kind)


def complaint_word(complaint: str) -> str:
    return {
        "fatigue": QCoreApplication.translate("CareWords", "fatigue"),
        "anxiety_mood": QCoreApplication.translate("CareWords", "anxiety and mood"),
        "nutrition_bowel": QCoreApplication.translate("CareWords", "nutrition and bowel"),
        "pain": QCoreApplication.translate("CareWords", "pain"),
        "physical_functioning": QCoreApplication.translate("CareWords", "physical functioning"),
        "sexual_problems": QCoreApplication.translate("CareWords", "sexual problems"),
        "work_daily_life": QCoreApplication.translate("CareWords", "work and daily life"),
        "speech_swallowing": QCoreApplication.translate("CareWords", "speech and swallowing"),
        "care_at_home": QCoreApplication.translate("CareWords", "care at home"),
    }.get(complaint, complaint)


def source_word(source: str) -> str:
    return {
        "mdo": QCoreApplication.translate("CareWords", "MDO outcome"),
        "gp": QCoreApplication.translate("CareWords", "GP"),
        "contact_person": QCoreApplication.translate("CareWords", "Network contact person"),
    }.get(source, source)


def criterion_text(criterion: care.Criterion) -> str:
    """The NVPO verdict in the interface language."""
    if criterion.meets:
        return QCoreApplication.translate("CareWords", "Meets the NVPO criterion")
    parts = []
    for s in criterion.shortfalls:
        if s.kind == "missing":
            parts.append(
                {
                    "physiotherapy": QCoreApplication.translate("CareWords", "no physiotherapist"),
                    "psychosocial": QCoreApplication.translate(
                        "CareWords", "no psychosocial care provider"
                    ),
                    "dietetics": QCoreApplication.translate("CareWords", "no dietitian"),
                }[s.role or ""]
            )
        else:
            parts.append(
                QCoreApplication.translate(
                    "CareWords", "{count} disciplines, at least {minimum} needed"
                ).format(count=str(s.count), minimum=str(care.MIN_DISCIPLINES))
            )
    return "; ".join(parts)


def routing_text(
    routing: care.Routing, networks: dict[str, str], names: dict[str, str], where: str
) -> str:
    """Where a referral goes and why, composed in the interface language."""
    if routing.network is None:
        if not routing.missing:
            why = QCoreApplication.translate(
                "CareWords", "No care network's region holds {where}."
            ).format(where=where)
        else:
            why = "; ".join(
                QCoreApplication.translate("CareWords", "{network} has no {disciplines}").format(
                    network=net, disciplines=", ".join(names.get(d, d) for d in codes)
                )
                for net, codes in routing.missing.items()
            )
        return QCoreApplication.translate(
            "CareWords", "No care network can take this referral: {why}"
        ).format(why=why)
    needed = ", ".join(names.get(d, d) for d in routing.needed) or "—"
    text = QCoreApplication.translate(
        "CareWords", "To {network}: its region holds {where}; it has {needed}."
    ).format(network=networks.get(routing.network, routing.network), where=where, needed=needed)
    if routing.needed:
        text += " " + QCoreApplication.translate("CareWords", "First: {discipline}.").format(
            discipline=names.get(routing.needed[0], routing.needed[0])
        )
    return text


def echelon_or_consultation(tumour_group: str, echelon: str) -> str:
    """How a session's kind is shown: a care network's consultation (its group is
    ``CN-<code>``, see ``mdo_planner.care.tumour_group_code``) is no supra-regional MDO."""
    if tumour_group.startswith(CONSULTATION_PREFIX):
        return QCoreApplication.translate("CareWords", "network consultation")
    from ui.workspaces.words import level_word

    return level_word(echelon)


def referral_word() -> str:
    """What a consultation's agenda shows in the Level column: its cases are referrals."""
    return QCoreApplication.translate("CareWords", "Referral")


def _checkable(widget: QListWidget, items: list[tuple[str, str]], chosen: set[str]) -> None:
    widget.blockSignals(True)
    widget.clear()
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.blockSignals(False)


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _load_setup(db: Any) -> dict[str, Any]:
    """Everything the care-network tab shows (runs in a worker)."""
    return {
        "networks": cs.list_care_networks(db),
        "organisations": cs.list_organisations(db),
        "professionals": cs.list_professionals(db),
        "disciplines": ns.list_disciplines(db),
        "oncology_networks": ns.list_networks(db),
    }
