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
