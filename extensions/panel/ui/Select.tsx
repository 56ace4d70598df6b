import { useEffect, useRef } from 'react';

/**
 * A `<select>` that shows its value in UXP too: UXP ignores `<select value>` for the initial
 * choice (premiere-uxp.md §5), so the index is also set on the element after each render.
 */
export function Select({ value, options, onChange, label, testId }: { value: string; options: readonly { value: string; label: string }[]; onChange: (v: string) => void; label: string; testId?: string }) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const i = options.findIndex((o) => o.value === value);
    if (ref.current && i >= 0 && ref.current.selectedIndex !== i) ref.current.selectedIndex = i;
  }, [value, options]);
  return (
    <select ref={ref} aria-label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
