/** Reading prediction files and writing scores (filled in below). */
export {};
