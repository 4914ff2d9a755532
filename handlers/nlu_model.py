"""The trained text model: TF-IDF features and logistic-regression weights, scored in plain Python.

The weights come from `flask nlu train` (bot/nlu/train.py, scikit-learn) and are kept in a compact
file: handlers/nlu_model.json.gz ships with the package; a municipality's retrained model is loaded
instead when the bot layer calls `use()`. Nothing here imports scikit-learn, numpy, Flask or a
database: scoring one message is one C-level gather of its features' rows of IDF-weighted coefficients
(Rows) and, per class, one C-level sum.

`features()` is the one definition of what the model sees, used by training and scoring alike.
"""
from __future__ import annotations

import base64
import gzip
import json
import math
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from pathlib import Path

SHIPPED = Path(__file__).with_name("nlu_model.json.gz")
CHAR_GRAMS = (2, 3)  # character n-grams of the text without spaces: robust to word-cutting mistakes
_lock = threading.Lock()
_current: Model | None = None
_path: Path = SHIPPED  # what current() loads when nothing is loaded yet
_loaded: tuple[Path, float] | None = None  # the file (and its time) _current came from


def features(cleaned: str, tokens: Iterable[str]) -> list[str]:
    """Words (marked "w") and character n-grams of a cleaned text (see keywords.clean)."""
    flat = cleaned.replace(" ", "")
    out = ["w" + w for w in tokens]
    for n in range(CHAR_GRAMS[0], CHAR_GRAMS[1] + 1):
        out += [flat[i:i + n] for i in range(len(flat) - n + 1)]
    return out


def counted(feats: Iterable[str]) -> tuple[Iterable[str], dict[str, int]]:
    """A text's features as (those seen once, {those seen more often: how often})."""
    counts = Counter(feats)
    repeated = {f: n for f, n in counts.items() if n > 1}
    return (counts if not repeated else [f for f, n in counts.items() if n == 1]), repeated


def _floats(values: Sequence[float]) -> str:
    return base64.b64encode(array("f", values).tobytes()).decode("ascii")


def _unfloats(text: str) -> array:
    values = array("f")
    values.frombytes(base64.b64decode(text))
    return values


@dataclass
class Linear:
    """A multinomial (or one-vs-rest) linear model over a TF-IDF vocabulary."""

    classes: list[str]
    vocabulary: dict[str, int]
    idf: array  # per feature
    coef: array  # feature-major: coef[feature * len(classes) + class]
    intercept: list[float]
    multinomial: bool = True

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        """P(class | text): sublinear TF x IDF, L2-normalised, then softmax (or sigmoids, normalised)."""
        return self.rows.read(*counted(feats))[0]

    @cached_property
    def rows(self) -> Rows:
        return Rows((self,))

    def to_json(self) -> dict:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {"classes": self.classes, "features": words, "idf": _floats(self.idf),
                "coef": _floats(self.coef), "intercept": list(self.intercept), "multinomial": self.multinomial}

    @classmethod
    def from_json(cls, raw: dict) -> Linear:
        return cls(classes=list(raw["classes"]), vocabulary={f: i for i, f in enumerate(raw["features"])},
                   idf=_unfloats(raw["idf"]), coef=_unfloats(raw["coef"]),
                   intercept=[float(v) for v in raw["intercept"]], multinomial=bool(raw.get("multinomial", True)))


class Rows:
    """One or more models' weights laid out feature by feature: a feature's row holds, per model, its
    IDF squared (its share of the L2 norm when seen once) and its IDF-weighted coefficient of each class,
    in doubles (exact: the product of two float32 values fits in a double). A message's features are
    then gathered row by row, one or two cache lines each, and each class's score is one C-level sum
    over a strided slice of the gathered rows. Laid out class by class, as before, every feature cost
    a cache miss per class, and a worker reads each message after other work has evicted the model
    from the caches: in a loop that evicts them between messages, 360-620 us per message against
    180-210 this way; in a burst the worker's CPU per question fell by about a fifth (README)."""

    def __init__(self, models: Sequence[Linear]):
        self.models = tuple(models)
        self.starts: list[int] = []  # where each model's part of a row starts
        width = 0
        for model in self.models:
            self.starts.append(width)
            width += 1 + len(model.classes)
        self.width = width
        index: dict[str, int] = {}
        for model in self.models:
            for feature in model.vocabulary:
                index.setdefault(feature, len(index))
        # The last row is zeros: gathered twice for every message, as itemgetter of one index gives a
        # value, not a tuple, and so that a message with no known feature still sums something.
        table = array("d", bytes(8 * width * (len(index) + 1)))
        for model, start in zip(self.models, self.starts, strict=True):
            k, idf, coef = len(model.classes), model.idf, model.coef
            for feature, j in model.vocabulary.items():
                at = index[feature] * width + start
                table[at] = idf[j] * idf[j]
                table[at + 1:at + 1 + k] = array("d", [idf[j] * coef[j * k + c] for c in range(k)])
        self.table = memoryview(table)
        bounds = list(range(0, width * (len(index) + 2), width))  # each int made once, shared by two slices
        self.row = {feature: slice(bounds[i], bounds[i + 1]) for feature, i in index.items()}
        self.zeros = slice(bounds[-2], bounds[-1])

    def read(self, once: Iterable[str], repeated: Mapping[str, int]) -> list[dict[str, float]]:
        """Each model's probabilities from a text's features seen once and those seen more often
        (with their counts): see counted."""
        zeros, row, width = self.zeros, self.row, self.width
        gathered = array("d")
        gathered.frombytes(b"".join(itemgetter(zeros, zeros, *filter(None, map(row.get, once)))(self.table)))
        table = self.table
        out = []
        for model, start in zip(self.models, self.starts, strict=True):
            vocabulary, idf = model.vocabulary, model.idf
            more = [(1.0 + math.log(n), j, row[f].start + start + 1)
                    for f, n in repeated.items() if (j := vocabulary.get(f)) is not None]
            norm = math.sqrt(sum(gathered[start::width]) + sum((tf * idf[j]) ** 2 for tf, j, _ in more)) or 1.0
            scores = [b + (sum(gathered[start + 1 + c::width]) + sum(tf * table[at + c] for tf, _, at in more)) / norm
                      for c, b in enumerate(model.intercept)]
            if model.multinomial:
                top = max(scores)
                exps = [math.exp(s - top) for s in scores]
            else:
                exps = [1.0 / (1.0 + math.exp(-s)) for s in scores]
            total = sum(exps)
            out.append({name: e / total for name, e in zip(model.classes, exps, strict=True)})
        return out


@dataclass
class Model:
    """What the bot reads a message with: an intent model, a category model and where they came from."""

    version: str
    intent: Linear
    category: Linear
    info: dict  # training figures and data, shown by `flask nlu classify --info`

    def read(self, feats: Iterable[str]) -> tuple[dict[str, float], dict[str, float]]:
        """(the intent probabilities, the category probabilities) of a text's features, counted once for both."""
        intents, categories = self.rows.read(*counted(feats))
        return intents, categories

    @cached_property
    def rows(self) -> Rows:
        return Rows((self.intent, self.category))

    def warm(self) -> Model:
        """Build what reading needs (the feature rows) now, not for the first citizen."""
        self.read(())
        return self

    def save(self, path: Path) -> None:
        raw = {"version": self.version, "info": self.info, "intent": self.intent.to_json(),
               "category": self.category.to_json()}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as f:
            json.dump(raw, f, ensure_ascii=False, separators=(",", ":"))
        tmp.replace(path)  # a worker reading the old file never sees half a new one

    @classmethod
    def load(cls, path: Path) -> Model:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            raw = json.load(f)
        return cls(version=str(raw["version"]), intent=Linear.from_json(raw["intent"]),
                   category=Linear.from_json(raw["category"]), info=dict(raw.get("info") or {}))


def use(model: Model | None = None, path: Path | None = None) -> None:
    """Read messages with this model from now on, or with the model in this file (loaded when first
    needed, so a command that reads no message never pays for it); neither: the shipped one."""
    global _current, _path, _loaded
    path = path or SHIPPED
    with _lock:
        if model is None and _current is not None and _loaded == _stamp(path):
            return  # the same file, unchanged: no need to read it again
        _current, _path, _loaded = model, path, None


def current() -> Model:
    """The model in use; its file is read on first use (a few tenths of a second)."""
    global _current, _loaded
    if _current is None:
        with _lock:
            if _current is None:
                _current, _loaded = Model.load(_path), _stamp(_path)
    return _current


def _stamp(path: Path) -> tuple[Path, float] | None:
    try:
        return path, path.stat().st_mtime
    except OSError:
        return None
