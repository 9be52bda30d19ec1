"""Score the quote extractor against the hand-annotated articles in eval/.

Each eval/articles/NAME.txt has eval/annotations/NAME.json: a list of
{text, start, end, kind, speaker} with offsets into the file's text. The name's
prefix is its split: seed_ (the seed articles), written_ (articles written to
cover every construct, used while tuning) and heldout_ (written after tuning
and never tuned on; for extractor 1.2, heldout_05-13 were written first and
scored before any change, and heldout_01-03's known misses were worked on).
Prints exact-span and overlapping-span precision, recall and F1 and
speaker-attribution accuracy on matched quotes, for quotations (direct and
partial) and for reported speech (indirect). Run `make eval`, or name articles
to score only those: `python eval/evaluate.py -v heldout_05 heldout_07`.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from claims.extraction.article import parse_article  # noqa: E402
from claims.extraction.names import name_key, strip_accents  # noqa: E402
from claims.extraction.quotes import extract  # noqa: E402

SPLITS = {"seed": "seeds", "written": "written", "heldout": "held-out"}
QUOTATIONS = {"direct", "partial"}


def same_source(a, b):
    """True when two speaker names name one source (spellings of a person, or an org)."""
    if a is None or b is None:
        return a is b
    if name_key(a) and name_key(a) == name_key(b):
        return True
    fold = [re.sub(r"^the\s+|['’]s?\b", "", strip_accents(x).lower()).strip() for x in (a, b)]
    return fold[0] == fold[1]


def _match(gold, found, overlapping):
    """Pairs (gold, found), one to one, by exact span or by any overlap."""
    pairs, used = [], set()
    for g in gold:
        best = None
        for i, f in enumerate(found):
            if i in used:
                continue
            if overlapping:
                shared = min(g["end"], f["end"]) - max(g["start"], f["start"])
                if shared > 0 and (best is None or shared > best[0]):
                    best = (shared, i)
            elif (g["start"], g["end"]) == (f["start"], f["end"]):
                best = (1, i)
                break
        if best:
            used.add(best[1])
            pairs.append((g, found[best[1]]))
    return pairs


class Score:
    def __init__(self):
        self.gold = self.found = self.exact = self.overlap = self.attributed = 0
        self.misses = []

    def add(self, gold, found, name):
        self.gold += len(gold)
        self.found += len(found)
        self.exact += len(_match(gold, found, overlapping=False))
        pairs = _match(gold, found, overlapping=True)
        self.overlap += len(pairs)
        for g, f in pairs:
            if same_source(g["speaker"], f["speaker"]):
                self.attributed += 1
            else:
                self.misses.append(
                    f"{name}: speaker {f['speaker']!r}, expected {g['speaker']!r}: "
                    f"{g['text'][:60]!r}"
                )
        matched_gold = {id(g) for g, _ in pairs}
        matched_found = {id(f) for _, f in pairs}
        self.misses += [
            f"{name}: missed {g['text'][:70]!r}" for g in gold if id(g) not in matched_gold
        ]
        self.misses += [
            f"{name}: spurious {f['text'][:70]!r}" for f in found if id(f) not in matched_found
        ]

    @staticmethod
    def prf(hits, found, gold):
        p = hits / found if found else 1.0
        r = hits / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self, label):
        ep, er, ef = self.prf(self.exact, self.found, self.gold)
        op, orr, of = self.prf(self.overlap, self.found, self.gold)
        acc = self.attributed / self.overlap if self.overlap else 1.0
        return (
            f"{label:<22}{self.gold:>5}{self.found:>6}  {ep:5.3f} {er:5.3f} {ef:5.3f}  "
            f"{op:5.3f} {orr:5.3f} {of:5.3f}  {acc:6.3f}"
        )


def extract_file(path):
    content = path.read_text(encoding="utf-8-sig")
    parsed = parse_article(content)
    found = extract(content, regions=parsed.body_regions, indirect=True)
    for f in found:
        assert content[f.start : f.end] == f.text, (path, f.text)
    return [f.as_dict() for f in found], content


def evaluate(directory, verbose=False, only=()):
    """Print the score table for the articles in `directory` (those whose names start with one
    of `only`, if given) and, when `verbose`, every error."""
    scores = {}
    for path in sorted((directory / "articles").glob("*.txt")):
        if only and not path.stem.startswith(tuple(only)):
            continue
        split = SPLITS.get(path.stem.split("_")[0], "other")
        gold_all = json.loads((directory / "annotations" / f"{path.stem}.json").read_text())
        found_all, content = extract_file(path)
        for g in gold_all:
            assert content[g["start"] : g["end"]] == g["text"], (path.name, g["text"])
        for group, kinds in (("quotations", QUOTATIONS), ("indirect", {"indirect"})):
            gold = [g for g in gold_all if g["kind"] in kinds]
            found = [f for f in found_all if f["kind"] in kinds]
            for key in ((split, group), ("overall", group)):
                scores.setdefault(key, Score()).add(gold, found, path.stem)
    header = (
        f"{'split / kind':<22}{'gold':>5}{'found':>6}  {'exact P  R     F1':<18} "
        f"{'overlap P R    F1':<18} {'attrib':>6}"
    )
    print(header)
    print("-" * len(header))
    for split in [*SPLITS.values(), "overall"]:
        for group in ("quotations", "indirect"):
            if (split, group) in scores:
                print(scores[(split, group)].row(f"{split} {group}"))
    if verbose:
        for (split, group), score in sorted(scores.items()):
            if split != "overall":
                for miss in score.misses:
                    print(f"  [{split} {group}] {miss}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="List every error.")
    parser.add_argument(
        "only", nargs="*", help="Score only articles whose names start with these (heldout_1)."
    )
    args = parser.parse_args()
    evaluate(ROOT, verbose=args.verbose, only=args.only)


if __name__ == "__main__":
    main()
