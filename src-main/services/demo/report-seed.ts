import type { Commission, FourMonthReport, Programme, SignatureBlockEntry } from '../../../src-shared/domain/index.js';
import type { MutationContext, Put } from '../store/store.js';

/*
 * What the two documents need beyond the records of seed-data.ts, typed from the same seeds:
 * the CMI's report record for May–August 2023 (presentation, approval, hoja de firmas) and the
 * CVSPE 2020 programme's signature block. Kept apart so the demo data can move to JSON freely.
 */

const CMI_PRESENTATION =
  'Mediante el presente documento, la Comisión de Modernización Institucional tiene a bien informar las actividades que se desarrollaron y que de manera precisa se atendieron durante el segundo trimestre del presente año, que corresponde al periodo de mayo-agosto, entre dichas actividades destacan las sesiones virtuales realizadas por la Comisión, el seguimiento al cronograma de actividades sobre el desarrollo de las diversas reuniones de retroalimentación que se realizaron con personal de las consejerías, las Coordinaciones de informática y Transparencia con el objeto de fortalecer los proyectos de lineamientos que se están trabajando para robustecer las Tecnologías de la información, comunicaciones y seguridad informática de éste Organismo Público.';

const CMI_PROGRESS_INTRO =
  'En la Sesión Extraordinaria Urgente del 27 de junio de 2023, se aprobó el primer informe cuatrimestral, en el cual se dio cuenta del avance de actividades del primer periodo y que en este segundo se retoma con el fin de poder ver el avance desglosado sobre cada punto y poder detectar si hay algunas acciones en las que no se ha avanzado y tener oportunidad de darles un seguimiento puntual y oportuno.';

const CMI_SIGNERS: Omit<SignatureBlockEntry, 'memberId'>[] = [
  { name: 'Licda. Carol Berenice Arellano Rangel', role: 'Consejera Electoral Presidenta de la Comisión de Modernización Institucional' },
  { name: 'Mtra. Viridiana Villaseñor Aguirre', role: 'Consejera Electoral Integrante de la Comisión de Modernización Institucional' },
  { name: 'Mtra. Araceli Gutiérrez Cortés', role: 'Consejera Electoral Integrante de la Comisión de Modernización Institucional' },
  { name: 'María de Lourdes Becerra Pérez', role: 'Secretaria Técnica de la Comisión de Modernización Institucional' },
];

const CVSPE_SIGNERS: Omit<SignatureBlockEntry, 'memberId'>[] = [
  { name: 'LIC. VIRIDIANA VILLASEÑOR AGUIRRE', role: 'PRESIDENTA DE LA COMISIÓN' },
  { name: 'DR. HUMBERTO URQUIZA MARTÍNEZ', role: 'CONSEJERO ELECTORAL INTEGRANTE DE LA COMISIÓN' },
  { name: 'LIC. JUAN PEDRO GÓMEZ ARREOLA', role: 'SECRETARIO TÉCNICO DE LA COMISIÓN' },
];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase();

/** Links a printed signer to the member whose first two names match (the seeds vary in accents and typos). */
function withMember(commission: Commission, signer: Omit<SignatureBlockEntry, 'memberId'>): SignatureBlockEntry {
  const words = fold(signer.name).split(/\s+/);
  const member = commission.members.find((m) => {
    const names = fold(m.name).split(/\s+/);
    return names.length >= 2 && words.includes(names[0]!) && words.includes(names[1]!);
  });
  return member ? { ...signer, memberId: member.id } : signer;
}

/** Adds the report records and signature blocks to the records built from seed-data.ts. */
export function withReportDemo(ctx: Pick<MutationContext, 'newId'>, puts: Put[]): Put[] {
  const commissions = puts.filter((p) => p.collection === 'commissions').map((p) => p.record as Commission);
  const cmi = commissions.find((c) => c.acronym === 'CMI');
  const cvspe = commissions.find((c) => c.acronym === 'CVSPE');
  const out = puts.map((p) => {
    if (cvspe && p.collection === 'programmes' && p.record.commissionId === cvspe.id && p.record.year === 2020) {
      const record: Omit<Programme, 'hlc'> = { ...p.record, signers: CVSPE_SIGNERS.map((s) => withMember(cvspe, s)) };
      return { collection: 'programmes', record } as Put;
    }
    return p;
  });
  if (cmi) {
    const report: Omit<FourMonthReport, 'hlc'> = {
      id: ctx.newId(),
      commissionId: cmi.id,
      year: 2023,
      period: 2,
      presentation: CMI_PRESENTATION,
      progressIntro: CMI_PROGRESS_INTRO,
      approval: {
        sessionType: 'ordinaria',
        modality: 'virtual',
        date: '2023-09-29',
        result: 'unanimidad',
        inFavor: 3,
        against: 0,
        abstentions: 0,
      },
      signers: CMI_SIGNERS.map((s) => withMember(cmi, s)),
    };
    out.push({ collection: 'reports', record: report });
  }
  return out;
}
