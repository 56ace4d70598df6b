/**
 * The UXP modules the Premiere panel's entry imports. They exist only inside Premiere (the
 * build keeps them external; `require` resolves them at run time). Only what the entry uses is
 * declared, from docs/hosts/premiere-uxp.md §1 (entrypoints) and §2 (host). UXP's `fs` shares
 * its name with Node's, so `main.ts` types it locally instead of here.
 */
declare module 'uxp' {
  /** The panel's root node as UXP hands it to the lifecycle hooks. */
  type UxpRootNode = { appendChild(node: unknown): unknown };

  interface UxpPanelHooks {
    create?(rootNode: UxpRootNode): void | Promise<void>;
    show?(rootNode: UxpRootNode, data?: unknown): void | Promise<void>;
    hide?(rootNode: UxpRootNode, data?: unknown): void | Promise<void>;
    destroy?(rootNode: UxpRootNode): void | Promise<void>;
  }

  export const entrypoints: {
    setup(definition: { readonly panels?: Readonly<Record<string, UxpPanelHooks>> }): void;
  };

  export const host: { readonly name: string; readonly version: string };
}

declare module 'premierepro' {
  const ppro: import('@adobe/premierepro').premierepro;
  export default ppro;
}

