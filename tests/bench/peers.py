#!/usr/bin/python3
"""Peer fits for the engine bench (tests/bench/engine-suite.ts), on exactly the
matrices the studio's models are fitted on: X_train.npy, y_train.npy,
X_test.npy and y_test.npy in --dir, written by the suite.

  /usr/bin/python3 tests/bench/peers.py --dir <cache> --model xgboost-hist
  /usr/bin/python3 tests/bench/peers.py --dir <cache> --model sklearn-forest

Prints one JSON line: fitSeconds, predictRowsPerSecond, auc, peakMemoryMB
(ru_maxrss: the process's peak, data loading included), params and versions.
--threads N (default 1) sets n_jobs and the BLAS/OpenMP pools, so each row of
the bench compares the studio and its peer at the same thread count.
"""
import argparse
import json
import os
import resource
import sys
import time

# Before numpy loads: BLAS/OpenMP pools get the same thread count as the model.
THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = str(THREADS)

import numpy as np  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402


def xgboost_hist(rounds, depth, learning_rate, threads):
    import xgboost

    params = dict(n_estimators=rounds, max_depth=depth, learning_rate=learning_rate, tree_method="hist", max_bin=255, n_jobs=threads, random_state=42)
    return xgboost.XGBClassifier(**params), params, "xgboost " + xgboost.__version__


def sklearn_forest(trees, threads):
    import sklearn
    from sklearn.ensemble import RandomForestClassifier

    params = dict(n_estimators=trees, n_jobs=threads, random_state=42)
    return RandomForestClassifier(**params), params, "scikit-learn " + sklearn.__version__


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--model", required=True, choices=["xgboost-hist", "sklearn-forest"])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    load = lambda name: np.load(os.path.join(args.dir, name + ".npy"))
    X_train, y_train, X_test, y_test = load("X_train"), load("y_train").ravel(), load("X_test"), load("y_test").ravel()
    if args.model == "xgboost-hist":
        model, params, version = xgboost_hist(args.rounds, args.depth, args.learning_rate, args.threads)
    else:
        model, params, version = sklearn_forest(args.trees, args.threads)

    started = time.perf_counter()
    model.fit(X_train, y_train.astype(np.int32))
    fit_seconds = time.perf_counter() - started
    # Prediction at one thread, as the studio predicts (the goal compares rows/s at one thread).
    model.set_params(n_jobs=1)
    score = model.predict_proba(X_test)[:, 1]
    # Predict speed over every row of the dataset (training and held-out), the fastest of three passes.
    X_all = np.concatenate([X_train, X_test])
    predict_seconds = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        model.predict_proba(X_all)
        predict_seconds = min(predict_seconds, time.perf_counter() - started)

    print(json.dumps({
        "fitSeconds": fit_seconds,
        "predictRowsPerSecond": len(X_all) / max(predict_seconds, 1e-9),
        "auc": float(roc_auc_score(y_test, score)),
        "peakMemoryMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "trainRows": int(len(X_train)),
        "params": params,
        "threads": args.threads,
        "version": version,
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line for the suite's log, not a traceback
        print("peers.py: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        sys.exit(1)
