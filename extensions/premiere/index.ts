/** @picturelock/premiere: the Premiere packaging's shared pieces (the entries live in uxp/ and cep/). */
export * from './presets.ts';
export * from './scripts/zip.ts';
