import { useEffect, useRef, useState } from 'react';
import SignaturePad, { type PointGroup } from 'signature_pad';
import type { SignatureCapture } from '../../../src-shared/domain/index.js';
import { Toggle } from '../../kit/index.js';

type PointerKind = 'pen' | 'touch' | 'mouse';

interface Props {
  signerName: string;
  onChange(capture: SignatureCapture | null): void;
}

/**
 * Handwritten signature capture for touchscreens. Pointer events cover pen, touch and mouse;
 * once a pen is seen, touches are ignored (palm rejection) unless the signer switches it off.
 */
export function SignatureCapturePad({ signerName, onChange }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const kindsRef = useRef<PointerKind[]>([]);
  const penOnlyRef = useRef(false);
  const [penOnly, setPenOnly] = useState(false);
  const [strokes, setStrokes] = useState(0);
  const [fullScreen, setFullScreen] = useState(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  penOnlyRef.current = penOnly;

  const emit = () => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    const groups = pad.toData();
    setStrokes(groups.length);
    if (groups.length === 0) return onChangeRef.current(null);
    onChangeRef.current({
      strokes: groups.map((g, i) => ({
        points: g.points.map((p) => ({ x: p.x, y: p.y, time: p.time, pressure: clamp01(p.pressure) })),
        pointerType: kindsRef.current[i],
        penColor: g.penColor,
        minWidth: g.minWidth,
        maxWidth: g.maxWidth,
      })),
      canvas: { width: canvas.clientWidth, height: canvas.clientHeight, pixelRatio: window.devicePixelRatio || 1 },
    });
  };

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    const pad = new SignaturePad(canvas, { penColor: '#0b1f5c', minWidth: 0.8, maxWidth: 2.6, throttle: 8, minDistance: 2 });
    padRef.current = pad;
    // Stop rejected pointers before signature_pad sees them: cancelling its beginStroke instead
    // would leave it waiting for that pointer and break the next stroke.
    const reject = (e: PointerEvent) => {
      if (e.pointerType === 'pen' && !penOnlyRef.current && !kindsRef.current.includes('pen')) setPenOnly(true);
      if (penOnlyRef.current && e.pointerType === 'touch') e.stopPropagation();
    };
    wrap.addEventListener('pointerdown', reject, { capture: true });
    const onBegin = (e: Event) => {
      const detail = (e as CustomEvent<{ event: PointerEvent | MouseEvent | TouchEvent }>).detail;
      const native = detail?.event;
      const kind: PointerKind = native && 'pointerType' in native ? (native.pointerType as PointerKind) || 'mouse' : native?.type.startsWith('touch') ? 'touch' : 'mouse';
      kindsRef.current = [...kindsRef.current.slice(0, pad.toData().length), kind];
    };
    pad.addEventListener('beginStroke', onBegin);
    pad.addEventListener('endStroke', emit);
    const resize = () => {
      const data: PointGroup[] = pad.toData();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')!.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();
    return () => {
      observer.disconnect();
      wrap.removeEventListener('pointerdown', reject, { capture: true });
      pad.off();
    };
    // The pad lives for the component's lifetime.
  }, []);

  const undo = () => {
    const pad = padRef.current!;
    const data = pad.toData();
    data.pop();
    kindsRef.current = kindsRef.current.slice(0, data.length);
    pad.fromData(data);
    emit();
  };
  const clear = () => {
    padRef.current!.clear();
    kindsRef.current = [];
    emit();
  };

  return (
    <div ref={wrapRef} className={fullScreen ? 'pad pad-full' : 'pad'}>
      <div className="pad-toolbar">
        <button type="button" className="button-ghost" onClick={undo} disabled={strokes === 0}>
          Deshacer trazo
        </button>
        <button type="button" className="button-ghost" onClick={clear} disabled={strokes === 0}>
          Borrar
        </button>
        <Toggle label="Solo lápiz (ignorar la palma)" checked={penOnly} onChange={setPenOnly} />
        <button type="button" className="button-ghost" onClick={() => setFullScreen((f) => !f)}>
          {fullScreen ? 'Salir de pantalla completa' : 'Pantalla completa'}
        </button>
      </div>
      <div className="pad-area">
        <canvas ref={canvasRef} className="pad-canvas" aria-label={`Área de firma de ${signerName || 'la persona firmante'}`} />
        <div className="pad-baseline" aria-hidden="true" />
        <div className="pad-name">{signerName || 'Nombre de la persona firmante'}</div>
      </div>
      <p className="muted pad-hint" role="status">
        {strokes === 0 ? 'Firme dentro del recuadro, sobre la línea.' : `${strokes} trazo(s) capturado(s).`}
      </p>
    </div>
  );
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5;
}
