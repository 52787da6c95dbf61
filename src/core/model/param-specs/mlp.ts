import type { ParamSpec } from '../param-spec'

/**
 * The neural net's parameters (see ../param-spec.ts; hiddenLayers is checked
 * by mlp/params.ts, which also accepts any list of sizes):
 * - dropout [0, 0.9): the share of units switched off; at 0.9 or more too few
 *   are left to learn from. (The form stopped at 0.85.)
 * - learningRate (0, 1]: Adam's step must be positive. (The form started at 1e-5.)
 * - validationFraction [0, 0.5]: 0 holds none back (early stopping then off).
 */
export const MLP_PARAMS: ParamSpec[] = [
  {
    name: 'hiddenLayers',
    customCheck: true,
    label: 'Hidden layers',
    type: 'choice',
    help: 'How many layers of hidden units, and how many units in each. Bigger networks can learn more complex patterns but need more rows and overfit more easily; a clinical table of a few thousand rows rarely needs more than two small layers.',
    choices: [
      { value: '16', label: '1 layer of 16' },
      { value: '64', label: '1 layer of 64' },
      { value: '32,16', label: '2 layers: 32, 16' },
      { value: '64,32', label: '2 layers: 64, 32' },
      { value: '128,64', label: '2 layers: 128, 64' },
      { value: '64,32,16', label: '3 layers: 64, 32, 16' },
    ],
  },
  {
    name: 'activation',
    label: 'Activation',
    type: 'choice',
    help: 'The bend each hidden unit applies. ReLU is the usual choice and trains fastest; tanh gives smoother curves and can suit small tables.',
    choices: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
    ],
  },
  { name: 'dropout', maxExclusive: true, search: { type: 'float', min: 0, max: 0.5 }, label: 'Dropout', type: 'number', min: 0, max: 0.9, step: 0.05, help: 'Share of hidden units switched off at random on each training step. It stops the network leaning on a few units and so guards against overfitting; 0.1–0.3 is typical.' },
  { name: 'l2', search: { type: 'float', min: 0.00001, max: 0.01, log: true }, label: 'Weight penalty (L2)', type: 'number', min: 0, max: 1, step: 0.0005, help: 'Pushes connection weights towards zero. Larger values give a simpler, smoother model; 0 turns it off.' },
  { name: 'learningRate', minExclusive: true, search: { type: 'float', min: 0.0003, max: 0.03, log: true }, label: 'Learning rate', type: 'number', min: 0, max: 1, step: 0.0005, help: 'Size of each step the optimiser (Adam) takes. Too high and the loss jumps about; too low and training needs many more epochs.' },
  { name: 'epochs', label: 'Maximum epochs', type: 'integer', min: 1, max: 10000, step: 10, help: 'Upper limit on passes over the training rows. With early stopping the network usually stops sooner.' },
  { name: 'batchSize', label: 'Batch size', type: 'integer', min: 1, max: 65536, step: 16, help: 'Rows per weight update. Smaller batches update more often and add helpful noise; larger ones run faster per epoch.' },
  { name: 'earlyStoppingPatience', label: 'Early-stopping patience', type: 'integer', min: 0, max: 1000, step: 1, help: 'Stop when the validation loss has not improved for this many epochs, and keep the best epoch’s weights. 0 turns early stopping off (then set the validation share as you like).' },
  { name: 'validationFraction', label: 'Validation share', type: 'number', min: 0, max: 0.5, step: 0.05, help: 'Share of the training rows set aside (by class, using the seed) to watch for overfitting. The network does not learn from them. Early stopping needs it above 0.' },
  {
    name: 'classWeight',
    label: 'Class weights',
    type: 'choice',
    help: 'Balanced weighs rare classes up so the model does not ignore them. Ignored for regression.',
    choices: [
      { value: 'none', label: 'Equal' },
      { value: 'balanced', label: 'Balanced' },
    ],
  },
  { name: 'seed', label: 'Network seed', type: 'integer', min: 0, max: 4294967295, step: 1, help: 'Seeds the starting weights, the validation rows, the batch order and dropout. The same seed gives the same network on the same backend (WebAssembly or CPU); a GPU may differ in the last digits.' },
]
