import { Command, Flags } from '@oclif/core';
import { AUDIT_FEATURES, DEFAULT_AUDIT_THRESHOLD, auditDataset, createHubProgressPrinter, formatAudit, resolveDatasetSource } from '@semibench/harness';
import { defaultDatasetPath } from '../support/paths.js';

export default class Audit extends Command {
  static override summary = 'Measure what the files give away: shortcut features that tell real from edited without a detector.';

  static override description = `Reads every image's headers (not its pixels) and scores features that need no detector:
${AUDIT_FEATURES.map((f) => `  ${f.name}: ${f.description}`).join('\n')}
Each is scored by ROC-AUC of real vs edited, direction-free (max(AUC, 1 - AUC)), overall and per
--slice group, with cluster-bootstrap intervals (clusters = image_id). A categorical feature scores
each row by the share of edited rows in its category. An edits-only group is scored against the
real photos its edits were made from. Findings above --threshold are flagged: a detector can learn
them instead of the edit (compare its scores with \`eval --reencode png\`). See docs/blind.md.`;

  static override examples = [
    '<%= config.bin %> audit',
    '<%= config.bin %> audit --dataset ./my-dataset --slice dataset --slice model',
    '<%= config.bin %> audit --dataset hf:semi-truths/Semi-Truths-Evalset --sample 2000 --json',
  ];

  static override flags = {
    dataset: Flags.string({ summary: 'Dataset directory (metadata.csv) or hf:OWNER/NAME[@REVISION]. Default: the bundled mini dataset.' }),
    slice: Flags.string({ multiple: true, summary: 'Also audit per group of this column (repeatable).' }),
    json: Flags.boolean({ summary: 'Print an array of {feature, slice, group, n, auc, ci_low, ci_high, flagged}.' }),
    threshold: Flags.string({ summary: `Flag findings with an AUC above this (default ${DEFAULT_AUDIT_THRESHOLD}).` }),
    bootstrap: Flags.integer({ summary: 'Bootstrap resamples per interval (default 1000; 0 = no intervals).', default: 1000 }),
    seed: Flags.integer({ summary: 'Seed of the bootstrap (and of --sample).', default: 0 }),
    confidence: Flags.string({ summary: 'Confidence level of the intervals (default 0.95).' }),
    sample: Flags.integer({ summary: 'hf: datasets: audit a seeded random sample of N rows (only their archives are downloaded).' }),
    offline: Flags.boolean({ summary: 'Use only the local Hugging Face cache.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Audit);
    const threshold = flags.threshold === undefined ? DEFAULT_AUDIT_THRESHOLD : Number(flags.threshold);
    const confidence = flags.confidence === undefined ? 0.95 : Number(flags.confidence);
    if (!(threshold >= 0.5 && threshold <= 1)) this.error(`--threshold must be in [0.5, 1] (AUCs are direction-free), got ${flags.threshold}`);
    if (!(confidence > 0 && confidence < 1)) this.error(`--confidence must be in (0, 1), got ${flags.confidence}`);
    const source = await resolveDatasetSource(flags.dataset ?? defaultDatasetPath(), {
      cwd: process.cwd(),
      ...(flags.offline ? { offline: true } : {}),
      ...(flags.sample !== undefined ? { selection: { seed: flags.seed, sample: flags.sample } } : {}),
      ...(flags.json ? {} : { onProgress: createHubProgressPrinter(process.stderr) }),
    });
    const result = await auditDataset(source.path, { ...(flags.slice ? { slices: flags.slice } : {}), resamples: flags.bootstrap, seed: flags.seed, confidence, threshold });
    for (const e of result.errors) this.warn(`${e.path}: headers unreadable, row left out: ${e.reason}`);
    if (flags.json) this.log(JSON.stringify(result.findings, null, 2));
    else {
      this.log(formatAudit(result.findings, confidence));
      const flagged = result.findings.filter((f) => f.flagged).length;
      this.log(`\n${result.rows} rows (${result.metadataPath}); ${flagged} finding(s) above AUC ${threshold}.`);
    }
  }
}
