import { useEffect, useRef, useState } from 'react';
import { base64Bytes, openPdf, renderPage, type PDFDocumentProxy } from '../../kit/pdf.js';

/** A PDF opened with pdf.js for as long as the component shows it (destroyed when it changes). */
export function usePdfDocument(base64: string): { doc: PDFDocumentProxy | null; error: string } {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | undefined;
    setDoc(null);
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
  return { doc, error };
}

/** The in-app viewer: page thumbnails on the side, the chosen page large. */
export function PdfViewer({ base64, title }: { base64: string; title: string }) {
  const { doc, error } = usePdfDocument(base64);
  const [page, setPage] = useState(1);
  const [width, setWidth] = useState(0);
  const area = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The page is drawn to the column's width, whatever the window's size.
    const el = area.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [doc]);
  useEffect(() => setPage(1), [doc]);
  if (error) return <p className="text-error" role="alert">{error}</p>;
  if (!doc) return <p className="muted" role="status">Abriendo el PDF…</p>;
  return (
    <div className="pdf-viewer" role="region" aria-label={`Vista del documento ${title}`}>
      <ol className="pdf-thumbs" aria-label="Páginas">
        {Array.from({ length: doc.numPages }, (_, i) => (
          <li key={i}>
            <button type="button" className="pdf-thumb" aria-current={page === i + 1 ? 'page' : undefined} onClick={() => setPage(i + 1)}>
              <PageCanvas doc={doc} page={i + 1} fitWidth={90} label={`Miniatura de la página ${i + 1}`} />
              <span>{i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="pdf-page" ref={area}>
        <p className="muted">
          Página {page} de {doc.numPages}
        </p>
        {width > 0 && <PageCanvas doc={doc} page={page} fitWidth={width - 8} label={`Página ${page} de ${doc.numPages}`} />}
      </div>
    </div>
  );
}

export function PageCanvas({ doc, page, fitWidth, label }: { doc: PDFDocumentProxy; page: number; fitWidth: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    const canvas = ref.current;
    if (canvas) {
      void doc
        .getPage(page)
        .then((p) => renderPage(doc, page, canvas, fitWidth / p.getViewport({ scale: 1 }).width, abort.signal))
        .catch(() => undefined);
    }
    return () => abort.abort();
  }, [doc, page, fitWidth]);
  return <canvas ref={ref} role="img" aria-label={label} />;
}
