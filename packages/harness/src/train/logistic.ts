/**
 * L2-regularised logistic regression, the head of UnivFD's recipe (a linear probe on frozen
 * features). The objective is scikit-learn's LogisticRegression(penalty='l2', C) with an
 * unpenalised intercept:
 *
 *   f(w, b) = ½‖w‖² + C · Σᵢ log(1 + exp(−sᵢ (xᵢ·w + b))),   sᵢ = ±1,
 *
 * minimised with L-BFGS to a tight gradient tolerance, so the fit equals sklearn's (run with a
 * tight `tol`) to the optimiser's precision. Strength is chosen by early stopping along the
 * regularisation path on a validation split (fitProbe): C grows from strong to weak regularisation,
 * each fit warm-started from the previous one, and the walk stops once the validation log-loss has
 * not improved for `patience` steps; the best C's fit is the head.
 */

export interface LogisticModel {
  weights: Float64Array;
  intercept: number;
}

export interface LogisticFit extends LogisticModel {
  C: number;
  iterations: number;
  converged: boolean;
  /** Objective value at the solution. */
  objective: number;
}

export interface FitOptions {
  C: number;
  /** Stop when the largest gradient component is below this (default 1e-8). */
  tol?: number;
  maxIter?: number;
  /** Warm start. */
  init?: LogisticModel;
}

/** log(1 + exp(-z)), stable for large |z|. */
function softplusNeg(z: number): number {
  return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The linear score xᵢ·w + b. */
export function decision(model: LogisticModel, x: ArrayLike<number>): number {
  let s = model.intercept;
  for (let j = 0; j < model.weights.length; j++) s += (model.weights[j] as number) * (x[j] as number);
  return s;
}

/** Mean binary log-loss of P(fake) = sigmoid(decision) on labelled rows (y = 1 fake). */
export function logLoss(model: LogisticModel, X: readonly ArrayLike<number>[], y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < X.length; i++) sum += softplusNeg((y[i] === 1 ? 1 : -1) * decision(model, X[i] as ArrayLike<number>));
  return X.length ? sum / X.length : NaN;
}

/** Objective and gradient at theta = [w..., b]. */
function objective(theta: Float64Array, X: readonly ArrayLike<number>[], s: Float64Array, C: number, grad: Float64Array): number {
  const d = theta.length - 1;
  const b = theta[d] as number;
  let f = 0;
  grad.fill(0);
  for (let j = 0; j < d; j++) {
    f += 0.5 * (theta[j] as number) * (theta[j] as number);
    grad[j] = theta[j] as number;
  }
  for (let i = 0; i < X.length; i++) {
    const x = X[i] as ArrayLike<number>;
    let z = b;
    for (let j = 0; j < d; j++) z += (theta[j] as number) * (x[j] as number);
    const m = (s[i] as number) * z;
    f += C * softplusNeg(m);
    // d/dz softplus(-s z) = -s · sigmoid(-s z)
    const g = -C * (s[i] as number) * sigmoid(-m);
    for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + g * (x[j] as number);
    grad[d] = (grad[d] as number) + g;
  }
  return f;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** Minimises the objective with L-BFGS (memory 10) and a backtracking Armijo line search. */
export function fitLogistic(X: readonly ArrayLike<number>[], y: ArrayLike<number>, options: FitOptions): LogisticFit {
  const n = X.length;
  if (n === 0) throw new Error('fitLogistic: no rows');
  const d = (X[0] as ArrayLike<number>).length;
  if (!(options.C > 0)) throw new Error(`fitLogistic: C must be > 0, got ${options.C}`);
  const tol = options.tol ?? 1e-8;
  const maxIter = options.maxIter ?? 10_000;
  const s = Float64Array.from({ length: n }, (_, i) => (y[i] === 1 ? 1 : -1));
  const theta = new Float64Array(d + 1);
  if (options.init) {
    theta.set(options.init.weights);
    theta[d] = options.init.intercept;
  }
  let grad = new Float64Array(d + 1);
  let f = objective(theta, X, s, options.C, grad);
  const memS: Float64Array[] = [];
  const memY: Float64Array[] = [];
  let iter = 0;
  let converged = maxAbs(grad) < tol;
  while (!converged && iter < maxIter) {
    iter++;
    // Two-loop recursion: direction = -H·grad.
    const q = Float64Array.from(grad);
    const alphas: number[] = [];
    for (let k = memS.length - 1; k >= 0; k--) {
      const rho = 1 / dot(memY[k] as Float64Array, memS[k] as Float64Array);
      const a = rho * dot(memS[k] as Float64Array, q);
      alphas[k] = a;
      for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) - a * ((memY[k] as Float64Array)[j] as number);
    }
    const last = memS.length - 1;
    const gamma = last >= 0 ? dot(memS[last] as Float64Array, memY[last] as Float64Array) / dot(memY[last] as Float64Array, memY[last] as Float64Array) : 1 / Math.max(1, maxAbs(grad));
    for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) * gamma;
    for (let k = 0; k < memS.length; k++) {
      const rho = 1 / dot(memY[k] as Float64Array, memS[k] as Float64Array);
      const b = rho * dot(memY[k] as Float64Array, q);
      for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) + ((memS[k] as Float64Array)[j] as number) * ((alphas[k] as number) - b);
    }
    const dir = q.map((v) => -v);
    let slope = dot(dir, grad);
    if (slope >= 0) {
      // Not a descent direction (curvature pairs gone stale): restart from steepest descent.
      memS.length = 0;
      memY.length = 0;
      for (let j = 0; j < dir.length; j++) dir[j] = -(grad[j] as number) / Math.max(1, maxAbs(grad));
      slope = dot(dir, grad);
    }
    let step = 1;
    const next = new Float64Array(d + 1);
    const nextGrad = new Float64Array(d + 1);
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < next.length; j++) next[j] = (theta[j] as number) + step * (dir[j] as number);
      fNext = objective(next, X, s, options.C, nextGrad);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext <= f)) break; // no progress possible at double precision
    const sk = next.map((v, j) => v - (theta[j] as number));
    const yk = nextGrad.map((v, j) => v - (grad[j] as number));
    if (dot(sk, yk) > 1e-12) {
      memS.push(sk);
      memY.push(yk);
      if (memS.length > 10) {
        memS.shift();
        memY.shift();
      }
    }
    const fPrev = f;
    theta.set(next);
    grad = nextGrad;
    f = fNext;
    converged = maxAbs(grad) < tol || Math.abs(fPrev - f) <= 1e-16 * Math.max(1, Math.abs(f));
  }
  return { weights: theta.slice(0, d), intercept: theta[d] as number, C: options.C, iterations: iter, converged, objective: f };
}

export interface PathStep {
  C: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
  iterations: number;
}

export interface ProbeFit {
  model: LogisticFit;
  /** Every C tried, in order, with its validation log-loss; the walk stopped after the last. */
  path: PathStep[];
  bestC: number;
}

export interface ProbeFitOptions {
  /** Regularisation strengths to walk, from strong to weak (default 10^-4 .. 10^4 in half-decades). */
  Cs?: readonly number[];
  /** Steps without a better validation loss before stopping (default 3). */
  patience?: number;
  tol?: number;
}

export const DEFAULT_CS: readonly number[] = Array.from({ length: 17 }, (_, i) => Number((10 ** (-4 + i / 2)).toPrecision(12)));

function accuracy(model: LogisticModel, X: readonly ArrayLike<number>[], y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < X.length; i++) if ((decision(model, X[i] as ArrayLike<number>) >= 0 ? 1 : 0) === y[i]) ok++;
  return X.length ? ok / X.length : NaN;
}

/** Early stopping along the regularisation path, judged on the validation rows. */
export function fitProbe(
  train: { X: readonly ArrayLike<number>[]; y: ArrayLike<number> },
  val: { X: readonly ArrayLike<number>[]; y: ArrayLike<number> },
  options: ProbeFitOptions = {},
): ProbeFit {
  if (val.X.length === 0) throw new Error('fitProbe: the validation split is empty; use a larger --val fraction or more source images');
  const Cs = options.Cs ?? DEFAULT_CS;
  const patience = options.patience ?? 3;
  const path: PathStep[] = [];
  let best: LogisticFit | undefined;
  let bestLoss = Infinity;
  let since = 0;
  let prev: LogisticFit | undefined;
  for (const C of Cs) {
    const fit = fitLogistic(train.X, train.y, { C, ...(options.tol !== undefined ? { tol: options.tol } : {}), ...(prev ? { init: prev } : {}) });
    prev = fit;
    const valLoss = logLoss(fit, val.X, val.y);
    path.push({ C, trainLoss: logLoss(fit, train.X, train.y), valLoss, valAccuracy: accuracy(fit, val.X, val.y), iterations: fit.iterations });
    if (valLoss < bestLoss - 1e-12) {
      bestLoss = valLoss;
      best = fit;
      since = 0;
    } else if (++since >= patience) break;
  }
  const model = best as LogisticFit;
  return { model, path, bestC: model.C };
}
