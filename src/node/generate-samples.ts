/**
 * Writes the bundled SYNTHETIC sample datasets into sample-data/:
 * parkinsons.csv/.parquet and ms-treatment.csv/.parquet.
 *
 * Run with `npm run samples`. Every random choice goes through the project's
 * seeded PRNG and every number is written with a fixed number of decimals, so
 * two runs give byte-identical files and the samples never drift between
 * machines. No real patient is behind any row.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Papa from 'papaparse'
import { parquetReadObjects } from 'hyparquet'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { createRandom, type Random } from '../core/random'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sample-data')

type Row = Record<string, string>

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/** Fixed decimals so output is stable; never write "-0.00". */
function fmt(x: number, decimals: number): string {
  const s = x.toFixed(decimals)
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s
}

/** Helpers bound to one generator, so each dataset has its own stream. */
function tools(r: Random) {
  return {
    uniform: (lo: number, hi: number) => lo + (hi - lo) * r.next(),
    intIn: (lo: number, hi: number) => lo + r.int(hi - lo + 1),
    coin: (p: number) => (r.next() < p ? 1 : 0),
    // A logit-normal squashed into [lo, hi]: bounded like the real scales but
    // without the pile-up at the edges that clipping a normal would leave.
    bounded: (lo: number, hi: number, centre: number, spread: number) =>
      lo + (hi - lo) * sigmoid(centre + spread * r.normal()),
    pick: <T>(items: readonly T[], weights: readonly number[]): T => {
      let u = r.next() * weights.reduce((a, b) => a + b, 0)
      for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i]
      return items[items.length - 1]
    },
  }
}

// ---------------------------------------------------------------- Parkinson's

const PD_COLUMNS = [
  'PatientID', 'Age', 'Gender', 'Ethnicity', 'EducationLevel', 'BMI', 'Smoking', 'AlcoholConsumption',
  'PhysicalActivity', 'DietQuality', 'SleepQuality', 'FamilyHistoryParkinsons', 'TraumaticBrainInjury',
  'Hypertension', 'Diabetes', 'Depression', 'Stroke', 'SystolicBP', 'DiastolicBP', 'CholesterolTotal',
  'CholesterolLDL', 'CholesterolHDL', 'CholesterolTriglycerides', 'UPDRS', 'MoCA', 'FunctionalAssessment',
  'Tremor', 'Rigidity', 'Bradykinesia', 'PosturalInstability', 'SpeechProblems', 'SleepDisorders',
  'Constipation', 'Diagnosis', 'DoctorInCharge',
] as const

function parkinsons(): Row[] {
  const r = createRandom(2105)
  const t = tools(r)
  const rows: Row[] = []
  for (let i = 0; i < 2105; i++) {
    const age = t.intIn(50, 89)
    const gender = t.coin(0.5)
    const family = t.coin(0.15)
    const tbi = t.coin(0.1)
    const hypertension = t.coin(0.12 + 0.004 * (age - 50))
    // Disease is drawn first so that scores and symptoms can depend on it;
    // the recorded Diagnosis is then read off those observations (below),
    // the way a clinician would, rather than copied from the latent state.
    const disease = t.coin(sigmoid(0.25 + 0.04 * (age - 70) + 0.9 * family + 0.5 * tbi + 0.2 * gender))
    const d = disease === 1
    const updrs = t.bounded(0, 199, d ? 0.15 : -0.55, 0.9)
    const moca = t.bounded(0, 30, d ? 0.65 : 1.25, 0.75)
    const functional = t.bounded(0, 10, d ? -0.3 : 0.35, 0.9)
    const sym = (pd: number, healthy: number) => t.coin(d ? pd : healthy)
    const tremor = sym(0.55, 0.25)
    const rigidity = sym(0.35, 0.12)
    const brady = sym(0.28, 0.1)
    const postural = sym(0.2, 0.08)
    const speech = sym(0.38, 0.2)
    const sleepDis = sym(0.3, 0.18)
    const constipation = sym(0.35, 0.22)

    // Non-linear reading of the findings: threshold effects on UPDRS, MoCA and
    // function, a tremor-with-rigidity interaction and a symptom count that
    // only matters once several signs co-occur. A linear model can only
    // approximate these steps; trees can carve them out.
    const signs = brady + postural + speech + sleepDis + constipation
    const logit =
      -3.2 +
      3.0 * (updrs > 90 ? 1 : 0) + 1.5 * (updrs > 135 ? 1 : 0) +
      2.2 * (moca < 19 ? 1 : 0) +
      1.8 * (functional < 3.5 ? 1 : 0) +
      3.0 * (tremor && rigidity ? 1 : 0) + 0.3 * (tremor ^ rigidity) +
      1.5 * (signs >= 2 ? 1 : 0) + 0.8 * (signs >= 4 ? 1 : 0) -
      1.2 * (updrs < 40 && moca > 25 ? 1 : 0) +
      0.5 * r.normal()
    const diagnosis = t.coin(sigmoid(logit))

    const systolic = Math.round(t.bounded(90, 179, -0.6 + 0.015 * (age - 70) + 0.8 * hypertension, 0.6))
    const diastolic = Math.round(t.bounded(60, 119, -1.2 + 0.02 * (systolic - 125), 0.5))
    const total = t.uniform(150, 300)
    const hdl = t.uniform(20, 100)
    const trig = t.uniform(50, 400)
    // Friedewald-style LDL keeps the lipid panel internally plausible.
    const ldl = t.bounded(50, 200, (total - hdl - trig / 5 - 120) / 45, 0.5)

    rows.push({
      PatientID: String(3058 + i),
      Age: String(age),
      Gender: String(gender),
      Ethnicity: String(t.pick([0, 1, 2, 3], [60, 20, 10, 10])),
      EducationLevel: String(t.pick([0, 1, 2, 3], [20, 40, 30, 10])),
      BMI: fmt(t.uniform(15, 40), 6),
      Smoking: String(t.coin(0.3)),
      AlcoholConsumption: fmt(t.uniform(0, 20), 6),
      PhysicalActivity: fmt(t.uniform(0, 10), 6),
      DietQuality: fmt(t.uniform(0, 10), 6),
      SleepQuality: fmt(t.uniform(4, 10), 6),
      FamilyHistoryParkinsons: String(family),
      TraumaticBrainInjury: String(tbi),
      Hypertension: String(hypertension),
      Diabetes: String(t.coin(0.15)),
      Depression: String(t.coin(d ? 0.25 : 0.15)),
      Stroke: String(t.coin(0.05)),
      SystolicBP: String(systolic),
      DiastolicBP: String(diastolic),
      CholesterolTotal: fmt(total, 6),
      CholesterolLDL: fmt(ldl, 6),
      CholesterolHDL: fmt(hdl, 6),
      CholesterolTriglycerides: fmt(trig, 6),
      UPDRS: fmt(updrs, 6),
      MoCA: fmt(moca, 6),
      FunctionalAssessment: fmt(functional, 6),
      Tremor: String(tremor),
      Rigidity: String(rigidity),
      Bradykinesia: String(brady),
      PosturalInstability: String(postural),
      SpeechProblems: String(speech),
      SleepDisorders: String(sleepDis),
      Constipation: String(constipation),
      Diagnosis: String(diagnosis),
      DoctorInCharge: 'DrXXXConfid',
    })
  }
  // A few blanks, as in any real export; never in the ID or the target.
  for (const row of rows) {
    for (const col of ['BMI', 'AlcoholConsumption', 'CholesterolTotal', 'MoCA']) if (r.next() < 0.0085) row[col] = ''
  }
  return rows
}

// ------------------------------------------------------------------------- MS

const MS_COLUMNS = [
  'patient_id', 'age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml',
  'whole_brain_volume_ml', 'edss', 'treatment_response',
] as const

// "None" would read as a missing cell, so untreated patients say "Untreated".
const EFFICACY: Record<string, number> = {
  Ocrelizumab: 1.6, Natalizumab: 1.7, Fingolimod: 1.0, 'Dimethyl fumarate': 0.9,
  'Interferon beta-1a': 0.3, 'Glatiramer acetate': 0.3, Untreated: -0.9,
}

function msTreatment(): Row[] {
  const r = createRandom(1500)
  const t = tools(r)
  const rows: Row[] = []
  for (let i = 0; i < 1500; i++) {
    const type = t.pick(['RRMS', 'SPMS', 'PPMS'] as const, [70, 20, 10])
    const female = t.coin(type === 'PPMS' ? 0.5 : 0.72) === 1
    const age = Math.round(clamp({ RRMS: 37, SPMS: 52, PPMS: 50 }[type] + 10 * r.normal(), 18, 80))
    // Prescribing follows label and habit: PPMS is mostly ocrelizumab or nothing.
    const treatment = type === 'PPMS'
      ? t.pick(['Ocrelizumab', 'Untreated'], [65, 35])
      : t.pick(Object.keys(EFFICACY), [22, 12, 14, 16, 12, 12, 12])
    const lesions = Math.round(Math.exp(2.7 + (type === 'RRMS' ? 0 : 0.3) + 0.55 * r.normal()))
    const volume = lesions * Math.exp(-1.6 + 0.4 * r.normal())
    const brain = clamp(1440 + (female ? -110 : 0) - 3.2 * (age - 40) - 4 * volume + 50 * r.normal(), 1000, 1600)
    const edssRaw = { RRMS: 1.8, SPMS: 5.2, PPMS: 4.8 }[type] + 0.03 * (age - 40) + 0.02 * lesions + 1.1 * r.normal()
    const edss = Math.round(clamp(edssRaw, 0, 9.5) * 2) / 2
    const logit =
      0.1 + EFFICACY[treatment] + { RRMS: 0.5, SPMS: -0.5, PPMS: -0.9 }[type] -
      0.02 * (lesions - 15) - 0.03 * (age - 40) - 0.25 * (edss - 3) + 0.7 * r.normal()
    rows.push({
      patient_id: `MS-${String(i + 1).padStart(5, '0')}`,
      age: String(age),
      gender: female ? 'Female' : 'Male',
      ms_type: type,
      treatment,
      lesion_count: String(lesions),
      lesion_volume_ml: fmt(volume, 2),
      whole_brain_volume_ml: fmt(brain, 1),
      edss: fmt(edss, 1),
      treatment_response: r.next() < sigmoid(logit) ? 'yes' : 'no',
    })
  }
  dirty(rows, t, r)
  return rows
}

/** Roughly 7% of rows get one or two of the defects real exports carry. */
function dirty(rows: Row[], t: ReturnType<typeof tools>, r: Random): void {
  const respelled: Record<string, Record<string, string[]>> = {
    gender: { Male: ['M', 'male'], Female: ['F', 'female', ' female '] },
    ms_type: { RRMS: ['rrms', 'Relapsing-remitting'] },
    treatment: { Ocrelizumab: ['ocrelizumab', 'OCRELIZUMAB'] },
    treatment_response: { yes: ['Yes', 'YES', 'y'], no: ['No', 'n'] },
  }
  const gaps = ['age', 'gender', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss']
  const impossible: [string, string[]][] = [
    ['edss', ['12.0', '-1.0']], ['lesion_count', ['-3', '-1']], ['age', ['210', '4']], ['whole_brain_volume_ml', ['0.0']],
  ]
  const used: Record<string, number> = {}
  for (const row of rows) {
    if (r.next() >= 0.07) continue
    const defects = 1 + t.coin(0.3)
    for (let k = 0; k < defects; k++) {
      const kind = t.pick(['gap', 'response-gap', 'spelling', 'impossible'], [45, 6, 38, 11])
      if (kind === 'gap') row[gaps[r.int(gaps.length)]] = t.coin(0.5) ? 'NA' : ''
      else if (kind === 'response-gap') row.treatment_response = t.coin(0.5) ? 'NA' : ''
      else if (kind === 'impossible') {
        const [col, values] = impossible[r.int(impossible.length)]
        row[col] = values[r.int(values.length)]
      } else {
        // Only columns whose current value has variants; variants are cycled
        // rather than drawn so every spelling shows up at least once.
        const cols = Object.keys(respelled).filter((c) => respelled[c][row[c]])
        if (cols.length === 0) continue
        const col = cols[r.int(cols.length)]
        const options = respelled[col][row[col]]
        const key = `${col}:${row[col]}`
        const n = used[key] ?? 0
        used[key] = n + 1
        row[col] = options[n % options.length]
      }
    }
  }
}

// ------------------------------------------------------------ writing & check

const MISSING = /^(na|n\/a|nan|null|none)?$/i
const isMissing = (cell: string): boolean => MISSING.test(cell)

function toCsv(columns: readonly string[], rows: Row[]): string {
  // None of the generated text needs quoting; fail loudly if that ever changes.
  const cell = (v: string) => {
    if (/[",\n\r]/.test(v)) throw new Error(`unquoted CSV cell would break: ${JSON.stringify(v)}`)
    return v
  }
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n') + '\n'
}

/** Parquet columns built from the CSV text itself, so both copies agree by construction. */
function toParquet(columns: readonly string[], rows: Row[]): ArrayBuffer {
  const columnData = columns.map((name) => {
    const cells = rows.map((row) => row[name])
    const numeric = cells.every((c) => isMissing(c) || Number.isFinite(Number(c)))
    return numeric
      ? { name, type: 'DOUBLE' as const, data: cells.map((c) => (isMissing(c) ? null : Number(c))) }
      : { name, type: 'STRING' as const, data: cells.map((c) => (isMissing(c) ? null : c)) }
  })
  return parquetWriteBuffer({ columnData })
}

/** Reads both files back the way the app would and throws on any difference. */
async function check(name: string, csv: string, parquet: ArrayBuffer): Promise<void> {
  const parsed = Papa.parse<Row>(csv, { header: true, skipEmptyLines: true })
  if (parsed.errors.length) throw new Error(`${name}.csv: ${parsed.errors[0].message}`)
  const back = await parquetReadObjects({ file: parquet })
  if (back.length !== parsed.data.length) throw new Error(`${name}: ${back.length} vs ${parsed.data.length} rows`)
  const fields = parsed.meta.fields ?? []
  if (back.length && Object.keys(back[0]).join(',') !== fields.join(',')) throw new Error(`${name}: column names differ`)
  // Column types are inferred afresh from the parsed CSV, as a reader would.
  const numeric = new Set(fields.filter((f) => parsed.data.every((row) => isMissing(row[f]) || Number.isFinite(Number(row[f])))))
  parsed.data.forEach((row, i) => {
    for (const [col, text] of Object.entries(row)) {
      const value = back[i][col]
      const expected = isMissing(text) ? null : numeric.has(col) ? Number(text) : text
      if (value !== expected) throw new Error(`${name} row ${i} ${col}: csv ${JSON.stringify(text)} vs parquet ${value}`)
    }
  })
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  for (const [name, columns, rows] of [
    ['parkinsons', PD_COLUMNS, parkinsons()],
    ['ms-treatment', MS_COLUMNS, msTreatment()],
  ] as const) {
    const csv = toCsv(columns, rows)
    const parquet = toParquet(columns, rows)
    await check(name, csv, parquet)
    writeFileSync(join(OUT, `${name}.csv`), csv)
    writeFileSync(join(OUT, `${name}.parquet`), new Uint8Array(parquet))
    console.log(`${name}: ${rows.length} rows, csv ${csv.length} B, parquet ${parquet.byteLength} B`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
