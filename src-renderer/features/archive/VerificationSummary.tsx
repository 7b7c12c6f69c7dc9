import type { VerificationReport } from '../../../src-shared/contract/index.js';

const centralTime = (iso: string) => `${new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })} (hora del centro)`;

/** The verification panel for the narrow column beside the viewer: one block per signature. */
export function VerificationSummary({ report }: { report: VerificationReport }) {
  if (!report.isSignedPdf) return <p className="muted" role="status">El documento aún no tiene firmas electrónicas.</p>;
  return (
    <div className="card" role="region" aria-label="Verificación de firmas">
      <h2 className={report.allValid ? 'text-ok' : 'text-error'}>{report.allValid ? 'Todas las firmas son válidas' : 'Hay firmas con problemas'}</h2>
      <ol className="signature-list">
        {report.signatures.map((s) => {
          const valid = s.integrity && !s.modifiedAfter;
          return (
            <li key={s.fieldName}>
              <strong>{s.signerName ?? '—'}</strong>{' '}
              <span className={valid ? 'text-ok' : 'text-error'}>{!s.integrity ? 'Inválida' : s.modifiedAfter ? 'Modificado después de firmar' : 'Válida'}</span>
              <div className="muted">
                {s.rfc ? `RFC ${s.rfc} · ` : ''}
                {s.certificateNumber ? <span className="mono">certificado {s.certificateNumber}</span> : null}
              </div>
              <div className="muted">
                {s.signingTime ? centralTime(s.signingTime) : 'Sin fecha'} ·{' '}
                {s.chainTrusted === null ? 'sin raíces de confianza' : s.chainTrusted ? 'cadena confiable' : 'cadena no confiable'}
                {s.timestamp ? ' · con sello de tiempo' : ''}
              </div>
              {s.problems.map((p) => (
                <div key={p} className="text-error">
                  {p}
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
