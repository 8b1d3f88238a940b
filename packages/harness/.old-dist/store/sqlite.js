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
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'libsql';
export const STORE_SCHEMA = 'semibench.store/1';
export const STORE_FILE_NAME = 'predictions.sqlite';
/** Where the store lives unless `--store PATH` says otherwise: inside the user's semibench cache dir. */
export function defaultStorePath(cacheDir) {
    return join(cacheDir, STORE_FILE_NAME);
}
const HEX_KEY = /^[0-9a-f]{64}$/;
/** `name@version#hash` → name and version (the form `createDetector` builds). */
export function parseStoreKey(storeKey) {
    const m = /^(.+)@([^@#]+)#[^#]*$/.exec(storeKey);
    if (!m)
        throw new Error(`"${storeKey}" is not a detector store key (expected NAME@VERSION#HASH)`);
    return { plugin: m[1], version: m[2] };
}
function inputKeyBytes(inputKey) {
    if (!HEX_KEY.test(inputKey))
        throw new Error(`prediction input key "${inputKey}" is not 64 lowercase hex characters`);
    return Buffer.from(inputKey, 'hex');
}
function checkScore(score, where) {
    if (typeof score !== 'number' || !(score >= 0 && score <= 1))
        throw new Error(`${where}: score ${String(score)} is not a number in [0, 1]`);
}
/**
 * The first column of the first row, or undefined. libsql's `pluck().get()` returns the whole row
 * (with a `_metadata` field) instead of the value, so every scalar query goes through `raw()`.
 */
function scalar(stmt, ...params) {
    const row = stmt.raw().get(...params);
    return row === undefined ? undefined : row[0];
}
/** Every row as an array of column values (`raw()` also yields BLOBs as Buffers, unlike libsql's object rows). */
function rows(stmt, ...params) {
    return stmt.raw().all(...params);
}
/** A PRAGMA's single value (libsql's `{ simple: true }` still returns a row object). */
function pragmaValue(db, name) {
    return scalar(db.prepare(`PRAGMA ${name}`));
}
export class PredictionStore {
    path;
    db;
    ids = new Map();
    selectScore;
    upsert;
    constructor(path, db) {
        this.path = path;
        this.db = db;
        this.selectScore = db.prepare('SELECT score FROM predictions WHERE detector_id = ? AND input_hash = ?');
        this.upsert = db.prepare('INSERT INTO predictions (detector_id, input_hash, score, created_at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (detector_id, input_hash) DO UPDATE SET score = excluded.score, created_at = excluded.created_at');
    }
    /** Opens (and, unless read-only, creates) the store at `path`. */
    static open(path, options = {}) {
        const file = resolve(path);
        const timeout = options.busyTimeoutMs ?? 60_000;
        let db;
        try {
            // libsql ignores fileMustExist and would create an empty file: check first.
            if (options.readonly && !existsSync(file))
                throw new Error('no such file');
            if (!options.readonly)
                mkdirSync(dirname(file), { recursive: true });
            db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout });
        }
        catch (error) {
            throw new Error(`prediction store ${file}: cannot open: ${error.message}${options.readonly ? ' (is there a store at this path? `semibench eval` creates one; --store PATH points elsewhere)' : ''}`);
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
              PRIMARY KEY (detector_id, input_hash)
            ) WITHOUT ROWID;
          `);
                    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(STORE_SCHEMA);
                }).immediate();
            }
            const schema = scalar(db.prepare("SELECT value FROM meta WHERE key = 'schema'"));
            if (schema !== STORE_SCHEMA) {
                throw new Error(`holds schema ${schema ?? '(none)'}, this semibench reads ${STORE_SCHEMA}; use another --store path`);
            }
            return new PredictionStore(file, db);
        }
        catch (error) {
            db.close();
            const message = error.message;
            throw new Error(message.startsWith('prediction store') ? message : `prediction store ${file}: ${message}`);
        }
    }
    close() {
        if (this.db.open)
            this.db.close();
    }
    detectorId(storeKey, create, description) {
        const known = this.ids.get(storeKey);
        if (known !== undefined)
            return known;
        const selectId = this.db.prepare('SELECT id FROM detectors WHERE store_key = ?');
        let id = scalar(selectId, storeKey);
        if (id === undefined && create) {
            const { plugin, version } = parseStoreKey(storeKey);
            this.db
                .prepare('INSERT OR IGNORE INTO detectors (store_key, plugin, version, description, registered_at) VALUES (?, ?, ?, ?, ?)')
                .run(storeKey, plugin, version, JSON.stringify(description ?? {}), Date.now());
            id = scalar(selectId, storeKey);
        }
        else if (id !== undefined && description && Object.keys(description).length) {
            // A detector first seen through a bare CSV import has an empty description: fill it in.
            this.db.prepare("UPDATE detectors SET description = ? WHERE id = ? AND description = '{}'").run(JSON.stringify(description), id);
        }
        if (id !== undefined)
            this.ids.set(storeKey, id);
        return id;
    }
    /** Records what a store key means (plugin, identity, preprocessing), for `store info` and exports. */
    async register(storeKey, description) {
        this.ids.delete(storeKey);
        this.db.transaction(() => this.detectorId(storeKey, true, description)).immediate();
    }
    async lookup(storeKey, inputKeys) {
        return this.lookupSync(storeKey, inputKeys);
    }
    lookupSync(storeKey, inputKeys) {
        const out = new Map();
        const id = this.detectorId(storeKey, false);
        if (id === undefined)
            return out;
        for (const key of inputKeys) {
            const score = scalar(this.selectScore, id, inputKeyBytes(key));
            if (score !== undefined)
                out.set(key, score);
        }
        return out;
    }
    /** Writes a batch in one transaction: either all of it is stored or none (never a torn batch). */
    async save(storeKey, entries) {
        if (entries.length === 0)
            return;
        const rows = entries.map((e) => {
            checkScore(e.score, `prediction store save for ${storeKey}`);
            return [inputKeyBytes(e.contentHash), e.score];
        });
        const now = Date.now();
        this.db
            .transaction(() => {
            const id = this.detectorId(storeKey, true);
            for (const [hash, score] of rows)
                this.upsert.run(id, hash, score, now);
        })
            .immediate();
    }
    /** Every detector in the store with its prediction count. */
    detectors() {
        const found = rows(this.db.prepare(`SELECT d.store_key, d.plugin, d.version, d.description, COUNT(p.input_hash) AS n, MIN(p.created_at) AS first, MAX(p.created_at) AS last
         FROM detectors d LEFT JOIN predictions p ON p.detector_id = d.id
         GROUP BY d.id ORDER BY d.plugin, d.version, d.store_key`));
        return found.map(([storeKey, plugin, version, description, n, first, last]) => {
            const d = { storeKey, plugin, version, description: JSON.parse(description), predictions: n };
            if (first !== null)
                d.firstWritten = new Date(first).toISOString();
            if (last !== null)
                d.lastWritten = new Date(last).toISOString();
            return d;
        });
    }
    info() {
        const detectors = this.detectors();
        let bytes = 0;
        for (const suffix of ['', '-wal']) {
            try {
                bytes += statSync(this.path + suffix).size;
            }
            catch {
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
    findDetectors(query) {
        const all = this.detectors();
        const exact = all.filter((d) => d.storeKey === query);
        if (exact.length)
            return exact;
        return all.filter((d) => `${d.plugin}@${d.version}` === query || d.plugin === query || d.storeKey.startsWith(query));
    }
    /** A detector's predictions, in input-key order (stable, for exports). */
    *entries(storeKey) {
        const id = this.detectorId(storeKey, false);
        if (id === undefined)
            return;
        const found = this.db.prepare('SELECT input_hash, score, created_at FROM predictions WHERE detector_id = ? ORDER BY input_hash').raw().iterate(id);
        for (const [hash, score, createdAt] of found) {
            yield { inputKey: Buffer.from(hash instanceof ArrayBuffer ? new Uint8Array(hash) : hash).toString('hex'), score, createdAt };
        }
    }
    /**
     * Adds predictions from elsewhere (an export file, another machine's store). Existing entries
     * are kept unless `replace`; one transaction per call.
     */
    importEntries(storeKey, entries, options = {}) {
        const rows = entries.map((e) => {
            checkScore(e.score, `import into ${storeKey}, input ${e.inputKey}`);
            return [inputKeyBytes(e.inputKey), e.score, e.createdAt ?? Date.now()];
        });
        const insert = this.db.prepare(options.replace
            ? 'INSERT OR REPLACE INTO predictions (detector_id, input_hash, score, created_at) VALUES (?, ?, ?, ?)'
            : 'INSERT OR IGNORE INTO predictions (detector_id, input_hash, score, created_at) VALUES (?, ?, ?, ?)');
        const exists = this.db.prepare('SELECT 1 FROM predictions WHERE detector_id = ? AND input_hash = ?');
        return this.db
            .transaction(() => {
            const before = scalar(this.db.prepare('SELECT COUNT(*) FROM detectors WHERE store_key = ?'), storeKey) ?? 0;
            this.ids.delete(storeKey);
            const id = this.detectorId(storeKey, true, options.description);
            let added = 0;
            let existing = 0;
            for (const [hash, score, createdAt] of rows) {
                if (scalar(exists, id, hash) !== undefined)
                    existing++;
                else
                    added++;
                insert.run(id, hash, score, createdAt);
            }
            return { detectors: before ? 0 : 1, added, existing };
        })
            .immediate();
    }
    /** Copies every detector and prediction of another store file into this one. */
    importStore(otherPath, options = {}) {
        const other = PredictionStore.open(otherPath, { readonly: true });
        const counts = { detectors: 0, added: 0, existing: 0 };
        try {
            for (const d of other.detectors()) {
                const batch = [];
                const flush = () => {
                    const c = this.importEntries(d.storeKey, batch, { description: d.description, ...(options.replace ? { replace: true } : {}) });
                    counts.detectors += c.detectors;
                    counts.added += c.added;
                    counts.existing += c.existing;
                    batch.length = 0;
                };
                for (const e of other.entries(d.storeKey)) {
                    batch.push(e);
                    if (batch.length >= 5000)
                        flush();
                }
                flush();
            }
        }
        finally {
            other.close();
        }
        return counts;
    }
    /** SQLite's own consistency check ('ok' when the file is sound). */
    integrityCheck() {
        return rows(this.db.prepare('PRAGMA integrity_check')).map((r) => String(r[0])).join('; ');
    }
}
//# sourceMappingURL=sqlite.js.map