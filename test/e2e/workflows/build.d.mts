/** Types for build.mjs, as far as TypeScript specs use it: the npm package of each vendor. */
export const PACKAGES: { vonage: string; ameyo: string; kore: string; genesys: string };
