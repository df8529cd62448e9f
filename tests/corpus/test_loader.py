"""Tests for storylens.corpus.loader: the seeds, the package exports, no downloads."""

from __future__ import annotations

import subprocess
import sys
import warnings

import storylens
from storylens.corpus import load_corpus

from .articles import SEEDS


def test_seed_files_match_their_checksums():
    import hashlib

    for line in (SEEDS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_package_exports():
    assert storylens.load_corpus is load_corpus
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(load_corpus(cache=False)) == 5


def test_works_with_no_nltk_data_on_the_machine(tmp_path):
    """Punkt, the word tokenizer and VADER run with an empty NLTK data path."""
    script = f"""
import nltk
nltk.data.path[:] = [{str(tmp_path)!r}]
for resource in ("tokenizers/punkt", "tokenizers/punkt_tab", "sentiment/vader_lexicon.zip"):
    try:
        nltk.data.find(resource)
        raise SystemExit("found NLTK data: " + resource)
    except LookupError:
        pass
import storylens
from storylens.nlp import vader
c = storylens.load_corpus(cache=False)
print(len(c.sentences), round(vader().polarity_scores("a horrible idea")["compound"], 4))
"""
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    n_sentences, compound = out.stdout.split()
    assert int(n_sentences) == len(load_corpus(cache=False).sentences)
    assert float(compound) < -0.4
