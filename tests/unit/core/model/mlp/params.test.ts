import { describe, expect, it } from 'vitest'
import { MLP_DEFAULTS, parseMlpParams } from '../../../../../src/core/model/mlp/params'

describe('neural-net parameters', () => {
  it('fills defaults and accepts hidden layers as a list or as the text a form sends', () => {
    expect(parseMlpParams({})).toEqual(MLP_DEFAULTS)
    expect(parseMlpParams({ hiddenLayers: '64, 32' }).hiddenLayers).toEqual([64, 32])
    expect(parseMlpParams({ hiddenLayers: '128' }).hiddenLayers).toEqual([128])
    expect(parseMlpParams({ hiddenLayers: [8, 8, 8, 8] }).hiddenLayers).toEqual([8, 8, 8, 8])
  })

  it('names each bad value and its allowed range', () => {
    expect(() => parseMlpParams({ hiddenLayers: [64, 0] })).toThrow(/hiddenLayers = \[64,0\] is invalid; expected 1 to 4 layer sizes, each an integer in \[1, 512\]/)
    expect(() => parseMlpParams({ hiddenLayers: [] })).toThrow(/hiddenLayers = \[\] is invalid/)
    expect(() => parseMlpParams({ hiddenLayers: '64,x' })).toThrow(/hiddenLayers = "64,x" is invalid/)
    expect(() => parseMlpParams({ hiddenLayers: [1, 2, 3, 4, 5] })).toThrow(/1 to 4 layer sizes/)
    expect(() => parseMlpParams({ hiddenLayers: [2.5] })).toThrow(/hiddenLayers = \[2.5\]/)
    expect(() => parseMlpParams({ dropout: 0.9 })).toThrow(/dropout = 0.9 is invalid; expected a number in \[0, 0.9\)/)
    expect(() => parseMlpParams({ dropout: -0.1 })).toThrow(/dropout = -0.1 is invalid/)
    expect(() => parseMlpParams({ activation: 'sigmoid' })).toThrow(/activation = "sigmoid" is invalid; expected one of relu, tanh/)
    expect(() => parseMlpParams({ learningRate: 0 })).toThrow(/learningRate = 0 is invalid; expected a number in \(0, 1\]/)
    expect(() => parseMlpParams({ epochs: 1.5 })).toThrow(/epochs = 1.5 is invalid; expected an integer in \[1, 10000\]/)
    expect(() => parseMlpParams({ batchSize: 0 })).toThrow(/batchSize = 0 is invalid/)
    expect(() => parseMlpParams({ validationFraction: 0.6 })).toThrow(/validationFraction = 0.6 is invalid; expected a number in \[0, 0.5\]/)
    expect(() => parseMlpParams({ classWeight: 'heavy' })).toThrow(/classWeight = "heavy" is invalid; expected one of none, balanced/)
    expect(() => parseMlpParams({ seed: -1 })).toThrow(/seed = -1 is invalid/)
    expect(() => parseMlpParams({ momentum: 0.9 } as never)).toThrow(/unknown parameter "momentum"/)
  })

  it('refuses early stopping without validation rows', () => {
    expect(() => parseMlpParams({ validationFraction: 0 })).toThrow(/earlyStoppingPatience = 10 needs validation rows, but validationFraction = 0/)
    expect(parseMlpParams({ validationFraction: 0, earlyStoppingPatience: 0 }).validationFraction).toBe(0)
  })
})
