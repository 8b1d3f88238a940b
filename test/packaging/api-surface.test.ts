/**
 * The harness's public surface is deliberate: packages/harness/API.md lists every name each entry
 * point exports (scripts/api-report.mjs). A new export, a removed one or a changed kind fails here
 * until the report is regenerated, so it shows up as a diff to review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { apiReport } from '../../scripts/api-report.mjs';

const committed = readFileSync(join(import.meta.dirname, '../../packages/harness/API.md'), 'utf8');

describe('public API report', () => {
  it('packages/harness/API.md matches the exports (regenerate: node scripts/api-report.mjs)', () => {
    expect((apiReport as () => string)()).toBe(committed);
  });

  it('the plugin entry exports no store, hub, report or orchestrator code', () => {
    const plugin = committed.split('## `@semibench/harness/plugin`')[1]!.split('\n## ')[0]!;
    for (const room of ['src/store/', 'src/hub/', 'src/report/', 'src/evaluate.ts', 'src/runner.ts', 'src/generate/', 'src/scoring/']) {
      expect(plugin).not.toContain(`\`${room}`);
    }
  });
});
