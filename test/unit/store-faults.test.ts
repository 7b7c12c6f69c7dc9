// Fault injection: each fault is done on a copy of one data folder, and must end in a clear
// refusal or a full recovery, never in silence.
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src-main/services/api.js';
import { sealCertificate } from '../../src-main/services/printcheck/index.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { createSession } from '../../src-main/services/sessions/sessions.js';
import { hashEntry, type JournalEntry } from '../../src-main/services/store/audit-log.js';
import { io } from '../../src-main/services/store/durable.js';
import { acquireLock } from '../../src-main/services/store/lock.js';
import { Store } from '../../src-main/services/store/store.js';
import { BlobStore } from '../../src-main/services/store/blobs.js';
import { headPayload } from '../../src-main/services/store/checkpoint.js';
import { sealSigner } from '../../src-main/services/settings/settings.js';
import { newId } from '../../src-shared/ids.js';
import type { SignatureSummary } from '../../src-shared/contract/calls.js';
import { tempDir } from '../support/temp.js';

const PASS = 'frase de acceso segura';
const racer = fileURLToPath(new URL('../support/lock-racer.ts', import.meta.url));
const SEGMENT = 20;
let base: Awaited<ReturnType<typeof tempDir>>;
let copy: Awaited<ReturnType<typeof tempDir>>;
const sessionIds: string[] = [];
let signatureId = '';

function sessionArgs(store: Store, text: string) {
  const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
  return { commissionId: cmi.id, type: 'ordinaria' as const, date: '2024-05-10', modality: 'virtual' as const, agenda: [text] };
}

beforeAll(async () => {
  base = await tempDir('sesiona-faults-base-');
  const store = await Store.open(base.path, { segmentEntries: SEGMENT });
  await store.mutate(loadDemo, {}, 'sistema');
  for (let i = 0; i < 45; i++) sessionIds.push((await store.mutate(createSession, sessionArgs(store, `punto ${i}`), 'secretaria')).id);
  const vault = new VaultKey(base.path, undefined);
  await vault.unlockWithPassphrase(PASS);
  const handlers = createHandlers({ store, vault, host: 'web', actor: 'consejera' });
  const points = Array.from({ length: 20 }, (_, i) => ({ x: 10 + i * 5, y: 30 + (i % 4), time: 1_700_000_000_000 + i * 16, pressure: 0.5 }));
  const reply = await dispatch(handlers, 'signatures.enroll', {
    personId: store.all('people').find((p) => p.name === 'CAROL BERENICE ARELLANO RANGEL')!.id,
    pin: '432121',
    capture: { strokes: [{ pointerType: 'pen', points }], canvas: { width: 400, height: 200, pixelRatio: 1 } },
  });
  if (!reply.ok) throw new Error(reply.error.message);
  signatureId = (reply.value as SignatureSummary).id;
  // A few writes after the last checkpoint, so opening replays part of the journal.
  for (let i = 45; i < 50; i++) sessionIds.push((await store.mutate(createSession, sessionArgs(store, `punto ${i}`), 'secretaria')).id);
  await store.close();
}, 60_000);
afterAll(async () => {
  await base.cleanup();
});

async function freshCopy(): Promise<string> {
  copy = await tempDir('sesiona-faults-');
  await cp(base.path, copy.path, { recursive: true });
  return copy.path;
}
afterEach(async () => {
  await copy?.cleanup();
});

async function segments(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'audit'))).filter((f) => f.endsWith('.jsonl')).sort();
}

async function snapshot(dir: string, sub: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await readdir(join(dir, sub))) {
    const s = await stat(join(dir, sub, f));
    if (s.isFile()) out.set(f, createHash('sha256').update(await readFile(join(dir, sub, f))).digest('hex'));
  }
  return out;
}

async function tmpFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.name.endsWith('.tmp')) out.push(e.name);
  return out;
}

async function expectAllSessions(store: Store): Promise<void> {
  for (const id of sessionIds) expect(store.get('sessions', id), id).toBeDefined();
}

describe('a shard deleted or emptied', () => {
  it('is reported and rebuilt from the journal, and the damaged file is kept', async () => {
    const dir = await freshCopy();
    await writeFile(join(dir, 'data', 'sessions', '2024.json'), '{}');
    await rm(join(dir, 'data', 'commissions', 'all.json'));
    const store = await Store.open(dir);
    await expectAllSessions(store);
    expect(store.count('commissions')).toBeGreaterThan(0);
    const check = await store.verifyAudit();
    expect(check.problems?.join('\n')).toMatch(/data\/sessions\/2024\.json fue alterado/);
    expect(check.problems?.join('\n')).toMatch(/Faltaba el archivo data\/commissions\/all\.json/);
    expect((await readdir(join(dir, 'data', 'sessions'))).some((f) => f.startsWith('2024.json.danado-'))).toBe(true);
    await store.close();
    const again = await Store.open(dir);
    await expectAllSessions(again);
    await again.close();
  });
});

describe('a journal line edited into invalid JSON', () => {
  it('refuses to open, naming the segment and the line, and deletes nothing', async () => {
    const dir = await freshCopy();
    const [first] = await segments(dir);
    const path = join(dir, 'audit', first!);
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[6] = lines[6]!.slice(0, 40);
    await writeFile(path, lines.join('\n'));
    const before = await snapshot(dir, 'audit');
    await expect(Store.open(dir)).rejects.toThrow(new RegExp(`audit/${first!.replace('.', '\\.')}, línea 7, no es JSON válido`));
    expect(await snapshot(dir, 'audit')).toEqual(before);
  });

  it('refuses the same in the segment still being written', async () => {
    const dir = await freshCopy();
    const last = (await segments(dir)).at(-1)!;
    const path = join(dir, 'audit', last);
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = '{"seq": roto';
    await writeFile(path, lines.join('\n'));
    await expect(Store.open(dir)).rejects.toThrow(/línea 2, no es JSON válido/);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(lines.length);
  });
});

async function rewriteJournal(dir: string, edit: (entries: JournalEntry[]) => JournalEntry[]): Promise<void> {
  const files = await segments(dir);
  const entries: JournalEntry[] = [];
  for (const f of files) {
    for (const l of (await readFile(join(dir, 'audit', f), 'utf8')).split('\n')) if (l) entries.push(JSON.parse(l) as JournalEntry);
  }
  for (const f of files) await rm(join(dir, 'audit', f));
  await rm(join(dir, 'audit', 'segments.json'), { force: true });
  await writeFile(join(dir, 'audit', 'log-0000000001.jsonl'), edit(entries).map((e) => `${JSON.stringify(e)}\n`).join(''));
}

describe('a rewritten, cut or deleted journal', () => {
  it('refuses a chain recomputed after an edit', async () => {
    const dir = await freshCopy();
    await rewriteJournal(dir, (entries) => {
      let prev = entries[0]!.prevHash;
      return entries.map((e) => {
        const { hash: _h, ...rest } = e;
        const edited = { ...rest, prevHash: prev, actor: e.seq === 10 ? 'otra persona' : e.actor };
        const hash = hashEntry(edited);
        prev = hash;
        return { ...edited, hash };
      });
    });
    await expect(Store.open(dir)).rejects.toThrow(/La bitácora fue reescrita: la entrada \d+ no es la que registró el punto de control/);
  });

  it('refuses a journal whose tail was cut', async () => {
    const dir = await freshCopy();
    await rewriteJournal(dir, (entries) => entries.slice(0, -3));
    await expect(Store.open(dir)).rejects.toThrow(/Falta parte de la bitácora/);
  });

  it('refuses a deleted journal', async () => {
    const dir = await freshCopy();
    for (const f of await readdir(join(dir, 'audit'))) await rm(join(dir, 'audit', f));
    await expect(Store.open(dir)).rejects.toThrow(/Falta parte de la bitácora/);
  });

  it('refuses, and moves nothing aside, when both the journal and the checkpoint manifest are gone', async () => {
    const dir = await freshCopy();
    for (const f of await readdir(join(dir, 'audit'))) await rm(join(dir, 'audit', f));
    await rm(join(dir, 'data', 'checkpoint.json'));
    const before = await snapshot(dir, 'data/sessions');
    await expect(Store.open(dir)).rejects.toThrow(/la bitácora no está completa para reconstruirlos/);
    expect(await snapshot(dir, 'data/sessions')).toEqual(before);
  });

  it('reports a record edited in a shard together with its manifest hash', async () => {
    const dir = await freshCopy();
    const shard = join(dir, 'data', 'sessions', '2024.json');
    const text = (await readFile(shard, 'utf8')).replace('punto 3"', 'punto cambiado"');
    await writeFile(shard, text);
    const manifestPath = join(dir, 'data', 'checkpoint.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['sessions/2024.json'] = createHash('sha256').update(text).digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    const store = await Store.open(dir);
    const check = await store.verifyAudit();
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('1 registro(s) no coinciden con lo que dice la bitácora.');
    await store.close();
  });

  it('reports an edited entry of a sealed segment without refusing to open', async () => {
    const dir = await freshCopy();
    const [first] = await segments(dir);
    const path = join(dir, 'audit', first!);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"actor":"secretaria"', '"actor":"otra"'));
    const store = await Store.open(dir);
    const check = await store.verifyAudit();
    expect(check).toMatchObject({ ok: false });
    expect(check.problems?.join('\n')).toMatch(new RegExp(`segmento audit/${first!.replace('.', '\\.')} cambió`));
    await store.close();
  });
});

describe('the chain head signed with the office seal', () => {
  const checkpointPath = (dir: string) => join(dir, 'data', 'checkpoint.json');
  type Anchor = { seq: number; hash: string; certificate: string; signature: string };
  const readManifest = async (dir: string) => JSON.parse(await readFile(checkpointPath(dir), 'utf8')) as { seq: number; hash: string; anchor?: Anchor };

  /** A copy whose office made its seal, wrote some more with it at hand, then (unless told not to) more with the vault locked. */
  async function sealedCopy(lockedWrites = true): Promise<string> {
    const dir = await freshCopy();
    const store = await Store.open(dir, { segmentEntries: SEGMENT });
    const vault = new VaultKey(dir, undefined);
    await vault.unlockWithPassphrase(PASS);
    await sealSigner(store, vault, 'Instituto Electoral de Michoacán', 'secretaria', newId);
    for (let i = 0; i < 3; i++) await store.mutate(createSession, sessionArgs(store, `sellada ${i}`), 'secretaria');
    await store.close();
    if (!lockedWrites) return dir;
    const locked = await Store.open(dir, { segmentEntries: SEGMENT });
    for (let i = 0; i < 3; i++) await locked.mutate(createSession, sessionArgs(locked, `sin llave ${i}`), 'secretaria');
    await locked.close();
    return dir;
  }

  /** Recomputes the whole chain from the first entry, as someone without the seal key would. */
  function recompute(entries: JournalEntry[], edit: (e: JournalEntry) => JournalEntry): JournalEntry[] {
    let prev = entries[0]!.prevHash;
    return entries.map((e) => {
      const { hash: _h, ...rest } = edit(e);
      const edited = { ...rest, prevHash: prev };
      const hash = hashEntry(edited);
      prev = hash;
      return { ...edited, hash };
    });
  }

  async function expectRefusedUntouched(dir: string, message: RegExp): Promise<void> {
    const before = [await snapshot(dir, 'audit'), await snapshot(dir, 'data')];
    await expect(Store.open(dir)).rejects.toThrow(message);
    expect([await snapshot(dir, 'audit'), await snapshot(dir, 'data')]).toEqual(before);
  }

  it('keeps the signed head through checkpoints written while the vault was locked, and the folder opens and checks ok', async () => {
    const dir = await sealedCopy();
    const m = await readManifest(dir);
    expect(m.anchor).toBeDefined();
    expect(m.anchor!.seq).toBeLessThan(m.seq); // signed before the locked writes, carried after them
    const store = await Store.open(dir);
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
    await store.close();
  });

  it('refuses a folder whose checkpoint lost its head signature, naming the file, and deletes nothing', async () => {
    const dir = await sealedCopy();
    const { anchor: _a, ...stripped } = await readManifest(dir);
    await writeFile(checkpointPath(dir), JSON.stringify(stripped));
    await expectRefusedUntouched(dir, /Falta la firma del sello sobre la cabeza de la bitácora en data\/checkpoint\.json.*No se borró nada/);
  });

  it('refuses a chain recomputed together with its checkpoint and stripped of every signature', async () => {
    const dir = await sealedCopy();
    let tail = { seq: 0, hash: '' };
    await rewriteJournal(dir, (entries) => {
      const forged = recompute(entries, (e) => {
        const { head: _h, ...rest } = e;
        return { ...rest, actor: e.seq === 10 ? 'otra persona' : e.actor };
      });
      tail = { seq: forged.at(-1)!.seq, hash: forged.at(-1)!.hash };
      return forged;
    });
    const { anchor: _a, ...m } = await readManifest(dir);
    await writeFile(checkpointPath(dir), JSON.stringify({ ...m, ...tail }));
    await expectRefusedUntouched(dir, /Falta la firma del sello .*data\/checkpoint\.json/);
  });

  it('refuses a head replaced by the forged one, keeping the old signature or signing with another key', async () => {
    const dir = await sealedCopy();
    let forgedHead = { seq: 0, hash: '' };
    await rewriteJournal(dir, (entries) => {
      const forged = recompute(entries, (e) => ({ ...e, actor: e.seq === 10 ? 'otra persona' : e.actor }));
      const m = forged.at(-1)!;
      forgedHead = { seq: m.seq, hash: m.hash };
      return forged;
    });
    const m = await readManifest(dir);
    await writeFile(checkpointPath(dir), JSON.stringify({ ...m, ...forgedHead, anchor: { ...m.anchor!, ...forgedHead } }));
    await expectRefusedUntouched(dir, /La firma del sello sobre la cabeza de la bitácora \(data\/checkpoint\.json\) no es válida/);

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificate = await new BlobStore(join(dir, 'blobs')).put(sealCertificate('Sello falso', privateKey, createPublicKey(privateKey)));
    const payload = headPayload(forgedHead.seq, forgedHead.hash);
    const own = { ...forgedHead, certificate, signature: rsaSign('sha256', payload, privateKey).toString('base64') };
    await writeFile(checkpointPath(dir), JSON.stringify({ ...m, ...forgedHead, anchor: own }));
    await expectRefusedUntouched(dir, /firmada con un certificado que no es el sello de la oficina/);
  });

  it('refuses a journal cut back below the signed head, even with the checkpoint moved back to match', async () => {
    const dir = await sealedCopy(false); // the last checkpoint signs the last entry
    const signed = (await readManifest(dir)).anchor!;
    let tail = { seq: 0, hash: '' };
    await rewriteJournal(dir, (entries) => {
      const kept = entries.slice(0, -2);
      tail = { seq: kept.at(-1)!.seq, hash: kept.at(-1)!.hash };
      return kept;
    });
    expect(tail.seq).toBeLessThan(signed.seq);
    const m = await readManifest(dir);
    await writeFile(checkpointPath(dir), JSON.stringify({ ...m, ...tail }));
    await expectRefusedUntouched(dir, new RegExp(`La bitácora termina en la entrada ${tail.seq}, antes de la entrada ${signed.seq} que firmó el sello`));
  });

  it('refuses to use a seal whose certificate was swapped for another key with a head signed by it, and the check reports it', async () => {
    const dir = await sealedCopy();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificate = await new BlobStore(join(dir, 'blobs')).put(sealCertificate('Sello falso', privateKey, createPublicKey(privateKey)));
    let forgedHead = { seq: 0, hash: '' };
    let settings: unknown;
    await rewriteJournal(dir, (entries) => {
      const forged = recompute(entries, (e) => {
        const { head: _h, ...rest } = e;
        const changes = e.changes.map((c) => {
          const seal = (c.record as { seal?: { certificate: string } }).seal;
          return c.collection === 'settings' && seal ? { ...c, record: { ...c.record, seal: { ...seal, certificate } } } : c;
        });
        return { ...rest, changes };
      });
      forgedHead = { seq: forged.at(-1)!.seq, hash: forged.at(-1)!.hash };
      settings = forged.flatMap((e) => e.changes).filter((c) => c.collection === 'settings').at(-1)!.record;
      return forged;
    });
    const shard = `{"records":[\n${JSON.stringify(settings)}\n]}\n`;
    await writeFile(join(dir, 'data', 'settings', 'all.json'), shard);
    const m = await readManifest(dir);
    const files = { ...(m as unknown as { files: Record<string, string> }).files, 'settings/all.json': createHash('sha256').update(shard).digest('hex') };
    const payload = headPayload(forgedHead.seq, forgedHead.hash);
    const anchor = { ...forgedHead, certificate, signature: rsaSign('sha256', payload, privateKey).toString('base64') };
    await writeFile(checkpointPath(dir), JSON.stringify({ ...m, ...forgedHead, files, anchor }));
    // Without the data key the forgery is consistent; the office's own sealed key gives it away.
    const store = await Store.open(dir);
    const vault = new VaultKey(dir, undefined);
    await vault.unlockWithPassphrase(PASS);
    await expect(sealSigner(store, vault, 'Instituto', 'secretaria', newId)).rejects.toThrow(/certificado del sello de la oficina no corresponde a su llave/);
    const check = await store.verifyAudit();
    expect(check.ok).toBe(false);
    expect(check.problems?.join('\n')).toMatch(/certificado del sello de la oficina no corresponde a su llave/);
    await store.close();
  });

  it('reports shards newer than a checkpoint and journal rolled back together', async () => {
    const dir = await sealedCopy();
    const older = await tempDir('sesiona-faults-older-');
    try {
      await cp(dir, older.path, { recursive: true });
      const store = await Store.open(dir);
      for (let i = 0; i < 3; i++) await store.mutate(createSession, sessionArgs(store, `después ${i}`), 'secretaria');
      await store.close();
      await rm(join(dir, 'audit'), { recursive: true });
      await cp(join(older.path, 'audit'), join(dir, 'audit'), { recursive: true });
      await cp(checkpointPath(older.path), checkpointPath(dir));
      const reopened = await Store.open(dir);
      const check = await reopened.verifyAudit();
      expect(check.ok).toBe(false);
      expect(check.problems?.join('\n')).toMatch(/data\/sessions\/2024\.json fue alterado o no pertenece al punto de control/);
      await reopened.close();
    } finally {
      await older.cleanup();
    }
  });
});

describe('crashes between the steps of sealing a segment or of a first checkpoint', () => {
  it('starts a new segment after a crash right after the last one was sealed', async () => {
    const dir = await freshCopy();
    const last = (await segments(dir)).at(-1)!;
    const bytes = await readFile(join(dir, 'audit', last));
    const lines = bytes.toString('utf8').split('\n').filter(Boolean);
    const tail = JSON.parse(lines.at(-1)!) as JournalEntry;
    const indexPath = join(dir, 'audit', 'segments.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { segments: unknown[] };
    index.segments.push({
      file: last,
      firstSeq: Number(/\d+/.exec(last)![0]),
      lastSeq: tail.seq,
      lastHash: tail.hash,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
    await writeFile(indexPath, JSON.stringify(index));
    const store = await Store.open(dir);
    await store.mutate(createSession, sessionArgs(store, 'tras sellar'), 'secretaria');
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
    await store.close();
    expect((await segments(dir)).at(-1)).not.toBe(last);
    expect(await readFile(join(dir, 'audit', last))).toEqual(bytes);
  });

  it('opens without complaint when the first checkpoint was cut before its manifest was switched', async () => {
    const dir = await freshCopy();
    const data = join(dir, 'data');
    await writeFile(join(data, 'checkpoint.next.json'), await readFile(join(data, 'checkpoint.json')));
    await rm(join(data, 'checkpoint.json'));
    const store = await Store.open(dir);
    await expectAllSessions(store);
    const check = await store.verifyAudit();
    expect(check).toMatchObject({ ok: true });
    expect(check.problems).toBeUndefined();
    await store.close();
  });
});

describe('damaged bookkeeping files', () => {
  it('refuses a damaged checkpoint manifest or segment index, naming the file', async () => {
    const dir = await freshCopy();
    await writeFile(join(dir, 'data', 'checkpoint.json'), '{"format":1,');
    await expect(Store.open(dir)).rejects.toThrow(/data\/checkpoint\.json está dañado/);
    const dir2 = await freshCopy();
    await writeFile(join(dir2, 'audit', 'segments.json'), 'no json');
    await expect(Store.open(dir2)).rejects.toThrow(/audit\/segments\.json está dañado/);
  });
});

describe('two processes over a stale lock', () => {
  it('gives the lock to exactly one of two takeovers started at once', async () => {
    const dir = await freshCopy();
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => dead.once('exit', () => r(dead.pid!)));
    for (let round = 0; round < 12; round++) {
      await writeFile(join(dir, 'sesiona.lock'), `${deadPid}\n`);
      const results = await Promise.allSettled([acquireLock(join(dir, 'sesiona.lock')), acquireLock(join(dir, 'sesiona.lock'))]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won, `round ${round}`).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/en uso/);
      await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
    }
    expect((await readdir(dir)).filter((f) => f.startsWith('sesiona.lock'))).toEqual([]);
  });

  it('gives each stale lock to exactly one of three processes racing for it, and none to two', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => dead.once('exit', () => r(dead.pid!)));
    const root = await tempDir('sesiona-lock-race-');
    const dirs: string[] = [];
    for (let i = 0; i < 150; i++) {
      const d = join(root.path, String(i));
      await mkdir(d);
      await writeFile(join(d, 'sesiona.lock'), `${deadPid}\n`);
      dirs.push(d);
    }
    try {
      const racers = Array.from({ length: 3 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', racer, ...dirs], { stdio: ['pipe', 'pipe', 'inherit'] });
        let out = '';
        const waiting: { word: string; resolve: () => void }[] = [];
        const lines = () => out.split('\n');
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          for (const w of waiting) if (lines().includes(w.word)) w.resolve();
        });
        const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`racer exited ${code}`))));
        exited.catch(() => undefined);
        const seen = (word: string) => Promise.race([new Promise<void>((resolve) => waiting.push({ word, resolve })), exited]);
        const ready = seen('ready');
        const done = seen('done');
        return { child, ready, done, won: () => lines().filter((l) => l.startsWith('won ')).map((l) => Number(l.slice(4))) };
      });
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.child.stdin.write('go\n');
      await Promise.all(racers.map((r) => r.done));
      const winners = dirs.map((_, i) => racers.filter((r) => r.won().includes(i)).length);
      expect(winners.filter((w) => w !== 1).length, 'folders whose stale lock went to none or to several racers').toBe(0);
      // The racers really raced: the folders are not all won by whoever started first.
      expect(racers.filter((r) => r.won().length > 0).length).toBeGreaterThan(1);
      const exits = racers.map((r) => new Promise((resolve) => r.child.once('exit', resolve)));
      for (const r of racers) r.child.stdin.end('exit\n');
      await Promise.all(exits);
      for (const d of dirs) expect((await readdir(d)).filter((f) => f.startsWith('sesiona.lock'))).toEqual([]);
    } finally {
      await root.cleanup();
    }
  }, 60_000);
});

describe('a full disk', () => {
  afterEach(() => {
    io.write = (fh, data) => fh.write(data);
    io.writeFile = (fh, data) => fh.writeFile(data);
  });

  it('during a write: the reply says nothing was saved, and nothing was, before and after a restart', async () => {
    const dir = await freshCopy();
    const store = await Store.open(dir);
    const count = store.count('sessions');
    io.write = async (fh, data) => {
      await fh.write(data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await expect(store.mutate(createSession, sessionArgs(store, 'sin espacio'), 'secretaria')).rejects.toThrow(/No se guardó el cambio.*ENOSPC/);
    expect(store.count('sessions')).toBe(count);
    io.write = (fh, data) => fh.write(data);
    const saved = await store.mutate(createSession, sessionArgs(store, 'con espacio'), 'secretaria');
    expect((await store.verifyAudit()).ok).toBe(true);
    await store.close();
    const again = await Store.open(dir);
    expect(again.count('sessions')).toBe(count + 1);
    expect(again.get('sessions', saved.id)).toBeDefined();
    expect(again.all('sessions').some((s) => s.agenda.some((a) => a.text === 'sin espacio'))).toBe(false);
    expect((await again.verifyAudit()).ok).toBe(true);
    await again.close();
    expect(await tmpFiles(dir)).toEqual([]);
  });

  it('during a checkpoint: no temp file is left, writes go on, and a restart has everything', async () => {
    const dir = await freshCopy();
    const store = await Store.open(dir);
    const created = await store.mutate(createSession, sessionArgs(store, 'antes del disco lleno'), 'secretaria');
    io.writeFile = async (fh, data) => {
      await fh.writeFile(typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await expect(store.checkpoint()).rejects.toThrow(/no space/);
    expect(await tmpFiles(dir)).toEqual([]);
    const after = await store.mutate(createSession, sessionArgs(store, 'después'), 'secretaria');
    io.writeFile = (fh, data) => fh.writeFile(data);
    await store.close();
    const again = await Store.open(dir);
    expect(again.get('sessions', created.id)).toBeDefined();
    expect(again.get('sessions', after.id)).toBeDefined();
    expect((await again.verifyAudit()).ok).toBe(true);
    await again.close();
  });
});

describe('the data key and meta.json', () => {
  it('refuses to make a new data key while sealed signatures exist', async () => {
    const dir = await freshCopy();
    await rm(join(dir, 'keys', 'data-key.bin'));
    const vault = new VaultKey(dir, undefined);
    await expect(vault.unlockWithPassphrase(PASS)).rejects.toThrow(/Falta la llave de datos.*No se creó una llave nueva/);
    await expect(stat(join(dir, 'keys', 'data-key.bin'))).rejects.toThrow();
    const store = await Store.open(dir);
    expect(store.get('signatures', signatureId)?.status).toBe('activa');
    await store.close();
  });

  it('refuses a folder whose meta.json was deleted or emptied, and does not recreate it', async () => {
    const dir = await freshCopy();
    await rm(join(dir, 'meta.json'));
    await expect(Store.open(dir)).rejects.toThrow(/Falta el archivo meta\.json/);
    await expect(stat(join(dir, 'meta.json'))).rejects.toThrow();
    await writeFile(join(dir, 'meta.json'), '');
    await expect(Store.open(dir)).rejects.toThrow(/meta\.json .*está dañado/);
  });
});

describe('owner-only permissions', () => {
  it('creates every file 0600 and every folder 0700', async () => {
    // The base folder was made by the store (a copy would carry the copier's modes).
    const loose: string[] = [];
    for (const e of await readdir(base.path, { withFileTypes: true, recursive: true })) {
      const path = join(e.parentPath, e.name);
      const mode = (await stat(path)).mode & 0o777;
      if (mode !== (e.isDirectory() ? 0o700 : 0o600)) loose.push(`${path} ${mode.toString(8)}`);
    }
    expect(loose).toEqual([]);
    expect((await readdir(base.path, { recursive: true })).length).toBeGreaterThan(10);
  });
});

describe('paging the audit log', () => {
  it('pages back through segments without gaps', async () => {
    const dir = await freshCopy();
    const store = await Store.open(dir);
    const total = (await store.verifyAudit()).entries;
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await store.auditEntries(7, before);
      if (!page.length) break;
      seen.push(...page.map((e) => e.seq));
      before = page.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect((await segments(dir)).length).toBeGreaterThan(2);
    await store.close();
  });
});
