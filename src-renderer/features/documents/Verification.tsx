import type { SignatureCheck, VerificationReport } from '../../../src-shared/contract/index.js';
import { DataTable, type Column } from '../../kit/index.js';
import { BoxChecks } from './BoxChecks.js';

const centralTime = (iso: string) => `${new Date(iso).toLocaleString('es-MX', { timeZone: 'America/Mexico_City' })} (hora del centro)`;

const columns = (otherPerson: Set<string>): Column<SignatureCheck>[] => [
  { key: 'signer', header: 'Firmante', cell: (s) => s.signerName ?? '—' },
  { key: 'rfc', header: 'RFC', cellClassName: 'mono', cell: (s) => s.rfc ?? '—' },
  { key: 'cert', header: 'Certificado', cellClassName: 'mono', cell: (s) => s.certificateNumber ?? '—' },
  { key: 'time', header: 'Fecha y hora', cell: (s) => (s.signingTime ? centralTime(s.signingTime) : '—') },
  {
    key: 'integrity',
    header: 'Integridad',
    cell: (s) => (
      <span className={s.integrity && !s.modifiedAfter && !otherPerson.has(s.fieldName) ? 'text-ok' : 'text-error'}>
        {!s.integrity ? 'Inválida' : s.modifiedAfter ? 'Modificado después de firmar' : otherPerson.has(s.fieldName) ? 'Firmada por otra persona' : 'Válida'}
      </span>
    ),
  },
  {
    key: 'chain',
    header: 'Cadena de confianza',
    cell: (s) => (s.chainTrusted === null ? 'Sin raíces de confianza' : s.chainTrusted ? 'Confiable' : 'No confiable'),
  },
];

/** The verification panel: a verdict, then one row per signature. */
export function Verification({ report }: { report: VerificationReport | { error: string } }) {
  if ('error' in report) return <p className="text-error" role="alert">{report.error}</p>;
  if (!report.isSignedPdf) return <p className="muted" role="status">El documento aún no tiene firmas electrónicas.</p>;
  return (
    <div className="card" role="region" aria-label="Verificación de firmas">
      <h2>{report.allValid ? 'Todas las firmas son válidas' : 'Hay firmas con problemas'}</h2>
      <DataTable rows={report.signatures} columns={columns(new Set((report.boxes ?? []).filter((b) => b.matches === false).map((b) => b.fieldName)))} rowKey={(s) => s.fieldName} />
      <BoxChecks boxes={report.boxes ?? []} />
    </div>
  );
}
