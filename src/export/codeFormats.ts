/** The code an experiment can be exported as (src/export/pytorch.ts); here without its imports, for the command line's first look at its options. */
export const CODE_FORMATS = ['py', 'ipynb'] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];
