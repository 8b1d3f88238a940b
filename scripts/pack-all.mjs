// `pnpm pack:all`: one tarball per publishable package into .packs/ (ignored by git), as
// `pnpm publish -r` would publish them: workspace:* dependencies become the packages' versions.
// Run `pnpm build` first; the CLI's prepack bundles the mini dataset into its tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.packs');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, 'packages', d.name))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);
for (const dir of packages) {
  const built = readdirSync(dir).includes('dist');
  if (!built) {
    console.error(`pack:all: ${dir} has no dist/; run \`pnpm build\` first`);
    process.exit(1);
  }
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const file of readdirSync(out).sort()) console.log(join('.packs', file));
