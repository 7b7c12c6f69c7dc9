import { z } from 'zod';
import { DocumentKind, Id, IsoDate } from '../domain/index.js';
import { call, NoArgs } from './spec.js';

export interface ArchiveSigner {
  name: string;
  role: string;
  status: 'pendiente' | 'firmado' | 'rechazado';
  signedAt?: string;
  certificateNumber?: string;
}

/** One document as the archive lists it: what it is, where it comes from, who signed it. */
export interface ArchiveEntry {
  id: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  createdAt: string;
  status: 'borrador' | 'bloqueado' | 'firmado';
  commission?: { id: string; acronym: string; name: string };
  session?: { id: string; key: string; date: string };
  signers: ArchiveSigner[];
  /** Times it was printed (audited print jobs). */
  prints: number;
  /** With a text search: the words around the first match in the document's text. */
  excerpt?: string;
}

export interface BatchSummary {
  jobId: string;
  title: string;
  signerName: string;
  createdAt: string;
  total: number;
  written: number;
  failed: number;
  cancelled: boolean;
  bytes: number;
}

export interface ArchiveFile {
  fileName: string;
  base64: string;
}

export const ArchiveFilter = z
  .object({
    kind: DocumentKind.optional(),
    commissionId: Id.optional(),
    sessionId: Id.optional(),
    status: z.enum(['borrador', 'bloqueado', 'firmado']).optional(),
    signer: z.string().trim().max(160).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Full-text search over the documents' text and titles. */
    text: z.string().trim().max(200).optional(),
  })
  .strict();
export type ArchiveFilter = z.infer<typeof ArchiveFilter>;

/** The archive: every generated, imported and signed document, its search and its downloads. */
export const archiveCalls = {
  'archive.list': call<ArchiveEntry[]>()(ArchiveFilter),
  'archive.zip': call<ArchiveFile>()(
    z.object({ ids: z.array(Id).min(1, 'Seleccione al menos un documento.').max(5000, 'Seleccione como máximo 5,000 documentos.') }).strict(),
  ),
  'archive.exportSession': call<ArchiveFile>()(z.object({ sessionId: Id }).strict()),
  'archive.batches': call<BatchSummary[]>()(NoArgs),
  'archive.batchZip': call<ArchiveFile>()(z.object({ jobId: Id }).strict()),
};
