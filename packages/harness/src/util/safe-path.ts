import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The one validator for relative paths that come from untrusted places (hub listings, dataset
 * metadata, archive members) and are about to be joined under a local root. It runs before any
 * filesystem effect: a refused path is never linked, written, read or removed.
 *
 * Refused: empty paths, NUL bytes, backslashes (a separator on Windows, so `a\..\..\x` could
 * escape there), absolute paths, drive letters (`C:`), and any `..` segment — even one that would
 * stay inside the root, because a path that needs `..` is not a name a dataset or hub should give.
 * `.` and empty segments (`a/./b`, `a//b`) are dropped.
 */

export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`'${printable(path)}' ${reason}`);
    this.name = 'UnsafePathError';
  }
}

/** Why `path` is unsafe, or null when it is a safe relative path. */
export function unsafePathReason(path: string): string | null {
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(path)) return 'starts with a drive letter';
  const parts = path.split('/');
  if (parts.includes('..')) return "contains a '..' segment";
  if (parts.every((part) => part === '' || part === '.')) return 'is empty';
  return null;
}

/** The normalised form (`a/./b//c` -> `a/b/c`) of a safe relative path; throws UnsafePathError otherwise. */
export function safeRelativePath(path: string): string {
  const reason = unsafePathReason(path);
  if (reason !== null) throw new UnsafePathError(path, reason);
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/**
 * `root` joined with a validated relative path, checked once more after resolution so that no
 * future change to the rules above can let a path out of `root`.
 */
export function joinInside(root: string, path: string): string {
  const safe = safeRelativePath(path);
  const full = join(root, ...safe.split('/'));
  if (!isInside(root, full)) throw new UnsafePathError(path, `resolves outside ${root}`);
  return full;
}

/** True when `candidate` is `root` itself or lies below it (lexically, after resolution). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function printable(path: string): string {
  // NUL and other control characters would garble a terminal; show them escaped.
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
