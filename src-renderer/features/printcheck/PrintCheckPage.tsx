import { useCallback, useState } from 'react';
import type { PrintedCopyCheck } from '../../../src-shared/contract/index.js';
import { DOCUMENT_KIND_LABEL, SIGNER_STATUS_LABEL } from '../../../src-shared/format.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';
import { href } from '../../app/router.js';
import { DataTable, Field, FileField } from '../../kit/index.js';
import { Camera } from './Camera.js';
import { qrFromImage, qrFromPdf } from './qr.js';

const centralTime = (iso: string) => new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' });

/**
 * "Comprobar copia impresa", for anyone holding a paper copy: no document is chosen first. The QR
 * names the document; the app says whether the copy matches the signed original and who signed it.
 */
export function PrintCheckPage() {
  const call = useClient();
  const [payload, setPayload] = useState('');
  const [camera, setCamera] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [result, setResult] = useState<PrintedCopyCheck | null>(null);
  const check = useCallback(
    (code: string) => {
      setPayload(code);
      setError('');
      setResult(null);
      if (!code.trim()) {
        setError('Escriba o lea el contenido del código QR.');
        return;
      }
      setBusy(true);
      call('printing.checkCopy', { payload: code.trim() })
        .then(setResult, (e: unknown) => setError(messageOf(e)))
        .finally(() => setBusy(false));
    },
    [call],
  );
  const fromCamera = useCallback(
    (code: string) => {
      setCamera(false);
      check(code);
    },
    [check],
  );
  const fromFile = async (file: File | null) => {
    if (!file) return;
    setError('');
    setResult(null);
    setBusy(true);
    try {
      const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
      const code = isPdf ? await qrFromPdf(new Uint8Array(await file.arrayBuffer())) : await qrFromImage(file);
      if (!code) {
        setError(`No se encontró un código QR en ${isPdf ? 'el PDF' : 'la imagen'} «${file.name}». Escanee la última página de la copia (la del sello) con buena luz y a 150 ppp o más.`);
        return;
      }
      check(code);
    } catch {
      setError(`No se pudo leer «${file.name}»: suba una imagen (PNG, JPEG) o un PDF.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <header className="page-header">
        <h1>Comprobar copia impresa</h1>
      </header>
      <p>
        La última página de cada documento firmado lleva la cadena original, el sello digital y un código QR. Lea el código con la cámara, suba una
        imagen o un PDF escaneado de esa página, o escriba el texto que aparece bajo el código.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => setCamera((c) => !c)}>
          {camera ? 'Cerrar cámara' : 'Leer con la cámara'}
        </button>
      </div>
      {camera && <Camera onCode={fromCamera} onClose={() => setCamera(false)} />}
      <div className="card">
        <FileField label="Imagen o PDF escaneado de la copia" accept="image/*,application/pdf,.pdf" onFile={(f) => void fromFile(f)} />
      </div>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          check(payload);
        }}
      >
        <div className="form-row">
          <Field label="Código de verificación" placeholder="SESIONA|1|…" value={payload} onChange={(e) => setPayload(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="button-ghost" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Comprobando…' : 'Comprobar'}
          </button>
        </div>
      </form>
      {error && (
        <p className="text-error" role="alert">
          {error}
        </p>
      )}
      {result && <Result result={result} />}
    </section>
  );
}

function Result({ result: r }: { result: PrintedCopyCheck }) {
  return (
    <div className="card" role="region" aria-label="Resultado de la comprobación">
      {r.matches ? (
        <h2 className="text-ok">La copia corresponde al documento firmado</h2>
      ) : (
        <h2 className="text-error">La copia NO corresponde al documento firmado</h2>
      )}
      <p>
        <strong>{r.document.title}</strong> — {DOCUMENT_KIND_LABEL[r.document.kind as keyof typeof DOCUMENT_KIND_LABEL] ?? r.document.kind}
        {r.document.sessionKey ? `, sesión ${r.document.sessionKey}` : ''}. <a href={href('archivo', r.document.id)}>Ver en el archivo</a>
      </p>
      <p className="muted">
        {r.signatures} firma(s) electrónica(s) en el original; sello digital {r.selloValid ? 'válido' : 'no válido'}.
      </p>
      {!r.matches && (
        <ul>
          {r.reasons.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
      <DataTable
        rows={r.signers}
        rowKey={(s, i) => `${s.name}-${i}`}
        columns={[
          { key: 'name', header: 'Firmante', cell: (s) => s.name },
          { key: 'role', header: 'Cargo', cell: (s) => s.role },
          { key: 'status', header: 'Estado', cell: (s) => SIGNER_STATUS_LABEL[s.status as keyof typeof SIGNER_STATUS_LABEL] ?? s.status },
          { key: 'when', header: 'Fecha de firma', cell: (s) => (s.signedAt ? centralTime(s.signedAt) : '—') },
          { key: 'cert', header: 'Certificado', cellClassName: 'mono', cell: (s) => s.certificateNumber ?? '—' },
        ]}
      />
    </div>
  );
}
