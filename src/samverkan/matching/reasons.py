"""Reasons in the reader's language.

The core explains each recommendation with a stable `code` and English `text`. The product
translates by code: each code's English sentence is parsed back into its parameters (names,
numbers, codes) which are put into a translated sentence. Country, language and kind names
are themselves translated. Unknown codes or shapes fall back to the English text, so a new
reason in the core never breaks a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.catalog.models import Country, OrganisationKind
from samverkan.core.matching.reasons import COUNTRIES, LANGUAGES

_COUNTRY_CODES = {name: code for code, name in COUNTRIES.items()}
_LANGUAGE_CODES = {name: code for code, name in LANGUAGES.items()}
_country_names: dict[str, dict[str, str]] = {}


def country_name(value: str) -> str:
    """'Estonia' or 'EE' → the country's name in the active language."""
    code = _COUNTRY_CODES.get(value, value if len(value) == 2 else "")
    if not code:
        return value
    if not _country_names:
        _country_names.update(
            {c.code: {**c.names, "en": c.name} for c in Country.objects.only("code", "names")}
        )
    names = _country_names.get(code.upper(), {})
    return names.get(translation.get_language() or "en") or names.get("en") or value


def language_name(value: str) -> str:
    code = _LANGUAGE_CODES.get(value, value)
    try:
        name = str(_(translation.get_language_info(code)["name"]))
    except KeyError:
        return value
    # Language names are capitalised in English only (svenska, suomi, eesti, latviešu).
    return name if (translation.get_language() or "en").startswith("en") else name.lower()


def kind_name(value: str) -> str:
    labels = {str(v).casefold(): label for v, label in OrganisationKind.choices}
    return str(labels.get(value.strip().casefold(), value)).lower()  # used mid-sentence


def _and(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _split_and(value: str) -> list[str]:
    head, _sep, last = value.rpartition(" and ")
    return [*(x for x in head.split(", ") if x), last] if head else [value]


def _nace(m: re.Match) -> str:
    level, code = m.group(1), m.group(2)
    if level == "division":
        return _("same NACE division %(code)s") % {"code": code}
    if level == "group":
        return _("same NACE group %(code)s") % {"code": code}
    return _("same NACE class %(code)s") % {"code": code}


def _projects(m: re.Match) -> str:
    n = int(m.group(1))
    return ngettext(
        "experienced: %(n)s earlier project", "experienced: %(n)s earlier projects", n
    ) % {"n": n}


# code -> (pattern over the core's English text, renderer of the match in the active language)
_RULES: dict[str, tuple[str, Callable[[re.Match], str]]] = {
    "offer_need": (
        r"offers (.+), which you need",
        lambda m: _("offers %(what)s, which you need") % {"what": m.group(1)},
    ),
    "text": (
        r"profile matches your request \((.+)\)",
        lambda m: _("profile matches your request (%(words)s)") % {"words": m.group(1)},
    ),
    "seeker_sim": (
        r"profile (?:matches your profile|is similar to yours) \((.+)\)",
        lambda m: _("profile is similar to yours (%(words)s)") % {"words": m.group(1)},
    ),
    "same_nuts3": (r"also based in (.+)", lambda m: _("also based in %(r)s") % {"r": m.group(1)}),
    "same_nuts2": (r"in your region (.+)", lambda m: _("in your region %(r)s") % {"r": m.group(1)}),
    "in_target": (
        r"located in (.+), one of your target regions",
        lambda m: _("located in %(r)s, one of your target regions") % {"r": m.group(1)},
    ),
    "copartner": (
        r"worked with you in (.+)",
        lambda m: _("worked with you in %(projects)s") % {"projects": m.group(1)},
    ),
    "two_hop": (
        r"worked together with (.+) in project (.+)",
        lambda m: (
            _("worked together with %(partner)s in project %(project)s")
            % {"partner": m.group(1), "project": m.group(2)}
        ),
    ),
    "programme": (
        r"has taken part in (\d+) (.+) project\(s\)",
        lambda m: (
            ngettext(
                "has taken part in %(n)s %(programme)s project",
                "has taken part in %(n)s %(programme)s projects",
                int(m.group(1)),
            )
            % {"n": int(m.group(1)), "programme": m.group(2)}
        ),
    ),
    "objective": (
        r"has project experience with objective (.+)",
        lambda m: _("has project experience with objective %(o)s") % {"o": m.group(1)},
    ),
    "policy": (
        r"has project experience under the same policy objective",
        lambda m: _("has project experience under the same policy objective"),
    ),
    "kind_pair": (
        r"(.+) partners often work with organisations like yours",
        lambda m: (
            _("%(kind)s partners often work with organisations like yours")
            % {"kind": kind_name(m.group(1))}
        ),
    ),
    "prog_kind": (
        r"(.+) organisations often join (.+) projects",
        lambda m: (
            _("%(kind)s organisations often join %(programme)s projects")
            % {"kind": kind_name(m.group(1)), "programme": m.group(2)}
        ),
    ),
    "prog_region": (
        r"organisations from (.+) often join (.+) projects",
        lambda m: (
            _("organisations from %(r)s often join %(programme)s projects")
            % {"r": m.group(1), "programme": m.group(2)}
        ),
    ),
    "nace": (r"same NACE (division|group|class) (.+)", _nace),
    "language": (
        r"speaks (.+)",
        lambda m: (
            _("speaks %(languages)s")
            % {"languages": _and([language_name(x) for x in _split_and(m.group(1))])}
        ),
    ),
    "market": (
        r"based in (.+), your target market",
        lambda m: (
            _("based in %(country)s, your target market") % {"country": country_name(m.group(1))}
        ),
    ),
    "wants_us": (
        r"looking for partners in (.+)",
        lambda m: _("looking for partners in %(country)s") % {"country": country_name(m.group(1))},
    ),
    "cross_border": (
        r"cross-border partner in (.+)",
        lambda m: _("cross-border partner in %(country)s") % {"country": country_name(m.group(1))},
    ),
    "degree": (
        r"experienced: (\d+) earlier project\(s\)",
        _projects,
    ),
    "same_kind": (
        r"also an? (.+)",
        lambda m: _("also: %(kind)s") % {"kind": kind_name(m.group(1))},
    ),
}
_RULES["liked"] = (
    r"similar to (.+), which you marked relevant",
    lambda m: _("similar to %(name)s, which you marked relevant") % {"name": m.group(1)},
)
_RULES["n_projects"] = _RULES["degree"]
_COMPILED = {code: (re.compile(rf"^{pat}$"), fn) for code, (pat, fn) in _RULES.items()}


def translate_reason(code: str, text: str) -> str:
    """The reason in the active language; the English text if its shape is unknown."""
    rule = _COMPILED.get(code)
    if rule is None or (translation.get_language() or "en").startswith("en"):
        return text  # the core's own English sentence is the English translation
    match = rule[0].match(text)
    return rule[1](match) if match else text
