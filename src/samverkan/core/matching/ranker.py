"""Linear scoring with learned weights (see learn.py for how they are fitted).

A linear model is used on purpose: each feature's contribution w_i * x_i is the score's
explanation, which is what the reasons shown to users are built from, and it scores 100,000
rows with one matrix-vector product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from .features import FEATURES

WEIGHTS_FILE = "weights.json"

# Signals the Interreg training data cannot teach: in it every organisation is Swedish and
# profiles carry no NACE codes, languages or target markets, so these columns are constant
# there and a fitted weight would be 0. The product needs them, so they get modest
# hand-set priors (documented in docs/matching.md) until feedback data exists to learn them.
PRIORS: dict[str, float] = {
    "nace": 1.0,
    "language": 0.5,
    "market": 1.0,
    "wants_us": 0.5,
    "cross_border": 0.3,
}


@dataclass
class Ranker:
    weights: dict[str, float]
    bias: float = 0.0
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        w = {**PRIORS, **{k: v for k, v in self.weights.items() if k in FEATURES}}
        self.vector = np.array([w.get(f, 0.0) for f in FEATURES], dtype=np.float32)

    def score(self, X: np.ndarray) -> np.ndarray:
        return (X @ self.vector + self.bias).astype(np.float64)

    def contributions(self, x: np.ndarray) -> dict[str, float]:
        return {f: float(x[i] * self.vector[i]) for i, f in enumerate(FEATURES) if x[i]}

    # -- persistence ----------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "weights": self.weights,
                "bias": self.bias,
                "meta": self.meta,
            },
            indent=1,
            ensure_ascii=False,
            sort_keys=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Ranker:
        d = json.loads(text)
        return cls(
            {k: float(v) for k, v in d["weights"].items()},
            float(d.get("bias", 0.0)),
            d.get("meta", {}),
        )

    @classmethod
    def load(cls, path: str | Path) -> Ranker:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    @classmethod
    def default(cls) -> Ranker:
        """The weights shipped in the package (learned offline by benchmarks/matching/train.py).

        Falls back to uniform small weights if the file is missing so the engine still runs.
        """
        try:
            text = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text("utf-8")
        except (FileNotFoundError, OSError):
            return cls({f: 1.0 for f in FEATURES}, 0.0, {"source": "fallback: no weight file"})
        return cls.from_json(text)
