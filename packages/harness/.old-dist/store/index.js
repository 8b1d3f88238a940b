/** The prediction store: content-addressed scores in SQLite, their keys, and export/import. */
export * from './keys.js';
export * from './sqlite.js';
export * from './portable.js';
//# sourceMappingURL=index.js.map