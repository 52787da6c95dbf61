import { logGamma } from './special'

/**
 * The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic
 * D_n, as scipy.stats.kstwo computes it (scipy/stats/_ksstats.py, Simard &
 * L'Ecuyer 2011). ks_2samp's asymptotic branch (method="auto" with
 * max(n1, n2) > 10000) takes its p-value from kstwo.sf(d, round(n1·n2/(n1+n2))),
 * so this follows scipy's choice of algorithm per (n, x) region: Ruben–Gambino
 * at the ends, 2·smirnov where the one-sided tail is exact, the Durbin matrix
 * (Marsaglia–Tsang–Wang) and Pomeranz recursions in the body, Pelz–Good for
 * large n.
 */

const E128 = 128
const EP128 = 2 ** 128
const EM128 = 2 ** -128
const SQRT2PI = Math.sqrt(2 * Math.PI)
const LOG_2PI = Math.log(2 * Math.PI)
const MIN_LOG = -708
const SQRT3 = Math.sqrt(3)
const PI2 = Math.PI ** 2
const PI4 = Math.PI ** 4
const PI6 = Math.PI ** 6
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4,
  7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
]

const clip = (p: number): number => Math.min(1, Math.max(0, p))

function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n
  let poly = 0
  for (const c of STIRLING) poly = poly * (rn / n) + c
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly
}

/**
 * scipy.special.smirnov(n, e): P(D⁺_n ≥ e), the exact one-sided tail
 * (Birnbaum–Tingey sum; in logs for large n, as cephes does).
 */
export function smirnov(n: number, e: number): number {
  if (!(n > 0 && e >= 0 && e <= 1)) return NaN
  if (e === 0) return 1
  const nn = Math.floor(n * (1 - e))
  let p = 0
  if (n < 1013) {
    let c = 1
    for (let v = 0; v <= nn; v++) {
      const evn = e + v / n
      p += c * Math.pow(evn, v - 1) * Math.pow(1 - evn, n - v)
      c *= (n - v) / (v + 1)
    }
  } else {
    const lgn1 = logGamma(n + 1)
    for (let v = 0; v <= nn; v++) {
      const evn = e + v / n
      const omevn = 1 - evn
      if (Math.abs(omevn) > 0) {
        const t = lgn1 - logGamma(v + 1) - logGamma(n - v + 1) + (v - 1) * Math.log(evn) + (n - v) * Math.log(omevn)
        if (t > -709.78) p += Math.exp(t)
      }
    }
  }
  return p * e
}

/** C = A·B for m×m row-major matrices. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]
      if (aik === 0) continue
      for (let j = 0; j < m; j++) c[i * m + j] += aik * b[k * m + j]
    }
  }
  return c
}

/** P(D_n ≤ d) by the Durbin matrix, as scipy's _kolmogn_DMTW. */
function kolmognDMTW(n: number, d: number): number {
  if (d >= 1) return 1
  const nd = n * d
  if (nd <= 0.5) return 0
  const k = Math.ceil(nd)
  const h = k - nd
  const m = 2 * k - 1
  let H: Float64Array = new Float64Array(m * m)
  const v = new Float64Array(m)
  const w = new Float64Array(m)
  let fac = 1
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j
    w[j - 1] = fac
    fac /= j
    v[j - 1] *= fac
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m
  v[m - 1] = (1 + tt) * fac
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]
  for (let r = 0; r < m; r++) H[r * m] = v[r]
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]
  let Hpwr: Float64Array = new Float64Array(m * m)
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1
  let nn = n
  let expnt = 0
  let Hexpnt = 0
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m)
      expnt += Hexpnt
    }
    H = matmul(H, H, m)
    Hexpnt *= 2
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128
      Hexpnt += E128
    }
    nn = Math.floor(nn / 2)
  }
  let p = Hpwr[(k - 1) * m + (k - 1)]
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n
    if (Math.abs(p) < EM128) {
      p *= EP128
      expnt -= E128
    }
  }
  if (expnt !== 0) p = p * 2 ** expnt
  return clip(p)
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number
  if (i === 0) {
    j1 = -ll - ceilf - 1
    j2 = ll + ceilf - 1
  } else {
    const ip1div2 = Math.floor((i + 1) / 2)
    const ip1mod2 = (i + 1) % 2
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1
        j2 = n + ll + ceilf - 1
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1
        j2 = ip1div2 + ll - 1 + ceilf - 1
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1
      j2 = ip1div2 + ll + roundf - 1
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)]
}

/** P(D_n ≤ x) by Pomeranz's recursion, as scipy's _kolmogn_Pomeranz. */
function kolmognPomeranz(n: number, x: number): number {
  const t = n * x
  const ll = Math.floor(t)
  const f = t - ll
  const g = Math.min(f, 1 - f)
  const ceilf = f > 0 ? 1 : 0
  const roundf = f > 0.5 ? 1 : 0
  const npwrs = 2 * (ll + 1)
  const gpower = new Float64Array(npwrs)
  const twogpower = new Float64Array(npwrs)
  const onem2gpower = new Float64Array(npwrs)
  gpower[0] = twogpower[0] = onem2gpower[0] = 1
  let expnt = 0
  const gn = g / n, g2n = (2 * g) / n, om2gn = (1 - 2 * g) / n
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gn) / m
    twogpower[m] = (twogpower[m - 1] * g2n) / m
    onem2gpower[m] = (onem2gpower[m - 1] * om2gn) / m
  }
  let V0 = new Float64Array(npwrs)
  let V1 = new Float64Array(npwrs)
  V1[0] = 1
  let V0s = 0, V1s = 0
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf)
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1
    ;[V0, V1] = [V1, V0]
    ;[V0s, V1s] = [V1s, V0s]
    V1.fill(0)
    ;[j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf)
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower
    const ln2 = j2 - k1 + 1
    if (ln2 > 0) {
      // np.convolve(V0[k1-V0s : k1-V0s+ln2], pwrs[:ln2]) (slices clipped to the arrays, as numpy does), entries conv_start… of the full convolution.
      const aStart = k1 - V0s
      const aLen = Math.max(0, Math.min(ln2, npwrs - aStart))
      const bLen = Math.min(ln2, npwrs)
      const convStart = j1 - k1
      const convLen = j2 - j1 + 1
      let max = -Infinity
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c
        let s = 0
        const lo = Math.max(0, idx - bLen + 1)
        const hi = Math.min(aLen - 1, idx)
        for (let a = lo; a <= hi; a++) s += V0[aStart + a] * pwrs[idx - a]
        V1[c] = s
      }
      for (let c = 0; c < npwrs; c++) if (V1[c] > max) max = V1[c]
      if (max > 0 && max < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= EP128
        expnt -= E128
      }
      V1s = V0s + j1 - k1
    }
  }
  let ans = V1[n - V1s]
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128
      expnt += E128
    }
    ans *= m
  }
  if (expnt !== 0) ans = ans * 2 ** expnt
  return clip(ans)
}

/** The Pelz–Good approximation to P(D_n ≤ x), as scipy's _kolmogn_PelzGood. */
function kolmognPelzGood(n: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const z = Math.sqrt(n) * x
  const z2 = z ** 2, z3 = z ** 3, z4 = z ** 4, z6 = z ** 6
  const qlog = -PI2 / 8 / z2
  if (qlog < MIN_LOG) return 0
  let q = Math.exp(qlog)
  const k1a = -z2
  const k1b = PI2 / 4
  const k2a = 6 * z6 + 2 * z4
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4
  const k2c = (PI4 * (1 - 2 * z2)) / 16
  const k3d = (PI6 * (5 - 30 * z2)) / 64
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4
  const k3a = -30 * z6 - 90 * z ** 8
  const K = [0, 0, 0, 0]
  const maxk = Math.ceil((16 * z) / Math.PI)
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1
    const m2 = m ** 2, m4 = m ** 4, m6 = m ** 6
    const qp = Math.pow(q, 8 * k)
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
    for (let i = 0; i < 4; i++) K[i] = K[i] * qp + coeffs[i]
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10]
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i]
  q = Math.exp(-PI2 / 2 / z2)
  let k2extra = 0
  let k3extra = 0
  const sqrt3z = SQRT3 * z
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k
    const qp = q ** k2
    k2extra += k2 * qp
    const kspi = Math.PI * k
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp
  }
  K[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z3)
  K[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6)
  let sum = 0
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2)
  return sum
}

/**
 * scipy.stats.kstwo.sf(x, n) = P(D_n > x): scipy's _kolmogn(n, x, cdf=False)
 * branch by branch.
 */
export function kstwoSf(n: number, x: number): number {
  if (!(n > 0) || !Number.isInteger(n) || Number.isNaN(x)) return NaN
  if (x >= 1) return 0
  if (x <= 0) return 1
  const t = n * x
  if (t <= 1) {
    if (t <= 0.5) return 1
    let prob: number
    if (n <= 140) {
      prob = 1
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1)
    } else prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1))
    return clip(1 - prob)
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n)
  if (x >= 0.5) return clip(2 * smirnov(n, x))
  const nxsquared = t * x
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip(1 - kolmognDMTW(n, x))
    if (nxsquared <= 4) return clip(1 - kolmognPomeranz(n, x))
    return clip(2 * smirnov(n, x))
  }
  if (nxsquared >= 370) return 0
  if (nxsquared >= 2.2) return clip(2 * smirnov(n, x))
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmognDMTW(n, x) : kolmognPelzGood(n, x)
  return clip(1 - cdf)
}
