/**
 * The plugin conformance suite behind `semibench plugin check`: loads a plugin by any spec the
 * CLI accepts and runs it the way semibench will, reporting every check with a verdict, what
 * was seen and what to change. See docs/plugin-authors.md ("Testing your plugin").
 */
import { join } from 'node:path';
import { redactOptions, scrubSecrets, secretEnvValues, secretValues } from '../util/secrets.js';
import { checkDetector } from './detector.js';
import { checkEditor } from './editor.js';
import { checkImages, DEFAULT_LARGE_SIZE } from './images.js';
import { checkMeta, loadAnyKind } from './meta.js';
import { checkMetric } from './metric.js';
import { checkPerturber } from './perturber.js';
import { describeSource } from './report.js';
import { ResourceProbe } from './resources.js';
import { CheckSession, declaredSecrets, errorText } from './session.js';
import { CheckRecorder, CONFORMANCE_SUITE_VERSION, DEFAULT_BUDGETS, fail, pass, } from './types.js';
export { CONFORMANCE_SUITE_VERSION, DEFAULT_BUDGETS } from './types.js';
export { checkImages, DEFAULT_LARGE_SIZE, TINY_SIZE } from './images.js';
export { formatCheck, formatConformanceReport, formatSummary, describeSource } from './report.js';
export { checkCacheKey, readCheckCache, recordCheck, CHECK_CACHE_FILE } from './cache.js';
export { loadAnyKind, shortPackageName } from './meta.js';
export { SAMPLE_COLUMN_TEXT } from './detector.js';
const QUIET = { debug: () => undefined, info: () => undefined, warn: () => undefined };
/** Default limit for one call; generous because the first call may load a model. */
export const DEFAULT_CHECK_TIMEOUT_MS = 120_000;
export async function checkPlugin(spec, options) {
    const t0 = performance.now();
    const startedAt = new Date().toISOString();
    const checks = new CheckRecorder(options.onCheck);
    const seed = options.seed ?? 0;
    const pluginOptions = options.options ?? {};
    const secrets = (names = []) => [...secretValues(pluginOptions, names), ...secretEnvValues()];
    checks.scrub = (text) => scrubSecrets(text, secrets());
    const probe = new ResourceProbe();
    const handlesBeforeLoad = await probe.handles(0);
    let loaded;
    await checks.run('load', 'loads and has the shape of plugin contract v1', async () => {
        loaded = await loadAnyKind(options.loader, spec, options.kind);
        return pass(describeSource(loaded.source));
    });
    const report = {
        suiteVersion: CONFORMANCE_SUITE_VERSION,
        spec,
        options: redactOptions(pluginOptions, declaredSecrets(loaded?.plugin.meta.secretOptions)),
        passed: false,
        counts: { pass: 0, warn: 0, fail: 0, skip: 0 },
        checks: checks.results,
        startedAt,
        ms: 0,
    };
    if (loaded) {
        const { plugin, source } = loaded;
        checks.scrub = (text) => scrubSecrets(text, secrets(declaredSecrets(loaded?.plugin.meta.secretOptions)));
        report.plugin = { kind: plugin.kind, name: plugin.meta.name, version: plugin.meta.version, apiVersion: plugin.meta.apiVersion };
        if (plugin.meta.description)
            report.plugin.description = plugin.meta.description;
        report.source = source;
        const found = loaded;
        await checks.run('meta', 'meta is complete and well-formed', () => checkMeta(found));
        const controller = new AbortController();
        const context = { seed, cacheDir: options.cacheDir, baseDir: options.loader.cwd, logger: options.logger ?? QUIET, signal: controller.signal };
        let images;
        const env = {
            loaded,
            options: pluginOptions,
            context,
            seed,
            timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
            budgets: { ...DEFAULT_BUDGETS, ...options.budgets },
            checks,
            probe,
            handlesBeforeLoad,
            images: () => (images ??= checkImages(join(options.cacheDir, 'plugin-check'), seed, options.largeSize ?? DEFAULT_LARGE_SIZE)),
        };
        try {
            await runKindChecks(env);
        }
        catch (error) {
            // A failure of the suite itself (e.g. the check images could not be written) must not look like a pass.
            await checks.run('suite', 'the check itself ran to the end', () => fail(`the conformance suite stopped: ${errorText(error)}`));
        }
        finally {
            controller.abort();
        }
    }
    for (const r of checks.results)
        report.counts[r.status]++;
    report.passed = report.counts.fail === 0;
    report.ms = Math.round(performance.now() - t0);
    return report;
}
function runKindChecks(env) {
    const { loaded } = env;
    switch (loaded.plugin.kind) {
        case 'detector':
            return checkDetector(new CheckSession({ ...env, loaded: loaded }));
        case 'editor':
            return checkEditor(new CheckSession({ ...env, loaded: loaded }));
        case 'metric':
            return checkMetric(new CheckSession({ ...env, loaded: loaded }));
        case 'perturber':
            return checkPerturber(new CheckSession({ ...env, loaded: loaded }));
    }
}
//# sourceMappingURL=index.js.map