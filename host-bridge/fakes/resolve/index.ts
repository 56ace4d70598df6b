export * from './spec.ts';
export * from './fake-resolve.ts';
export * from './setup.ts';
