import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
/** sha256 of a file's bytes, streamed (hex). */
export async function sha256File(path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path))
        hash.update(chunk);
    return hash.digest('hex');
}
export function sha256(data) {
    return createHash('sha256').update(data).digest('hex');
}
/** JSON with object keys sorted at every level, so equal values always hash equally. */
export function stableStringify(value) {
    return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
        const out = {};
        for (const key of Object.keys(value).sort())
            out[key] = sortKeys(value[key]);
        return out;
    }
    return value;
}
/** Short stable hash of a JSON-like value (first 16 hex chars of sha256 of its stable form). */
export function hashValue(value) {
    return sha256(stableStringify(value)).slice(0, 16);
}
//# sourceMappingURL=hash.js.map