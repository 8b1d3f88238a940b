const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos3'];
class SpecError extends Error {
    constructor(where, path, message) {
        super(`${where}: ${path}: ${message}`);
        this.name = 'PreprocessSpecError';
    }
}
function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function onlyKeys(o, allowed, where, path) {
    for (const k of Object.keys(o)) {
        if (!allowed.includes(k))
            throw new SpecError(where, path, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
    }
}
function int(v, where, path, min = 1) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
        throw new SpecError(where, path, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
    return v;
}
function num(v, where, path) {
    if (typeof v !== 'number' || !Number.isFinite(v))
        throw new SpecError(where, path, `expected a number, got ${JSON.stringify(v)}`);
    return v;
}
function bool(v, where, path) {
    if (typeof v !== 'boolean')
        throw new SpecError(where, path, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
}
function size(v, where, path) {
    if (typeof v === 'number')
        return int(v, where, path);
    if (Array.isArray(v) && v.length === 2)
        return [int(v[0], where, `${path}[0]`), int(v[1], where, `${path}[1]`)];
    throw new SpecError(where, path, `expected a size (integer) or [height, width], got ${JSON.stringify(v)}`);
}
function triple(v, where, path) {
    if (!Array.isArray(v) || v.length !== 3)
        throw new SpecError(where, path, `expected 3 numbers (one per channel), got ${JSON.stringify(v)}`);
    return [num(v[0], where, `${path}[0]`), num(v[1], where, `${path}[1]`), num(v[2], where, `${path}[2]`)];
}
function step(v, where, path) {
    if (!isObj(v))
        throw new SpecError(where, path, `expected a step object, got ${JSON.stringify(v)}`);
    switch (v.op) {
        case 'resize': {
            onlyKeys(v, ['op', 'size', 'mode', 'interpolation'], where, path);
            const s = {
                op: 'resize',
                size: size(v.size, where, `${path}.size`),
            };
            if (v.mode !== undefined) {
                if (v.mode !== 'shorter-side' && v.mode !== 'exact')
                    throw new SpecError(where, `${path}.mode`, `expected "shorter-side" or "exact", got ${JSON.stringify(v.mode)}`);
                s.mode = v.mode;
            }
            if (v.interpolation !== undefined) {
                if (!INTERPOLATIONS.includes(v.interpolation)) {
                    throw new SpecError(where, `${path}.interpolation`, `expected one of ${INTERPOLATIONS.join(', ')}, got ${JSON.stringify(v.interpolation)}`);
                }
                s.interpolation = v.interpolation;
            }
            return s;
        }
        case 'center-crop':
            onlyKeys(v, ['op', 'size'], where, path);
            return { op: 'center-crop', size: size(v.size, where, `${path}.size`) };
        case 'mask-crop': {
            onlyKeys(v, ['op', 'size', 'tries', 'minMaskFraction', 'parityCentreAsCorner'], where, path);
            const s = {
                op: 'mask-crop',
                size: int(v.size, where, `${path}.size`),
            };
            if (v.tries !== undefined)
                s.tries = int(v.tries, where, `${path}.tries`, 0);
            if (v.minMaskFraction !== undefined) {
                const f = num(v.minMaskFraction, where, `${path}.minMaskFraction`);
                if (f < 0 || f > 1)
                    throw new SpecError(where, `${path}.minMaskFraction`, `expected a fraction in [0, 1], got ${f}`);
                s.minMaskFraction = f;
            }
            if (v.parityCentreAsCorner !== undefined)
                s.parityCentreAsCorner = bool(v.parityCentreAsCorner, where, `${path}.parityCentreAsCorner`);
            return s;
        }
        case 'gaussian-blur': {
            onlyKeys(v, ['op', 'sigma', 'onlyWithoutMaskCrop'], where, path);
            const sigma = num(v.sigma, where, `${path}.sigma`);
            if (sigma < 0)
                throw new SpecError(where, `${path}.sigma`, `must be >= 0, got ${sigma}`);
            const s = { op: 'gaussian-blur', sigma };
            if (v.onlyWithoutMaskCrop !== undefined)
                s.onlyWithoutMaskCrop = bool(v.onlyWithoutMaskCrop, where, `${path}.onlyWithoutMaskCrop`);
            return s;
        }
        case 'jpeg': {
            onlyKeys(v, ['op', 'quality'], where, path);
            const q = int(v.quality, where, `${path}.quality`);
            if (q > 100)
                throw new SpecError(where, `${path}.quality`, `must be 1..100, got ${q}`);
            return { op: 'jpeg', quality: q };
        }
        default:
            throw new SpecError(where, `${path}.op`, `unknown op ${JSON.stringify(v.op)}; known: resize, center-crop, mask-crop, gaussian-blur, jpeg`);
    }
}
export function validateTensorSpec(v, where, path = 'tensor') {
    if (!isObj(v))
        throw new SpecError(where, path, `expected an object, got ${JSON.stringify(v)}`);
    onlyKeys(v, ['layout', 'range', 'mean', 'std', 'channelOrder', 'parityClampAfterNormalize'], where, path);
    if (v.layout !== 'NCHW' && v.layout !== 'NHWC')
        throw new SpecError(where, `${path}.layout`, `expected "NCHW" or "NHWC", got ${JSON.stringify(v.layout)}`);
    const t = { layout: v.layout };
    if (v.range !== undefined) {
        if (!Array.isArray(v.range) || v.range.length !== 2)
            throw new SpecError(where, `${path}.range`, `expected [low, high], got ${JSON.stringify(v.range)}`);
        t.range = [num(v.range[0], where, `${path}.range[0]`), num(v.range[1], where, `${path}.range[1]`)];
    }
    if (v.mean !== undefined)
        t.mean = triple(v.mean, where, `${path}.mean`);
    if (v.std !== undefined) {
        const std = triple(v.std, where, `${path}.std`);
        if (std.some((s) => s <= 0))
            throw new SpecError(where, `${path}.std`, 'every std must be > 0');
        t.std = std;
    }
    if (v.channelOrder !== undefined) {
        if (v.channelOrder !== 'RGB' && v.channelOrder !== 'BGR')
            throw new SpecError(where, `${path}.channelOrder`, `expected "RGB" or "BGR", got ${JSON.stringify(v.channelOrder)}`);
        t.channelOrder = v.channelOrder;
    }
    if (v.parityClampAfterNormalize !== undefined)
        t.parityClampAfterNormalize = bool(v.parityClampAfterNormalize, where, `${path}.parityClampAfterNormalize`);
    return t;
}
/** Checks a `PreprocessSpec` that came from JSON; `where` names its source in errors. */
export function validatePreprocessSpec(v, where, path = 'preprocess') {
    if (!isObj(v))
        throw new SpecError(where, path, `expected an object with "steps", got ${JSON.stringify(v)}`);
    onlyKeys(v, ['steps', 'tensor'], where, path);
    if (!Array.isArray(v.steps))
        throw new SpecError(where, `${path}.steps`, `expected a list of steps, got ${JSON.stringify(v.steps)}`);
    const steps = v.steps.map((s, i) => step(s, where, `${path}.steps[${i}]`));
    if (steps.filter((s) => s.op === 'mask-crop').length > 1)
        throw new SpecError(where, `${path}.steps`, 'at most one mask-crop step is allowed');
    return v.tensor === undefined ? { steps } : { steps, tensor: validateTensorSpec(v.tensor, where, `${path}.tensor`) };
}
/** Checks a `DetectorInput` from JSON (a worker's handshake, a config file). */
export function validateDetectorInput(v, where, path = 'input') {
    if (!isObj(v))
        throw new SpecError(where, path, `expected an object with "kind", got ${JSON.stringify(v)}`);
    onlyKeys(v, ['kind', 'preprocess'], where, path);
    switch (v.kind) {
        case 'path':
            if (v.preprocess !== undefined)
                throw new SpecError(where, `${path}.preprocess`, 'kind "path" takes no preprocessing');
            return { kind: 'path' };
        case 'pixels':
            return v.preprocess === undefined ? { kind: 'pixels' } : { kind: 'pixels', preprocess: validatePreprocessSpec(v.preprocess, where, `${path}.preprocess`) };
        case 'tensor': {
            const pre = validatePreprocessSpec(v.preprocess, where, `${path}.preprocess`);
            if (!pre.tensor)
                throw new SpecError(where, `${path}.preprocess.tensor`, 'kind "tensor" needs a tensor declaration (layout, mean, std, ...)');
            return { kind: 'tensor', preprocess: { ...pre, tensor: pre.tensor } };
        }
        default:
            throw new SpecError(where, `${path}.kind`, `expected "path", "pixels" or "tensor", got ${JSON.stringify(v.kind)}`);
    }
}
//# sourceMappingURL=validate.js.map