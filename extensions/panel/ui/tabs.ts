/** The panel's views, in tab order. */
export const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'checks', label: 'Checks' },
  { id: 'naming', label: 'Naming' },
  { id: 'spec', label: 'Spec' },
  { id: 'deliver', label: 'Deliver' },
] as const;

export type TabId = (typeof TABS)[number]['id'];
