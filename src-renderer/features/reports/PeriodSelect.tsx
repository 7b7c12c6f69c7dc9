import type { Period } from '../../../src-shared/domain/index.js';
import { PERIOD_LABEL } from '../../../src-shared/format.js';

export const PERIODS = [1, 2, 3] as const;

/** The three four-month periods (Enero–Abril, Mayo–Agosto, Septiembre–Diciembre) as a select. */
export function PeriodSelect({ value, onChange, ...a11y }: { value: Period; onChange: (p: Period) => void; id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) {
  return (
    <select {...a11y} value={value} onChange={(e) => onChange(Number(e.target.value) as Period)}>
      {PERIODS.map((p) => (
        <option key={p} value={p}>
          {PERIOD_LABEL[p]}
        </option>
      ))}
    </select>
  );
}
