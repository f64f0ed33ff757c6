#!/usr/bin/python3
"""Detectability: how well a classifier tells a person's real posts from other posts.

usage: /usr/bin/python3 scripts/detect.py REAL OTHER [OTHER...] [--max N] [--shuffles S] [--folds K]

REAL and each OTHER are posts files: one post per line, or JSON Lines with a "text" field
(as `tweeter fetch` and `tweeter import` write them). For each OTHER the script takes the same
number of posts from both files (the fewer of the two counts, at most N, default 300: a
seeded sample of a file that holds more, so that it spans the whole file), and cross-validates a logistic regression over character 1-5-grams and word 1-2-grams
(TF-IDF, fitted on each fold's training part) plus the post's length: stratified K-fold
(default 5), repeated over S shuffles (default 3). It prints one JSON object per OTHER, one a
line: {"other": path, "posts": n, "accuracy": mean, "accuracy_sd": sd, "auc": mean ROC AUC}.
An accuracy (and AUC) near 0.5 means the classifier cannot tell them apart; 1.0 means every
post gives itself away. Two samples of the same person's real posts give the floor.

Needs scikit-learn: Debian's python3-sklearn, run by /usr/bin/python3 (scripts/deps.sh
installs it). Example, judging a decoding variant against held-out posts:

    tweeter generate me.twm -n 300 --seed 1 > gen.txt
    /usr/bin/python3 scripts/detect.py held-out.txt gen.txt
"""
import argparse
import json
import random
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer


def read_posts(path):
    posts = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = [line.rstrip("\r\n") for line in f]
    first = next((line for line in lines if line.strip()), "")
    jsonl = False
    if first.lstrip().startswith("{"):
        try:
            jsonl = isinstance(json.loads(first).get("text"), str)
        except (ValueError, AttributeError):
            jsonl = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if jsonl:
            try:
                text = json.loads(line)["text"]
            except (ValueError, KeyError, TypeError):
                sys.exit(f"detect.py: {path}:{number}: not a JSON Lines post with a \"text\" field")
            text = " ".join(text.splitlines())
            if text.strip():
                posts.append(text)
        else:
            posts.append(line)
    return posts


def sample(posts, n, seed):
    if len(posts) <= n:
        return list(posts)
    return random.Random(seed).sample(posts, n)


def lengths(texts):
    # in hundreds of characters: on the scale of the TF-IDF weights
    return np.array([[len(t) / 100.0] for t in texts])


def classifier():
    features = make_union(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 5), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        FunctionTransformer(lengths),
    )
    return make_pipeline(features, LogisticRegression(max_iter=2000))


def detect(real, other, folds, shuffles):
    n = len(real)
    texts = real + other
    labels = np.array([0] * n + [1] * n)
    accuracy, auc = [], []
    for shuffle in range(shuffles):
        split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=shuffle)
        scores = cross_validate(classifier(), texts, labels, cv=split, scoring=("accuracy", "roc_auc"))
        accuracy.extend(scores["test_accuracy"])
        auc.extend(scores["test_roc_auc"])
    return {"posts": n, "accuracy": float(np.mean(accuracy)), "accuracy_sd": float(np.std(accuracy)),
            "auc": float(np.mean(auc))}


def main():
    parser = argparse.ArgumentParser(description="How well real posts can be told from other posts.")
    parser.add_argument("real")
    parser.add_argument("other", nargs="+")
    parser.add_argument("--max", type=int, default=300, help="posts taken from each file (default 300)")
    parser.add_argument("--shuffles", type=int, default=3, help="cross-validation repeats (default 3)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    args = parser.parse_args()
    if args.max < 1 or args.shuffles < 1 or args.folds < 2:
        parser.error("--max and --shuffles must be at least 1, --folds at least 2")
    real = read_posts(args.real)
    for path in args.other:
        other = read_posts(path)
        n = min(len(real), len(other), args.max)
        if n < args.folds:
            sys.exit(f"detect.py: {args.real} and {path} need at least {args.folds} posts each "
                     f"(they hold {len(real)} and {len(other)})")
        result = {"other": path}
        result.update(detect(sample(real, n, 1), sample(other, n, 2), args.folds, args.shuffles))
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
