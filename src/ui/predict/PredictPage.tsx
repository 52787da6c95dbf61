import { useEffect } from 'react'
import { initPredict, usePredictStore } from '../../state/predict-store'
import { BatchScoring } from './BatchScoring'
import { ModelPicker } from './ModelPicker'
import { PredictionAnswer } from './PredictionAnswer'
import { RecordForm } from './RecordForm'

/**
 * The Predict step: choose a model (the registry's Production version by
 * default), answer one patient's record with an explanation, or score a file.
 * Every prediction runs in the predict worker through core's Predictor.
 */
export function PredictPage() {
  const model = usePredictStore((s) => s.model)
  useEffect(() => {
    void initPredict()
  }, [])
  return (
    <div className="page">
      <section className="card" aria-labelledby="predict-title">
        <h2 id="predict-title">Predict</h2>
        <p className="lede">
          Ask a model about one patient, or score a whole file. Predictions are made by this page on your computer, with the same code the model server runs.
        </p>
        <ModelPicker />
      </section>
      {model && (
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title">One patient</h2>
          <RecordForm model={model} />
          <PredictionAnswer />
        </section>
      )}
      {model && <BatchScoring model={model} />}
    </div>
  )
}
