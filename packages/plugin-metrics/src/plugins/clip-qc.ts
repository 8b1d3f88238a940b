import { defineMetric, type RasterImage } from '@semibench/harness/plugin';
import { clipPixelValues } from '../onnx/preprocess.js';
import { choiceOption, cosine, idsTensor, loadOnnx, numberOption, runFirst, subtract, type OnnxModel } from '../onnx/session.js';
import { loadTokenizer, type TextTokenizer } from '../onnx/tokenizer.js';
import { BoundedCache, notConfigured, requirePaths } from './common.js';

const COLUMNS = ['img1_img2', 'cap2_img2', 'direct_sim'] as const;
/** CLIP's text context length. */
const CONTEXT = 77;

/**
 * The CLIP quality checks of spec §4 with a user-supplied CLIP ViT-B/32 ONNX export (two graphs, giving the raw
 * projected features of `get_image_features` / `get_text_features`) and its `tokenizer.json`:
 * - img1_img2 = cos(E_i(I1), E_i(I2))
 * - cap2_img2 = cos(E_i(I2), E_t(T2))
 * - direct_sim = cos(E_i(I1) − E_t(T1), E_i(I2) − E_t(T2)) (the reference's non-standard form; `directSim:
 *   standard` gives cos(E_i(I2) − E_i(I1), E_t(T2) − E_t(T1))). The features are not L2-normalised first.
 * Both images are used at their stored sizes; only the CLIP preprocessing resizes them.
 * Options: visualModel, textModel, tokenizer (paths), directSim, threads.
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'clip-qc',
    version: '1.0.0',
    apiVersion: 1,
    stage: 'qc',
    columns: COLUMNS,
    description: 'CLIP image-image, caption-image and directional similarity QC checks (user-supplied CLIP ONNX export).',
    license: 'MIT',
  },
  async create(options, context) {
    const req = requirePaths(options, ['visualModel', 'textModel', 'tokenizer'] as const, context);
    if (!req.paths) return notConfigured('clip-qc', COLUMNS, req.missing, context);
    const directSim = choiceOption(options, 'directSim', ['reference', 'standard'] as const, 'reference');
    const threads = numberOption(options, 'threads', 1);
    const [visual, text, tokenizer] = await Promise.all([
      loadOnnx(req.paths.visualModel, 'clip-qc', 'visualModel', threads),
      loadOnnx(req.paths.textModel, 'clip-qc', 'textModel', threads),
      loadTokenizer(req.paths.tokenizer, 'clip-qc', 'tokenizer'),
    ]);
    const clip = new ClipEncoder(visual, text, tokenizer);
    // A source image usually has several edits in a row: keep its embedding (keyed by the pixel buffer).
    const imageCache = new WeakMap<Uint8Array, Float32Array>();
    const textCache = new BoundedCache<string, Float32Array>(4096);
    const embedImage = async (image: RasterImage): Promise<Float32Array> => {
      const hit = imageCache.get(image.data);
      if (hit) return hit;
      const e = await clip.image(image);
      imageCache.set(image.data, e);
      return e;
    };
    return {
      identity: { visualModel: visual.sha256, textModel: text.sha256, tokenizer: tokenizer.path.split(/[\\/]/).pop() ?? '', directSim },
      async compute(input) {
        const i1 = await embedImage(input.original);
        const i2 = await embedImage(input.editedNative);
        const t1 = await textCache.get(input.originalText, () => clip.text(input.originalText));
        const t2 = await textCache.get(input.editedText, () => clip.text(input.editedText));
        const direct = directSim === 'reference' ? cosine(subtract(i1, t1), subtract(i2, t2)) : cosine(subtract(i2, i1), subtract(t2, t1));
        return { img1_img2: cosine(i1, i2), cap2_img2: cosine(i2, t2), direct_sim: direct };
      },
    };
  },
});

export class ClipEncoder {
  private readonly pixelInput: string;
  private readonly idsInput: string;
  private readonly imageSize: number;
  private readonly padLength: number | undefined;
  private readonly padId: number;

  constructor(readonly visual: OnnxModel, readonly textModel: OnnxModel, readonly tokenizer: TextTokenizer) {
    const v = visual.session.inputMetadata[0];
    if (!v?.isTensor) throw new Error(`${visual.path}: expected a tensor input (pixel_values [N, 3, 224, 224])`);
    this.pixelInput = v.name;
    const side = v.shape[3];
    this.imageSize = typeof side === 'number' && side > 0 ? side : 224;
    this.idsInput = textModel.session.inputNames.includes('input_ids') ? 'input_ids' : textModel.session.inputNames[0]!;
    const t = textModel.session.inputMetadata.find((m) => m.name === this.idsInput);
    const len = t?.isTensor ? t.shape[1] : undefined;
    // A graph exported with a fixed sequence length needs padding; CLIP pads with <|endoftext|>, and its causal
    // mask makes tokens after the end token irrelevant to the pooled feature.
    this.padLength = typeof len === 'number' && len > 0 ? len : undefined;
    this.padId = tokenizer.tokenId('<|endoftext|>') ?? 0;
  }

  async image(image: RasterImage): Promise<Float32Array> {
    const pixels = clipPixelValues(image, this.imageSize);
    const out = await runFirst(this.visual, { [this.pixelInput]: new this.visual.ort.Tensor('float32', pixels, [1, 3, this.imageSize, this.imageSize]) });
    return out.data.slice();
  }

  async text(text: string): Promise<Float32Array> {
    let ids = this.tokenizer.encode(text);
    // Longer texts would not fit CLIP's position table: keep the first 76 tokens and the end token.
    if (ids.length > CONTEXT) ids = [...ids.slice(0, CONTEXT - 1), ids[ids.length - 1]!];
    const real = ids.length;
    if (this.padLength !== undefined) {
      if (real > this.padLength) throw new Error(`${this.textModel.path}: text has ${real} tokens but the model takes ${this.padLength}`);
      ids = [...ids, ...new Array<number>(this.padLength - real).fill(this.padId)];
    }
    const feeds = { [this.idsInput]: idsTensor(this.textModel, this.idsInput, ids, [1, ids.length]) };
    if (this.textModel.session.inputNames.includes('attention_mask')) {
      feeds.attention_mask = idsTensor(this.textModel, 'attention_mask', ids.map((_, i) => (i < real ? 1 : 0)), [1, ids.length]);
    }
    const out = await runFirst(this.textModel, feeds);
    return out.data.slice();
  }
}
