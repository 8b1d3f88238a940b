/**
 * Streaming .tar.bz2 extraction: the pure-JavaScript decoder (unbzip2-stream) vs the system
 * lbzip2/bzip2 piped into the same tar parser and checks. Goal: know the cost of the JS fallback
 * on machines without bzip2 (the Semi-Truths eval set ships ~3.5 GB of archives).
 *
 *   pnpm build && pnpm exec tsx bench/hub-bzip2.ts [--rounds 3]
 *
 * The archive holds every file of fixtures/semi-truths-mini (PNG/JPEG, i.e. incompressible like
 * the real shards), built with python3's tarfile. Rounds alternate the two decoders (the machine is
 * shared and noisy); the ratio is of medians.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractArchive, findSystemBzip2, type Bzip2Decoder } from '../packages/harness/dist/hub/archive.js';
import { listFilesRecursive, makeTarBz2 } from '../test/helpers/fake-hub.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(args.rounds);
const source = join(import.meta.dirname, '..', 'fixtures', 'semi-truths-mini');
const work = mkdtempSync(join(tmpdir(), 'bench-bzip2-'));
try {
  const members = await Promise.all(
    listFilesRecursive(source)
      .filter((p) => /\.(png|jpe?g)$/i.test(p))
      .map(async (p) => ({ name: p, data: await readFile(join(source, p)) })),
  );
  const [archive] = makeTarBz2([{ members }]);
  const blobPath = join(work, 'archive.tar.bz2');
  writeFileSync(blobPath, archive as Buffer);
  const raw = members.reduce((sum, m) => sum + m.data.length, 0);
  console.log(`archive: ${members.length} files, ${(raw / 1e6).toFixed(1)} MB raw, ${((archive as Buffer).length / 1e6).toFixed(1)} MB compressed; system decoder: ${(await findSystemBzip2()) ?? 'none'}`);

  const times: Record<'js' | 'system', number[]> = { js: [], system: [] };
  for (let round = 0; round < rounds; round++) {
    for (const decoder of ['js', 'system'] as const satisfies readonly Bzip2Decoder[]) {
      const dest = join(work, `out-${decoder}-${round}`);
      const start = performance.now();
      const index = await extractArchive({ blobPath, archivePath: 'bench.tar.bz2', etag: 'bench', destDir: dest, indexPath: `${dest}.json`, decoder });
      times[decoder].push(performance.now() - start);
      if (index.entries.length !== members.length) throw new Error(`${decoder}: ${index.entries.length} entries, expected ${members.length}`);
      rmSync(dest, { recursive: true, force: true });
      rmSync(`${dest}.json`, { force: true });
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  for (const decoder of ['js', 'system'] as const) {
    const ms = median(times[decoder]);
    console.log(`${decoder.padEnd(6)} median ${ms.toFixed(0)} ms  (${(raw / 1e3 / ms).toFixed(1)} MB/s of output)`);
  }
  console.log(`system is ${(median(times.js) / median(times.system)).toFixed(1)}x faster than js`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
