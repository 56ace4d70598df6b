/**
 * The browser-safe part of @picturelock/host-bridge (`@picturelock/host-bridge/browser`): the
 * Host interface and the adapters that run inside a panel (Premiere UXP and CEP, Resolve's
 * Workflow Integration) plus the in-memory demo host. Nothing here imports node:*, so the
 * panel bundles it for UXP, CEP, Electron and the browser demo alike.
 */
export * from './host.ts';
export * from './demo/host.ts';
export * from './premiere-cep/adapter.ts';
export * from './resolve/api.ts';
export * from './resolve/adapter.ts';
export * from './premiere-uxp/adapter.ts';
export * from './premiere-uxp/module.ts';
