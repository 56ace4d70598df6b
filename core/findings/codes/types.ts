export type Severity = 'error' | 'warning' | 'info';

/** One entry of the closed list of finding codes: its default severity, a title and the message renderer. */
export interface CodeDef<P> {
  readonly severity: Severity;
  readonly title: string;
  readonly message: (params: P) => string;
}

/** Declares an area's codes with their parameter types; the literal keys become the closed union. */
export function defineCodes<T extends Record<string, CodeDef<never>>>(codes: T): T {
  return codes;
}
