"""
The serving design the studio replaces, as the peer of `npm run bench -- serve`:
a Flask app that builds a pandas DataFrame from the request's records and
calls an XGBoost model's predict_proba, run under gunicorn with one sync
worker (tests/bench/serve-suite.ts starts and stops it).

    BENCH_DATA=sample-data/parkinsons.csv BENCH_TARGET=Diagnosis BENCH_FEATURES=Age,Gender,... BENCH_TREES=100 \
      gunicorn -w 1 -b 127.0.0.1:8081 --chdir tests/bench serve_flask_peer:app

At start it trains XGBClassifier(n_estimators=BENCH_TREES, max_depth=6,
learning_rate=0.1: the studio's boosting defaults) on BENCH_DATA's
BENCH_FEATURES (the same rows, columns and tree count as the studio's model
in the bench). It answers MLflow-style bodies ({"dataframe_records": [...]} or
{"dataframe_split": {...}}) with {"predictions": [{"label", "probabilities"}]}.
Debian's python3-flask, gunicorn, python3-pandas and python3-xgboost.
"""
import os

import pandas as pd
import xgboost as xgb
from flask import Flask, jsonify, request

data = pd.read_csv(os.environ["BENCH_DATA"])
target = os.environ["BENCH_TARGET"]
features = os.environ["BENCH_FEATURES"].split(",")
labels = sorted(data[target].astype(str).unique())
y = data[target].astype(str).map({label: i for i, label in enumerate(labels)})
model = xgb.XGBClassifier(n_estimators=int(os.environ.get("BENCH_TREES", "100")), max_depth=6, learning_rate=0.1, tree_method="hist", n_jobs=1)
model.fit(data[features], y)

app = Flask(__name__)


@app.post("/invocations")
def invocations():
    body = request.get_json(force=True)
    if "dataframe_records" in body:
        frame = pd.DataFrame.from_records(body["dataframe_records"])
    else:
        split = body["dataframe_split"]
        frame = pd.DataFrame(split["data"], columns=split["columns"])
    proba = model.predict_proba(frame[features])
    predictions = [
        {"label": labels[int(row.argmax())], "probabilities": {label: float(p) for label, p in zip(labels, row)}}
        for row in proba
    ]
    return jsonify({"predictions": predictions})


@app.get("/ping")
def ping():
    return "\n"
