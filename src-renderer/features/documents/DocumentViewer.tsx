import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';

GlobalWorkerOptions.workerSrc = workerUrl;

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
    let loaded: PDFDocumentProxy | null = null;
    call('documents.pdf', { id })
      .then(async ({ base64 }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        // No eval and no injected font faces: the strict Content-Security-Policy stays as it is.
        loaded = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true }).promise;
        if (live) setPdf(loaded);
      })
      .catch((e: unknown) => live && setError(messageOf(e, 'No se pudo mostrar el documento.')));
    return () => {
      live = false;
      void loaded?.destroy();
    };
  }, [call, id, version]);
  useEffect(() => {
    if (!pdf || !canvas.current) return;
    let task: { cancel(): void } | null = null;
    void pdf.getPage(page).then((p) => {
      const el = canvas.current;
      if (!el) return;
      const width = Math.min(el.parentElement?.clientWidth ?? 800, 900);
      const viewport = p.getViewport({ scale: (width / p.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1) });
      el.width = viewport.width;
      el.height = viewport.height;
      el.style.width = `${viewport.width / (window.devicePixelRatio || 1)}px`;
      const render = p.render({ canvas: el, viewport });
      task = render;
      render.promise.catch(() => undefined);
    });
    return () => task?.cancel();
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
