/**
 * Built-in editor `sdwebui`: diffusion inpainting through the AUTOMATIC1111 / Forge Stable Diffusion
 * WebUI HTTP API (`POST /sdapi/v1/img2img` with a mask; start the WebUI with `--api`).
 *
 * Settings default to the reference's (spec §3.3): prompt = the perturbed label, no negative prompt,
 * 50 steps, guidance 7.5, denoising strength 1.0, the source size as output size. The mask sent is
 * the harness's preparation of the original (2 x MaxFilter 9, ModeFilter 10, PIL GaussianBlur 16),
 * so the WebUI's own mask blur is 0 by default; with `mask: "binary"` the binarised mask is sent and
 * `maskBlur` (default 16 then) lets the WebUI blur it instead. The WebUI rounds the latent mask at
 * 0.5 like the diffusers pipelines do. Every request carries an explicit seed (derived from the run
 * seed and the row), which the reference never set.
 */
import {
  decodeRgb,
  defineEditor,
  encodePng,
  type EditorInstance,
  type EditRequest,
  type OptionValue,
  type RasterImage,
} from '@semibench/harness/plugin';
import { joinUrl, REMOTE_OPTIONS, remoteEndpoint } from './http.js';
import { booleanOption, numberOption, rejectUnknownOptions, stringOption } from './options.js';

const NAME = 'sdwebui';

const KNOWN_OPTIONS = [
  'baseUrl', 'checkpoint', 'model', 'steps', 'guidance', 'denoisingStrength', 'sampler', 'scheduler', 'negativePrompt',
  'mask', 'maskBlur', 'inpaintingFill', 'inpaintFullRes', 'width', 'height', 'auth', 'restoreCheckpoint', ...REMOTE_OPTIONS,
];

function toBase64Png(image: RasterImage): Promise<string> {
  return encodePng(image).then((b) => b.toString('base64'));
}

/** The img2img payload; exported so tests and users can see exactly what is sent. */
export interface Img2ImgPayload {
  init_images: string[];
  mask: string;
  prompt: string;
  negative_prompt: string;
  seed: number;
  steps: number;
  cfg_scale: number;
  denoising_strength: number;
  mask_blur: number;
  inpainting_fill: number;
  inpaint_full_res: boolean;
  inpainting_mask_invert: 0;
  width: number;
  height: number;
  batch_size: 1;
  n_iter: 1;
  sampler_name?: string;
  scheduler?: string;
  override_settings?: Record<string, OptionValue>;
  override_settings_restore_afterwards?: boolean;
  send_images: true;
  save_images: false;
}

/** The editor's settings, read from its options (in the order they are checked) once per instance. */
interface SdwebuiSettings {
  baseUrl: string;
  checkpoint: string | undefined;
  model: string;
  steps: number;
  guidance: number;
  denoise: number;
  sampler: string | undefined;
  scheduler: string | undefined;
  negativePrompt: string;
  maskMode: 'prepared' | 'binary';
  maskBlur: number;
  inpaintingFill: number;
  fullRes: boolean;
  width: number | undefined;
  height: number | undefined;
  restore: boolean;
  auth: string | undefined;
}

function readSettings(options: Readonly<Record<string, OptionValue>>): SdwebuiSettings {
  rejectUnknownOptions(NAME, options, KNOWN_OPTIONS);
  const baseUrl = stringOption(NAME, options, 'baseUrl') ?? process.env.SDWEBUI_BASE_URL ?? 'http://127.0.0.1:7860';
  const checkpoint = stringOption(NAME, options, 'checkpoint');
  const model = stringOption(NAME, options, 'model') ?? checkpoint?.replace(/\s*\[[0-9a-f]+\]$/i, '').replace(/\.(safetensors|ckpt)$/i, '') ?? NAME;
  const steps = numberOption(NAME, options, 'steps', 50, { min: 1, max: 1000, integer: true });
  const guidance = numberOption(NAME, options, 'guidance', 7.5, { min: 0 });
  const denoise = numberOption(NAME, options, 'denoisingStrength', 1.0, { min: 0, max: 1 });
  const sampler = stringOption(NAME, options, 'sampler');
  const scheduler = stringOption(NAME, options, 'scheduler');
  const negativePrompt = stringOption(NAME, options, 'negativePrompt', '');
  const maskMode = stringOption(NAME, options, 'mask', 'prepared');
  if (maskMode !== 'prepared' && maskMode !== 'binary') throw new Error(`${NAME}: option "mask" must be "prepared" or "binary", got ${JSON.stringify(maskMode)}`);
  const maskBlur = numberOption(NAME, options, 'maskBlur', maskMode === 'prepared' ? 0 : 16, { min: 0, max: 256, integer: true });
  // 0 fill, 1 original, 2 latent noise, 3 latent nothing (WebUI's inpainting_fill codes).
  const inpaintingFill = numberOption(NAME, options, 'inpaintingFill', 1, { min: 0, max: 3, integer: true });
  const fullRes = booleanOption(NAME, options, 'inpaintFullRes', false);
  const width = options.width === undefined ? undefined : numberOption(NAME, options, 'width', 512, { min: 64, integer: true });
  const height = options.height === undefined ? undefined : numberOption(NAME, options, 'height', 512, { min: 64, integer: true });
  const restore = booleanOption(NAME, options, 'restoreCheckpoint', false);
  const auth = stringOption(NAME, options, 'auth') ?? process.env.SDWEBUI_AUTH;
  return { baseUrl, checkpoint, model, steps, guidance, denoise, sampler, scheduler, negativePrompt, maskMode, maskBlur, inpaintingFill, fullRes, width, height, restore, auth };
}

export const sdwebuiEditor = defineEditor({
  kind: 'editor',
  meta: {
    name: NAME,
    version: '1.0.0',
    apiVersion: 1,
    method: 'inpainting',
    description: 'Diffusion inpainting through the AUTOMATIC1111/Forge Stable Diffusion WebUI API (/sdapi/v1/img2img with mask).',
    license: 'MIT',
    secretOptions: ['auth'],
  },
  create(options, context): EditorInstance {
    const s = readSettings(options);
    const headers: Record<string, string> = s.auth ? { authorization: `Basic ${Buffer.from(s.auth).toString('base64')}` } : {};
    // One GPU renders one image at a time, so the default concurrency is 1.
    const endpoint = remoteEndpoint(NAME, joinUrl(s.baseUrl, 'sdapi/v1/img2img'), options, { concurrency: 1, timeoutMs: 600_000, retries: 3, backoffMs: 2000 }, headers, context.logger);
    return {
      model: s.model,
      identity: {
        baseUrl: s.baseUrl,
        checkpoint: s.checkpoint ?? '',
        steps: s.steps,
        guidance: s.guidance,
        denoise: s.denoise,
        sampler: s.sampler ?? '',
        scheduler: s.scheduler ?? '',
        negativePrompt: s.negativePrompt,
        mask: s.maskMode,
        maskBlur: s.maskBlur,
        inpaintingFill: s.inpaintingFill,
        fullRes: s.fullRes,
        width: s.width ?? 'source',
        height: s.height ?? 'source',
      },
      async edit(request, signal) {
        const json = await endpoint.post(await payload(s, request), signal, request.editId);
        const { image, usedSeed } = await readResponse(json, request, endpoint.url);
        return {
          image,
          settings: { seed: usedSeed, steps: s.steps, guidance: s.guidance, denoise: s.denoise, maskBlur: s.maskBlur, mask: s.maskMode, checkpoint: s.checkpoint ?? '', sampler: s.sampler ?? '' },
        };
      },
    };
  },
});

async function payload(s: SdwebuiSettings, request: EditRequest): Promise<Img2ImgPayload> {
  const mask = s.maskMode === 'prepared' ? request.preparedMask : request.mask;
  if (mask.width !== request.image.width || mask.height !== request.image.height) {
    throw new Error(`${NAME}: ${request.editId}: mask is ${mask.width}x${mask.height} but the image is ${request.image.width}x${request.image.height}`);
  }
  const body: Img2ImgPayload = {
    init_images: [await toBase64Png(request.image)],
    mask: await toBase64Png(mask),
    prompt: request.perturbedLabel,
    negative_prompt: s.negativePrompt,
    seed: request.seed,
    steps: s.steps,
    cfg_scale: s.guidance,
    denoising_strength: s.denoise,
    mask_blur: s.maskBlur,
    inpainting_fill: s.inpaintingFill,
    inpaint_full_res: s.fullRes,
    inpainting_mask_invert: 0,
    width: s.width ?? request.image.width,
    height: s.height ?? request.image.height,
    batch_size: 1,
    n_iter: 1,
    send_images: true,
    save_images: false,
  };
  if (s.sampler !== undefined) body.sampler_name = s.sampler;
  if (s.scheduler !== undefined) body.scheduler = s.scheduler;
  if (s.checkpoint !== undefined) {
    body.override_settings = { sd_model_checkpoint: s.checkpoint };
    body.override_settings_restore_afterwards = s.restore;
  }
  return body;
}

/** The edited image of a WebUI answer, and the seed it says it used. */
async function readResponse(json: unknown, request: EditRequest, url: string): Promise<{ image: RasterImage; usedSeed: number }> {
  const images = (json as { images?: unknown } | null)?.images;
  const first = Array.isArray(images) ? images[0] : undefined;
  if (typeof first !== 'string' || first === '') {
    throw new Error(`${NAME}: ${request.editId}: ${url} returned no images (is the WebUI started with --api and a model loaded?): ${JSON.stringify(json).slice(0, 200)}`);
  }
  // Some WebUI versions prefix a data URL.
  const b64 = first.replace(/^data:image\/\w+;base64,/, '');
  let image: RasterImage;
  try {
    image = await decodeRgb(Buffer.from(b64, 'base64'));
  } catch (err) {
    throw new Error(`${NAME}: ${request.editId}: the returned image cannot be decoded: ${(err as Error).message}`);
  }
  // `info` is a JSON string with the seed actually used; record it (it differs when seed = -1).
  let usedSeed = request.seed;
  const info = (json as { info?: unknown }).info;
  if (typeof info === 'string') {
    try {
      const parsed = JSON.parse(info) as { seed?: unknown };
      if (typeof parsed.seed === 'number') usedSeed = parsed.seed;
    } catch {
      // Older forks send free text here; the requested seed stands.
    }
  }
  return { image, usedSeed };
}

export default sdwebuiEditor;
