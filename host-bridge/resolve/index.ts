export * from './api.ts';
export * from './adapter.ts';
export * from './node-files.ts';
export * from './python-rpc.ts';
