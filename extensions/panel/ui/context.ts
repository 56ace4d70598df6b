import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PanelStore } from '../store/index.ts';
import type { PanelState } from '../store/types.ts';

export const StoreContext = createContext<PanelStore | null>(null);

export function usePanelStore(): PanelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('panel component rendered outside <StoreContext>');
  return store;
}

/** Reads the store through a selector; the component re-renders when the selected value changes. */
export function usePanel<T>(selector: (s: PanelState) => T): T {
  return useStore(usePanelStore(), selector);
}
