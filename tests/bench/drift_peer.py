"""The scipy peer of `npm run bench -- drift`.

Reads the bench's reference.npy / current.npy (columns x rows, float64,
categories as codes with NaN for missing) and meta.json, and computes per
column the test the studio's rule picks (Evidently's default rule): with a
reference of at most 1,000 rows scipy.stats.ks_2samp (numbers with more than 5
distinct values), chi2_contingency(correction=False) (categories and numbers
with 3-5 values) and a two-proportion z-test (two values); with a larger
reference scipy.stats.wasserstein_distance / numpy.std(reference) and
scipy.spatial.distance.jensenshannon. PSI (numpy, 10 quantile bins of the
reference, categories' shares, Evidently's empty-bin fill) is timed apart.

Only the statistics are timed (dropping missing values, counting, the tests):
not numpy's file loading. Prints one JSON object on stdout.

Usage: /usr/bin/python3 tests/bench/drift_peer.py <dir> <reference-rows>
"""
import json
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def z_test(ref, cur, value):
    n1, n2 = len(ref), len(cur)
    p1, p2 = np.mean(ref == value), np.mean(cur == value)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = 0.0 if se == 0 else (p1 - p2) / se
    return z, 2 * stats.norm.sf(abs(z))


def shares(values, keys):
    counts = np.array([np.count_nonzero(values == k) for k in keys], dtype=float)
    return counts


def column_test(ref, cur, small, category):
    ref = ref[~np.isnan(ref)]
    cur = cur[~np.isnan(cur)]
    keys = np.unique(ref)
    distinct = len(keys)
    if distinct > 5 and not category:
        if small:
            r = stats.ks_2samp(ref, cur)
            return 'ks', float(r.statistic), float(r.pvalue), None
        d = stats.wasserstein_distance(ref, cur) / np.std(ref)
        return 'wasserstein', float(d), None, float(d)
    union = np.union1d(keys, np.unique(cur))
    if small and len(keys) <= 2:
        z, p = z_test(ref, cur, keys[0])
        return 'z', float(z), float(p), None
    ref_counts, cur_counts = shares(ref, union), shares(cur, union)
    if small:
        chi2, p, _, _ = stats.chi2_contingency(np.array([ref_counts, cur_counts]), correction=False)
        return 'chi2', float(chi2), float(p), None
    d = distance.jensenshannon(ref_counts / ref_counts.sum(), cur_counts / cur_counts.sum())
    return 'jensenshannon', float(d), None, float(d)


def fill_zeros(shares):
    # Evidently's empty-bin fill (stattests/utils.py get_binned_data, feel_zeroes=True).
    smallest = shares[shares > 0].min()
    return np.where(shares == 0, smallest / 1e6 if smallest <= 0.0001 else 0.0001, shares)


def psi(ref, cur, category):
    ref = ref[~np.isnan(ref)]
    cur = cur[~np.isnan(cur)]
    if category or len(np.unique(ref)) <= 5:
        keys = np.union1d(np.unique(ref), np.unique(cur))
        p = shares(ref, keys) / len(ref)
        q = shares(cur, keys) / len(cur)
    else:
        edges = np.unique(np.quantile(ref, np.linspace(0, 1, 11)))
        p = np.histogram(np.clip(ref, edges[0], edges[-1]), edges)[0] / len(ref)
        q = np.histogram(np.clip(cur, edges[0], edges[-1]), edges)[0] / len(cur)
    p, q = fill_zeros(p), fill_zeros(q)
    return float(np.sum((q - p) * np.log(q / p)))


def main():
    folder, reference_rows = sys.argv[1], int(sys.argv[2])
    with open(f'{folder}/meta.json') as f:
        meta = json.load(f)
    ref = np.load(f'{folder}/reference.npy')[:, :reference_rows]
    cur = np.load(f'{folder}/current.npy')
    small = reference_rows <= 1000
    columns = []
    started = time.perf_counter()
    for j, column in enumerate(meta['columns']):
        test, statistic, p_value, dist = column_test(ref[j], cur[j], small, column['kind'] == 'category')
        columns.append({'name': column['name'], 'test': test, 'statistic': statistic, 'pValue': p_value, 'distance': dist})
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    for j, column in enumerate(meta['columns']):
        columns[j]['psi'] = psi(ref[j], cur[j], column['kind'] == 'category')
    psi_seconds = time.perf_counter() - started
    print(json.dumps({'seconds': seconds, 'psiSeconds': psi_seconds, 'scipy': __import__('scipy').__version__, 'numpy': np.__version__, 'columns': columns}))


if __name__ == '__main__':
    main()
