import { PAGE_RANGE_MESSAGE, pagesToPrint, parsePageRanges } from '../../../src-shared/printing/page-ranges.js';
import { useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { PageCanvas, usePdfDocument } from './PdfViewer.js';

/** Thumbnails drawn at most; a longer selection is summarised. */
const SHOWN = 24;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the printer will get: only the chosen pages, with copies, sides and sheets spelled out. */
export function PrintPreview({ id, pages, copies, duplex }: { id: string; pages: string; copies: number; duplex: boolean }) {
  const [pdf, retry] = useLoad((c) => c('documents.pdf', { id }), [id]);
  return (
    <Status data={pdf} retry={retry}>
      {(p) => <PreviewPages base64={p.base64} pages={pages} copies={copies} duplex={duplex} />}
    </Status>
  );
}

function PreviewPages({ base64, pages, copies, duplex }: { base64: string; pages: string; copies: number; duplex: boolean }) {
  const { doc, error } = usePdfDocument(base64);
  if (error) return <p className="text-error" role="alert">{error}</p>;
  if (!doc) return <p className="muted" role="status">Preparando la vista previa…</p>;
  const count = doc.numPages;
  const parsed = pages.trim() ? parsePageRanges(pages) : { text: '', ranges: [[1, count]] as [number, number][] };
  if (!parsed) return <p className="text-error" role="alert">{PAGE_RANGE_MESSAGE}</p>;
  const chosen = pagesToPrint(parsed.ranges, count);
  const missing = parsed.ranges.some(([, to]) => to > count);
  if (!chosen.length) {
    return (
      <p className="text-error" role="alert">
        Ninguna página del intervalo «{parsed.text}» existe: el documento tiene {plural(count, 'página', 'páginas')}.
      </p>
    );
  }
  const sheets = duplex ? Math.ceil(chosen.length / 2) : chosen.length;
  return (
    <section className="print-preview" aria-label="Vista previa de impresión">
      <p role="status">
        Se imprimirán {plural(chosen.length, 'página', 'páginas')} de {count}
        {pages.trim() ? ` (${parsed.text})` : ''}, {plural(copies, 'copia', 'copias')}, {duplex ? 'a doble cara' : 'a una cara'}:{' '}
        {plural(sheets * copies, 'hoja', 'hojas')} tamaño carta en total.
      </p>
      {missing && (
        <p className="text-error">Parte del intervalo pasa de la última página ({count}); esas páginas no existen y no se imprimen.</p>
      )}
      <ol className="print-preview-pages">
        {chosen.slice(0, SHOWN).map((n) => (
          <li key={n}>
            <PageCanvas doc={doc} page={n} fitWidth={120} label={`Vista previa de la página ${n}`} />
            <span>{n}</span>
          </li>
        ))}
      </ol>
      {chosen.length > SHOWN && <p className="muted">Y {plural(chosen.length - SHOWN, 'página más', 'páginas más')}.</p>}
    </section>
  );
}
