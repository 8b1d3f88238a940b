/**
 * The prediction store: every score a detector ever produced, keyed by (detector store key,
 * input key), in one SQLite file (libsql: better-sqlite3's API, with prebuilt binaries shipped as
 * registry packages, so installing semibench never compiles native code).
 *
 * Durability and concurrency:
 * - WAL journal with synchronous=NORMAL: a committed batch survives the process being killed at
 *   any instant (SIGKILL, OOM killer, pre-emption of the process); only an OS crash or power loss
 *   can drop the last batches, never corrupt the file.
 * - Every write is one IMMEDIATE transaction, and every connection waits up to `busyTimeoutMs`
 *   for another writer; several runs (processes) can share one store on a local disk.
 * - SQLite's WAL needs shared memory between its users, so the store must not sit on a network
 *   filesystem (NFS, Lustre, most Kubernetes volumes shared between nodes); give each machine its
 *   own store and combine them with `semibench store import` (see docs/scale-out.md).
 *
 * Localisation maps (8-bit PNGs at the image's full size) live once each in `maps`, keyed by the
 * sha256 of their bytes; a prediction names its map by that hash (`map_hash`, NULL without one).
 * Stores made before maps existed gain the column when first opened for writing.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'libsql';
import type { OptionValue } from '../contract.js';
import type { PredictionCache } from '../run/types.js';
import type { EncodedMap } from '../run/types.js';
import { sha256 } from '../util/hash.js';

export const STORE_SCHEMA = 'semibench.store/1';
export const STORE_FILE_NAME = 'predictions.sqlite';

/** Where the store lives unless `--store PATH` says otherwise: inside the user's semibench cache dir. */
export function defaultStorePath(cacheDir: string): string {
  return join(cacheDir, STORE_FILE_NAME);
}

/** How a detector is described in the store (no secrets: it is built from the redacted identity). */
export type StoredDescription = Readonly<Record<string, OptionValue>>;

export interface StoredDetector {
  storeKey: string;
  plugin: string;
  version: string;
  description: StoredDescription;
  predictions: number;
  /** ISO times of the first and last prediction written (absent when there are none). */
  firstWritten?: string;
  lastWritten?: string;
}

export interface StoreInfo {
  path: string;
  schema: string;
  journalMode: string;
  /** Size of the database file plus its WAL, in bytes. */
  bytes: number;
  predictions: number;
  detectors: StoredDetector[];
}

export interface StoredPrediction {
  inputKey: string;
  score: number;
  /** Unix time in ms when the score was written. */
  createdAt: number;
  /** The prediction's localisation map, when it has one. */
  map?: EncodedMap;
}

export interface ImportCounts {
  detectors: number;
  /** Predictions added. */
  added: number;
  /** Predictions that the store already held (kept, or overwritten with `replace`). */
  existing: number;
}

export interface OpenStoreOptions {
  /** Open an existing store without writing to it (info, export). */
  readonly?: boolean;
  /** How long a write waits for another process's transaction (default 60 s). */
  busyTimeoutMs?: number;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

/** `name@version#hash` → name and version (the form `createDetector` builds). */
export function parseStoreKey(storeKey: string): { plugin: string; version: string } {
  const m = /^(.+)@([^@#]+)#[^#]*$/.exec(storeKey);
  if (!m) throw new Error(`"${storeKey}" is not a detector store key (expected NAME@VERSION#HASH)`);
  return { plugin: m[1] as string, version: m[2] as string };
}

function inputKeyBytes(inputKey: string): Buffer {
  if (!HEX_KEY.test(inputKey)) throw new Error(`prediction input key "${inputKey}" is not 64 lowercase hex characters`);
  return Buffer.from(inputKey, 'hex');
}

function mapHashBytes(map: EncodedMap | undefined, where: string): Buffer | null {
  if (!map) return null;
  if (sha256(map.png) !== map.sha256) throw new Error(`${where}: the map's bytes do not hash to its sha256 ${map.sha256}`);
  return Buffer.from(map.sha256, 'hex');
}

function toBuffer(value: unknown): Buffer {
  return Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : (value as Uint8Array));
}

function checkScore(score: number, where: string): void {
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) throw new Error(`${where}: score ${String(score)} is not a number in [0, 1]`);
}

type Db = Database.Database;
type Stmt = Database.Statement<unknown[]>;

/**
 * The first column of the first row, or undefined. libsql's `pluck().get()` returns the whole row
 * (with a `_metadata` field) instead of the value, so every scalar query goes through `raw()`.
 */
function scalar<T>(stmt: Stmt, ...params: unknown[]): T | undefined {
  const row = stmt.raw().get(...params) as unknown[] | undefined;
  return row === undefined ? undefined : (row[0] as T);
}

/** Every row as an array of column values (`raw()` also yields BLOBs as Buffers, unlike libsql's object rows). */
function rows(stmt: Stmt, ...params: unknown[]): unknown[][] {
  return stmt.raw().all(...params) as unknown[][];
}

/** Whether `table` has `column` (stores made before a column was added lack it). */
function hasColumn(db: Db, table: string, column: string): boolean {
  return rows(db.prepare(`PRAGMA table_info(${table})`) as Stmt).some((r) => r[1] === column);
}

/** A PRAGMA's single value (libsql's `{ simple: true }` still returns a row object). */
function pragmaValue(db: Db, name: string): unknown {
  return scalar(db.prepare(`PRAGMA ${name}`) as Stmt);
}

export class PredictionStore implements PredictionCache {
  private readonly db: Db;
  private readonly ids = new Map<string, number>();
  private readonly selectScore: Stmt;
  private readonly upsert: Stmt;
  private readonly insertMap: Stmt | undefined;
  private readonly selectMap: Stmt | undefined;

  private constructor(
    readonly path: string,
    db: Db,
    /** False for a store made before maps, opened read-only (it has no map column to read). */
    readonly hasMaps: boolean,
  ) {
    this.db = db;
    this.selectScore = db.prepare('SELECT score FROM predictions WHERE detector_id = ? AND input_hash = ?');
    this.upsert = db.prepare(
      hasMaps
        ? 'INSERT INTO predictions (detector_id, input_hash, score, created_at, map_hash) VALUES (?, ?, ?, ?, ?) ' +
            'ON CONFLICT (detector_id, input_hash) DO UPDATE SET score = excluded.score, created_at = excluded.created_at, map_hash = excluded.map_hash'
        : 'INSERT INTO predictions (detector_id, input_hash, score, created_at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (detector_id, input_hash) DO UPDATE SET score = excluded.score, created_at = excluded.created_at',
    );
    if (hasMaps) {
      this.insertMap = db.prepare('INSERT OR IGNORE INTO maps (hash, png) VALUES (?, ?)');
      this.selectMap = db.prepare('SELECT m.hash, m.png FROM predictions p JOIN maps m ON m.hash = p.map_hash WHERE p.detector_id = ? AND p.input_hash = ?');
    }
  }

  /** Opens (and, unless read-only, creates) the store at `path`. */
  static open(path: string, options: OpenStoreOptions = {}): PredictionStore {
    const file = resolve(path);
    const timeout = options.busyTimeoutMs ?? 60_000;
    let db: Db;
    try {
      // libsql ignores fileMustExist and would create an empty file: check first.
      if (options.readonly && !existsSync(file)) throw new Error('no such file');
      if (!options.readonly) mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout });
    } catch (error) {
      throw new Error(`prediction store ${file}: cannot open: ${(error as Error).message}${options.readonly ? ' (is there a store at this path? `semibench eval` creates one; --store PATH points elsewhere)' : ''}`);
    }
    try {
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.transaction(() => {
          db.exec(`
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS detectors (
              id INTEGER PRIMARY KEY,
              store_key TEXT NOT NULL UNIQUE,
              plugin TEXT NOT NULL,
              version TEXT NOT NULL,
              description TEXT NOT NULL,
              registered_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS predictions (
              detector_id INTEGER NOT NULL REFERENCES detectors (id),
              input_hash BLOB NOT NULL,
              score REAL NOT NULL,
              created_at INTEGER NOT NULL,
              map_hash BLOB,
              PRIMARY KEY (detector_id, input_hash)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS maps (hash BLOB PRIMARY KEY, png BLOB NOT NULL) WITHOUT ROWID;
          `);
          if (!hasColumn(db, 'predictions', 'map_hash')) db.exec('ALTER TABLE predictions ADD COLUMN map_hash BLOB');
          db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(STORE_SCHEMA);
        }).immediate();
      }
      const schema = scalar<string>(db.prepare("SELECT value FROM meta WHERE key = 'schema'"));
      if (schema !== STORE_SCHEMA) {
        throw new Error(`holds schema ${schema ?? '(none)'}, this semibench reads ${STORE_SCHEMA}; use another --store path`);
      }
      return new PredictionStore(file, db, hasColumn(db, 'predictions', 'map_hash'));
    } catch (error) {
      db.close();
      const message = (error as Error).message;
      throw new Error(message.startsWith('prediction store') ? message : `prediction store ${file}: ${message}`);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private detectorId(storeKey: string, create: boolean, description?: StoredDescription): number | undefined {
    const known = this.ids.get(storeKey);
    if (known !== undefined) return known;
    const selectId = this.db.prepare('SELECT id FROM detectors WHERE store_key = ?');
    let id = scalar<number>(selectId, storeKey);
    if (id === undefined && create) {
      const { plugin, version } = parseStoreKey(storeKey);
      this.db
        .prepare('INSERT OR IGNORE INTO detectors (store_key, plugin, version, description, registered_at) VALUES (?, ?, ?, ?, ?)')
        .run(storeKey, plugin, version, JSON.stringify(description ?? {}), Date.now());
      id = scalar<number>(selectId, storeKey);
    } else if (id !== undefined && description && Object.keys(description).length) {
      // A detector first seen through a bare CSV import has an empty description: fill it in.
      this.db.prepare("UPDATE detectors SET description = ? WHERE id = ? AND description = '{}'").run(JSON.stringify(description), id);
    }
    if (id !== undefined) this.ids.set(storeKey, id);
    return id;
  }

  /** Records what a store key means (plugin, identity, preprocessing), for `store info` and exports. */
  async register(storeKey: string, description: StoredDescription): Promise<void> {
    this.ids.delete(storeKey);
    this.db.transaction(() => this.detectorId(storeKey, true, description)).immediate();
  }

  async lookupMaps(storeKey: string, inputKeys: readonly string[]): Promise<Map<string, EncodedMap>> {
    return this.lookupMapsSync(storeKey, inputKeys);
  }

  /** The maps stored with some of these predictions (input key → map). */
  lookupMapsSync(storeKey: string, inputKeys: readonly string[]): Map<string, EncodedMap> {
    const out = new Map<string, EncodedMap>();
    const id = this.detectorId(storeKey, false);
    if (id === undefined || !this.selectMap) return out;
    for (const key of inputKeys) {
      const row = this.selectMap.raw().get(id, inputKeyBytes(key)) as [unknown, unknown] | undefined;
      if (row) out.set(key, { sha256: toBuffer(row[0]).toString('hex'), png: new Uint8Array(toBuffer(row[1])) });
    }
    return out;
  }

  async lookup(storeKey: string, inputKeys: readonly string[]): Promise<Map<string, number>> {
    return this.lookupSync(storeKey, inputKeys);
  }

  lookupSync(storeKey: string, inputKeys: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const id = this.detectorId(storeKey, false);
    if (id === undefined) return out;
    for (const key of inputKeys) {
      const score = scalar<number>(this.selectScore, id, inputKeyBytes(key));
      if (score !== undefined) out.set(key, score);
    }
    return out;
  }

  /** Writes a batch in one transaction: either all of it is stored or none (never a torn batch). */
  async save(storeKey: string, entries: ReadonlyArray<{ contentHash: string; score: number; map?: EncodedMap }>): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => {
      checkScore(e.score, `prediction store save for ${storeKey}`);
      return { hash: inputKeyBytes(e.contentHash), score: e.score, map: e.map, mapHash: mapHashBytes(e.map, `prediction store save for ${storeKey}`) };
    });
    const now = Date.now();
    this.db
      .transaction(() => {
        const id = this.detectorId(storeKey, true) as number;
        for (const r of rows) this.writePrediction(id, r.hash, r.score, now, r.map, r.mapHash);
      })
      .immediate();
  }

  /** One prediction (and its map, stored once by hash) inside the caller's transaction. */
  private writePrediction(id: number, hash: Buffer, score: number, createdAt: number, map: EncodedMap | undefined, mapHash: Buffer | null, statement: Stmt = this.upsert): void {
    if (map && mapHash && this.insertMap) this.insertMap.run(mapHash, Buffer.from(map.png.buffer, map.png.byteOffset, map.png.length));
    if (this.hasMaps) statement.run(id, hash, score, createdAt, mapHash);
    else statement.run(id, hash, score, createdAt);
  }

  /** Every detector in the store with its prediction count. */
  detectors(): StoredDetector[] {
    type Row = [storeKey: string, plugin: string, version: string, description: string, n: number, first: number | null, last: number | null];
    const found = rows(
      this.db.prepare(
        `SELECT d.store_key, d.plugin, d.version, d.description, COUNT(p.input_hash) AS n, MIN(p.created_at) AS first, MAX(p.created_at) AS last
         FROM detectors d LEFT JOIN predictions p ON p.detector_id = d.id
         GROUP BY d.id ORDER BY d.plugin, d.version, d.store_key`,
      ),
    ) as Row[];
    return found.map(([storeKey, plugin, version, description, n, first, last]) => {
      const d: StoredDetector = { storeKey, plugin, version, description: JSON.parse(description) as StoredDescription, predictions: n };
      if (first !== null) d.firstWritten = new Date(first).toISOString();
      if (last !== null) d.lastWritten = new Date(last).toISOString();
      return d;
    });
  }

  info(): StoreInfo {
    const detectors = this.detectors();
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.path + suffix).size;
      } catch {
        // no WAL file right now
      }
    }
    return {
      path: this.path,
      schema: STORE_SCHEMA,
      journalMode: String(pragmaValue(this.db, 'journal_mode')),
      bytes,
      predictions: detectors.reduce((a, d) => a + d.predictions, 0),
      detectors,
    };
  }

  /**
   * Store keys that `query` names: an exact store key, `name@version`, or a plugin name.
   * Several matches mean several versions or configurations of one plugin.
   */
  findDetectors(query: string): StoredDetector[] {
    const all = this.detectors();
    const exact = all.filter((d) => d.storeKey === query);
    if (exact.length) return exact;
    return all.filter((d) => `${d.plugin}@${d.version}` === query || d.plugin === query || d.storeKey.startsWith(query));
  }

  /** A detector's predictions with their maps, in input-key order (stable, for exports). */
  *entries(storeKey: string): IterableIterator<StoredPrediction> {
    const id = this.detectorId(storeKey, false);
    if (id === undefined) return;
    const sql = this.hasMaps
      ? 'SELECT p.input_hash, p.score, p.created_at, m.hash, m.png FROM predictions p LEFT JOIN maps m ON m.hash = p.map_hash WHERE p.detector_id = ? ORDER BY p.input_hash'
      : 'SELECT input_hash, score, created_at, NULL, NULL FROM predictions WHERE detector_id = ? ORDER BY input_hash';
    const found = this.db.prepare(sql).raw().iterate(id) as IterableIterator<[unknown, number, number, unknown, unknown]>;
    for (const [hash, score, createdAt, mapHash, png] of found) {
      const entry: StoredPrediction = { inputKey: toBuffer(hash).toString('hex'), score, createdAt };
      if (mapHash !== null && png !== null) entry.map = { sha256: toBuffer(mapHash).toString('hex'), png: new Uint8Array(toBuffer(png)) };
      yield entry;
    }
  }

  /**
   * Adds predictions from elsewhere (an export file, another machine's store). Existing entries
   * are kept unless `replace`; one transaction per call.
   */
  importEntries(
    storeKey: string,
    entries: ReadonlyArray<{ inputKey: string; score: number; createdAt?: number; map?: EncodedMap }>,
    options: { description?: StoredDescription; replace?: boolean } = {},
  ): ImportCounts {
    const rows = entries.map((e) => {
      const where = `import into ${storeKey}, input ${e.inputKey}`;
      checkScore(e.score, where);
      return [inputKeyBytes(e.inputKey), e.score, e.createdAt ?? Date.now(), e.map, mapHashBytes(e.map, where)] as const;
    });
    const columns = this.hasMaps ? '(detector_id, input_hash, score, created_at, map_hash) VALUES (?, ?, ?, ?, ?)' : '(detector_id, input_hash, score, created_at) VALUES (?, ?, ?, ?)';
    const insert = this.db.prepare(`${options.replace ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE'} INTO predictions ${columns}`);
    const exists = this.db.prepare('SELECT 1 FROM predictions WHERE detector_id = ? AND input_hash = ?');
    return this.db
      .transaction((): ImportCounts => {
        const before = scalar<number>(this.db.prepare('SELECT COUNT(*) FROM detectors WHERE store_key = ?'), storeKey) ?? 0;
        this.ids.delete(storeKey);
        const id = this.detectorId(storeKey, true, options.description) as number;
        let added = 0;
        let existing = 0;
        for (const [hash, score, createdAt, map, mapHash] of rows) {
          const had = scalar(exists, id, hash) !== undefined;
          if (had) existing++;
          else added++;
          // A kept prediction keeps its own map: the incoming one would be stored for nothing.
          this.writePrediction(id, hash, score, createdAt, had && !options.replace ? undefined : map, mapHash, insert);
        }
        return { detectors: before ? 0 : 1, added, existing };
      })
      .immediate();
  }

  /** Copies every detector and prediction of another store file into this one. */
  importStore(otherPath: string, options: { replace?: boolean } = {}): ImportCounts {
    const other = PredictionStore.open(otherPath, { readonly: true });
    const counts: ImportCounts = { detectors: 0, added: 0, existing: 0 };
    try {
      for (const d of other.detectors()) {
        const batch: StoredPrediction[] = [];
        const flush = () => {
          const c = this.importEntries(d.storeKey, batch, { description: d.description, ...(options.replace ? { replace: true } : {}) });
          counts.detectors += c.detectors;
          counts.added += c.added;
          counts.existing += c.existing;
          batch.length = 0;
        };
        for (const e of other.entries(d.storeKey)) {
          batch.push(e);
          if (batch.length >= 5000) flush();
        }
        flush();
      }
    } finally {
      other.close();
    }
    return counts;
  }

  /** SQLite's own consistency check ('ok' when the file is sound). */
  integrityCheck(): string {
    return rows(this.db.prepare('PRAGMA integrity_check')).map((r) => String(r[0])).join('; ');
  }
}
