import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { saveFile } from '../api/download.js';
import { FormError } from './FormError.js';
import { useAction } from './useAction.js';

type Props = {
  /** The call that makes the file. */
  fetch: () => Promise<{ fileName: string; base64: string }>;
  /** Its MIME type, e.g. "application/pdf". */
  mime: string;
  busyLabel?: string;
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'children'>;

/** A button that fetches a file from the services and offers it as a download; a refusal shows beside it. */
export function DownloadButton({ fetch, mime, busyLabel, children, disabled, ...button }: Props) {
  const action = useAction();
  return (
    <>
      <button
        type="button"
        className="button-ghost"
        {...button}
        disabled={action.busy || disabled}
        aria-busy={action.busy || undefined}
        onClick={() =>
          void action.run(async () => {
            const file = await fetch();
            saveFile(file.fileName, file.base64, mime);
          })
        }
      >
        {action.busy && busyLabel ? busyLabel : children}
      </button>
      <FormError error={action.error} />
    </>
  );
}
