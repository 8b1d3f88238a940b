/**
 * Validation of preprocessing declarations that arrive as JSON (sidecar files, CLI options,
 * worker handshakes): every field is checked, unknown fields are refused, and errors say where
 * the declaration came from and which field is wrong.
 */
import type { DetectorInput, Interpolation, PreprocessSpec, PreprocessStep, TensorSpec } from '../contract.js';

const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos3'];

class SpecError extends Error {
  constructor(where: string, path: string, message: string) {
    super(`${where}: ${path}: ${message}`);
    this.name = 'PreprocessSpecError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(o: Obj, allowed: readonly string[], where: string, path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new SpecError(where, path, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
  }
}

function int(v: unknown, where: string, path: string, min = 1): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new SpecError(where, path, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function num(v: unknown, where: string, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SpecError(where, path, `expected a number, got ${JSON.stringify(v)}`);
  return v;
}

function bool(v: unknown, where: string, path: string): boolean {
  if (typeof v !== 'boolean') throw new SpecError(where, path, `expected true or false, got ${JSON.stringify(v)}`);
  return v;
}

function size(v: unknown, where: string, path: string): number | readonly [number, number] {
  if (typeof v === 'number') return int(v, where, path);
  if (Array.isArray(v) && v.length === 2) return [int(v[0], where, `${path}[0]`), int(v[1], where, `${path}[1]`)];
  throw new SpecError(where, path, `expected a size (integer) or [height, width], got ${JSON.stringify(v)}`);
}

function triple(v: unknown, where: string, path: string): readonly [number, number, number] {
  if (!Array.isArray(v) || v.length !== 3) throw new SpecError(where, path, `expected 3 numbers (one per channel), got ${JSON.stringify(v)}`);
  return [num(v[0], where, `${path}[0]`), num(v[1], where, `${path}[1]`), num(v[2], where, `${path}[2]`)];
}

function step(v: unknown, where: string, path: string): PreprocessStep {
  if (!isObj(v)) throw new SpecError(where, path, `expected a step object, got ${JSON.stringify(v)}`);
  switch (v.op) {
    case 'resize': {
      onlyKeys(v, ['op', 'size', 'mode', 'interpolation'], where, path);
      const s: { op: 'resize'; size: number | readonly [number, number]; mode?: 'shorter-side' | 'exact'; interpolation?: Interpolation } = {
        op: 'resize',
        size: size(v.size, where, `${path}.size`),
      };
      if (v.mode !== undefined) {
        if (v.mode !== 'shorter-side' && v.mode !== 'exact') throw new SpecError(where, `${path}.mode`, `expected "shorter-side" or "exact", got ${JSON.stringify(v.mode)}`);
        s.mode = v.mode;
      }
      if (v.interpolation !== undefined) {
        if (!INTERPOLATIONS.includes(v.interpolation as Interpolation)) {
          throw new SpecError(where, `${path}.interpolation`, `expected one of ${INTERPOLATIONS.join(', ')}, got ${JSON.stringify(v.interpolation)}`);
        }
        s.interpolation = v.interpolation as Interpolation;
      }
      return s;
    }
    case 'center-crop':
      onlyKeys(v, ['op', 'size'], where, path);
      return { op: 'center-crop', size: size(v.size, where, `${path}.size`) };
    case 'mask-crop': {
      onlyKeys(v, ['op', 'size', 'tries', 'minMaskFraction', 'parityCentreAsCorner'], where, path);
      const s: { op: 'mask-crop'; size: number; tries?: number; minMaskFraction?: number; parityCentreAsCorner?: boolean } = {
        op: 'mask-crop',
        size: int(v.size, where, `${path}.size`),
      };
      if (v.tries !== undefined) s.tries = int(v.tries, where, `${path}.tries`, 0);
      if (v.minMaskFraction !== undefined) {
        const f = num(v.minMaskFraction, where, `${path}.minMaskFraction`);
        if (f < 0 || f > 1) throw new SpecError(where, `${path}.minMaskFraction`, `expected a fraction in [0, 1], got ${f}`);
        s.minMaskFraction = f;
      }
      if (v.parityCentreAsCorner !== undefined) s.parityCentreAsCorner = bool(v.parityCentreAsCorner, where, `${path}.parityCentreAsCorner`);
      return s;
    }
    case 'gaussian-blur': {
      onlyKeys(v, ['op', 'sigma', 'onlyWithoutMaskCrop'], where, path);
      const sigma = num(v.sigma, where, `${path}.sigma`);
      if (sigma < 0) throw new SpecError(where, `${path}.sigma`, `must be >= 0, got ${sigma}`);
      const s: { op: 'gaussian-blur'; sigma: number; onlyWithoutMaskCrop?: boolean } = { op: 'gaussian-blur', sigma };
      if (v.onlyWithoutMaskCrop !== undefined) s.onlyWithoutMaskCrop = bool(v.onlyWithoutMaskCrop, where, `${path}.onlyWithoutMaskCrop`);
      return s;
    }
    case 'jpeg': {
      onlyKeys(v, ['op', 'quality'], where, path);
      const q = int(v.quality, where, `${path}.quality`);
      if (q > 100) throw new SpecError(where, `${path}.quality`, `must be 1..100, got ${q}`);
      return { op: 'jpeg', quality: q };
    }
    default:
      throw new SpecError(where, `${path}.op`, `unknown op ${JSON.stringify(v.op)}; known: resize, center-crop, mask-crop, gaussian-blur, jpeg`);
  }
}

export function validateTensorSpec(v: unknown, where: string, path = 'tensor'): TensorSpec {
  if (!isObj(v)) throw new SpecError(where, path, `expected an object, got ${JSON.stringify(v)}`);
  onlyKeys(v, ['layout', 'range', 'mean', 'std', 'channelOrder', 'parityClampAfterNormalize'], where, path);
  if (v.layout !== 'NCHW' && v.layout !== 'NHWC') throw new SpecError(where, `${path}.layout`, `expected "NCHW" or "NHWC", got ${JSON.stringify(v.layout)}`);
  const t: { -readonly [K in keyof TensorSpec]: TensorSpec[K] } = { layout: v.layout };
  if (v.range !== undefined) {
    if (!Array.isArray(v.range) || v.range.length !== 2) throw new SpecError(where, `${path}.range`, `expected [low, high], got ${JSON.stringify(v.range)}`);
    t.range = [num(v.range[0], where, `${path}.range[0]`), num(v.range[1], where, `${path}.range[1]`)];
  }
  if (v.mean !== undefined) t.mean = triple(v.mean, where, `${path}.mean`);
  if (v.std !== undefined) {
    const std = triple(v.std, where, `${path}.std`);
    if (std.some((s) => s <= 0)) throw new SpecError(where, `${path}.std`, 'every std must be > 0');
    t.std = std;
  }
  if (v.channelOrder !== undefined) {
    if (v.channelOrder !== 'RGB' && v.channelOrder !== 'BGR') throw new SpecError(where, `${path}.channelOrder`, `expected "RGB" or "BGR", got ${JSON.stringify(v.channelOrder)}`);
    t.channelOrder = v.channelOrder;
  }
  if (v.parityClampAfterNormalize !== undefined) t.parityClampAfterNormalize = bool(v.parityClampAfterNormalize, where, `${path}.parityClampAfterNormalize`);
  return t;
}

/** Checks a `PreprocessSpec` that came from JSON; `where` names its source in errors. */
export function validatePreprocessSpec(v: unknown, where: string, path = 'preprocess'): PreprocessSpec {
  if (!isObj(v)) throw new SpecError(where, path, `expected an object with "steps", got ${JSON.stringify(v)}`);
  onlyKeys(v, ['steps', 'tensor'], where, path);
  if (!Array.isArray(v.steps)) throw new SpecError(where, `${path}.steps`, `expected a list of steps, got ${JSON.stringify(v.steps)}`);
  const steps = v.steps.map((s, i) => step(s, where, `${path}.steps[${i}]`));
  if (steps.filter((s) => s.op === 'mask-crop').length > 1) throw new SpecError(where, `${path}.steps`, 'at most one mask-crop step is allowed');
  return v.tensor === undefined ? { steps } : { steps, tensor: validateTensorSpec(v.tensor, where, `${path}.tensor`) };
}

/** Checks a `DetectorInput` from JSON (a worker's handshake, a config file). */
export function validateDetectorInput(v: unknown, where: string, path = 'input'): DetectorInput {
  if (!isObj(v)) throw new SpecError(where, path, `expected an object with "kind", got ${JSON.stringify(v)}`);
  onlyKeys(v, ['kind', 'preprocess'], where, path);
  switch (v.kind) {
    case 'path':
      if (v.preprocess !== undefined) throw new SpecError(where, `${path}.preprocess`, 'kind "path" takes no preprocessing');
      return { kind: 'path' };
    case 'pixels':
      return v.preprocess === undefined ? { kind: 'pixels' } : { kind: 'pixels', preprocess: validatePreprocessSpec(v.preprocess, where, `${path}.preprocess`) };
    case 'tensor': {
      const pre = validatePreprocessSpec(v.preprocess, where, `${path}.preprocess`);
      if (!pre.tensor) throw new SpecError(where, `${path}.preprocess.tensor`, 'kind "tensor" needs a tensor declaration (layout, mean, std, ...)');
      return { kind: 'tensor', preprocess: { ...pre, tensor: pre.tensor } };
    }
    default:
      throw new SpecError(where, `${path}.kind`, `expected "path", "pixels" or "tensor", got ${JSON.stringify(v.kind)}`);
  }
}
