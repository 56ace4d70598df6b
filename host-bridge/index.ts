/** @picturelock/host-bridge: the Host interface, its adapters and the Node-side standalone host. */
export * from './host.ts';
export * from './standalone/probe.ts';
export * from './standalone/checksum-fs.ts';
export * from './standalone/rename.ts';
export * from './standalone/qc.ts';
export * from './standalone/inventory.ts';
export * from './premiere-cep/adapter.ts';
export * from './fakes/extendscript/index.ts';
export * from './demo/host.ts';
export * from './resolve/index.ts';
export * from './fakes/resolve/index.ts';
export * from './standalone/host.ts';
export * from './premiere-uxp/adapter.ts';
export * from './premiere-uxp/module.ts';
export * from './fakes/uxp/index.ts';
export * from './standalone/deliver.ts';
