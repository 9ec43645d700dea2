/** Pure walk-forward pieces (grid, folds, selection, assessment); orchestration lives in src/app/walk-forward. */
export { parseGridAxis, parseGrid, gridSize, gridPoints, formatPoint, MAX_GRID_POINTS } from "./grid.ts";
export type { GridAxis, GridPoint } from "./grid.ts";
export { generateFolds, parseDuration } from "./folds.ts";
export type { Fold, FoldSpec } from "./folds.ts";
export {
  OBJECTIVES,
  objectiveValue,
  selectBest,
  degradationRatio,
  overfitRisk,
  walkForwardEfficiency,
  parameterStability,
  stitchEquity,
  bucketReturns,
} from "./assess.ts";
export type { Objective, ObjectiveMetrics, OverfitRisk, ParamStability } from "./assess.ts";
