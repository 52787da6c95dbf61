import { describe, expect, it } from 'vitest'
import { accuracy, classifierAuc, confusionMatrix, f1Score, logLoss, rocAuc, rocCurve } from '../../../../src/core/metrics/classification'

describe('classification metrics against hand-computed values', () => {
  it('ROC AUC counts pairs, ties as half', () => {
    // positives 0.8, 0.4; negatives 0.4, 0.1 → pairs: (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 → 3.5 / 4
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1])).toBe(0.875)
    expect(rocAuc([0, 1], [0.9, 0.1])).toBe(0)
    expect(rocAuc([1, 1], [0.9, 0.1])).toBeNull()
  })

  it('macro one-vs-rest AUC for three classes', () => {
    // class 0 scores: rows [0.7,0.2,0.1,0.3]; truth [0,1,2,0]
    const proba = Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3])
    const auc0 = rocAuc([1, 0, 0, 1], [0.7, 0.2, 0.1, 0.3]) as number // 1
    const auc1 = rocAuc([0, 1, 0, 0], [0.2, 0.5, 0.3, 0.4]) as number // 1
    const auc2 = rocAuc([0, 0, 1, 0], [0.1, 0.3, 0.6, 0.3]) as number // 1
    expect(classifierAuc([0, 1, 2, 0], proba, 3)).toBeCloseTo((auc0 + auc1 + auc2) / 3, 12)
    expect(auc0).toBe(1)
  })

  it('F1 of the positive class, and macro F1', () => {
    // tp=2, fp=1, fn=1 → precision 2/3, recall 2/3, F1 2/3
    expect(f1Score([1, 1, 1, 0, 0], [1, 1, 0, 1, 0], 2)).toBeCloseTo(2 / 3, 12)
    // nothing predicted positive → 0, not NaN
    expect(f1Score([1, 0], [0, 0], 2)).toBe(0)
    // 3 classes: per-class F1 = 1, 0.5, 0.6667 (worked by hand)
    const macro = f1Score([0, 1, 2, 2], [0, 2, 2, 1], 3)
    // class0: tp1 fp0 fn0 → 1; class1: tp0 → 0; class2: tp1, fp1, fn1 → 0.5
    expect(macro).toBeCloseTo((1 + 0 + 0.5) / 3, 12)
  })

  it('log loss is the mean negative log-probability of the truth', () => {
    const proba = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4])
    expect(logLoss([0, 1, 1], proba, 2)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3, 12)
    // a certain wrong answer is clipped, not infinite
    expect(logLoss([1], Float64Array.from([1, 0]), 2)).toBeCloseTo(-Math.log(1e-15), 6)
  })

  it('accuracy and confusion matrix', () => {
    expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75)
    expect(confusionMatrix([0, 1, 1, 0], [0, 1, 0, 0], 2)).toEqual([[2, 0], [1, 1]])
  })

  it('ROC curve runs from (0,0) to (1,1) with one point per distinct score', () => {
    const curve = rocCurve([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1])
    expect(curve.fpr).toEqual([0, 0, 0.5, 1])
    expect(curve.tpr).toEqual([0, 0.5, 1, 1])
    expect(curve.thresholds).toEqual([Infinity, 0.8, 0.4, 0.1])
  })
})
