export class HubDatasetError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.code = code;
        this.name = 'HubDatasetError';
    }
}
//# sourceMappingURL=errors.js.map