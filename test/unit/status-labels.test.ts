import { describe, expect, it } from 'vitest';
import { DocumentKind, DocumentRecord, DocumentSigner, SessionStatus, SessionType, Modality, SignatureStatus } from '../../src-shared/domain/index.js';
import {
  DOCUMENT_KIND_LABEL,
  DOCUMENT_STATE_LABEL,
  IMPORT_ROW_STATUS_LABEL,
  MODALITY_LABEL,
  SESSION_STATUS_LABEL,
  SESSION_TYPE_LABEL,
  SIGNATURE_SOURCE_LABEL,
  SIGNATURE_STATUS_LABEL,
  SIGNER_STATUS_LABEL,
} from '../../src-shared/format.js';

const tables: [string, readonly string[], Record<string, string>][] = [
  ['signature status', SignatureStatus.options, SIGNATURE_STATUS_LABEL],
  ['signature source', ['captura', 'importacion'], SIGNATURE_SOURCE_LABEL],
  ['import row', ['importada', 'rechazada'], IMPORT_ROW_STATUS_LABEL],
  ['document kind', DocumentKind.options, DOCUMENT_KIND_LABEL],
  ['document state', DocumentRecord.shape.status.options, DOCUMENT_STATE_LABEL],
  ['signer status', DocumentSigner.shape.status.options, SIGNER_STATUS_LABEL],
  ['session status', SessionStatus.options, SESSION_STATUS_LABEL],
  ['session type', SessionType.options, SESSION_TYPE_LABEL],
  ['modality', Modality.options, MODALITY_LABEL],
];

describe('status labels', () => {
  it.each(tables)('%s: every stored value has a Spanish label that is not the value itself', (_, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const v of values) {
      const label = labels[v]!;
      expect(label).not.toBe(v);
      expect(label).toMatch(/^[A-ZÁÉÍÓÚÑ]/);
    }
  });
});
