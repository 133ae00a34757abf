"""Each app declares the personal data it holds in a `privacy.py` module.

A module defines `export_personal_data(*, user) -> dict` and
`erase_personal_data(*, user) -> int` (rows anonymised or removed). Erasure anonymises rather
than deletes where a row feeds statistics (meetings held, applications received), so the
programme's numbers survive a person's request to be forgotten.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class PersonalDataProvider:
    app_label: str
    export: Callable[..., dict[str, Any]]
    erase: Callable[..., int]


def personal_data_providers() -> list[PersonalDataProvider]:
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samverkan."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.privacy")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.privacy":
                continue
            raise
        if config.name == "samverkan.privacy":
            continue
        providers.append(
            PersonalDataProvider(
                app_label=config.label,
                export=module.export_personal_data,
                erase=module.erase_personal_data,
            )
        )
    return providers
