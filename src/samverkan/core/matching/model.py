"""Plain dataclasses that are the matching engine's whole vocabulary.

Nothing here knows about Django or JSONL: the catalogue app and the JSONL adapter both map
their own records onto these types, so the ranking code is shared by the product and the
offline evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PastProject:
    """One project an organisation took part in (the co-participation graph is built from these).

    `id` must be shared by all members of the same project; that is what links partners.
    """

    id: str
    name: str = ""
    programme: str = ""
    objective: str = ""  # e.g. "RSO2.7"; the part before the dot is the policy objective
    role: str = ""  # "LP" lead partner, "PP" partner, "AP" associated partner
    start: str = ""  # ISO date, informational only


@dataclass(frozen=True)
class Organisation:
    """A profile in the catalogue.

    Every field except `id` is optional so cold-start profiles (name, kind and region only)
    are first-class. Text fields may be in any of sv/fi/et/lv/en.
    """

    id: str
    name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = ""  # organisation type, e.g. "Higher education and research institution"
    ownership: str = ""  # "Public" / "Private" / ...
    country: str = ""  # ISO 3166-1 alpha-2, e.g. "SE"
    nuts2_code: str = ""
    nuts3_code: str = ""
    region_names: tuple[str, ...] = ()  # human-readable NUTS names, used in reasons and text
    description: str = ""
    sectors: tuple[str, ...] = ()
    nace_codes: tuple[str, ...] = ()  # e.g. ("26.51", "C26"); any depth of the hierarchy
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # ISO 639-1, e.g. ("sv", "fi")
    target_markets: tuple[str, ...] = ()  # ISO country codes the organisation wants to reach
    past_projects: tuple[PastProject, ...] = ()


@dataclass(frozen=True)
class MatchQuery:
    """What a seeker asks for.

    `seeker_id` may name an organisation in the index (its profile, region and history are
    then used) or be empty for an anonymous search driven by the text and filters alone.
    Target regions/markets are preferences that raise scores, never hard filters.
    """

    seeker_id: str = ""
    need: str = ""  # free text: the project idea or what the seeker is looking for
    title: str = ""
    programme: str = ""
    objective: str = ""
    target_region_codes: tuple[str, ...] = ()  # NUTS codes of any level
    target_countries: tuple[str, ...] = ()  # ISO codes: markets / partner countries wanted
    languages: tuple[str, ...] = ()  # languages the seeker can work in (default: its profile's)
    nace_codes: tuple[str, ...] = ()  # sectors the seeker looks for (default: none)
    exclude_ids: tuple[str, ...] = ()  # e.g. already contacted or dismissed organisations
    # Organisations the seeker marked relevant: profiles like theirs are raised (relevance
    # feedback); the liked organisations themselves get no boost from it.
    like_ids: tuple[str, ...] = ()
    id: str = ""  # caller's query id, echoed back by the command line


@dataclass(frozen=True)
class Reason:
    """One human-readable explanation of a recommendation.

    `code` is stable (for feedback buttons and analytics), `text` is English prose for the
    page, and `weight` is the signal's contribution to the score (largest first).
    """

    code: str
    text: str
    weight: float


@dataclass(frozen=True)
class Recommendation:
    org_id: str
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
