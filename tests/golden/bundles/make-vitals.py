"""Makes vitals.csv: 400 synthetic patients whose cells need every row-level
cleaning step a bundle replays (run with Debian's python: /usr/bin/python3
make-vitals.py). Blood pressure as "120/80" (split), weight as "70 kg" or
"72,5 kg" or "72,5" (a European export: decimal comma, unit on some cells), sex spelled five ways (standardise text),
smoker as yes/no/Y/N/1/0 (boolean), a few impossible pressures (validation),
and an outcome that depends on them. pandas writes the CSV (quoting the
cells that hold a comma)."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
n = 400
age = rng.integers(25, 90, n)
sbp = np.round(rng.normal(130, 18, n)).astype(int)
dbp = np.round(sbp * 0.62 + rng.normal(0, 6, n)).astype(int)
weight = np.round(rng.normal(78, 14, n), 1)
male = rng.random(n) < 0.5
smoker = rng.random(n) < 0.3
logit = -9 + 0.05 * age + 0.03 * sbp + 0.8 * smoker + 0.01 * weight + 0.3 * male
outcome = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

sex_spellings = {True: ['Male', 'male', 'M', 'm ', 'MALE'], False: ['Female', 'female', 'F', ' f', 'FEMALE']}
sex = [sex_spellings[bool(m)][rng.integers(0, 5)] for m in male]
smoke_spellings = {True: ['yes', 'Y', '1'], False: ['no', 'N', '0']}
smokes = [smoke_spellings[bool(s)][rng.integers(0, 3)] for s in smoker]
bp = [f'{s}/{d}' for s, d in zip(sbp, dbp)]
kg = [f'{w:.1f}'.replace('.', ',') + (' kg' if k % 2 == 0 else '') for k, w in enumerate(weight)]
for k in range(0, n, 37):
    bp[k] = ''          # missing
for k in range(5, n, 53):
    bp[k] = '12/8'      # entered in cmHg: systolic 12 breaks the range rule
for k in range(7, n, 61):
    bp[k] = 'high'      # does not split: missing in both new columns
for k in range(9, n, 71):
    kg[k] = '154 lb'    # another unit: fails the conversion, missing

pd.DataFrame({
    'patient': [f'P{k:04d}' for k in range(n)],
    'age': age,
    'sex': sex,
    'bp': bp,
    'weight': kg,
    'smoker': smokes,
    'outcome': outcome,
}).to_csv('vitals.csv', index=False)
