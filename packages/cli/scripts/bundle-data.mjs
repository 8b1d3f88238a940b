// prepack: copies the bundled mini dataset (fixtures/semi-truths-mini, the default of `semibench eval`)
// into this package's data/ so that an installed CLI carries it. In the workspace the CLI reads
// fixtures/ directly; data/ exists only in packed tarballs (and is ignored by git): postpack runs this
// with --remove, so a stale copy never shadows fixtures/ in a checkout after `pnpm pack:all`.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(pkg, '..', '..', 'fixtures');
const data = join(pkg, 'data');
// The mini dataset (eval's default), and the sample photos and masks with their licence notes (generate's default input).
const copies = [
  ['semi-truths-mini', 'semi-truths-mini'],
  [join('semi-truths-sample', 'input'), join('semi-truths-sample', 'input')],
  [join('semi-truths-sample', 'README.md'), join('semi-truths-sample', 'README.md')],
];
rmSync(data, { recursive: true, force: true });
if (process.argv.includes('--remove')) process.exit(0);
for (const [from, to] of copies) {
  const source = join(fixtures, from);
  if (!existsSync(source)) {
    console.error(`bundle-data: ${source} is missing; run this from a semibench checkout`);
    process.exit(1);
  }
  // make.sh rebuilds the mini fixture from the repository's sample input; it is of no use inside the package.
  cpSync(source, join(data, to), { recursive: true, filter: (path) => !path.endsWith('make.sh') });
}
console.error(`bundle-data: copied ${copies.map(([from]) => from).join(', ')} into ${data}`);
