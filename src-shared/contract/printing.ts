import { z } from 'zod';
import { Id } from '../domain/index.js';
import { call, NoArgs } from './spec.js';

export interface PrinterSummary {
  name: string;
  isDefault: boolean;
  state: 'lista' | 'imprimiendo' | 'detenida' | 'desconocido';
}

export interface PrintJobSummary {
  id: string;
  documentId: string;
  printer: string;
  copies: number;
  duplex: 'una-cara' | 'doble-cara';
  pages?: string;
  jobId: string;
  printedBy: string;
  at: string;
  /** 'enviando' until the printing system's answer is recorded. */
  state: 'enviando' | 'enviado' | 'no-enviado';
}

/** A printed copy identified from its QR alone: which document, whether it matches, who signed. */
export interface PrintedCopyCheck {
  matches: boolean;
  reasons: string[];
  document: { id: string; title: string; kind: string; sessionKey?: string; status: string };
  signers: { name: string; role: string; status: string; signedAt?: string; certificateNumber?: string }[];
  signatures: number;
  selloValid: boolean;
}

const PrintArgs = z
  .object({
    id: Id,
    printer: z.string().trim().min(1, 'Elija una impresora.').max(200).optional(),
    copies: z.number().int().min(1, 'Imprima al menos una copia.').max(99, 'Se imprimen como máximo 99 copias.').default(1),
    duplex: z.enum(['una-cara', 'doble-cara']).default('una-cara'),
    pages: z.string().trim().max(100).optional(),
  })
  .strict();

/** Printing through the printer port (CUPS, Windows), every job audited; checking printed copies. */
export const printingCalls = {
  'printing.printers': call<PrinterSummary[]>()(NoArgs),
  'printing.print': call<PrintJobSummary>()(PrintArgs, true),
  'printing.jobs': call<PrintJobSummary[]>()(z.object({ documentId: Id.optional() }).strict()),
  'printing.checkCopy': call<PrintedCopyCheck>()(
    z.object({ payload: z.string().trim().min(1, 'Escriba o lea el contenido del código QR.').max(500) }).strict(),
  ),
};
