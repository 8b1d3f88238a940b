declare const PAPER_REFERENCE: unknown;
export default PAPER_REFERENCE;
//# sourceMappingURL=paper-reference.d.ts.map