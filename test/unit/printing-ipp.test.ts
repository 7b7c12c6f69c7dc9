/**
 * The IPP answer CUPS gives about its jobs, read byte by byte: what reconciling a print after a
 * crash relies on. Damaged or refused answers must throw (the job is then left for the next open),
 * never be read as "no such job".
 */
import { describe, expect, it } from 'vitest';
import { cupsEndpoint, getJobsRequest, parseJobs } from '../../src-main/services/printing/ipp.js';

function attr(tag: number, name: string, value: Buffer): Buffer {
  const n = Buffer.from(name);
  const head = Buffer.alloc(5 + n.length);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(n.length, 1);
  n.copy(head, 3);
  head.writeUInt16BE(value.length, 3 + n.length);
  return Buffer.concat([head, value]);
}
const int = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};

function response(status: number, jobs: { id: number; name: string; state: number; printer: string }[]): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0);
  head.writeUInt16BE(status, 2);
  head.writeUInt32BE(1, 4);
  const parts = [head, Buffer.from([0x01]), attr(0x47, 'attributes-charset', Buffer.from('utf-8'))];
  for (const j of jobs) {
    parts.push(
      Buffer.from([0x02]),
      attr(0x21, 'job-id', int(j.id)),
      attr(0x42, 'job-name', Buffer.from(j.name)),
      attr(0x23, 'job-state', int(j.state)),
      attr(0x45, 'job-printer-uri', Buffer.from(`ipp://localhost/printers/${encodeURIComponent(j.printer)}`)),
    );
  }
  parts.push(Buffer.from([0x03]));
  return Buffer.concat(parts);
}

describe('CUPS job history over IPP', () => {
  it('reads each job’s id, title, state and printer', () => {
    const jobs = [
      { id: 41, name: 'Acta IEM-CMI-SEORD-03/2023 sesiona-0123456789', state: 9, printer: 'PDF' },
      { id: 42, name: 'Convocatoria ñandú', state: 3, printer: 'Oficina 2' },
    ];
    expect(parseJobs(response(0, jobs))).toEqual(jobs);
    expect(parseJobs(response(0, []))).toEqual([]);
  });

  it('throws on a refused, short or cut answer instead of reporting no jobs', () => {
    expect(() => parseJobs(response(0x0403, []))).toThrow(/IPP status 0x403/);
    expect(() => parseJobs(Buffer.from([2, 0, 0]))).toThrow(/short/);
    const whole = response(0, [{ id: 7, name: 'x'.repeat(50), state: 9, printer: 'PDF' }]);
    for (const cut of [20, 40, whole.length - 30, whole.length - 1]) expect(() => parseJobs(whole.subarray(0, cut))).toThrow();
  });

  it('asks for every job of the OS user, whose titles CUPS shows only to their owner', () => {
    const req = getJobsRequest('staff');
    expect(req.readUInt16BE(2)).toBe(0x000a); // Get-Jobs
    const text = req.toString('latin1');
    expect(text).toContain('requesting-user-name\u0000\u0005staff');
    expect(text).toContain('which-jobs\u0000\u0003all');
  });

  it('talks where lp would: a given host and port, a socket path, or the local scheduler', () => {
    expect(cupsEndpoint('127.0.0.1:9')).toEqual({ host: '127.0.0.1', port: 9 });
    expect(cupsEndpoint('printhost')).toEqual({ host: 'printhost', port: 631 });
    expect(cupsEndpoint('/run/cups/cups.sock')).toEqual({ socketPath: '/run/cups/cups.sock' });
  });
});
