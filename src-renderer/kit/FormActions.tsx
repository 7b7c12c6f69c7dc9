import type { ReactNode } from 'react';

interface Props {
  /** The submit button's text, e.g. "Guardar firma". */
  submit: string;
  /** While the call runs the button is disabled and says so, e.g. "Guardando…". */
  busy?: boolean;
  busyLabel?: string;
  /** Disabled for another reason than being busy (e.g. a batch already running). */
  disabled?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  /** Secondary submit style, for forms that are not the screen's main action. */
  ghost?: boolean;
  children?: ReactNode;
}

/** The submit button of the enclosing <form>, an optional cancel, and any extra buttons. */
export function FormActions({ submit, busy = false, busyLabel, disabled = false, onCancel, cancelLabel = 'Cancelar', ghost, children }: Props) {
  return (
    <div className="actions">
      <button type="submit" className={ghost ? 'button-ghost' : 'button'} disabled={busy || disabled} aria-busy={busy || undefined}>
        {busy && busyLabel ? busyLabel : submit}
      </button>
      {onCancel && (
        <button type="button" className="button-ghost" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      {children}
    </div>
  );
}
