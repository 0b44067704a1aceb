/** Types of random.mjs for the TypeScript specs that draw from it. */
export declare function mulberry32(seed: number): () => number;
