"""The trained text model: TF-IDF features and logistic-regression weights, scored in plain Python.

The weights come from `flask nlu train` (bot/nlu/train.py, scikit-learn) and are kept in a compact
file: handlers/nlu_model.json.gz ships with the package; a municipality's retrained model is loaded
instead when the bot layer calls `use()`. Nothing here imports scikit-learn, numpy, Flask or a
database: scoring one message is a few hundred multiplications over the features it contains.

`features()` is the one definition of what the model sees, used by training and scoring alike.
"""
from __future__ import annotations

import base64
import gzip
import json
import math
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
        counts: dict[int, int] = {}
        for f in feats:
            i = self.vocabulary.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        weights = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        k = len(self.classes)
        scores = list(self.intercept)
        for i, w in weights.items():
            w /= norm
            row = i * k
            for c in range(k):
                scores[c] += w * self.coef[row + c]
        if self.multinomial:
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
        else:
            exps = [1.0 / (1.0 + math.exp(-s)) for s in scores]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps)}

    def to_json(self) -> dict:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {"classes": self.classes, "features": words, "idf": _floats(self.idf),
                "coef": _floats(self.coef), "intercept": list(self.intercept), "multinomial": self.multinomial}

    @classmethod
    def from_json(cls, raw: dict) -> Linear:
        return cls(classes=list(raw["classes"]), vocabulary={f: i for i, f in enumerate(raw["features"])},
                   idf=_unfloats(raw["idf"]), coef=_unfloats(raw["coef"]),
                   intercept=[float(v) for v in raw["intercept"]], multinomial=bool(raw.get("multinomial", True)))


@dataclass
class Model:
    """What the bot reads a message with: an intent model, a category model and where they came from."""

    version: str
    intent: Linear
    category: Linear
    info: dict  # training figures and data, shown by `flask nlu classify --info`

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
