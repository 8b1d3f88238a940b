import { errorText, fmt } from './session.js';
import { fail, pass, warn } from './types.js';
async function callOnce(session, kind, instance, item) {
    let result;
    try {
        result = await session.call(1, `${kind.method} on ${item.key}`, (signal) => kind.call(instance, item.request, signal));
    }
    catch (error) {
        const text = errorText(error);
        return { problems: [`${item.key}: ${kind.method} failed: ${text}`], warnings: [], thrown: true, timedOut: /did not return within|timed out after/.test(text) };
    }
    const inspection = kind.inspect(result, item.request);
    return {
        fingerprint: inspection.fingerprint,
        problems: inspection.problems.map((p) => `${item.key}: ${p}`),
        warnings: inspection.warnings.map((w) => `${item.key}: ${w}`),
    };
}
async function callAll(session, kind, instance, items) {
    const fingerprints = new Map();
    const problems = [];
    const warnings = [];
    for (const item of items) {
        const outcome = await callOnce(session, kind, instance, item);
        problems.push(...outcome.problems);
        warnings.push(...outcome.warnings);
        if (outcome.fingerprint)
            fingerprints.set(item.key, outcome.fingerprint);
        // A call that hangs would make every later one wait out the limit as well.
        if (outcome.timedOut)
            return { fingerprints, problems, warnings, timedOut: true };
    }
    return { fingerprints, problems, warnings, timedOut: false };
}
function compareFingerprints(a, b, tolerance, what) {
    let largest = 0;
    for (const [key, x] of a) {
        const y = b.get(key);
        if (!y)
            continue;
        if (x.text !== y.text || x.numbers.length !== y.numbers.length) {
            return fail(`${key}: the result ${what[0]} differs from the one ${what[1]}`);
        }
        for (let i = 0; i < x.numbers.length; i++) {
            const diff = Math.abs(x.numbers[i] - y.numbers[i]);
            if (!(diff <= tolerance))
                return fail(`${key}: value ${x.numbers[i]} ${what[0]}, ${y.numbers[i]} ${what[1]} (difference ${fmt(diff)}, tolerance ${tolerance})`, { maxDifference: diff });
            largest = Math.max(largest, diff);
        }
    }
    return pass(`${a.size} requests, identical results${largest > 0 ? ` (numbers within ${fmt(largest)})` : ''}`, { maxDifference: largest });
}
const SEED_HINT = '\nDerive every random number from the request seed or context.seed, never from Math.random or the clock.';
export async function checkRequests(session, kind) {
    const { checks } = session.env;
    await session.begin();
    let first;
    await checks.run('create', `create(options, context) returns ${/^[aeiou]/.test(session.env.loaded.plugin.kind) ? 'an' : 'a'} ${session.env.loaded.plugin.kind}`, async () => {
        const instance = await session.create(() => kind.create(), (i) => i);
        first = instance;
        const problems = kind.instanceProblems(instance);
        return problems.length ? fail(problems.join('\n')) : pass(kind.describeInstance(instance));
    });
    const later = [
        ['output', `${kind.method} returns a well-formed result`],
        ['determinism', 'same request, same result (repeated call)'],
        ['fresh-instance', 'a second instance with the same options and seed agrees'],
        ...kind.special.map(([id, title]) => [id, title]),
        ['performance', `time and memory per ${kind.unit}`],
    ];
    const valid = first !== undefined && !checks.failed('create');
    if (!valid || first === undefined) {
        for (const [id, title] of later)
            checks.skip(id, title, 'create() failed');
        await session.dispose();
        return;
    }
    const instance = first;
    let standard = await kind.standard();
    let base;
    let hung = false;
    await checks.run('output', `${kind.method} returns a well-formed result`, async () => {
        const run = await callAll(session, kind, instance, standard);
        hung = run.timedOut;
        if (run.problems.length)
            return fail(run.problems.slice(0, 6).join('\n') + (run.problems.length > 6 ? `\n... and ${run.problems.length - 6} more` : ''));
        base = run.fingerprints;
        if (run.warnings.length)
            return warn(run.warnings.slice(0, 6).join('\n'));
        return pass(`${standard.length} requests`);
    });
    const baseline = base;
    if (baseline) {
        await session.markPass();
        await checks.run('determinism', 'same request, same result (repeated call)', async () => {
            const again = await callAll(session, kind, instance, standard);
            await session.markPass();
            if (again.problems.length)
                return fail(`the second call failed: ${again.problems[0]}`);
            // Two more identical passes for the time and leak measurements; their results are not needed.
            for (let extra = 0; extra < 2; extra++) {
                await callAll(session, kind, instance, standard);
                await session.markPass();
            }
            const outcome = compareFingerprints(baseline, again.fingerprints, kind.tolerance, ['on the first call', 'on the second']);
            if (outcome.status === 'fail')
                outcome.detail += SEED_HINT;
            return outcome;
        });
        await checks.run('fresh-instance', 'a second instance with the same options and seed agrees', async () => {
            const second = await session.create(() => kind.create(), (i) => i);
            const run = await callAll(session, kind, second, standard);
            if (run.problems.length)
                return fail(`the second instance failed: ${run.problems[0]}`);
            const outcome = compareFingerprints(baseline, run.fingerprints, kind.tolerance, ['from the first instance', 'from the second']);
            if (outcome.status === 'fail')
                outcome.detail += SEED_HINT;
            return outcome;
        });
    }
    else {
        const reason = hung ? `skipped: ${kind.method} did not return in time` : 'needs well-formed results on the ordinary requests (see "output")';
        checks.skip('determinism', 'same request, same result (repeated call)', reason);
        checks.skip('fresh-instance', 'a second instance with the same options and seed agrees', reason);
    }
    // Release the decoded standard images before the dispose check measures memory.
    standard = [];
    for (const [id, title, build] of kind.special) {
        if (hung) {
            checks.skip(id, title, `skipped: ${kind.method} did not return in time`);
            continue;
        }
        await checks.run(id, title, async () => {
            const item = await build();
            const t0 = performance.now();
            const outcome = await callOnce(session, kind, instance, item);
            const ms = performance.now() - t0;
            // Generation records a request that throws as a failed row and goes on; a malformed result or a hang is worse.
            if (outcome.thrown && !outcome.timedOut)
                return warn(`${outcome.problems.join('\n')}\ngeneration records this row as failed and goes on.`);
            if (outcome.problems.length)
                return fail(outcome.problems.join('\n'));
            if (outcome.warnings.length)
                return warn(outcome.warnings.join('\n'), { ms });
            return pass(`handled in ${fmt(ms)} ms`, { ms });
        });
    }
    if (baseline)
        await session.performance(kind.unit);
    else
        checks.skip('performance', `time and memory per ${kind.unit}`, hung ? `skipped: ${kind.method} did not return in time` : 'needs well-formed results (see "output")');
    await session.dispose();
}
//# sourceMappingURL=requests.js.map