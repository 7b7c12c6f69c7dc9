import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { Store } from '../../src-main/services/store/store.js';
import { tempDir } from '../support/temp.js';

const writer = fileURLToPath(new URL('../support/crash-writer.ts', import.meta.url));
const ROUNDS = 25;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir('sesiona-crash-');
  const store = await Store.open(dir.path);
  await store.mutate(loadDemo, {}, 'crash-test');
  await store.close();
});
afterAll(async () => {
  await dir.cleanup();
});

/** Runs the writer until it has acknowledged at least one write, then kills it after a random delay. */
async function killMidWrite(round: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir.path, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let buffer = '';
  let stderr = '';
  let killScheduled = false;
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      // `>= 1`, not `=== 1`: under load one chunk can carry several acks, and the writer was then never killed.
      if (acked.length >= 1 && !killScheduled) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 120);
      }
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  return acked;
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs in the middle of writing`, async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      acknowledged.push(...(await killMidWrite(round)));
      const store = await Store.open(dir.path); // must open: readable after every crash
      const stored = new Set(store.all('sessions').flatMap((s) => s.agenda.map((a) => a.text)));
      const lost = acknowledged.filter((t) => !stored.has(t));
      expect(lost, `round ${round}`).toEqual([]);
      const audit = await store.verifyAudit();
      expect(audit.ok, `audit chain after round ${round}`).toBe(true);
      await store.close();
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
  });
});
