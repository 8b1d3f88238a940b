import type { Logger, PluginOptions } from '../contract.js';
import type { PluginLoader } from '../plugins/loader.js';
import { type QcThresholds } from './qc.js';
/** A plugin as the user asked for it. */
export interface PluginRequest {
    spec: string;
    options?: PluginOptions;
}
/** One row of the generation input (`metadata.csv`, one row per mask; spec §2.1). */
export interface GenerationInputRow {
    line: number;
    image_id: string;
    image_path: string;
    dataset: string;
    entities: string;
    class: string;
    mask_id: string;
    mask_path: string;
    mask_name: string;
    ratio: string;
}
export interface GenerateOptions {
    /** Directory with metadata.csv, images/ and masks/ (the Semi-Truths generation input layout). */
    input: string;
    out: string;
    loader: PluginLoader;
    /** Label perturber (default: the offline `rules`). Ignored when `perturbations` is given. */
    perturber?: PluginRequest;
    /** A `metadata_pert.json` of earlier perturbations to use instead of a perturber (spec §2.1). */
    perturbations?: string;
    editors: readonly PluginRequest[];
    metrics: readonly PluginRequest[];
    seed?: number;
    /** Only the first N mask rows. */
    limit?: number;
    /** Keep rows already written to `out` and generate only the rest. */
    resume?: boolean;
    /** Rows in flight at once (remote editors and LLMs benefit; local editors are CPU-bound). */
    concurrency?: number;
    qcThresholds?: Partial<QcThresholds>;
    /** Reference quirks kept for parity (spec §10). */
    parity?: {
        celebaStemMatch?: boolean;
        localizationConstants?: boolean;
        dropCelebaStrayR?: boolean;
    };
    cacheDir: string;
    logger: Logger;
    onProgress?: (p: {
        done: number;
        total: number;
        errors: number;
        skipped: number;
    }) => void;
}
export interface GenerateResult {
    out: string;
    rows: number;
    reals: number;
    fakes: number;
    errors: number;
    skippedMasks: number;
    resumed: number;
}
/** Reads the generation input's metadata.csv (or metadata_flat.csv), with line numbers for errors. */
export declare function readGenerationInput(inputDir: string): Promise<GenerationInputRow[]>;
interface PertObject {
    id: string;
    mask_path?: string;
    target?: string;
    sem_magnitude?: string;
    target_qual_flag?: boolean;
}
/**
 * Looks a row's perturbation up in a `metadata_pert.json` (spec §3.2): by image id (or
 * `CelebA_<id>`), then the object whose `id` equals the mask id; the reference's file-stem rule
 * is the fallback (and, with `celebaStemMatch`, the only rule for CelebAHQ, as the reference did).
 */
export declare function findPerturbation(file: Record<string, {
    objects?: PertObject[];
}>, row: GenerationInputRow, celebaStemMatch?: boolean): PertObject | undefined;
/**
 * `semibench generate`: perturb each mask's label, edit the image with every editor, compute QC
 * and change metrics, then bin, localise and write a dataset in the eval-set layout that
 * `semibench eval` reads unchanged. Every finished edit is journaled, so a crash loses at most the
 * rows in flight and `resume` continues where it stopped.
 */
export declare function generate(options: GenerateOptions): Promise<GenerateResult>;
export {};
//# sourceMappingURL=pipeline.d.ts.map