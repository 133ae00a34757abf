"""Multilingual text similarity: hashed word + character 4-gram TF-IDF, updatable in place.

Why character n-grams: the catalogue mixes Swedish, Finnish, Estonian, Latvian and English,
and the first three compound and inflect heavily ("fiberoptiska", "valokuitu-anturit").
Sub-word 4-grams match stems and compound parts across inflections and across close
spellings of international words ("sensor", "sensorer", "sensorid", "sensori") without a
stemmer or a model per language. Whole words are kept as features too, so exact terms still
outweigh accidental shared fragments.

Why hashing: features go to a fixed 2**20 space, so adding a profile never changes the
vocabulary and the index can be updated one profile at a time. Analysis is done once per
distinct word (cached), and documents are combined with one sparse product, which is what
makes 100,000 profiles index in seconds rather than minutes.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

N_FEATURES = 1 << 20
NGRAM = 4
# Words of two or more characters starting with a letter: one-letter tokens and numbers
# ("2021", "27") carry no meaning here. A plain pattern without look-arounds, because
# tokenising is the largest part of indexing 100,000 profiles.
TOKEN_RE = re.compile(r"[^\W\d_]\w+", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Casefolded word tokens (see TOKEN_RE)."""
    return TOKEN_RE.findall(text.casefold())


def _h(s: str) -> int:
    # crc32 rather than hash(): stable across processes, so results are reproducible.
    return zlib.crc32(s.encode("utf-8")) & (N_FEATURES - 1)


class _WordFeatures:
    """Cache word -> (feature ids, counts); words repeat a lot, analysis is per distinct word."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.rows: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self._matrix: sp.csr_matrix | None = None

    def word_id(self, w: str) -> int:
        i = self.ids.get(w)
        if i is None:
            i = len(self.ids)
            self.ids[w] = i
            padded = f" {w} "
            grams = Counter(_h(padded[j : j + NGRAM]) for j in range(len(padded) - NGRAM + 1))
            grams[_h("w:" + w)] += 2  # the whole word counts like two fragments
            self.rows.append(np.fromiter(grams.keys(), dtype=np.int32, count=len(grams)))
            self.vals.append(np.fromiter(grams.values(), dtype=np.float32, count=len(grams)))
            self._matrix = None
        return i

    def matrix(self) -> sp.csr_matrix:
        if self._matrix is None:
            n = len(self.rows)
            indptr = np.zeros(n + 1, dtype=np.int64)
            if n:
                indptr[1:] = np.cumsum([len(r) for r in self.rows])
                indices = np.concatenate(self.rows)
                data = np.concatenate(self.vals)
            else:
                indices = np.zeros(0, dtype=np.int32)
                data = np.zeros(0, dtype=np.float32)
            self._matrix = sp.csr_matrix((data, indices, indptr), shape=(n, N_FEATURES))
        return self._matrix


class TextIndex:
    """Cosine similarity of a query text against one text per row, rows updatable in place.

    Rows are integer positions chosen by the caller (the match index). Document vectors use
    sublinear tf and the idf known when they were (re)indexed; the query side always uses the
    current idf. Updated rows live in a small pending block until `compact()` folds them in.
    """

    def __init__(self, compact_every: int = 4096, max_features: int | None = 128) -> None:
        self.words = _WordFeatures()
        self.df = np.zeros(N_FEATURES, dtype=np.int32)
        self.n_docs = 0
        self.n_rows = 0
        self._main = sp.csc_matrix((0, N_FEATURES), dtype=np.float32)  # rows x features
        self._stale = np.zeros(0, dtype=bool)  # rows whose main vector is outdated
        self._pending: dict[int, sp.csr_matrix] = {}
        self._pending_block: tuple[np.ndarray, sp.csr_matrix] | None = None
        self._vectors_df: dict[int, np.ndarray] = {}  # row -> feature ids counted in df
        self.compact_every = compact_every
        # Stored profile vectors keep only their strongest features (norm computed before
        # pruning, so scores stay cosines of the full query with the core of the profile):
        # it bounds memory and query time at 100,000 profiles whatever their length.
        self.max_features = max_features

    # -- analysis -------------------------------------------------------------------------
    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Raw feature counts (docs x features) via docs x words @ words x features."""
        if len(texts) <= 8:
            return self._counts_small(texts)
        # Bulk path: tokens -> word ids with C-level dict lookups, then one sparse product.
        vocab = self.words.ids
        lookup = vocab.get
        flat: list[int] = []
        lens = np.zeros(len(texts), dtype=np.int64)
        for i, text in enumerate(texts):
            toks = TOKEN_RE.findall(text.casefold())
            ids = list(map(lookup, toks))
            if None in ids:
                ids = [self.words.word_id(t) for t in toks]
            flat.extend(ids)
            lens[i] = len(ids)
        wm = self.words.matrix()
        doc = np.repeat(np.arange(len(texts), dtype=np.int32), lens)
        dw = sp.csr_matrix(
            (np.ones(len(flat), dtype=np.float32), (doc, np.asarray(flat, dtype=np.int32))),
            shape=(len(texts), wm.shape[0]),
        )
        out = (dw @ wm).tocsr()
        out.sum_duplicates()
        return out

    def _counts_small(self, texts: Sequence[str]) -> sp.csr_matrix:
        # A sparse product would allocate a 2**20 work array per call; for a query or a
        # single profile, summing the cached per-word arrays is ~100x cheaper.
        indptr = [0]
        all_idx: list[np.ndarray] = []
        all_val: list[np.ndarray] = []
        for text in texts:
            c = Counter(self.words.word_id(w) for w in tokenize(text))
            if c:
                ids = np.concatenate([self.words.rows[w] for w in c])
                vals = np.concatenate([self.words.vals[w] * n for w, n in c.items()])
                uniq, inv = np.unique(ids, return_inverse=True)
                all_idx.append(uniq.astype(np.int32))
                all_val.append(np.bincount(inv, weights=vals).astype(np.float32))
            indptr.append(indptr[-1] + (len(all_idx[-1]) if c else 0))
        indices = np.concatenate(all_idx) if all_idx else np.zeros(0, dtype=np.int32)
        data = np.concatenate(all_val) if all_val else np.zeros(0, dtype=np.float32)
        return sp.csr_matrix((data, indices, indptr), shape=(len(texts), N_FEATURES))

    def _idf(self, features: np.ndarray) -> np.ndarray:
        """Current idf of the given feature ids (only those: the full table is 2**20 long)."""
        if len(features) > N_FEATURES:  # bulk: one log per feature, not per posting
            table = np.log((1.0 + self.n_docs) / (1.0 + self.df)).astype(np.float32) + 1.0
            return table[features]
        df = self.df[features]
        return np.log((1.0 + self.n_docs) / (1.0 + df)).astype(np.float32) + 1.0

    def _weigh(self, counts: sp.csr_matrix, prune: bool = False) -> sp.csr_matrix:
        m = counts.astype(np.float32, copy=True)
        m.data = (1.0 + np.log(m.data)) * self._idf(m.indices)
        _scale_rows(m, m.multiply(m).sum(axis=1))
        if prune and self.max_features:
            m = _keep_top(m, self.max_features)
        return m

    # -- building and updating --------------------------------------------------------------
    def build(self, texts: Sequence[str]) -> None:
        """Index rows 0..len(texts)-1 from scratch (the fast bulk path)."""
        counts = self._counts(texts)
        self.df = np.bincount(counts.indices, minlength=N_FEATURES).astype(np.int32)
        self.n_docs = len(texts)
        self.n_rows = len(texts)
        self._main = self._weigh(counts, prune=True).tocsc()
        self._stale = np.zeros(self.n_rows, dtype=bool)
        self._pending.clear()
        self._pending_block = None
        self._vectors_df = {
            i: counts.indices[counts.indptr[i] : counts.indptr[i + 1]].copy()
            for i in range(self.n_rows)
        }

    def set(self, row: int, text: str | None) -> None:
        """Replace (or with None remove) the text of one row; other rows are untouched."""
        if row >= self.n_rows:
            self.n_rows = row + 1
            self._stale = np.concatenate([self._stale, np.zeros(row + 1 - len(self._stale), bool)])
        old = self._vectors_df.pop(row, None)
        if old is not None:
            self.df[old] -= 1
            self.n_docs -= 1
        if row < self._main.shape[0]:
            self._stale[row] = True
        if text is None:
            self._pending.pop(row, None)
        else:
            counts = self._counts([text])
            self.df[counts.indices] += 1
            self.n_docs += 1
            self._vectors_df[row] = counts.indices.copy()
            self._pending[row] = self._weigh(counts, prune=True)
        self._pending_block = None
        if len(self._pending) >= self.compact_every:
            self.compact()

    def compact(self) -> None:
        """Fold pending rows into the main matrix (O(total size); done every few thousand edits)."""
        main = self._main.tocsr()
        main.resize((self.n_rows, N_FEATURES))
        stale = np.flatnonzero(self._stale)
        starts, ends = main.indptr[stale], main.indptr[np.minimum(stale + 1, self.n_rows)]
        for a, b in zip(starts, ends, strict=True):
            main.data[a:b] = 0.0
        if self._pending:
            rows = np.fromiter(self._pending.keys(), dtype=np.int64)
            block = sp.vstack(list(self._pending.values())).tocoo()
            add = sp.csr_matrix(
                (block.data, (rows[block.row], block.col)), shape=(self.n_rows, N_FEATURES)
            )
            main = main + add
        main.eliminate_zeros()
        self._main = sp.csc_matrix(main, dtype=np.float32)
        self._stale = np.zeros(self.n_rows, dtype=bool)
        self._pending.clear()
        self._pending_block = None

    # -- querying ---------------------------------------------------------------------------
    def query_vector(self, text: str) -> sp.csr_matrix:
        return self._weigh(self._counts([text]))

    def scores(self, text: str | sp.csr_matrix, n_rows: int | None = None) -> np.ndarray:
        """Cosine similarity of `text` with every row (0 for empty/removed rows)."""
        q = self.query_vector(text) if isinstance(text, str) else text
        n = self.n_rows if n_rows is None else n_rows
        out = np.zeros(n, dtype=np.float32)
        if q.nnz == 0:
            return out
        # Only the columns (features) present in the query are touched: inverted-index cost.
        cols = q.indices
        m = min(n, self._main.shape[0])
        out[:m] = _gather_dot(self._main, cols, q.data, m)
        if self._stale.any():
            stale = np.flatnonzero(self._stale[:n])
            out[stale] = 0.0
        if self._pending:
            if self._pending_block is None:
                rows = np.fromiter(self._pending.keys(), dtype=np.int64)
                self._pending_block = (rows, sp.vstack(list(self._pending.values())).tocsr())
            rows, block = self._pending_block
            ok = rows < n
            pend = np.asarray(block[:, cols] @ q.data).ravel()
            out[rows[ok]] = pend[ok]
        return out

    def word_df(self, word: str) -> int:
        """In how many indexed texts a whole word occurs (rare words make better reasons)."""
        return int(self.df[_h("w:" + word.casefold())])

    def pair_similarity(self, a: str, b: str) -> float:
        """Cosine of two free texts under the current idf (used to pick reasons)."""
        va, vb = self.query_vector(a), self.query_vector(b)
        return float(va.multiply(vb).sum())


def _gather_dot(csc: sp.csc_matrix, cols: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """sum_j weights[j] * csc[:, cols[j]], reading only those columns' posting lists."""
    indptr = csc.indptr
    starts = indptr[cols].astype(np.int64)
    lens = indptr[cols + 1].astype(np.int64) - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(n, dtype=np.float32)
    if total * 8 > csc.nnz and csc.nnz > csc.shape[1]:
        # Common n-grams: reading everything once (matvec) beats copying most postings.
        x = np.zeros(csc.shape[1], dtype=np.float32)
        x[cols] = weights
        return np.asarray(csc @ x, dtype=np.float32)[:n]
    # Positions of every posting of every query feature, without a Python loop.
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
    pos = np.arange(total, dtype=np.int64) + offsets
    w = csc.data[pos] * np.repeat(weights.astype(np.float32), lens)
    return np.bincount(csc.indices[pos], weights=w, minlength=n)[:n].astype(np.float32)


def _keep_top(m: sp.csr_matrix, top: int) -> sp.csr_matrix:
    """Keep the `top` largest entries of each CSR row."""
    lens = np.diff(m.indptr)
    if not len(lens) or lens.max() <= top:
        return m
    keep = np.ones(m.nnz, dtype=bool)
    for r in np.flatnonzero(lens > top):
        a, b = m.indptr[r], m.indptr[r + 1]
        drop = np.argpartition(m.data[a:b], b - a - top)[: b - a - top]
        keep[a + drop] = False
    rows = np.repeat(np.arange(m.shape[0]), lens)[keep]
    return sp.csr_matrix((m.data[keep], (rows, m.indices[keep])), shape=m.shape)


def _scale_rows(m: sp.csr_matrix, sq_norms: np.ndarray) -> None:
    """L2-normalise CSR rows in place (a diagonal product would allocate per call)."""
    norms = np.sqrt(np.asarray(sq_norms, dtype=np.float64).ravel())
    norms[norms == 0] = 1.0
    m.data *= np.repeat(1.0 / norms, np.diff(m.indptr)).astype(np.float32)


def best_matching_phrase(
    index: TextIndex, query: str, phrases: Iterable[str], min_sim: float = 0.12
) -> tuple[str, float] | None:
    """The phrase (e.g. one of a candidate's offers) closest to the query, if close enough."""
    best: tuple[str, float] | None = None
    for p in phrases:
        s = index.pair_similarity(query, p)
        if s >= min_sim and (best is None or s > best[1]):
            best = (p, s)
    return best


def idf_log(n: int, df: int) -> float:
    """Smoothed idf, exposed for callers that weigh categorical overlaps the same way."""
    return math.log((1.0 + n) / (1.0 + df)) + 1.0
