"""Clinical ML Studio: re-run a saved pipeline on each night's export (Airflow 2.6+).

An example, not run by the studio's tests beyond a syntax check. The studio's
checkout (with `npm ci` done) and the registry directory served by
`npm run serve -- --model <registry>` must be on the worker that runs the task.

What happens each night:
1. `export_ms_data` puts the day's export where the pipeline reads it (replace
   the command with your extract: a database dump, an S3 copy, ...).
2. `run_pipeline` runs `npm run pipeline`: load -> validate -> clean -> features
   -> train -> evaluate -> register -> promote. It prints one JSON line per stage
   (kept in the task log) and writes the new version into the registry directory;
   the model server swaps it in when it is promoted.
   Exit codes: 0 promoted, 3 kept out (the new version waits in Staging; the task
   is marked *skipped*, not failed), 1 a stage failed (the task fails and the
   registry is untouched), 2 bad options.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

STUDIO_DIR = "/opt/clinical-ml-studio"  # a checkout with `npm ci` done
REGISTRY_DIR = "/srv/clinical-ml/models"  # what `npm run serve -- --model` serves
SPEC = f"{STUDIO_DIR}/deploy/pipelines/ms-response.pipeline.json"  # "Save as pipeline" from the studio
EXPORT = "/srv/clinical-ml/exports/ms-{{ ds }}.parquet"

with DAG(
    dag_id="clinical_ml_ms_response",
    description="Retrain the MS treatment-response model on new data; promote it only if it beats Production",
    schedule="15 2 * * *",
    start_date=datetime(2026, 12, 1),
    catchup=False,
    max_active_runs=1,  # one writer per registry directory at a time
    default_args={"retries": 0, "execution_timeout": timedelta(hours=1)},
    tags=["clinical-ml-studio"],
) as dag:
    export_ms_data = BashOperator(
        task_id="export_ms_data",
        bash_command=f"test -s {EXPORT}",  # replace with the extract that writes {EXPORT}
    )

    run_pipeline = BashOperator(
        task_id="run_pipeline",
        cwd=STUDIO_DIR,
        bash_command=(
            "npm run -s pipeline -- "
            f"--spec {SPEC} "
            f"--data {EXPORT} "
            f"--registry {REGISTRY_DIR}"
        ),
        # 3 = the challenger was kept out: a normal outcome, shown as skipped rather than failed.
        skip_on_exit_code=3,
    )

    export_ms_data >> run_pipeline
