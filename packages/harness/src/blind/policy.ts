/**
 * What a detector may learn besides the pixels (blind evaluation). By default a detector receives
 * only the image content: a neutral file name, no mask, only columns the catalogue lets through and
 * that are filled for both classes, and rows in a seeded shuffled order. `--unblind CHANNEL` opens
 * one side channel explicitly; preprocessing that treats the classes differently (the paper's
 * parity modes) opens one implicitly. Either way the run is "not blind", and says so everywhere.
 */
import type { DetectorInput, OptionValue } from '../contract.js';

/** The side channels a detector could read the label from. */
export const BLIND_CHANNELS = ['path', 'columns', 'mask', 'order'] as const;
export type BlindChannel = (typeof BLIND_CHANNELS)[number];

/** `--reencode FORMAT[:QUALITY]`: every image re-encoded identically before anything sees it. */
export interface ReencodeSpec {
  format: 'png' | 'jpeg' | 'webp';
  /** 1..100 for jpeg and webp; absent for png (lossless). */
  quality?: number;
}

export interface BlindSettings {
  /** Channels opened with --unblind (sorted, unique). */
  unblind: readonly BlindChannel[];
  reencode?: ReencodeSpec;
}

export const BLIND_DEFAULTS: BlindSettings = { unblind: [] };

/** Parses repeated `--unblind` values (also comma-separated). */
export function parseUnblind(values: readonly string[]): BlindChannel[] {
  const out = new Set<BlindChannel>();
  for (const raw of values.flatMap((v) => v.split(','))) {
    const v = raw.trim();
    if (!v) continue;
    if (!(BLIND_CHANNELS as readonly string[]).includes(v)) {
      throw new Error(`--unblind ${v}: unknown side channel; choose from ${BLIND_CHANNELS.join(', ')}`);
    }
    out.add(v as BlindChannel);
  }
  return BLIND_CHANNELS.filter((c) => out.has(c));
}

/** Parses `png`, `jpeg:Q` or `webp:Q` (Q an integer in 1..100). */
export function parseReencode(spec: string): ReencodeSpec {
  const m = /^(png|jpe?g|webp)(?::(\d+))?$/i.exec(spec.trim());
  if (!m) throw new Error(`--reencode ${spec}: expected png, jpeg:QUALITY or webp:QUALITY (e.g. jpeg:90)`);
  const format = (m[1] as string).toLowerCase().startsWith('jp') ? 'jpeg' : ((m[1] as string).toLowerCase() as 'png' | 'webp');
  if (format === 'png') {
    if (m[2] !== undefined) throw new Error(`--reencode ${spec}: png is lossless and takes no quality`);
    return { format };
  }
  const quality = m[2] === undefined ? NaN : Number(m[2]);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`--reencode ${spec}: ${format} needs a quality in 1..100, e.g. ${format}:90`);
  return { format, quality };
}

export function formatReencode(spec: ReencodeSpec): string {
  return spec.quality === undefined ? spec.format : `${spec.format}:${spec.quality}`;
}

/**
 * Preprocessing steps that treat real and edited rows differently (spec §7): the mask-aware crop
 * (random crop around the mask on edits, centre crop on reals) and the blur applied only on the
 * no-mask path. A detector using them can read the label from the crop or the blur.
 */
export function parityReasons(input: DetectorInput): string[] {
  if (input.kind === 'path') return [];
  const reasons: string[] = [];
  for (const step of input.preprocess?.steps ?? []) {
    if (step.op === 'mask-crop') reasons.push('mask-crop preprocessing (crops edits around their mask, reals in the centre)');
    if (step.op === 'gaussian-blur' && step.onlyWithoutMaskCrop === true) reasons.push('gaussian-blur only on rows without a mask crop (reals)');
  }
  return reasons;
}

/** How blind one detector's run is: the channels opened for it and why. */
export interface DetectorBlindness {
  /** True when nothing but pixels can tell the classes apart. */
  blind: boolean;
  /** Channels opened with --unblind. */
  unblind: readonly BlindChannel[];
  /** Class-dependent preprocessing that makes the detector not blind. */
  parity: readonly string[];
  /** Columns the detector asked for but does not receive, with the reason. */
  withheldColumns: Readonly<Record<string, string>>;
  /** The detector asked for the mask and does not receive it. */
  maskWithheld: boolean;
  /** `--reencode` setting, when one applies. */
  reencode?: string;
}

export function detectorBlindness(settings: BlindSettings, input: DetectorInput, withheldColumns: Readonly<Record<string, string>>, maskWithheld: boolean): DetectorBlindness {
  const parity = parityReasons(input);
  const out: DetectorBlindness = { blind: settings.unblind.length === 0 && parity.length === 0, unblind: [...settings.unblind], parity, withheldColumns, maskWithheld };
  if (settings.reencode) out.reencode = formatReencode(settings.reencode);
  return out;
}

/** The part of the blindness that changes what a detector receives: hashed into its prediction-store key. */
export function blindKeyPart(b: DetectorBlindness): Record<string, OptionValue> {
  return { unblind: [...b.unblind], reencode: b.reencode ?? null };
}

/** "not blind (--unblind path, mask-crop preprocessing ...)" or "" for a blind detector. */
export function describeBlindness(b: Pick<DetectorBlindness, 'blind' | 'unblind' | 'parity'>): string {
  if (b.blind) return '';
  const why = [...b.unblind.map((c) => `--unblind ${c}`), ...b.parity.map((p) => p.replace(/ \(.*\)$/, ''))];
  return `not blind (${why.join('; ')})`;
}

/** The run-level record in manifest.json. */
export interface BlindManifest {
  /** True when no side channel is open for any detector. */
  blind: boolean;
  unblind: readonly string[];
  /** 'shuffled' (seeded by the run seed) or 'metadata'. */
  order: 'shuffled' | 'metadata';
  reencode?: string;
}
