"""The services' one signature convention (issue 16), checked rather than hoped for.

Every public function of ``mdo_planner.services`` that takes the acting user takes it by
keyword (``*, user``), and an optimistic-lock version is ``expected_version``, keyword-only
too: a call then reads the same in the CLI, the UI and the tests, and a positional ``user``
cannot slip into the place of a case id or a reason when parameters are added."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import mdo_planner.services as services

KEYWORD_ONLY = ("user", "expected_version")


def _public_functions() -> list[tuple[str, inspect.Signature]]:
    found = []
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"{services.__name__}.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != module.__name__:
                continue  # imported from elsewhere: checked where it is defined
            found.append((f"{module.__name__}.{name}", inspect.signature(fn)))
    return found


def test_services_are_found() -> None:
    names = {name for name, _ in _public_functions()}
    assert "mdo_planner.services.cases_service.save_case" in names
    assert len(names) > 100


def test_user_and_expected_version_are_keyword_only() -> None:
    wrong = [
        f"{name}: {parameter.name}"
        for name, signature in _public_functions()
        for parameter in signature.parameters.values()
        if parameter.name in KEYWORD_ONLY and parameter.kind is not parameter.KEYWORD_ONLY
    ]
    assert not wrong, "take these by keyword (after `*`): " + ", ".join(wrong)


def test_a_lock_version_is_called_expected_version() -> None:
    wrong = [
        f"{name}: {parameter.name}"
        for name, signature in _public_functions()
        for parameter in signature.parameters.values()
        if parameter.name == "version"
    ]
    assert not wrong, "name the optimistic-lock version `expected_version`: " + ", ".join(wrong)
