/** Editor checks: requests built the way generation builds them (RGB source, binarised and prepared masks). */
import type { EditorInstance, EditRequest } from '../contract.js';
import { decodeMaskGrey, prepareInpaintMask } from '../imaging/mask-prep.js';
import { binarizeMask, decodeRgb } from '../util/images.js';
import { deriveSeed } from '../util/rng.js';
import { sha256 } from '../util/hash.js';
import type { CheckImage } from './images.js';
import { checkRequests, type Inspection, type Keyed } from './requests.js';
import { identityProblems, type CheckSession } from './session.js';
import { rasterProblems } from './raster.js';

/** Editors can be slow (diffusion through an API): three ordinary images are enough to compare. */
const EDITOR_SAMPLE = 3;

async function editRequest(image: CheckImage, seed: number): Promise<Keyed<EditRequest>> {
  const [source, maskGrey] = await Promise.all([decodeRgb(image.path), decodeMaskGrey(image.maskPath)]);
  const request: EditRequest = {
    editId: `${image.name}_conformance`,
    imageId: image.name,
    dataset: 'conformance',
    imagePath: image.path,
    maskPath: image.maskPath,
    image: source,
    mask: binarizeMask(maskGrey),
    preparedMask: prepareInpaintMask(maskGrey),
    originalLabel: 'dog',
    perturbedLabel: 'cat',
    magnitude: 'small',
    seed: deriveSeed(seed, image.key),
  };
  return { key: image.key, request };
}

function inspectEdit(result: unknown, request: EditRequest): Inspection {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (result === null || typeof result !== 'object') {
    return { problems: [`edit() returned ${result === null ? 'null' : typeof result}, not { image, settings? }`], warnings, fingerprint: { text: '', numbers: [] } };
  }
  const { image, settings } = result as { image?: unknown; settings?: unknown };
  problems.push(...rasterProblems(image, 'result.image', [1, 3]));
  if (settings !== undefined) {
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) problems.push('result.settings must be an object');
    else {
      for (const [k, v] of Object.entries(settings)) {
        if (!['string', 'number', 'boolean'].includes(typeof v)) problems.push(`result.settings.${k} must be a string, number or boolean (it is recorded per row)`);
      }
    }
  }
  if (problems.length) return { problems, warnings, fingerprint: { text: '', numbers: [] } };
  const raster = image as { data: Uint8Array; width: number; height: number; channels: number };
  const digest = sha256(raster.data);
  if (raster.width === request.image.width && raster.height === request.image.height && raster.channels === 3 && digest === sha256(request.image.data)) {
    warnings.push('the edited image is identical to the source: the editor changed nothing');
  }
  return { problems, warnings, fingerprint: { text: `${raster.width}x${raster.height}x${raster.channels}:${digest}`, numbers: [] } };
}

export async function checkEditor(session: CheckSession<'editor'>): Promise<void> {
  const { env } = session;
  const plugin = env.loaded.plugin;
  const images = await env.images();
  const special = (id: string, title: string, image: CheckImage): [string, string, () => Promise<Keyed<EditRequest>>] => [id, title, () => editRequest(image, env.seed)];
  await checkRequests<'editor', EditorInstance, EditRequest>(session, {
    unit: 'edit',
    method: 'edit(request)',
    create: () => plugin.create(env.options, env.context),
    instanceProblems: (instance) => {
      const problems: string[] = [];
      if (!instance || typeof instance !== 'object') return [`create() returned ${typeof instance}, not an editor instance`];
      if (typeof instance.edit !== 'function') problems.push('the instance has no edit(request, signal) method');
      if (typeof instance.model !== 'string' || instance.model.trim() === '') problems.push("instance.model must name the model (it becomes the dataset's model column), e.g. 'telea'");
      problems.push(...identityProblems(instance.identity, env.options, plugin.meta.secretOptions));
      return problems;
    },
    describeInstance: (instance) => `model ${instance.model}, method ${plugin.meta.method}`,
    standard: () => Promise.all(images.standard.slice(0, EDITOR_SAMPLE).map((image) => editRequest(image, env.seed))),
    special: [
      special('grayscale', 'source decoded from a greyscale file', images.grey),
      special('rgba', 'source decoded from an RGBA file', images.rgba),
      special('tiny', `tiny image (${images.tiny.width} x ${images.tiny.height})`, images.tiny),
      special('large', `large image (${images.large.width} x ${images.large.height})`, images.large),
    ],
    call: (instance, request, signal) => instance.edit(request, signal),
    inspect: inspectEdit,
    tolerance: 0,
  });
}
