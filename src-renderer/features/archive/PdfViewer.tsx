import { useEffect, useRef, useState } from 'react';
import { base64Bytes, openPdf, renderPage, type PDFDocumentProxy } from './pdf.js';

/** The in-app viewer: page thumbnails on the side, the chosen page large. Also the print preview. */
export function PdfViewer({ base64, title }: { base64: string; title: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState('');
  const [page, setPage] = useState(1);
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | undefined;
    setDoc(null);
    setPage(1);
    openPdf(base64Bytes(base64)).then(
      (d) => {
        opened = d;
        if (live) setDoc(d);
      },
      () => live && setError('No se pudo mostrar el PDF.'),
    );
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [base64]);
  if (error) return <p className="text-error" role="alert">{error}</p>;
  if (!doc) return <p className="muted" role="status">Abriendo el PDF…</p>;
  return (
    <div className="pdf-viewer" role="region" aria-label={`Vista del documento ${title}`}>
      <ol className="pdf-thumbs" aria-label="Páginas">
        {Array.from({ length: doc.numPages }, (_, i) => (
          <li key={i}>
            <button type="button" className="pdf-thumb" aria-current={page === i + 1 ? 'page' : undefined} onClick={() => setPage(i + 1)}>
              <PageCanvas doc={doc} page={i + 1} scale={0.16} label={`Miniatura de la página ${i + 1}`} />
              <span>{i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="pdf-page">
        <p className="muted">
          Página {page} de {doc.numPages}
        </p>
        <PageCanvas doc={doc} page={page} scale={1} label={`Página ${page} de ${doc.numPages}`} />
      </div>
    </div>
  );
}

function PageCanvas({ doc, page, scale, label }: { doc: PDFDocumentProxy; page: number; scale: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    if (ref.current) void renderPage(doc, page, ref.current, scale, abort.signal).catch(() => undefined);
    return () => abort.abort();
  }, [doc, page, scale]);
  return <canvas ref={ref} role="img" aria-label={label} />;
}
