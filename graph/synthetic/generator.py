"""The generator: a seeded stream of regions and their articles, written as N-Quads."""

from __future__ import annotations

import random
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..vocab import ID
from .articles import Article
from .terms import CODAS, MAX_TRIPLES, MIDDLES, MIN_TRIPLES, ONSETS, SynthStats
from .world import Region, build_region

__all__ = ["Generator", "Writer", "generate", "write_nquads"]


class Writer:
    """Collects the quads of one synthetic article, then writes them."""

    def __init__(self, out: IO[str], stats: SynthStats, seed: int) -> None:
        self.out = out
        self.stats = stats
        self.seed = seed
        self.declared: set[str] = set()
        self.lines: list[str] = []

    def quad(self, s: str, p: str, o: str, g: str = "") -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n")

    def flush(self) -> None:
        self.out.writelines(self.lines)
        self.stats.quads += len(self.lines)
        self.lines = []


class Generator:
    """The random stream, the names drawn so far, and the writer of one ecosystem."""

    def __init__(self, out: IO[str], triples: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.target = triples
        self.stats = SynthStats()
        self.w = Writer(out, self.stats, seed)
        self.base = f"s{seed}"
        self.names: set[str] = set()

    # ------------------------------------------------------------------ names and IRIs

    def place_name(self) -> str:
        rng = self.rng
        for _ in range(50):
            name = rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(CODAS)
            if rng.random() < 0.3:
                name = rng.choice(ONSETS) + rng.choice(MIDDLES) + name.lower()
            if name not in self.names:
                self.names.add(name)
                return name
        return name

    def id(self, kind: str, *parts: object) -> str:
        return ID + kind + "/" + "-".join([self.base, *(str(p) for p in parts)])

    # ------------------------------------------------------------------ the world

    def region(self, index: int) -> Region:
        return build_region(self, index)

    # ------------------------------------------------------------------ one article

    def article(self, region: Region, number: int) -> None:
        Article(self, region, number).write()

    def run(self) -> SynthStats:
        index = 0
        while self.stats.quads < self.target:
            region = self.region(index)
            for number in range(1, self.rng.randint(8, 16) + 1):
                self.article(region, number)
                if self.stats.quads >= self.target:
                    break
            index += 1
        return self.stats


def write_nquads(out: IO[str], triples: int = 10_000, seed: int = 0) -> SynthStats:
    """Write a synthetic ecosystem of about ``triples`` quads (a little more) to a text stream.

    Parameters
    ----------
    out : text stream
        Where the N-Quads lines go.
    triples : int
        The size to reach; generation stops at the end of the article that reaches it.
    seed : int
        The seed of the generator: the same seed and size give the same output.
    """
    if not MIN_TRIPLES <= triples <= MAX_TRIPLES:
        raise InputError(
            f"--triples {triples}: choose a size from {MIN_TRIPLES:,} to {MAX_TRIPLES:,}"
        )
    return Generator(out, triples, seed).run()


def generate(path: str | Path, triples: int = 10_000, seed: int = 0) -> SynthStats:
    """Write a synthetic ecosystem to an N-Quads file (see :func:`write_nquads`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "eco.nq"
    >>> generate(path, triples=1000, seed=7).quads == len(path.read_text().splitlines())
    True
    """
    import os
    import tempfile

    path = Path(path)
    if path.suffix.lower() != ".nq":
        raise InputError(f"{path}: synthetic data are written as N-Quads; name the file *.nq")
    if isinstance(triples, bool) or not isinstance(triples, int) or not (
            MIN_TRIPLES <= triples <= MAX_TRIPLES):
        raise InputError(
            f"--triples {triples}: choose a size from {MIN_TRIPLES:,} to {MAX_TRIPLES:,}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the path of the .nq file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # write beside the target, then rename: the old file stays whole until the new one is
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            stats = write_nquads(out, triples, seed)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return stats


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
