/** Shape checks for a `RasterImage` returned by a plugin. */
export function rasterProblems(value, what, channels) {
    if (value === null || typeof value !== 'object')
        return [`${what} must be a RasterImage { data, width, height, channels }, got ${value === null ? 'null' : typeof value}`];
    const r = value;
    const problems = [];
    if (!(r.data instanceof Uint8Array))
        problems.push(`${what}.data must be a Uint8Array (or Buffer) of 8-bit samples`);
    for (const dim of ['width', 'height']) {
        const v = r[dim];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
            problems.push(`${what}.${dim} must be a positive integer, got ${JSON.stringify(v)}`);
    }
    if (typeof r.channels !== 'number' || !channels.includes(r.channels))
        problems.push(`${what}.channels must be ${channels.join(' or ')}, got ${JSON.stringify(r.channels)}`);
    if (problems.length === 0) {
        const expected = r.width * r.height * r.channels;
        const length = r.data.length;
        if (length !== expected)
            problems.push(`${what}.data has ${length} bytes, but ${r.width} x ${r.height} x ${r.channels} needs ${expected} (interleaved HWC, no padding)`);
    }
    return problems;
}
//# sourceMappingURL=raster.js.map