import type { SelectHTMLAttributes } from 'react';
import { useLoad } from '../../app/client-context.js';

type Props = { value: string; onChange: (id: string) => void; none: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** The enrolled signatures that may be used now (active ones), as the options of a select. */
export function ActiveSignatureSelect({ value, onChange, none, ...select }: Props) {
  const [signatures] = useLoad((c) => c('signatures.list', {}), []);
  const active = signatures.state === 'ready' ? signatures.value.filter((s) => s.status === 'activa' && s.use === 'firma') : [];
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {active.map((s) => (
        <option key={s.id} value={s.id}>
          {s.personName}
        </option>
      ))}
    </select>
  );
}
