/**
 * The CLI's own "did you mean" (issue 20, item 6): a misspelt command or flag gets one line naming
 * the nearest real one, not oclif's bare "not found" or ~60 lines of help; zoo names likewise.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('did you mean', () => {
  it('an unknown flag prints one line with the suggestion and exits 2', async () => {
    const r = await runCli(['eval', '--detetcor', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: unknown flag --detetcor; did you mean --detector? (semibench eval --help lists every flag)\n');
    expect(r.stdout).toBe('');
  });

  it('an unknown command prints one line with the nearest command', async () => {
    const r = await runCli(['store', 'exprt', 'x']);
    expect(r.stderr).toBe('Error: "semibench store exprt" is not a command. Did you mean "semibench store export"? Run "semibench --help" for the list.\n');
    expect(r.code).toBe(2);
    const args = await runCli(['zoo', 'shw', 'univfd']);
    expect(args.stderr).toBe('Error: "semibench zoo shw" is not a command. Did you mean "semibench zoo show"? Run "semibench --help" for the list.\n');
    const far = await runCli(['frobnicate']);
    expect(far.stderr).toBe('Error: "semibench frobnicate" is not a command. Run "semibench --help" for the list.\n');
  });

  it('zoo names: a bare or misspelt name suggests the zoo detector', async () => {
    const show = await runCli(['zoo', 'show', 'univfdd']);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('no zoo detector "univfdd"; did you mean "univfd"?');
    const bare = await runCli(['eval', '--detector', 'univfd', '--dataset', 'fixtures/semi-truths-mini', '--out', 'runs/never-written']);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('Did you mean: zoo:univfd?');
  });

  it('two detectors of one name: the hint gives the real syntax, --detector NAME=SPEC', async () => {
    const r = await runCli(['eval', '--detector', 'noise-inconsistency', '--detector', 'noise-inconsistency', '--out', 'runs/never-written-2', '--quiet']);
    expect(r.code).not.toBe(0);
    const message = r.stderr.replace(/\s*›\s+/g, ' ').replace(/\s+/g, ' '); // undo the 80-column wrapping
    expect(message).toContain('two detectors are named "noise-inconsistency"; give one another name with --detector NAME=SPEC (e.g. --detector noise-inconsistency-2=noise-inconsistency)');
  });
});
