import type { SignatureCheck, VerificationReport } from '../../../src-shared/contract/index.js';
import { DataTable, type Column } from '../../kit/index.js';
import { BoxChecks } from './BoxChecks.js';

const centralTime = (iso: string) => `${new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })} (hora del centro)`;

/** An untrusted issuer is amber, never green: intact is not the same as valid. */
const VERDICTS: Record<SignatureCheck['verdict'], { label: string; tone: string }> = {
  valid: { label: 'Válida', tone: 'text-ok' },
  untrusted: { label: 'Íntegra, pero de un emisor no confiable', tone: 'text-warn' },
  modified: { label: 'Modificado después de firmar', tone: 'text-error' },
  invalid: { label: 'Inválida', tone: 'text-error' },
};

const columns = (otherPerson: Set<string>): Column<SignatureCheck>[] => [
  { key: 'signer', header: 'Firmante', cell: (s) => s.signerName ?? '—' },
  { key: 'rfc', header: 'RFC', cellClassName: 'mono', cell: (s) => s.rfc ?? '—' },
  { key: 'cert', header: 'Certificado', cellClassName: 'mono', cell: (s) => s.certificateNumber ?? '—' },
  { key: 'time', header: 'Fecha y hora', cell: (s) => (s.signingTime ? centralTime(s.signingTime) : '—') },
  {
    key: 'verdict',
    header: 'Resultado',
    cell: (s) => (
      <>
        {otherPerson.has(s.fieldName) ? (
          <span className="text-error">Firmada por otra persona</span>
        ) : (
          <span className={VERDICTS[s.verdict].tone}>{VERDICTS[s.verdict].label}</span>
        )}
        {s.modifications.length > 0 && (
          <ul className="muted">
            {s.modifications.slice(0, 5).map((m, i) => (
              <li key={i}>{`${m.object ? `Objeto ${m.object}` : 'Archivo'}${m.page ? `, página ${m.page}` : ''}: ${m.description}`}</li>
            ))}
          </ul>
        )}
      </>
    ),
  },
  {
    key: 'chain',
    header: 'Cadena de confianza',
    cell: (s) => (s.chainTrusted === null ? 'Sin raíces de confianza' : s.chainTrusted ? 'Confiable' : 'No confiable'),
  },
];

function heading(report: VerificationReport): { text: string; tone: string } {
  if (report.allValid) return { text: 'Todas las firmas son válidas', tone: '' };
  if (report.allIntact) return { text: 'Las firmas están íntegras, pero hay emisores no confiables', tone: 'text-warn' };
  return { text: 'Hay firmas con problemas', tone: 'text-error' };
}

/** The verification panel: a verdict, then one row per signature. */
export function Verification({ report }: { report: VerificationReport | { error: string } }) {
  if ('error' in report) return <p className="text-error" role="alert">{report.error}</p>;
  if (!report.isSignedPdf) return <p className="muted" role="status">El documento aún no tiene firmas electrónicas.</p>;
  const h = heading(report);
  return (
    <div className="card" role="region" aria-label="Verificación de firmas">
      <h2 className={h.tone}>{h.text}</h2>
      <DataTable rows={report.signatures} columns={columns(new Set((report.boxes ?? []).filter((b) => b.matches === false).map((b) => b.fieldName)))} rowKey={(s) => s.fieldName} />
      <BoxChecks boxes={report.boxes ?? []} />
    </div>
  );
}
