/**
 * The one question `lpstat` cannot answer: which job carries a given title. CUPS keeps the
 * history of finished jobs with their names, readable by their owner over IPP (Get-Jobs), so
 * this asks the scheduler directly over its socket or port: no extra tool on the machine.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { userInfo } from 'node:os';

export interface CupsJob {
  id: number;
  name: string;
  /** IPP job-state: 3 pending … 9 completed; 7 cancelled, 8 aborted. */
  state: number;
  printer: string;
}

const TAG = { operation: 0x01, job: 0x02, end: 0x03, integer: 0x21, enum: 0x23, uri: 0x45, name: 0x42, keyword: 0x44, charset: 0x47, language: 0x48 };
const SOCKETS = ['/run/cups/cups.sock', '/var/run/cups/cups.sock', '/private/var/run/cupsd'];

type Endpoint = { socketPath: string } | { host: string; port: number };

/** Where lp itself would talk: the given host:port, $CUPS_SERVER, the local socket, or port 631. */
export function cupsEndpoint(server = process.env.CUPS_SERVER): Endpoint {
  if (server?.startsWith('/')) return { socketPath: server };
  if (server) {
    const m = /^(.*?)(?::(\d+))?$/.exec(server)!;
    return { host: m[1] || 'localhost', port: Number(m[2] ?? 631) };
  }
  const socketPath = SOCKETS.find((p) => existsSync(p));
  return socketPath ? { socketPath } : { host: 'localhost', port: 631 };
}

function attribute(tag: number, name: string, values: string[]): Buffer {
  return Buffer.concat(
    values.map((v, i) => {
      const n = Buffer.from(i === 0 ? name : '', 'utf8');
      const b = Buffer.from(v, 'utf8');
      const head = Buffer.alloc(1 + 2 + n.length + 2);
      head.writeUInt8(tag, 0);
      head.writeUInt16BE(n.length, 1);
      n.copy(head, 3);
      head.writeUInt16BE(b.length, 3 + n.length);
      return Buffer.concat([head, b]);
    }),
  );
}

export function getJobsRequest(user: string): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0); // IPP 2.0
  head.writeUInt16BE(0x000a, 2); // Get-Jobs
  head.writeUInt32BE(1, 4);
  return Buffer.concat([
    head,
    Buffer.from([TAG.operation]),
    attribute(TAG.charset, 'attributes-charset', ['utf-8']),
    attribute(TAG.language, 'attributes-natural-language', ['en']),
    attribute(TAG.uri, 'printer-uri', ['ipp://localhost/']),
    attribute(TAG.name, 'requesting-user-name', [user]),
    attribute(TAG.keyword, 'which-jobs', ['all']),
    attribute(TAG.keyword, 'requested-attributes', ['job-id', 'job-name', 'job-state', 'job-printer-uri']),
    Buffer.from([TAG.end]),
  ]);
}

/** Reads a Get-Jobs response; throws on a status other than successful-ok(-ignored…). */
export function parseJobs(body: Buffer): CupsJob[] {
  if (body.length < 9) throw new Error('short IPP response');
  const status = body.readUInt16BE(2);
  if (status >= 0x0100) throw new Error(`IPP status 0x${status.toString(16)}`);
  const jobs: CupsJob[] = [];
  let job: Partial<CupsJob> | undefined;
  let name = '';
  let at = 8;
  const finish = () => {
    if (job?.id !== undefined) jobs.push({ id: job.id, name: job.name ?? '', state: job.state ?? 0, printer: job.printer ?? '' });
  };
  let ended = false;
  while (at < body.length) {
    const tag = body.readUInt8(at++);
    if (tag === TAG.end) {
      ended = true;
      break;
    }
    if (tag <= 0x0f) {
      finish();
      job = tag === TAG.job ? {} : undefined;
      continue;
    }
    const nameLen = body.readUInt16BE(at);
    const attrName = body.toString('utf8', at + 2, at + 2 + nameLen);
    at += 2 + nameLen;
    const valueLen = body.readUInt16BE(at);
    const value = body.subarray(at + 2, at + 2 + valueLen);
    at += 2 + valueLen;
    if (at > body.length) throw new Error('truncated IPP response');
    if (attrName) name = attrName;
    if (!job || !attrName) continue;
    if (name === 'job-id' && tag === TAG.integer) job.id = value.readInt32BE(0);
    else if (name === 'job-state' && tag === TAG.enum) job.state = value.readInt32BE(0);
    else if (name === 'job-name') job.name = value.toString('utf8');
    else if (name === 'job-printer-uri') job.printer = decodeURIComponent(value.toString('utf8').split('/').pop() ?? '');
  }
  // Without its end tag the answer was cut short, perhaps between two jobs: not a full list.
  if (!ended) throw new Error('truncated IPP response');
  finish();
  return jobs;
}

/** Every job of this OS user the scheduler still knows (queued and finished). */
export function cupsJobs(server?: string, timeoutMs = 10_000): Promise<CupsJob[]> {
  const body = getJobsRequest(userInfo().username);
  const endpoint = cupsEndpoint(server);
  return new Promise((resolve, reject) => {
    const req = request(
      { ...endpoint, method: 'POST', path: '/', timeout: timeoutMs, headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
          try {
            resolve(parseJobs(Buffer.concat(chunks)));
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
