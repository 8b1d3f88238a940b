/**
 * 8-connected component labelling of binary masks (0 = background, anything else = foreground), on runs.
 *
 * Labelling works on horizontal runs rather than pixels: a 512² change map has a few thousand runs, so union-find
 * over runs is far cheaper than over 262,144 pixels, and areas and centroids fall out of the runs directly.
 */

export interface Components {
  readonly width: number;
  readonly height: number;
  /** Number of components (the background is not counted). */
  readonly count: number;
  /** Run table: row, start column, end column (exclusive), component index (0-based). */
  readonly runRow: Int32Array;
  readonly runStart: Int32Array;
  readonly runEnd: Int32Array;
  readonly runComponent: Int32Array;
  /** Per component (0-based, numbered in row-major order of first pixel, as scipy.ndimage.label does). */
  readonly area: Float64Array;
  readonly sumX: Float64Array;
  readonly sumY: Float64Array;
  /**
   * Index of the component's first 2×2 block in OpenCV's block scan order (row pairs top to bottom, 2-column
   * blocks left to right). OpenCV's default 8-connectivity labeller numbers components in this order.
   */
  readonly firstBlock: Int32Array;
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r]! !== r) r = parent[r]!;
  while (parent[i]! !== r) {
    const next = parent[i]!;
    parent[i] = r;
    i = next;
  }
  return r;
}

/** Label the 8-connected components of `mask` (width × height, one byte per pixel). */
export function labelComponents(mask: Uint8Array, width: number, height: number): Components {
  if (mask.length !== width * height) throw new Error(`labelComponents: mask has ${mask.length} bytes, expected ${width}x${height}`);
  let cap = 1024;
  let runRow = new Int32Array(cap);
  let runStart = new Int32Array(cap);
  let runEnd = new Int32Array(cap);
  let parent = new Int32Array(cap);
  let n = 0;
  let prevFirst = 0;
  let prevLast = 0; // runs of the previous row are [prevFirst, prevLast)
  for (let y = 0; y < height; y++) {
    const rowFirst = n;
    const base = y * width;
    let x = 0;
    let p = prevFirst;
    while (x < width) {
      while (x < width && mask[base + x] === 0) x++;
      if (x >= width) break;
      const s = x;
      while (x < width && mask[base + x] !== 0) x++;
      if (n === cap) {
        cap *= 2;
        const grow = (a: Int32Array): Int32Array<ArrayBuffer> => { const b = new Int32Array(cap); b.set(a); return b; };
        runRow = grow(runRow); runStart = grow(runStart); runEnd = grow(runEnd); parent = grow(parent);
      }
      runRow[n] = y; runStart[n] = s; runEnd[n] = x; parent[n] = n;
      // 8-connectivity: a run above touches [s, x) if it overlaps [s−1, x] (diagonals included).
      while (p < prevLast && runEnd[p]! < s) p++;
      for (let q = p; q < prevLast && runStart[q]! <= x; q++) {
        const ra = find(parent, q);
        const rb = find(parent, n);
        // Keep the smaller run index as root, so a component's root is its first run in row-major order.
        if (ra < rb) parent[rb] = ra;
        else if (rb < ra) parent[ra] = rb;
      }
      n++;
    }
    prevFirst = rowFirst;
    prevLast = n;
  }
  const runComponent = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    if (idOfRoot[r] === -1) idOfRoot[r] = count++;
    runComponent[i] = idOfRoot[r]!;
  }
  const area = new Float64Array(count);
  const sumX = new Float64Array(count);
  const sumY = new Float64Array(count);
  const firstBlock = new Int32Array(count).fill(0x7fffffff);
  const blocksPerRow = (width + 1) >> 1;
  for (let i = 0; i < n; i++) {
    const k = runComponent[i]!;
    const s = runStart[i]!;
    const e = runEnd[i]!;
    const len = e - s;
    const y = runRow[i]!;
    area[k]! += len;
    sumX[k]! += ((s + e - 1) * len) / 2;
    sumY[k]! += y * len;
    const block = (y >> 1) * blocksPerRow + (s >> 1);
    if (block < firstBlock[k]!) firstBlock[k] = block;
  }
  return {
    width, height, count,
    runRow: runRow.subarray(0, n), runStart: runStart.subarray(0, n), runEnd: runEnd.subarray(0, n),
    runComponent, area, sumX, sumY, firstBlock,
  };
}

/** Paint the components for which `keep(k)` is true into a new 0/1 mask. */
export function paintComponents(c: Components, keep: (k: number) => boolean): Uint8Array {
  const out = new Uint8Array(c.width * c.height);
  for (let i = 0; i < c.runComponent.length; i++) {
    if (!keep(c.runComponent[i]!)) continue;
    const base = c.runRow[i]! * c.width;
    out.fill(1, base + c.runStart[i]!, base + c.runEnd[i]!);
  }
  return out;
}

/**
 * scikit-image `remove_small_objects(mask, min_size, connectivity=2)` on a boolean mask: components with
 * fewer than `minSize` pixels are removed (size ≥ minSize is kept). scikit-image 0.19 and 0.22 agree; 0.24+
 * replaced min_size with an inclusive max_size.
 */
export function removeSmallComponents(mask: Uint8Array, width: number, height: number, minSize: number): Uint8Array {
  const c = labelComponents(mask, width, height);
  return paintComponents(c, (k) => c.area[k]! >= minSize);
}

/**
 * Binary dilation with a (2r+1)×(2r+1) all-ones square centred on each pixel; pixels outside the image count as
 * background (OpenCV's `dilate` default border). Separable: a running count along rows, then along columns.
 */
export function dilateSquare(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const tmp = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let count = 0;
    for (let x = 0; x < Math.min(radius, width); x++) count += mask[base + x] !== 0 ? 1 : 0;
    for (let x = 0; x < width; x++) {
      const add = x + radius;
      if (add < width && mask[base + add] !== 0) count++;
      const drop = x - radius - 1;
      if (drop >= 0 && mask[base + drop] !== 0) count--;
      tmp[base + x] = count > 0 ? 1 : 0;
    }
  }
  const out = new Uint8Array(width * height);
  const counts = new Int32Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    const base = y * width;
    for (let x = 0; x < width; x++) counts[x]! += tmp[base + x]!;
  }
  for (let y = 0; y < height; y++) {
    const add = y + radius;
    if (add < height) {
      const base = add * width;
      for (let x = 0; x < width; x++) counts[x]! += tmp[base + x]!;
    }
    const drop = y - radius - 1;
    if (drop >= 0) {
      const base = drop * width;
      for (let x = 0; x < width; x++) counts[x]! -= tmp[base + x]!;
    }
    const base = y * width;
    for (let x = 0; x < width; x++) out[base + x] = counts[x]! > 0 ? 1 : 0;
  }
  return out;
}

/**
 * OpenCV label numbers (1-based) of the components, in its default 8-connectivity block order: components are
 * numbered by their first 2×2 block, which is not the order of their first pixel in a row-major scan.
 */
export function opencvLabelNumbers(c: Components): Int32Array {
  const order = Array.from({ length: c.count }, (_, k) => k).sort((p, q) => c.firstBlock[p]! - c.firstBlock[q]!);
  const label = new Int32Array(c.count);
  order.forEach((k, rank) => { label[k] = rank + 1; });
  return label;
}
