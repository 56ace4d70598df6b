import type { NamingSlice, SliceContext } from './types.ts';

export function createNamingSlice(ctx: SliceContext): NamingSlice {
  return {
    conventionList: ctx.options.conventions,
    conventionId: '',
    today: ctx.options.now().toISOString().slice(0, 10),
    namingValues: {},
    setConvention(id) {
      if (id !== '' && !ctx.options.conventions.some((c) => c.data.id === id)) {
        ctx.get().notify({ level: 'error', title: 'Unknown convention', message: `No naming convention "${id}".` });
        return;
      }
      ctx.set({ conventionId: id });
    },
    setNamingValue(field, value) {
      const next = { ...ctx.get().namingValues };
      if (value === '') delete next[field];
      else next[field] = value;
      ctx.set({ namingValues: next });
    },
  };
}
