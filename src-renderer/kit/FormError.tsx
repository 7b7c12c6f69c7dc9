import type { ReactNode } from 'react';

/** What went wrong with the form as a whole (a refused call, a problem tied to no field). */
export function FormError({ error }: { error: string }) {
  if (!error) return null;
  return (
    <p className="text-error" role="alert">
      {error}
    </p>
  );
}

/** What the form just did ("Comisión guardada."), read out by screen readers. */
export function Saved({ children }: { children: ReactNode }) {
  return (
    <span className="text-ok" role="status">
      {children}
    </span>
  );
}
