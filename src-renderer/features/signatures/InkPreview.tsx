import { inkLayout, toSvgPath } from '../../../src-shared/signature/ink-geometry.js';

/** The same geometry the PDF uses, drawn as SVG: what the signer sees is what gets printed. */
export function InkPreview({ strokes, name, role }: { strokes: { x: number[]; y: number[] }[]; name: string; role?: string }) {
  const box = { x: 10, y: 10, width: 380, height: 120 };
  const layout = inkLayout(strokes, box, { yAxis: 'down' });
  return (
    <figure className="ink-preview">
      <svg viewBox="0 0 400 140" role="img" aria-label={`Firma de ${name}`}>
        <path d={toSvgPath(layout.commands)} fill="none" stroke="#0b1f5c" strokeWidth={layout.strokeWidth} strokeLinecap="round" strokeLinejoin="round" />
        <line x1="20" y1="132" x2="380" y2="132" stroke="#5b6475" strokeWidth="1" />
      </svg>
      <figcaption>
        <strong>{name}</strong>
        {role && <span className="muted"> · {role}</span>}
      </figcaption>
    </figure>
  );
}
