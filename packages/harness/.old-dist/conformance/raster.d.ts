/** Shape checks for a `RasterImage` returned by a plugin. */
export declare function rasterProblems(value: unknown, what: string, channels: readonly number[]): string[];
//# sourceMappingURL=raster.d.ts.map