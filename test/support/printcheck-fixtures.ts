/**
 * An acta built from the demo seed (session IEM-CMI-SEORD-03/2023 of the CMI), for the
 * printed-copy tests.
 */
import { demoRecords } from '../../src-main/services/demo/load-demo.js';
import { demoSeed } from '../../src-main/services/demo/seed-data.js';
import { actaPdf, type ActaPdf } from '../../src-main/services/minutes/acta-pdf.js';
import type { Commission, Session } from '../../src-shared/domain/index.js';

export interface DemoActa extends ActaPdf {
  session: Session;
  commission: Commission;
}

export async function demoActa(key = 'IEM-CMI-SEORD-03/2023'): Promise<DemoActa> {
  let n = 0;
  const puts = demoRecords({ newId: () => `01JDEMO${String(++n).padStart(19, '0')}` }, demoSeed);
  const session = puts.find((p) => p.collection === 'sessions' && (p.record as Session).key === key)?.record as Session | undefined;
  if (!session) throw new Error(`demo session ${key} not found`);
  const commission = puts.find((p) => p.collection === 'commissions' && (p.record as Commission).id === session.commissionId)?.record as Commission;
  const acta = await actaPdf(session, commission);
  return { ...acta, session, commission };
}
