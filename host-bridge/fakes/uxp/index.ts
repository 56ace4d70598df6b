export * from './fake-premierepro.ts';
export * from './setup.ts';
