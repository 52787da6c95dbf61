"""Writes the European and messy CSV golden files and their expected tables.

Run with Debian's Python (pandas 1.5): /usr/bin/python3 tests/golden/csv/make-european.py
Seeded, so the files are the same on every run.

- european-pandas.csv: pandas `to_csv(sep=';', decimal=',')`; the expected
  table is what pandas itself reads back with `read_csv(sep=';', decimal=',')`,
  a peer implementation of the decimal-comma rule.
- comma-quoted-decimal.csv: the same frame written with sep=',' and
  decimal=','; pandas quotes "3,5", and a comma-separated file is never read
  with decimal commas, so those columns stay text (as pandas' default read).
- european-grouped.csv: values as a European Excel export writes them, with
  "." or narrow no-break space digit grouping, and columns that must NOT be
  guessed (decimal point and comma mixed; "1.234" with no proof that "." groups
  digits). Its expected table is written out by hand below.
- duplicate-headers.csv: a header naming "age" twice and leaving one name blank.
- units.csv: weight "70 kg", HbA1c "6.5%", blood pressure "120/80" and a
  column mixing kg and lb, for the cleaning proposals and the end-to-end test.
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(20240305)


def plain(frame):
    """A frame as tests/golden/table-json.ts writes a table: null for missing."""
    columns = []
    for name in frame.columns:
        series = frame[name]
        numeric = pd.api.types.is_numeric_dtype(series)
        cells = [None if pd.isna(v) else (float(v) if numeric else str(v)) for v in series]
        if numeric:
            cells = [None if c is None else (int(c) if c == int(c) else c) for c in cells]
        columns.append({'name': name, 'type': 'number' if numeric else 'category', 'cells': cells})
    return {'rowCount': len(frame), 'columns': columns}


def write_json(name, value):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        json.dump(value, f, indent=1, ensure_ascii=False)
        f.write('\n')


# --- a clinical frame with decimals, missing values and text -----------------
n = 30
frame = pd.DataFrame({
    'patient': np.arange(1, n + 1),
    'age': rng.randint(25, 70, n),
    'edss': rng.randint(0, 16, n) / 2.0,
    'weight': np.round(rng.normal(74, 12, n), 1),
    'crp': np.where(rng.rand(n) < 0.2, np.nan, np.round(rng.gamma(2.0, 2.5, n), 2)),
    'sex': rng.choice(['F', 'M'], n),
    'relapse': rng.randint(0, 2, n),
})

path = os.path.join(HERE, 'european-pandas.csv')
frame.to_csv(path, sep=';', decimal=',', index=False)
write_json('european-pandas.expected.json', plain(pd.read_csv(path, sep=';', decimal=',')))

path = os.path.join(HERE, 'comma-quoted-decimal.csv')
frame.head(8).to_csv(path, sep=',', decimal=',', index=False)
write_json('comma-quoted-decimal.expected.json', plain(pd.read_csv(path, sep=',')))

# --- as a European Excel export writes numbers --------------------------------
NNBSP = '\u202f'
grouped = pd.DataFrame({
    'amount': ['1.234,5', '12,0', '999,25', '1.000.000,5', '', '7'],
    'count': [f'1{NNBSP}234', '12', f'5{NNBSP}000', '3', f'10{NNBSP}000{NNBSP}000', '0'],
    'dose': ['2,5', '1.250,0', '1.000', '0,5', '3', '10,75'],
    'mixed': ['3.5', '3,5', '4', '2,25', '1.5', '6'],
    'ambiguous': ['1.234', '3,5', '2', '4,75', '5', '6'],
    'code': ['A1', 'B2', 'A1', 'C3', 'B2', 'A1'],
})
grouped.to_csv(os.path.join(HERE, 'european-grouped.csv'), sep=';', index=False)
write_json('european-grouped.expected.json', {
    'rowCount': 6,
    'columns': [
        {'name': 'amount', 'type': 'number', 'cells': [1234.5, 12, 999.25, 1000000.5, None, 7]},
        {'name': 'count', 'type': 'number', 'cells': [1234, 12, 5000, 3, 10000000, 0]},
        # "1.000" reads as 1000: "1.250,0" proves that "." groups digits in this column.
        {'name': 'dose', 'type': 'number', 'cells': [2.5, 1250, 1000, 0.5, 3, 10.75]},
        {'name': 'mixed', 'type': 'category', 'cells': ['3.5', '3,5', '4', '2,25', '1.5', '6']},
        {'name': 'ambiguous', 'type': 'category', 'cells': ['1.234', '3,5', '2', '4,75', '5', '6']},
        {'name': 'code', 'type': 'category', 'cells': ['A1', 'B2', 'A1', 'C3', 'B2', 'A1']},
    ],
})

# --- a header with a repeated and a blank name ---------------------------------
with open(os.path.join(HERE, 'duplicate-headers.csv'), 'w', encoding='utf-8') as f:
    f.write('age,sex,age,,age\n61,F,60,x,59\n45,M,44,y,43\n')
write_json('duplicate-headers.expected.json', {
    'rowCount': 2,
    'columns': [
        {'name': 'age', 'type': 'number', 'cells': [61, 45]},
        {'name': 'sex', 'type': 'category', 'cells': ['F', 'M']},
        {'name': 'age_2', 'type': 'number', 'cells': [60, 44]},
        {'name': 'column_4', 'type': 'category', 'cells': ['x', 'y']},
        {'name': 'age_3', 'type': 'number', 'cells': [59, 43]},
    ],
})

# --- numbers with units and compound values ------------------------------------
m = 40
systolic = rng.randint(100, 170, m)
diastolic = rng.randint(60, 100, m)
weights = np.round(rng.normal(76, 11, m), 1)
units = pd.DataFrame({
    'patient_id': [f'P{k:03d}' for k in range(1, m + 1)],
    'weight': [f'{w} kg' for w in weights],
    'hba1c': [f'{v}%' for v in np.round(rng.uniform(4.8, 9.5, m), 1)],
    'bp': [f'{s}/{d}' for s, d in zip(systolic, diastolic)],
    'height': [f'{h} cm' if k % 8 else f'{round(h / 2.54)} in' for k, h in enumerate(rng.randint(150, 195, m))],
    'diabetes': rng.choice(['yes', 'no'], m),
})
units.loc[5, 'weight'] = ''
units.loc[11, 'bp'] = 'not measured'
units.to_csv(os.path.join(HERE, 'units.csv'), index=False)
