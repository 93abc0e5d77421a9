"""A viewpoint in words: the crib sheet Q researchers read a factor with, and a paragraph from it.

The crib sheet (Watts & Stenner 2012, as Ken-Q Analysis computes it) has four lists per factor,
each in the order of the factor's z-scores, highest first:

1. **highest**: the statements in the model sort's top column (as many as that column holds);
2. **higher**: of the rest, those placed at 0 or above and at least as high as in every other
   factor's model sort;
3. **lower**: of the rest, those placed at 0 or below and at least as low as in every other one;
4. **lowest**: the statements in the model sort's bottom column.

Each entry carries the statement's column in this and in the other model sorts, and a mark:
``D`` when it distinguishes this factor from every other one at p < .05 (``D*`` at p < .01), ``C``
when no pair of factors differs on it at p < .05 (a consensus statement, R qmethod's label). Ken-Q
takes as many highest statements as the *bottom* column holds and as many lowest as the top one;
for the symmetric grids Q uses the counts are equal, and here each end takes its own column's count.

:func:`paragraph` turns a crib sheet into a few sentences from a written template (no network,
no model): what the viewpoint puts first, what it ranks higher and lower than the others, what
it puts last. The facilitator may rewrite it; the words are only a start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from review.analysis.qmethod import QAnalysis
from review.content.text import listed
from review.i18n import t

DISTINGUISHING, DISTINGUISHING_01, CONSENSUS = "D", "D*", "C"
SAY_ENDS = 2  # statements the paragraph quotes from the top and from the bottom
SAY_APART = 2  # statements it quotes from "higher" and from "lower" than the others


@dataclass(frozen=True)
class CribItem:
    statement_id: int
    position: int  # the column in this viewpoint's model sort
    others: tuple[int, ...]  # the columns in the other viewpoints' model sorts, in their order
    mark: str  # "D", "D*", "C" or ""


@dataclass(frozen=True)
class CribSheet:
    factor: str  # "f1", "f2", ...
    others: tuple[str, ...]  # the other defined factors, the order of each item's ``others``
    highest: tuple[CribItem, ...]
    higher: tuple[CribItem, ...]
    lower: tuple[CribItem, ...]
    lowest: tuple[CribItem, ...]

    @property
    def number(self) -> int:
        return int(self.factor[1:])


LISTS = ("highest", "higher", "lower", "lowest")  # a crib sheet's lists, in reading order


def crib_sheet(zscores: pd.DataFrame, arrays: pd.DataFrame, marks: pd.DataFrame, factor: str) -> CribSheet:
    """The crib sheet of ``factor`` from the defined factors' tables (statements x factors, the same
    index): z-scores, model sorts (whole columns) and marks (:func:`marks`). Ties in z-score keep the
    statements' order."""
    others = tuple(f for f in zscores.columns if f != factor)
    order = zscores[factor].sort_values(ascending=False, kind="stable").index
    column = arrays[factor]
    top, bottom = column.max(), column.min()
    n_top, n_bottom = int((column == top).sum()), int((column == bottom).sum())

    def item(s: object) -> CribItem:
        return CribItem(_id(s), int(column[s]), tuple(int(arrays.at[s, f]) for f in others), str(marks.at[s, factor]))

    highest, lowest = list(order[:n_top]), list(order[len(order) - n_bottom :])
    rest = [s for s in order if s not in set(highest) | set(lowest)]
    high = arrays.loc[rest].max(axis=1)
    low = arrays.loc[rest].min(axis=1)
    higher = [s for s in rest if others and column[s] >= 0 and column[s] == high[s]]
    lower = [s for s in rest if others and column[s] <= 0 and column[s] == low[s]]
    return CribSheet(
        factor,
        others,
        *(tuple(item(s) for s in ids) for ids in (highest, higher, lower, lowest)),
    )


def _id(statement: object) -> int:
    """Statement ids are whole numbers here; R's tables name them "sta_1" or "s1"."""
    return int(re.search(r"\d+$", str(statement)).group())


def marks(table: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    """Statements x ``factors`` from R qmethod's ``qdc`` table (its ``sig_fa_fb`` columns), reading
    only the pairs among ``factors``: "D" / "D*" where the statement sets the factor apart from every
    other one (p < .05 / p < .01 in each pair), "C" where no pair differs on it (p < .05: with every
    defined factor, R's "Consensus"), else ""."""
    out = pd.DataFrame("", index=table.index, columns=factors, dtype=object)
    among = [c for c in table.columns if c.startswith("sig_") and set(c[4:].split("_")) <= set(factors)]
    stars = table[among].fillna("")  # R's tables read from CSV hold NaN for ""
    for f in factors:
        pairs = [c for c in among if f in c[4:].split("_")]
        if pairs:
            out.loc[stars[pairs].ne("").all(axis=1), f] = DISTINGUISHING
            out.loc[stars[pairs].isin(["**", "***", "6*"]).all(axis=1), f] = DISTINGUISHING_01
    if among:
        out.loc[stars.eq("").all(axis=1)] = CONSENSUS
    return out


def defined_factors(result: QAnalysis) -> list[str]:
    """Factors with finite z-scores: the ones sorts define (the others have no model sort)."""
    return [f for f in result.zscores.columns if np.isfinite(result.zscores[f].to_numpy(dtype=float)).all()]


def crib_sheets(result: QAnalysis, factors: list[str] | None = None) -> dict[str, CribSheet]:
    """The crib sheet of every defined factor (or of ``factors``), by factor name, each compared with
    the others of them only: the room's sheets leave out a viewpoint it is not shown, so no list,
    column or mark says anything about a viewpoint resting on too few sorts."""
    factors = [f for f in defined_factors(result) if factors is None or f in factors]
    if not factors:
        return {}
    z = result.zscores[factors]
    arrays = result.factor_arrays[factors].astype(int)
    table = marks(result.distinguishing, factors)
    return {f: crib_sheet(z, arrays, table, f) for f in factors}


# -- the paragraph -----------------------------------------------------------------------------------------------


def _apart_first(items: tuple[CribItem, ...], higher: bool) -> list[CribItem]:
    """The items worth saying: never a consensus statement; those that distinguish the viewpoint
    first, then those strictly beyond every other viewpoint, then ties; each group in z order
    (from the end: the lowest first for ``higher=False``)."""
    ordered = list(items) if higher else list(reversed(items))
    said = [i for i in ordered if i.mark != CONSENSUS]
    return sorted(said, key=lambda i: (i.mark not in (DISTINGUISHING, DISTINGUISHING_01), i.position in i.others))[
        :SAY_APART
    ]


def paragraph(sheet: CribSheet, texts: dict[int, str], lang: str) -> str:
    """A few sentences from the crib sheet, in ``lang``: first, higher and lower than the others, last."""
    first = [texts[i.statement_id] for i in sheet.highest[:SAY_ENDS]]
    last = [texts[i.statement_id] for i in reversed(sheet.lowest[-SAY_ENDS:])]
    higher = [texts[i.statement_id] for i in _apart_first(sheet.higher, higher=True)]
    lower = [texts[i.statement_id] for i in _apart_first(sheet.lower, higher=False)]
    sentences = [t("crib.first", lang, what=listed(first, lang))]
    if higher and lower:
        sentences.append(t("crib.apart", lang, higher=listed(higher, lang), lower=listed(lower, lang)))
    elif higher:
        sentences.append(t("crib.apart_higher", lang, higher=listed(higher, lang)))
    elif lower:
        sentences.append(t("crib.apart_lower", lang, lower=listed(lower, lang)))
    sentences.append(t("crib.last", lang, what=listed(last, lang)))
    return " ".join(sentences)
