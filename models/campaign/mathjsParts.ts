/**
 * The mathjs pieces a spec's expressions are built from (`FACTORIES` in expressions.ts), imported
 * by name so that a bundler keeps only these: `loadExpressions` loads this module, in a browser the
 * one way mathjs arrives.
 *
 * @module
 */
export {
  absDependencies,
  addDependencies,
  ceilDependencies,
  create,
  divideDependencies,
  evaluateDependencies,
  floorDependencies,
  maxDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  powDependencies,
  roundDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unitDependencies,
} from 'mathjs';
