import parkinsonsCsv from '../../sample-data/parkinsons.csv?url'
import parkinsonsParquet from '../../sample-data/parkinsons.parquet?url'
import msCsv from '../../sample-data/ms-treatment.csv?url'

/** The synthetic sample datasets that ship with the studio, served from its own origin. */
export interface SampleDataset {
  id: string
  title: string
  url: string
  /** The name shown for the loaded file. */
  fileName: string
  target: string
  description: string
}

export const SAMPLES: SampleDataset[] = [
  {
    id: 'parkinsons',
    title: "Parkinson's disease (synthetic)",
    url: parkinsonsCsv,
    fileName: 'parkinsons.csv',
    target: 'Diagnosis',
    description: '2,105 synthetic patients: demographics, lifestyle, history, vitals, UPDRS/MoCA scores, symptoms and a diagnosis.',
  },
  {
    id: 'ms-treatment',
    title: 'Multiple sclerosis treatment response (synthetic)',
    url: msCsv,
    fileName: 'ms-treatment.csv',
    target: 'treatment_response',
    description: '1,500 synthetic MS patients with MRI measures, EDSS and treatment response — with the dirt real exports have.',
  },
]

export const PARKINSONS_PARQUET_URL = parkinsonsParquet
