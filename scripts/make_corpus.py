"""Regenerate assets/corpus/: an excerpt of the Python standard library's source, split by file.

The `chars` task (lstm_viz/tasks/chars.py) reads it. The excerpt is every top-level module `*.py` of the
standard library of the interpreter that runs this script whose size is between MIN_BYTES and MAX_BYTES,
except the generated `_sysconfigdata*` modules and `this.py` (rot13 text), in sorted order. Whole files go
to one split each, by their position in that order: every tenth file from the fourth on to `test`, every
tenth from the eighth on to `validation`, the rest to `train`; so no test file is ever seen in training.
Each split is its files' text joined in order; every file ends with a newline.

    .venv/bin/python scripts/make_corpus.py [--source /path/to/lib/python3.11]

writes train.txt, validation.txt, test.txt, FILES.md (which file went where), LICENSE-PSF.txt (the
licence of the source, copied from the same install) and README.md.
"""

from __future__ import annotations

import argparse
import platform
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "assets" / "corpus"
MIN_BYTES, MAX_BYTES = 2000, 35_000
SPLIT_OF_REMAINDER = {3: "test", 7: "validation"}  # position % 10 -> split; any other -> train
SPLITS = ("train", "validation", "test")

README = """# The text corpus of the `chars` task

An excerpt of the source code of the Python standard library (CPython {version}): {count} whole modules,
{size:,} characters, chosen and split by `scripts/make_corpus.py` (rules in its docstring). The split is by
file, so the test and validation files are never seen in training; `FILES.md` lists which file went where.

| split | files | characters |
| --- | --- | --- |
{rows}

The source is copyright the Python Software Foundation and is used under the PSF licence, whose full text
(as shipped with the same CPython) is in `LICENSE-PSF.txt`. The files are unchanged.
"""


def chosen_files(source: Path) -> list[Path]:
    return [
        path
        for path in sorted(source.glob("*.py"))
        if MIN_BYTES <= path.stat().st_size <= MAX_BYTES
        and not path.name.startswith("_sysconfigdata")
        and path.name != "this.py"
    ]


def split_of(position: int) -> str:
    return SPLIT_OF_REMAINDER.get(position % 10, "train")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(sysconfig.get_paths()["stdlib"]))
    args = parser.parse_args()
    files = chosen_files(args.source)
    texts = {split: [] for split in SPLITS}
    listing = {split: [] for split in SPLITS}
    for position, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        text = text if text.endswith("\n") else text + "\n"
        split = split_of(position)
        texts[split].append(text)
        listing[split].append(f"- `{path.name}` ({len(text):,} characters)")
    TARGET.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        (TARGET / f"{split}.txt").write_text("".join(texts[split]), encoding="utf-8", newline="\n")
    sections = [f"## {split}\n\n" + "\n".join(listing[split]) for split in SPLITS]
    (TARGET / "FILES.md").write_text("# Which file went where\n\n" + "\n\n".join(sections) + "\n")
    licence = args.source / "LICENSE.txt"
    (TARGET / "LICENSE-PSF.txt").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")
    sizes = {split: sum(len(text) for text in texts[split]) for split in SPLITS}
    rows = "\n".join(f"| {split} | {len(texts[split])} | {sizes[split]:,} |" for split in SPLITS)
    (TARGET / "README.md").write_text(
        README.format(
            version=platform.python_version(), count=len(files), size=sum(sizes.values()), rows=rows
        )
    )
    print(f"{len(files)} files, {sizes} characters -> {TARGET}")


if __name__ == "__main__":
    main()
