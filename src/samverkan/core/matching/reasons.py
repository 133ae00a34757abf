"""Human-readable reasons for one recommendation, from the signals that raised its score.

Reasons are ordered by each signal's contribution (weight x value), so the first reason is
the one that mattered most; signals that lowered the score are not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .features import FEATURES, FeatureSet
from .index import nace_prefixes
from .model import MatchQuery, Reason
from .text import best_matching_phrase, tokenize

if TYPE_CHECKING:
    from .index import MatchIndex

LANGUAGES = {
    "sv": "Swedish",
    "fi": "Finnish",
    "et": "Estonian",
    "lv": "Latvian",
    "en": "English",
    "no": "Norwegian",
    "nb": "Norwegian",
    "da": "Danish",
    "de": "German",
    "lt": "Lithuanian",
    "pl": "Polish",
    "ru": "Russian",
}
COUNTRIES = {
    "SE": "Sweden",
    "FI": "Finland",
    "EE": "Estonia",
    "LV": "Latvia",
    "NO": "Norway",
    "DK": "Denmark",
    "DE": "Germany",
    "LT": "Lithuania",
    "PL": "Poland",
    "IS": "Iceland",
    "AX": "Åland",
}
MAX_REASONS = 5


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _nace_label(prefix: str) -> str:
    level = {2: "division", 3: "group", 4: "class"}[len(prefix)]
    code = prefix if len(prefix) == 2 else f"{prefix[:2]}.{prefix[2:]}"
    return f"same NACE {level} {code}"


def explain_match(idx: MatchIndex, q: MatchQuery, feats: FeatureSet, row: int) -> list[Reason]:
    org = idx.orgs[row]
    assert org is not None
    seeker = idx.orgs[feats.seeker_row] if feats.seeker_row is not None else None
    contrib = idx.ranker.contributions(feats.matrix[row])
    hist = idx.history
    out: list[Reason] = []
    for code, w in sorted(contrib.items(), key=lambda kv: -kv[1]):
        if w <= 0:
            continue
        text = ""
        if code == "offer_need" and org.offers:
            hit = best_matching_phrase(idx.offers, feats.need_text, org.offers, 0.05)
            if hit:
                text = f"offers {hit[0]}, which you need"
        elif code in ("text", "seeker_sim"):
            mine = set(tokenize(feats.query_text if code == "text" else _profile(seeker)))
            theirs = set(tokenize(" ".join([org.name, org.description, *org.offers])))
            # The rarest shared words say most about why these two match.
            shared = sorted(mine & theirs, key=lambda t: (idx.text.word_df(t), -len(t), t))[:3]
            if shared:
                what = "matches your request" if code == "text" else "is similar to yours"
                text = f"profile {what} ({', '.join(shared)})"
        elif code == "same_nuts3" and org.region_names:
            text = f"also based in {org.region_names[0]}"
        elif code == "same_nuts2" and org.region_names:
            text = f"in your region {org.region_names[-1]}"
        elif code == "in_target":
            where = org.region_names[0] if org.region_names else org.nuts3_code or org.country
            text = f"located in {where}, one of your target regions"
        elif code == "copartner" and feats.seeker_row is not None:
            shared_p = hist.shared_projects(feats.seeker_row, row)
            names = [p.name or p.id for p in shared_p][:2]
            text = f"worked with you in {_and(names)}" if names else ""
        elif code == "two_hop" and feats.seeker_row is not None:
            text = _two_hop(idx, feats, row)
        elif code == "programme" and q.programme:
            prog = q.programme.casefold()
            n = sum(1 for p in org.past_projects if p.programme.casefold() == prog)
            text = f"has taken part in {n} {q.programme} project(s)"
        elif code == "objective" and q.objective:
            text = f"has project experience with objective {q.objective}"
        elif code == "policy" and q.objective:
            text = "has project experience under the same policy objective"
        elif code == "kind_pair" and seeker is not None and org.kind:
            text = f"{org.kind} partners often work with organisations like yours"
        elif code == "prog_kind" and org.kind and q.programme:
            text = f"{org.kind} organisations often join {q.programme} projects"
        elif code == "prog_region" and org.region_names and q.programme:
            text = f"organisations from {org.region_names[0]} often join {q.programme} projects"
        elif code == "nace" and feats.nace_depth is not None:
            text = _nace_reason(idx, q, seeker, org.nace_codes)
        elif code == "language":
            wanted = set(q.languages or (seeker.languages if seeker else ()))
            common = [LANGUAGES.get(x, x) for x in org.languages if x in wanted]
            text = f"speaks {_and(common)}" if common else ""
        elif code == "market":
            text = f"based in {COUNTRIES.get(org.country, org.country)}, your target market"
        elif code == "wants_us" and seeker is not None:
            text = f"looking for partners in {COUNTRIES.get(seeker.country, seeker.country)}"
        elif code == "cross_border":
            text = f"cross-border partner in {COUNTRIES.get(org.country, org.country)}"
        elif code in ("degree", "n_projects"):
            text = f"experienced: {len(org.past_projects)} earlier project(s)"
        elif code == "same_kind" and org.kind:
            text = f"also a {org.kind.lower()}"
        if text and all(r.text != text for r in out):
            out.append(Reason(code, text, round(w, 4)))
        if len(out) >= MAX_REASONS:
            break
    return out


def _profile(org: object) -> str:
    from .index import profile_text

    return profile_text(org) if org is not None else ""  # type: ignore[arg-type]


def _two_hop(idx: MatchIndex, feats: FeatureSet, row: int) -> str:
    hist = idx.history
    for partner in sorted(feats.direct, key=lambda r: -feats.direct[r]):
        shared = hist.shared_projects(partner, row)
        porg = idx.orgs[partner]
        if shared and porg is not None:
            return f"worked together with {porg.name} in project {shared[0].name or shared[0].id}"
    return ""


def _nace_reason(idx: MatchIndex, q: MatchQuery, seeker: object, codes: tuple[str, ...]) -> str:
    wanted = q.nace_codes or (getattr(seeker, "nace_codes", ()) if seeker else ())
    mine = {p for c in wanted for p in nace_prefixes(c)}
    best = max((p for c in codes for p in nace_prefixes(c) if p in mine), key=len, default="")
    return _nace_label(best) if best else ""


assert "offer_need" in FEATURES  # reasons above are keyed by feature names
