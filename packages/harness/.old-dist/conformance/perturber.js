import { deriveSeed } from '../util/rng.js';
import { checkRequests } from './requests.js';
import { identityProblems } from './session.js';
const LABELS = ['dog', 'red_car', 'person', 'traffic_light', 'tree', 'wooden_bench'];
const MAGNITUDES = ['small', 'medium', 'large'];
function inspectPerturbation(result, request) {
    const problems = [];
    const warnings = [];
    if (result === null || typeof result !== 'object') {
        return { problems: [`perturb() returned ${result === null ? 'null' : typeof result}, not { target, magnitude, flagged, attempts }`], warnings, fingerprint: { text: '', numbers: [] } };
    }
    const r = result;
    if (r.target !== null && typeof r.target !== 'string')
        problems.push(`target must be a string or null, got ${typeof r.target}`);
    else if (typeof r.target === 'string') {
        if (r.target.trim() === '')
            problems.push('target is empty; return null when no acceptable answer was produced');
        else if (r.target !== r.target.trim())
            problems.push(`target ${JSON.stringify(r.target)} is not trimmed`);
        else if (r.target.toLowerCase() === request.label.toLowerCase())
            warnings.push(`target "${r.target}" is the label itself: nothing was perturbed`);
    }
    if (!MAGNITUDES.includes(r.magnitude))
        problems.push(`magnitude must be small, medium or large, got ${JSON.stringify(r.magnitude)}`);
    if (typeof r.flagged !== 'boolean')
        problems.push(`flagged must be true or false, got ${JSON.stringify(r.flagged)}`);
    if (typeof r.attempts !== 'number' || !Number.isInteger(r.attempts) || r.attempts < 0)
        problems.push(`attempts must be a non-negative integer, got ${JSON.stringify(r.attempts)}`);
    if (r.detail !== undefined) {
        if (r.detail === null || typeof r.detail !== 'object')
            problems.push('detail must be an object of strings and numbers');
        else
            for (const [k, v] of Object.entries(r.detail))
                if (typeof v !== 'string' && typeof v !== 'number')
                    problems.push(`detail.${k} must be a string or number`);
    }
    return { problems, warnings, fingerprint: { text: JSON.stringify([r.target, r.magnitude, r.flagged]), numbers: [] } };
}
export async function checkPerturber(session) {
    const { env } = session;
    const plugin = env.loaded.plugin;
    const images = await env.images();
    const requests = LABELS.map((label, i) => {
        const image = images.standard[i % images.standard.length];
        const request = {
            label,
            magnitude: MAGNITUDES[i % MAGNITUDES.length],
            imageId: image?.name ?? `image-${i}`,
            imagePath: image?.path ?? '',
            dataset: 'conformance',
            entities: LABELS,
            seed: deriveSeed(env.seed, `perturb:${label}`),
        };
        return { key: `${label} (${request.magnitude})`, request };
    });
    await checkRequests(session, {
        unit: 'perturbation',
        method: 'perturb(request)',
        create: () => plugin.create(env.options, env.context),
        instanceProblems: (instance) => {
            if (!instance || typeof instance !== 'object')
                return [`create() returned ${typeof instance}, not a perturber instance`];
            const problems = typeof instance.perturb === 'function' ? [] : ['the instance has no perturb(request, signal) method'];
            return [...problems, ...identityProblems(instance.identity, env.options, plugin.meta.secretOptions)];
        },
        describeInstance: () => 'perturb() present',
        standard: () => Promise.resolve(requests),
        special: [],
        call: (instance, request, signal) => instance.perturb(request, signal),
        inspect: inspectPerturbation,
        tolerance: 0,
    });
}
//# sourceMappingURL=perturber.js.map