import type { z } from 'zod';
import type {
  DocumentKind,
  DocumentRecord,
  DocumentSigner,
  DocumentStatus,
  Modality,
  SessionStatus,
  SessionType,
  SignatureStatus as SignatureStatusSchema,
} from './domain/index.js';

type SignatureStatus = z.infer<typeof SignatureStatusSchema>;

const MONTHS = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
] as const;

export const MONTH_ABBR = ['Ene', 'Feb', 'Mar', 'Abr', 'May', 'Jun', 'Jul', 'Ago', 'Sep', 'Oct', 'Nov', 'Dic'] as const;

function parts(isoDate: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`Invalid date: ${isoDate}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new Error(`Invalid month: ${month}`);
  return name;
}

/** "30 DE MAYO DE 2023", as the commissions print session dates. */
export function formatDateLong(isoDate: string): string {
  const { y, m, d } = parts(isoDate);
  return `${d} DE ${monthName(m).toUpperCase()} DE ${y}`;
}

/** "30 de mayo de 2023", for running text. */
export function formatDate(isoDate: string): string {
  const { y, m, d } = parts(isoDate);
  return `${d} de ${monthName(m)} de ${y}`;
}

const ORDINALS = [
  'PRIMERO', 'SEGUNDO', 'TERCERO', 'CUARTO', 'QUINTO', 'SEXTO', 'SÉPTIMO', 'OCTAVO', 'NOVENO', 'DÉCIMO',
  'DÉCIMO PRIMERO', 'DÉCIMO SEGUNDO', 'DÉCIMO TERCERO', 'DÉCIMO CUARTO', 'DÉCIMO QUINTO',
  'DÉCIMO SEXTO', 'DÉCIMO SÉPTIMO', 'DÉCIMO OCTAVO', 'DÉCIMO NOVENO', 'VIGÉSIMO',
] as const;

/**
 * Ordinal heading of an agenda item: a lone item is "ÚNICO", otherwise PRIMERO, SEGUNDO…
 * `index` is zero-based.
 */
export function agendaOrdinal(index: number, count: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`Agenda index ${index} out of range for ${count} items`);
  }
  if (count === 1) return 'ÚNICO';
  const word = ORDINALS[index];
  if (!word) throw new Error(`Agendas longer than ${ORDINALS.length} items are not supported`);
  return word;
}

/** "50%", "12.5%": as the reports print progress. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) throw new Error('Invalid percentage');
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

const TYPE_CODE: Record<SessionType, string> = {
  ordinaria: 'SEORD',
  extraordinaria: 'SEEXT',
  extraordinaria_urgente: 'SEXTU',
};

/** IEM-CMI-SEORD-03/2023 */
export function sessionKey(institute: string, commission: string, type: SessionType, number: number, year: number): string {
  return `${institute}-${commission}-${TYPE_CODE[type]}-${String(number).padStart(2, '0')}/${year}`;
}

export const SESSION_TYPE_LABEL: Record<SessionType, string> = {
  ordinaria: 'Ordinaria',
  extraordinaria: 'Extraordinaria',
  extraordinaria_urgente: 'Extraordinaria urgente',
};

export const MODALITY_LABEL: Record<Modality, string> = {
  presencial: 'Presencial',
  virtual: 'Virtual',
  hibrida: 'Híbrida',
};

export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  programada: 'Programada',
  convocada: 'Convocada',
  celebrada: 'Celebrada',
  cancelada: 'Cancelada',
};

export function documentStatusLabel(status: DocumentStatus, feminine: boolean): string {
  const stem = { presentado: 'Presentad', aprobado: 'Aprobad', rechazado: 'Rechazad', retirado: 'Retirad' }[status];
  return stem + (feminine ? 'a' : 'o');
}

export const PERIOD_LABEL = { 1: 'Enero–Abril', 2: 'Mayo–Agosto', 3: 'Septiembre–Diciembre' } as const;

export const ACTIVITY_KIND_LABEL = { ordinaria: 'Ordinaria', especifica: 'Específica', proceso_electoral: 'Proceso electoral' } as const;

export const VOTE_RESULT_LABEL = { unanimidad: 'Unanimidad', mayoria: 'Mayoría', rechazado: 'Rechazado' } as const;

// Status labels: the stored values ("activa", "bloqueado") are identifiers, never screen text.

export const SIGNATURE_STATUS_LABEL: Record<SignatureStatus, string> = {
  activa: 'Activa',
  bloqueada: 'Bloqueada',
  revocada: 'Revocada',
};

export const SIGNATURE_SOURCE_LABEL = { captura: 'Captura en pantalla', importacion: 'Importada' } as const;

export const SIGNATURE_USE_LABEL = { firma: 'Firma', rubrica: 'Rúbrica' } as const;

export const IMPORT_ROW_STATUS_LABEL = { importada: 'Importada', rechazada: 'Rechazada' } as const;

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  acuse: 'Acuse de recibo',
  acta: 'Acta',
  convocatoria: 'Convocatoria',
  informe: 'Informe cuatrimestral',
  programa: 'Programa anual de trabajo',
  importado: 'Importado',
  lineamiento: 'Lineamiento',
};

export const DOCUMENT_STATE_LABEL: Record<DocumentRecord['status'], string> = {
  borrador: 'Borrador',
  bloqueado: 'Bloqueado para firma',
  firmado: 'Firmado',
};

export const SIGNER_STATUS_LABEL: Record<DocumentSigner['status'], string> = {
  pendiente: 'Pendiente',
  firmado: 'Firmado',
  rechazado: 'Rechazó firmar',
};

/** An instant as the laptop's wall-clock time, "17:05" (24 h, as the offices write it). */
export function formatClockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('es-MX', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A seat's period for a list: " (desde el 1 de septiembre de 2022 hasta …)", or "" when open. */
export function seatPeriodText(seat: { from?: string | undefined; to?: string | undefined }): string {
  const parts = [seat.from ? `desde el ${formatDate(seat.from)}` : '', seat.to ? `hasta el ${formatDate(seat.to)}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(' ')})` : '';
}

/** What Ajustes calls each stored collection when it counts the records. */
export const COLLECTION_LABEL: Record<string, string> = {
  commissions: 'Comisiones',
  sessions: 'Sesiones',
  activities: 'Actividades',
  programmes: 'Programas anuales',
  calendars: 'Calendarios',
  signatures: 'Firmas',
  documents: 'Documentos',
  certificates: 'Certificados',
  trustRoots: 'Raíces de confianza',
  settings: 'Ajustes',
  syncStamps: 'Marcas de sincronización',
  syncProgress: 'Avance de la sincronización',
  upgrades: 'Actualizaciones de datos aplicadas',
  institute: 'Datos del instituto',
  minutes: 'Actas',
  drafts: 'Borradores',
  draftUpdates: 'Cambios de borradores',
  people: 'Personas',
  accounts: 'Cuentas',
  signInFailures: 'Intentos fallidos de acceso',
  incidents: 'Incidentes',
  signatureConflicts: 'Firmas que no contaron',
  lostChanges: 'Cambios que no contaron',
  printJobs: 'Impresiones',
  batchResults: 'Lotes',
  reports: 'Informes',
  guidelines: 'Lineamientos',
  guidelineComments: 'Comentarios de lineamientos',
  guidelineRounds: 'Rondas de revisión',
  guidelineAnswers: 'Respuestas de las oficinas',
  guidelineVersions: 'Versiones de lineamientos',
};
