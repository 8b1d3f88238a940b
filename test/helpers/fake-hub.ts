/**
 * A fake Hugging Face hub on 127.0.0.1 for tests. It answers the routes @huggingface/hub 2.x and
 * semibench use for a dataset repository (see shared/spec/lessons.md, "Facts about the stack"):
 *
 *   GET  /api/datasets/OWNER/NAME/revision/REV          JSON with `sha`
 *   GET  /api/datasets/OWNER/NAME/tree/REV[/PATH]       JSON list, paginated by a `Link: <...>; rel="next"` header
 *   POST /api/datasets/OWNER/NAME/paths-info/REV        {"paths": [...], "expand": bool}
 *   GET|HEAD /datasets/OWNER/NAME/resolve/REV/PATH      bytes, with Range (206 + Content-Range) and ETag
 *
 * Missing repos, revisions and files get 404 with the hub's `X-Error-Code`. Every request is
 * recorded (method, URL, Authorization and Range headers, bytes sent) so tests can assert what
 * was asked. Faults: `cutNext` drops the connection after N bytes of a file's next download.
 *
 * Also here: builders for miniature repos in the real layouts, with .tar.bz2 shards written by
 * the standard library of python3 (tarfile + bz2), so tests need no extra npm package.
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { readCsv } from './csv.js';

export interface FakeFile {
  path: string;
  data: Buffer;
  /** Stored with Git LFS (tree entries carry `lfs.oid` = sha256). Default: everything but small text files. */
  lfs?: boolean;
}

export interface FakeRepo {
  /** `owner/name`. */
  repo: string;
  files: FakeFile[];
  /** Branch name pointing at the single commit (default `main`). */
  branch?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Decoded repo path for resolve requests. */
  file?: string;
  authorization?: string;
  range?: string;
  status: number;
  bytesSent: number;
}

interface StoredFile {
  path: string;
  data: Buffer;
  gitOid: string;
  sha256: string;
  lfs: boolean;
}

interface StoredRepo {
  repo: string;
  branch: string;
  sha: string;
  files: Map<string, StoredFile>;
  dirs: Set<string>;
}

function gitBlobSha1(data: Buffer): string {
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

function defaultLfs(path: string, size: number): boolean {
  return !(path.endsWith('.md') || path.startsWith('.git')) || size > 10_000;
}

export class FakeHub {
  readonly requests: RecordedRequest[] = [];
  private readonly repos = new Map<string, StoredRepo>();
  private readonly cuts = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  private constructor(
    repos: readonly FakeRepo[],
    private readonly options: { pageSize: number; requiredToken?: string },
  ) {
    for (const repo of repos) {
      const files = new Map<string, StoredFile>();
      const dirs = new Set<string>();
      for (const file of repo.files) {
        files.set(file.path, {
          path: file.path,
          data: file.data,
          gitOid: gitBlobSha1(file.data),
          sha256: createHash('sha256').update(file.data).digest('hex'),
          lfs: file.lfs ?? defaultLfs(file.path, file.data.length),
        });
        const parts = file.path.split('/');
        for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
      }
      // A deterministic commit id: sha1 over the sorted (path, content hash) list.
      const commit = createHash('sha1');
      for (const path of [...files.keys()].sort()) commit.update(`${path}\0${(files.get(path) as StoredFile).gitOid}\n`);
      this.repos.set(repo.repo, { repo: repo.repo, branch: repo.branch ?? 'main', sha: commit.digest('hex'), files, dirs });
    }
  }

  static async start(repos: readonly FakeRepo[], options: { pageSize?: number; requiredToken?: string } = {}): Promise<FakeHub> {
    const hub = new FakeHub(repos, { pageSize: options.pageSize ?? 50, ...(options.requiredToken ? { requiredToken: options.requiredToken } : {}) });
    const server = createServer((req, res) => {
      hub.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub.server = server;
    hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return hub;
  }

  shaOf(repo: string): string {
    return this.mustRepo(repo).sha;
  }

  /** The hub's etag for a file: sha256 for LFS files, git blob sha1 otherwise. */
  etagOf(repo: string, path: string): string {
    const file = this.mustRepo(repo).files.get(path);
    if (!file) throw new Error(`no ${path} in ${repo}`);
    return file.lfs ? file.sha256 : file.gitOid;
  }

  fileOf(repo: string, path: string): Buffer {
    const file = this.mustRepo(repo).files.get(path);
    if (!file) throw new Error(`no ${path} in ${repo}`);
    return file.data;
  }

  /** The next download of `path` sends only `bytes` bytes of its body, then drops the connection. */
  cutNext(path: string, bytes: number): void {
    this.cuts.set(path, bytes);
  }

  resolveRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.file !== undefined && r.method === 'GET');
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private mustRepo(repo: string): StoredRepo {
    const stored = this.repos.get(repo);
    if (!stored) throw new Error(`fake hub has no repo ${repo}`);
    return stored;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const record: RecordedRequest = { method: req.method ?? 'GET', url: `${url.pathname}${url.search}`, status: 0, bytesSent: 0 };
    if (req.headers.authorization) record.authorization = req.headers.authorization;
    if (typeof req.headers.range === 'string') record.range = req.headers.range;
    this.requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    res.on('close', () => {
      record.status ||= res.statusCode;
    });
    const body = await readBody(req);

    if (this.options.requiredToken && req.headers.authorization !== `Bearer ${this.options.requiredToken}`) {
      return json(res, 401, { error: 'Invalid credentials in Authorization header' });
    }

    const route = ROUTES.find((r) => r.method.includes(req.method ?? '') && r.pattern.test(url.pathname));
    const m = route?.pattern.exec(url.pathname);
    if (!route || !m) return notFound(res, 'EntryNotFound');
    const repo = this.repos.get(decodeURIComponent(m[1] as string));
    if (!repo) return notFound(res, 'RepoNotFound');
    if (!this.matchesRevision(repo, decodeURIComponent(m[2] as string))) return notFound(res, 'RevisionNotFound');

    switch (route.kind) {
      case 'revision':
        return json(res, 200, {
          _id: `id-${repo.sha.slice(0, 24)}`,
          id: repo.repo,
          sha: repo.sha,
          private: false,
          gated: false,
          disabled: false,
          downloads: 0,
          likes: 0,
          lastModified: '2024-08-15T00:00:00.000Z',
          siblings: [...repo.files.keys()].map((rfilename) => ({ rfilename })),
        });
      case 'tree': {
        const prefix = m[3] ? decodeURIComponent(m[3]).replace(/\/$/, '') : '';
        const recursive = url.searchParams.get('recursive') === 'true' || url.searchParams.get('recursive') === '1';
        const entries = this.treeEntries(repo, prefix, recursive);
        const cursor = Number(url.searchParams.get('cursor') ?? '0');
        const page = entries.slice(cursor, cursor + this.options.pageSize);
        if (cursor + this.options.pageSize < entries.length) {
          const next = new URL(url.toString());
          next.searchParams.set('cursor', String(cursor + this.options.pageSize));
          res.setHeader('Link', `<${next.toString()}>; rel="next"`);
        }
        return json(res, 200, page);
      }
      case 'paths-info': {
        const { paths = [], expand = false } = JSON.parse(body.toString('utf8') || '{}') as { paths?: string[]; expand?: boolean };
        const out = paths.flatMap((path): Record<string, unknown>[] => {
          const file = repo.files.get(path);
          if (file) return [{ ...this.fileEntry(file), ...(expand ? { lastCommit: { id: repo.sha, title: 'Upload', date: '2024-08-15T00:00:00.000Z' }, securityFileStatus: { status: 'safe' } } : {}) }];
          return repo.dirs.has(path) ? [{ type: 'directory', oid: gitBlobSha1(Buffer.from(path)), size: 0, path }] : [];
        });
        return json(res, 200, out);
      }
      case 'resolve': {
        const path = (m[3] as string).split('/').map(decodeURIComponent).join('/');
        record.file = path;
        const file = repo.files.get(path);
        if (!file) return notFound(res, 'EntryNotFound');
        return this.sendFile(req, res, repo, file, record);
      }
    }
  }

  private matchesRevision(repo: StoredRepo, rev: string): boolean {
    return rev === repo.sha || rev === repo.branch;
  }

  private fileEntry(file: StoredFile): Record<string, unknown> {
    return {
      type: 'file',
      oid: file.lfs ? gitBlobSha1(Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${file.sha256}\nsize ${file.data.length}\n`)) : file.gitOid,
      size: file.data.length,
      path: file.path,
      ...(file.lfs ? { lfs: { oid: file.sha256, size: file.data.length, pointerSize: 134 } } : {}),
    };
  }

  private treeEntries(repo: StoredRepo, prefix: string, recursive: boolean): Record<string, unknown>[] {
    const inside = (path: string): boolean => (prefix === '' ? true : path.startsWith(`${prefix}/`));
    const depthOk = (path: string): boolean => recursive || !path.slice(prefix ? prefix.length + 1 : 0).includes('/');
    const dirs = [...repo.dirs].filter((d) => inside(d) && depthOk(d)).map((path) => ({ type: 'directory', oid: gitBlobSha1(Buffer.from(path)), size: 0, path }));
    const files = [...repo.files.values()].filter((f) => inside(f.path) && depthOk(f.path)).map((f) => this.fileEntry(f));
    return [...dirs, ...files].sort((a, b) => ((a.path as string) < (b.path as string) ? -1 : 1));
  }

  private sendFile(req: IncomingMessage, res: ServerResponse, repo: StoredRepo, file: StoredFile, record: RecordedRequest): void {
    const size = file.data.length;
    const etag = file.lfs ? file.sha256 : file.gitOid;
    res.setHeader('ETag', `"${etag}"`);
    if (file.lfs) {
      res.setHeader('X-Linked-Etag', `"${etag}"`);
      res.setHeader('X-Linked-Size', String(size));
    }
    res.setHeader('X-Repo-Commit', repo.sha);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', 'application/octet-stream');
    let start = 0;
    let end = size - 1;
    const range = req.headers.range;
    if (typeof range === 'string') {
      const r = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (!r || (r[1] === '' && r[2] === '')) {
        res.statusCode = 416;
        res.setHeader('Content-Range', `bytes */${size}`);
        res.end();
        return;
      }
      if (r[1] === '') {
        start = Math.max(0, size - Number(r[2]));
      } else {
        start = Number(r[1]);
        if (r[2] !== '') end = Math.min(end, Number(r[2]));
      }
      if (start >= size || start > end) {
        res.statusCode = 416;
        res.setHeader('Content-Range', `bytes */${size}`);
        res.end();
        return;
      }
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    } else {
      res.statusCode = 200;
    }
    const bodyBytes = file.data.subarray(start, end + 1);
    res.setHeader('Content-Length', String(bodyBytes.length));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = this.cuts.get(file.path);
    if (cut !== undefined && bodyBytes.length > cut) {
      this.cuts.delete(file.path);
      record.bytesSent = cut;
      // Send the headers and the first `cut` bytes, then drop the connection as a network failure would.
      res.write(bodyBytes.subarray(0, cut), () => {
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    record.bytesSent = bodyBytes.length;
    res.end(bodyBytes);
  }
}

/** The hub routes the client uses; group 1 is OWNER/NAME, group 2 the revision, group 3 the rest. */
const ROUTES: { kind: 'revision' | 'tree' | 'paths-info' | 'resolve'; method: string[]; pattern: RegExp }[] = [
  { kind: 'revision', method: ['GET'], pattern: /^\/api\/datasets\/([^/]+\/[^/]+)\/revision\/([^/]+)$/ },
  { kind: 'tree', method: ['GET'], pattern: /^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/ },
  { kind: 'paths-info', method: ['POST'], pattern: /^\/api\/datasets\/([^/]+\/[^/]+)\/paths-info\/([^/]+)$/ },
  { kind: 'resolve', method: ['GET', 'HEAD'], pattern: /^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/ },
];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}

function notFound(res: ServerResponse, code: string): void {
  res.statusCode = 404;
  res.setHeader('X-Error-Code', code);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error: `${code}: not found` }));
}

// ---------------------------------------------------------------------------------------------
// Miniature repos
// ---------------------------------------------------------------------------------------------

export interface TarMember {
  name: string;
  /** File contents; omitted for directories and links. */
  data?: Buffer;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  linkname?: string;
}

const PYTHON_TAR = `
import base64, io, json, sys, tarfile
for archive in json.load(sys.stdin):
    with tarfile.open(archive['out'], 'w:bz2') as tar:
        for m in archive['members']:
            info = tarfile.TarInfo(m['name'])
            info.mtime = 0
            kind = m.get('type', 'file')
            if kind == 'dir':
                info.type = tarfile.DIRTYPE; info.mode = 0o755; tar.addfile(info)
            elif kind in ('symlink', 'hardlink'):
                info.type = tarfile.SYMTYPE if kind == 'symlink' else tarfile.LNKTYPE
                info.linkname = m['linkname']; tar.addfile(info)
            else:
                data = base64.b64decode(m['data']); info.size = len(data); info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
`;

/**
 * Build .tar.bz2 archives (deterministic: mtime 0) with python3's standard library. Archives are
 * cached in the temp folder by a hash of their members, so test files running in parallel
 * workers compress the same fixture only once.
 */
export function makeTarBz2(archives: readonly { members: readonly TarMember[] }[]): Buffer[] {
  const cacheDir = join(tmpdir(), 'semibench-fake-hub-tars');
  mkdirSync(cacheDir, { recursive: true });
  const specs = archives.map((archive) => {
    const members = archive.members.map((m) => ({ name: m.name, type: m.type ?? 'file', ...(m.linkname ? { linkname: m.linkname } : {}), ...(m.data ? { data: m.data.toString('base64') } : {}) }));
    const key = createHash('sha256').update(PYTHON_TAR).update(JSON.stringify(members)).digest('hex');
    return { out: join(cacheDir, `${key}.tar.bz2`), members };
  });
  const missing = specs.filter((spec) => !existsSync(spec.out));
  if (missing.length > 0) {
    // Write to unique names, then rename: a parallel worker may be building the same archive.
    const staged = missing.map((spec) => ({ ...spec, final: spec.out, out: `${spec.out}.${process.pid}.${randomUUID()}.tmp` }));
    execFileSync('python3', ['-c', PYTHON_TAR], { input: JSON.stringify(staged), maxBuffer: 1 << 30 });
    for (const spec of staged) renameSync(spec.out, spec.final);
  }
  return specs.map((spec) => readFileSync(spec.out));
}

/** Every file under `dir`, as repo-relative '/'-separated paths. */
export function listFilesRecursive(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The eval-set repo of a local dataset folder in the eval-set layout (metadata.csv + original/,
 * inpainting/, p2p/ ...). With `archives`, each dataset folder becomes one .tar.bz2 next to it, as
 * on the hub (`original/images/ADE20K.tar.bz2`, `inpainting/ADE20K.tar.bz2`), and the three kinds
 * of archive use three different inner layouts so the member matching is exercised:
 * original/images members are `<DS>/<file>`, original/masks members are bare `<file>`, and
 * inpainting members carry the full repo path. CSV files stay loose.
 */
export function buildEvalsetRepoFiles(sourceDir: string, options: { archives: boolean; include?: (path: string) => boolean }): FakeFile[] {
  const paths = listFilesRecursive(sourceDir).filter((p) => options.include?.(p) ?? true);
  const loose: FakeFile[] = [];
  const groups = new Map<string, { members: TarMember[] }>();
  for (const path of paths) {
    const data = readFileSync(join(sourceDir, ...path.split('/')));
    const parts = path.split('/');
    const top = parts[0] as string;
    const depth = top === 'original' ? 3 : 2;
    if (!options.archives || path.endsWith('.csv') || parts.length <= depth || !['original', 'inpainting', 'p2p', 'p2p_masks'].includes(top)) {
      loose.push({ path, data });
      continue;
    }
    const folder = parts.slice(0, depth).join('/');
    const archive = `${folder}.tar.bz2`;
    const inside = parts.slice(depth).join('/');
    const ds = parts[depth - 1] as string;
    const name = parts[1] === 'images' ? `${ds}/${inside}` : parts[1] === 'masks' ? inside : path;
    const group = groups.get(archive) ?? { members: [] };
    group.members.push({ name, data });
    groups.set(archive, group);
  }
  const names = [...groups.keys()].sort();
  const built = makeTarBz2(names.map((name) => groups.get(name) as { members: TarMember[] }));
  return [
    ...loose,
    ...names.map((path, i) => ({ path, data: built[i] as Buffer })),
    { path: 'README.md', data: Buffer.from('# Semi-Truths-Evalset (test miniature)\n'), lfs: false },
  ];
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(header: readonly string[], rows: readonly Record<string, string>[]): string {
  return [header.join(','), ...rows.map((row) => header.map((h) => csvCell(row[h] ?? '')).join(','))].join('\n') + '\n';
}

/**
 * A miniature of the full release (`semi-truths/Semi-Truths`) built from an eval-set folder: no
 * metadata.csv, but `metadata/edited/inpainting.csv` keyed by `img_id` with the full release's
 * column names (diffusion_model, area_ratio, perturbed_label, post_edit_ratio, mse, ssim,
 * localization), originals in `original/images/<DS>_images_0.tar.bz2` and
 * `original/masks/<DS>_masks_0.tar.bz2`, edits in `inpainting/<DS>/<Model>/<DS>_<Model>_0.tar.bz2`
 * (members are bare file names) next to a loose `<DS>_<Model>_meta.csv`.
 */
export function buildFullRepoFiles(sourceDir: string): FakeFile[] {
  const rows = readCsv(join(sourceDir, 'metadata.csv'));
  const groups = new Map<string, TarMember[]>();
  const add = (archive: string, name: string, data: Buffer): void => {
    const list = groups.get(archive) ?? [];
    if (!list.some((m) => m.name === name)) list.push({ name, data });
    groups.set(archive, list);
  };
  const edited: Record<string, string>[] = [];
  const perModel = new Map<string, Record<string, string>[]>();
  rows.forEach((row, i) => {
    const file = row['image_path'] as string;
    const data = readFileSync(join(sourceDir, ...file.split('/')));
    const base = file.slice(file.lastIndexOf('/') + 1);
    const ds = row['dataset'] as string;
    if (row['label'] === 'real') {
      add(`original/images/${ds}_images_0.tar.bz2`, base, data);
      return;
    }
    const model = row['model'] as string;
    add(`inpainting/${ds}/${model}/${ds}_${model}_0.tar.bz2`, base, data);
    if (row['mask_path']) {
      const mask = row['mask_path'];
      add(`original/masks/${ds}_masks_0.tar.bz2`, mask.slice(mask.lastIndexOf('/') + 1), readFileSync(join(sourceDir, ...mask.split('/'))));
    }
    const out: Record<string, string> = {
      img_id: row['image_id'] as string,
      perturbed_img_id: base.replace(/\.[^.]+$/, ''),
      dataset: ds,
      diffusion_model: model,
      mask_id: row['mask_id'] as string,
      mask_name: row['mask_name'] as string,
      area_ratio: row['ratio'] as string,
      perturbed_label: row['perturbed_mask_name'] as string,
      sem_magnitude: row['sem_magnitude'] as string,
      entities: row['entities'] as string,
      class: row['class'] as string,
      post_edit_ratio: (0.01 * (i + 1)).toFixed(4),
      mse: (0.001 * (i + 1)).toFixed(5),
      ssim: (1 - 0.01 * (i + 1)).toFixed(4),
      localization: i % 2 === 0 ? 'localized' : 'diffused',
      pass_qc: 'True',
    };
    edited.push(out);
    const key = `inpainting/${ds}/${model}/${ds}_${model}_meta.csv`;
    perModel.set(key, [...(perModel.get(key) ?? []), out]);
  });
  const columns = Object.keys(edited[0] ?? {});
  const names = [...groups.keys()].sort();
  const built = makeTarBz2(names.map((name) => ({ members: groups.get(name) as TarMember[] })));
  return [
    { path: 'README.md', data: Buffer.from('# Semi-Truths (test miniature of the full release)\n'), lfs: false },
    { path: 'metadata/edited/inpainting.csv', data: Buffer.from(csvText(columns, edited)) },
    ...[...perModel].map(([path, list]) => ({ path, data: Buffer.from(csvText(columns, list)) })),
    ...names.map((path, i) => ({ path, data: built[i] as Buffer })),
  ];
}
