/**
 * Who this vendor is, written once: `id` is the machine name items carry as `source` (and
 * transcripts as `vendor`), `displayName` the name every message starts with.
 */
export const VONAGE = { id: 'vonageContactCenter', displayName: 'Vonage Contact Center' } as const;
