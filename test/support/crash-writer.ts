// Child process for the crash test: writes sessions one after another and prints "ack <text>"
// once each write has been acknowledged. The parent SIGKILLs it at a random moment.
import { createSession } from '../../src-main/services/sessions/sessions.js';
import { Store } from '../../src-main/services/store/store.js';

const [dataDir, round] = process.argv.slice(2) as [string, string];
const store = await Store.open(dataDir);
const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
for (let i = 0; ; i++) {
  const text = `ronda ${round} punto ${i}`;
  await store.mutate(
    createSession,
    { commissionId: cmi.id, type: 'ordinaria', date: '2025-03-10', modality: 'virtual', agenda: [text] },
    'crash-test',
  );
  process.stdout.write(`ack ${text}\n`);
}
