/**
 * The parts of XGBoost's JSON model format (what `Booster.save_model("m.json")`
 * writes; schema: XGBoost's doc/model.schema, dropped from its repository in
 * 3.2 with the format unchanged) that the studio reads and writes. Numbers
 * that XGBoost keeps as parameters are strings ("5E-1"); tree arrays are
 * per node, indexed by XGBoost's node id (root 0), and a leaf keeps its value
 * in `split_conditions`.
 */

/** One tree of a gbtree booster. */
export interface XGBoostTree {
  tree_param: { num_deleted?: string; num_feature: string; num_nodes: string; size_leaf_vector: string }
  id?: number
  loss_changes: number[]
  /** Hessian sum per node ("cover"), what TreeSHAP weighs children by. */
  sum_hessian: number[]
  base_weights: number[]
  /** -1 at a leaf. */
  left_children: number[]
  right_children: number[]
  /** 2147483647 at the root. */
  parents: number[]
  split_indices: number[]
  /** float32: a row goes left when x < condition; the leaf value at a leaf. */
  split_conditions: number[]
  /** 0 numeric, 1 categorical. */
  split_type: number[]
  default_left: number[]
  categories: number[]
  categories_nodes: number[]
  categories_segments: number[]
  categories_sizes: number[]
}

/** The whole model file. */
export interface XGBoostModelJSON {
  version: [number, number, number]
  learner: {
    attributes: Record<string, string>
    feature_names: string[]
    feature_types: string[]
    gradient_booster: {
      name: 'gbtree'
      model: {
        gbtree_model_param: { num_parallel_tree: string; num_trees: string; size_leaf_vector?: string }
        tree_info: number[]
        trees: XGBoostTree[]
        iteration_indptr?: number[]
      }
    }
    learner_model_param: { base_score: string; boost_from_average?: string; num_class: string; num_feature: string; num_target?: string }
    objective: { name: string } & Record<string, unknown>
  }
}

/** XGBoost's `parents` entry of a root. */
export const NO_PARENT = 2147483647

/** The version written on export: Debian's python3-xgboost, which reads and writes exactly this form; later versions read it too. */
export const WRITTEN_VERSION: [number, number, number] = [1, 7, 4]

/** Objectives the studio can read, by what they predict. */
export const BINARY_OBJECTIVES = ['binary:logistic', 'binary:logitraw'] as const
export const MULTICLASS_OBJECTIVES = ['multi:softprob', 'multi:softmax'] as const
/** Identity-link regression: the prediction is the margin. */
export const REGRESSION_OBJECTIVES = ['reg:squarederror', 'reg:linear', 'reg:pseudohubererror', 'reg:absoluteerror'] as const

export const SUPPORTED_OBJECTIVES: readonly string[] = [...BINARY_OBJECTIVES, ...MULTICLASS_OBJECTIVES, ...REGRESSION_OBJECTIVES]
