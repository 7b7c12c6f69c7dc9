import type { GuidelineStatus } from '../../../src-shared/domain/guideline.js';

export const STATUS_LABEL: Record<GuidelineStatus, string> = {
  borrador: 'Borrador',
  en_revision: 'En revisión',
  presentado: 'Presentado',
  aprobado: 'Aprobado',
  publicado: 'Publicado',
};

const fmt = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' });
export const when = (iso: string) => fmt.format(new Date(iso));

export function download(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
