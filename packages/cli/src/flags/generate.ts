import { Flags } from '@oclif/core';

/** The flags of `semibench generate`, in the order its --help lists them. */
export const generateFlags = {
  input: Flags.string({ summary: 'Generation input directory (default: the bundled Semi-Truths sample input).' }),
  out: Flags.string({ char: 'o', summary: 'Output dataset directory (default runs/generate-<timestamp>).' }),
  perturber: Flags.string({ summary: 'Label perturber: rules (offline, default), llm (OpenAI-compatible endpoint), a path or a package.' }),
  perturbations: Flags.string({ summary: 'Use the perturbations in this metadata_pert.json instead of a perturber.' }),
  editor: Flags.string({ char: 'e', multiple: true, required: true, summary: 'Editor: telea, splice, sdwebui, a path or a package (repeatable).' }),
  metric: Flags.string({ char: 'm', multiple: true, summary: 'Metric: pixel-change, brisque, clip-qc, lpips, dreamsim, sentence, a path or a package (repeatable).' }),
  option: Flags.string({ multiple: true, summary: 'Plugin option NAME.key=value (NAME = the spec as given, e.g. sdwebui.steps=30); key=value applies to every plugin.' }),
  seed: Flags.integer({ default: 0, summary: 'Seed of every random draw (magnitudes, perturbations, edits).' }),
  limit: Flags.integer({ summary: 'Only the first N masks.' }),
  resume: Flags.boolean({ summary: 'Keep finished edits in --out and generate only the rest.' }),
  concurrency: Flags.integer({ default: 1, summary: 'Masks in flight at once (useful for remote editors and LLMs).' }),
  'parity-celeba-stem-match': Flags.boolean({ summary: "Reproduce the reference's CelebAHQ perturbation lookup by mask file stem (drops the sample's CelebAHQ row)." }),
  'parity-localization': Flags.boolean({ summary: 'Use the reference 512x512 constants for localisation and call rows without metrics localized.' }),
  'drop-celeba-stray-r': Flags.boolean({ summary: "Drop CelebAHQ's stray 'r' entity before counting scene diversity." }),
  quiet: Flags.boolean({ char: 'q', summary: 'No progress output.' }),
  json: Flags.boolean({ summary: 'Print the result (out, rows, reals, fakes, skippedMasks, errors, resumed) as JSON on stdout; no progress bar.', default: false }),
};
