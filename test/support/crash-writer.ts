// Child process for the crash test: writes sessions one after another and prints "ack <text>"
// once each write has been acknowledged. The parent SIGKILLs it at a random moment. Checkpoints
// and segment rolls are made frequent, so kills land in them too. "opening" is printed before
// the data folder is opened (lock takeover, replay), so the parent can kill there as well.
import { createSession } from '../../src-main/services/sessions/sessions.js';
import { Store } from '../../src-main/services/store/store.js';

const [dataDir, round, wait] = process.argv.slice(2) as [string, string, string?];
if (wait === '--wait') {
  // Two writers racing for the lock start opening together, on the parent's word.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
}
process.stdout.write('opening\n');
const store = await Store.open(dataDir, { checkpointEvery: 3, checkpointDelayMs: 5, segmentEntries: 7 });
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
