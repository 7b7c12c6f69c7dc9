/**
 * What Windows remembers of print jobs, read with PowerShell: the jobs still in each printer's
 * queue (Get-PrintJob) and, when its log is on, the PrintService Operational log's "document
 * printed" events (ID 307). SumatraPDF names each job after the path of the file it printed, so
 * a job is found by a key in that file's name. Locale-independent: the events' parameters are
 * read, not their (translated) messages.
 */
import { execFile } from 'node:child_process';
import { z } from 'zod';
import { PrintError, type PrintReceipt } from './port.js';

const LOG = 'Microsoft-Windows-PrintService/Operational';

/** One JSON object on stdout; every part that cannot be read is left empty rather than failing. */
export const HISTORY_SCRIPT = `
$ErrorActionPreference = 'Stop'
$log = '${LOG}'
$enabled = $false
try { $enabled = [bool](Get-WinEvent -ListLog $log).IsEnabled } catch {}
$queued = @()
foreach ($p in @(Get-Printer)) {
  try {
    $queued += @(Get-PrintJob -PrinterName $p.Name | ForEach-Object { [pscustomobject]@{ id = [int]$_.Id; name = [string]$_.DocumentName; printer = [string]$p.Name } })
  } catch {}
}
$printed = @()
if ($enabled) {
  try {
    $printed = @(Get-WinEvent -FilterHashtable @{ LogName = $log; Id = 307 } -MaxEvents 5000 | ForEach-Object {
      $d = ([xml]$_.ToXml()).Event.UserData.DocumentPrinted
      [pscustomobject]@{ id = [int]$d.Param1; name = [string]$d.Param2; printer = [string]$d.Param5 }
    })
  } catch {}
}
[pscustomobject]@{ logEnabled = $enabled; queued = $queued; printed = $printed } | ConvertTo-Json -Depth 4 -Compress
`;

const Job = z.object({ id: z.number().int(), name: z.string(), printer: z.string() });
// Windows PowerShell 5.1 writes a one-element array as the element itself, and nothing as null.
const Jobs = z
  .union([z.array(Job), Job, z.null()])
  .optional()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v : [v]));
const History = z.object({ logEnabled: z.boolean(), queued: Jobs, printed: Jobs });
export type WindowsHistory = z.output<typeof History>;

export function parseHistory(stdout: string): WindowsHistory {
  let json: unknown;
  try {
    json = JSON.parse(stdout.replace(/^\uFEFF/, '').trim());
  } catch {
    throw new Error(`unreadable PowerShell output: ${stdout.trim().slice(0, 80)}`);
  }
  const parsed = History.safeParse(json);
  if (!parsed.success) throw new Error(`unexpected PowerShell output: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * The job whose document name holds `key`: in a queue or printed, it reached Windows. Not found
 * means never received only when the log of printed documents is on; otherwise a job may have
 * printed and left its queue without a trace, so the answer is "cannot tell" (an error).
 */
export function jobIn(history: WindowsHistory, key: string): PrintReceipt | null {
  const job = [...history.queued, ...history.printed].find((j) => j.name.includes(key));
  if (job) return { printer: job.printer, jobId: `${job.printer}-${job.id}` };
  if (history.logEnabled) return null;
  throw new PrintError(
    'NO_SERVICE',
    'Windows no guarda el historial de impresión (registro PrintService/Operational desactivado); no se sabe si el trabajo se imprimió.',
    `Windows keeps no print history (the ${LOG} log is off): enable it with "wevtutil sl ${LOG} /e:true"`,
  );
}

export type RunPowerShell = (script: string) => Promise<string>;

/** powershell.exe with the script as -EncodedCommand (UTF-16LE base64): no quoting to get wrong. */
export const runPowerShell: RunPowerShell = (script) =>
  new Promise((resolve, reject) => {
    const encoded = Buffer.from(script, 'utf16le').toString('base64');
    execFile(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
      { timeout: 30_000, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim().slice(0, 200)));
        else resolve(stdout);
      },
    );
  });
