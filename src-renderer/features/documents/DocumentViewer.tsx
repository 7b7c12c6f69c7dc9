import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { base64Bytes, openPdf, renderPage, type PDFDocumentProxy } from '../../kit/pdf.js';

/**
 * The acta itself, page by page, on the screen where it is locked and signed: whoever signs
 * reads what they sign. The bytes are the stored PDF (with its seal page and signatures so far).
 */
export function DocumentViewer({ id, version }: { id: string; version: string }) {
  const call = useClient();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    call('documents.pdf', { id })
      .then(async ({ base64 }) => {
        const loaded = await openPdf(base64Bytes(base64));
        if (!live) return void loaded.destroy();
        setPdf(loaded);
        setPage((n) => Math.min(n, loaded.numPages));
      })
      .catch((e: unknown) => live && setError(messageOf(e, 'No se pudo mostrar el documento.')));
    return () => {
      live = false;
    };
  }, [call, id, version]);
  // The shown document is destroyed only once a newer version replaces it (or the viewer closes),
  // so a signature landing mid-render never leaves a page drawing from a destroyed document.
  useEffect(() => () => void pdf?.destroy(), [pdf]);
  useEffect(() => {
    const el = canvas.current;
    if (!pdf || !el) return;
    const abort = new AbortController();
    void pdf
      .getPage(page)
      .then((p) => {
        const width = Math.min(el.parentElement?.clientWidth ?? 800, 900);
        return renderPage(pdf, page, el, width / p.getViewport({ scale: 1 }).width, abort.signal);
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [pdf, page]);
  if (error) return <p className="text-error">{error}</p>;
  const pages = pdf?.numPages ?? 0;
  return (
    <section className="card viewer" aria-label="Lectura del documento">
      <div className="viewer-bar">
        <button type="button" className="button-ghost" disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
          Página anterior
        </button>
        <span role="status">{pages ? `Página ${page} de ${pages}` : 'Cargando el documento…'}</span>
        <button type="button" className="button-ghost" disabled={page >= pages} onClick={() => setPage((n) => n + 1)}>
          Página siguiente
        </button>
      </div>
      <div className="viewer-page">
        <canvas ref={canvas} aria-label={pages ? `Página ${page} del documento` : undefined} role="img" />
      </div>
    </section>
  );
}
