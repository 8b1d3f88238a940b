// Unit tests against reference values computed independently with numpy/scipy
// (test/make_reference.py → test/reference.json). Run `npm test` (it builds dist/ first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import plugin, { laplacianSpread, settingsFrom } from '../dist/index.js';

const reference = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8'));

/** Same formulas as make_reference.py. */
function rgb(width, height, f) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}
const IMAGES = {
  flat: rgb(64, 48, () => [128, 64, 32]),
  ramp: rgb(64, 64, (x, y) => [4 * x, 2 * y + 10, (x + y) % 256]),
  'checker-left': rgb(64, 64, (x, y) => (x < 32 ? ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]) : [100, 100, 100])),
  texture: rgb(96, 64, (x, y) => [(x * x * 31 + y * 17 + x * y * 7) % 256, (x * 13 + y * y * 5) % 256, (x * y) % 256]),
  'partial-tiles': rgb(70, 50, (x, y) => [(x * 7 + y * 3) % 256, (x * y) % 256, (y * 11) % 256]),
};
{
  const data = new Uint8Array(64 * 64);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) data[y * 64 + x] = (x * 37 + y * 91 + x * y) % 256;
  IMAGES.grey = { data, width: 64, height: 64, channels: 1 };
}

const context = { seed: 0, cacheDir: '/tmp', baseDir: process.cwd(), logger: { debug() {}, info() {}, warn() {} }, signal: new AbortController().signal };
const item = (key, pixels) => ({ id: key, key, path: `/unused/${key}.png`, pixels });

for (const [name, expected] of Object.entries(reference)) {
  test(`spread and score of "${name}" match numpy/scipy`, async () => {
    const image = IMAGES[name];
    assert.ok(image, `no image for reference case ${name}`);
    assert.ok(Math.abs(laplacianSpread(image, expected.tile) - expected.spread) < 1e-9);
    const instance = await plugin.create({ tile: expected.tile }, context);
    const [score] = await instance.predict([item(name, image)], context.signal);
    assert.ok(Math.abs(score - expected.score) < 1e-9, `${score} vs ${expected.score}`);
  });
}

test('a batch scores each item as it would alone, in order', async () => {
  const instance = await plugin.create({ tile: 16 }, context);
  const names = ['checker-left', 'flat', 'grey', 'ramp'];
  const together = await instance.predict(names.map((n) => item(n, IMAGES[n])), context.signal);
  assert.deepEqual(together.map((s) => Math.round(s * 1e9)), names.map((n) => Math.round(reference[n].score * 1e9)));
});

test('options are checked and named in errors', () => {
  assert.deepEqual(settingsFrom({}), { tile: 32, centre: 1.45, scale: 0.25 });
  assert.throws(() => settingsFrom({ tile: 1 }), /option tile must be an integer >= 2, got 1/);
  assert.throws(() => settingsFrom({ scale: 'big' }), /option scale must be a positive number, got "big"/);
});

test('the built package imports nothing from semibench at run time', () => {
  const built = readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8');
  assert.doesNotMatch(built, /^\s*import\s/m);
  assert.doesNotMatch(built, /require\(/);
});
