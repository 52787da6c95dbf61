/**
 * Regression metrics on predicted and true values. MAPE skips rows whose true
 * value is 0 (a percentage of zero is undefined) and is null when every row is 0.
 */

function check(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) throw new Error(`metrics: ${yTrue.length} true values but ${yPred.length} predictions`)
  if (yTrue.length === 0) throw new Error('metrics: no rows to score')
}

/** Root mean squared error. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check(yTrue, yPred)
  let sum = 0
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2
  return Math.sqrt(sum / yTrue.length)
}

/** Mean absolute error. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check(yTrue, yPred)
  let sum = 0
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i])
  return sum / yTrue.length
}

/** Coefficient of determination, 1 − SSres/SStot; null when the true values are constant. */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  check(yTrue, yPred)
  let sum = 0, min = Infinity, max = -Infinity
  for (let i = 0; i < yTrue.length; i++) {
    sum += yTrue[i]
    if (yTrue[i] < min) min = yTrue[i]
    if (yTrue[i] > max) max = yTrue[i]
  }
  // A constant truth has no variance to explain; test it exactly, not through a rounded SStot.
  if (min === max) return null
  const mean = sum / yTrue.length
  let ssRes = 0, ssTot = 0
  for (let i = 0; i < yTrue.length; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2
    ssTot += (yTrue[i] - mean) ** 2
  }
  return ssTot === 0 ? null : 1 - ssRes / ssTot
}

/** Mean absolute percentage error (as a fraction: 0.12 = 12%), over rows whose true value is not 0. */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  check(yTrue, yPred)
  let sum = 0, n = 0
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 0) continue
    sum += Math.abs((yTrue[i] - yPred[i]) / yTrue[i])
    n++
  }
  return n === 0 ? null : sum / n
}
