import { useEffect, useMemo } from 'react';
import type { DocumentSummary } from '../../../src-shared/contract/index.js';
import { pdfObjectUrl } from '../../api/download.js';
import { useLoad } from '../../app/client-context.js';
import { InkPreview } from './InkPreview.js';

export interface Signed {
  document: DocumentSummary;
  strokes: { x: number[]; y: number[] }[];
  personName: string;
  role: string;
}

/** The acknowledgement just signed: its ink as it will print, and the PDF. */
export function SignedDocument({ signed }: { signed: Signed }) {
  const [pdf] = useLoad((call) => call('documents.pdf', { id: signed.document.id }), [signed.document.id]);
  const href = useMemo(() => (pdf.state === 'ready' ? pdfObjectUrl(pdf.value.base64) : ''), [pdf]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <div className="card">
      <h2>Documento firmado</h2>
      <p>{signed.document.title}</p>
      <InkPreview strokes={signed.strokes} name={signed.personName} role={signed.role} />
      {pdf.state === 'ready' && (
        <a className="button link-button" href={href} download={pdf.value.fileName}>
          Descargar PDF
        </a>
      )}
    </div>
  );
}
