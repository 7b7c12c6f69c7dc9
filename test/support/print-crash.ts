// Child process for the printing crash test: prints a stored document through the app and dies
// (SIGKILL, no clean-up) either right after CUPS accepted the job or right before it is sent,
// so the parent can check that reopening the folder puts the job in the audit trail.
import { dispatch } from '../../src-main/services/api.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import { CupsPrinters, type PrinterPort } from '../../src-main/services/printing/index.js';

const [dataDir, documentId, moment] = process.argv.slice(2) as [string, string, 'after-submit' | 'before-submit'];
const cups = new CupsPrinters();
const dying: PrinterPort = {
  kind: 'cups',
  list: () => cups.list(),
  async print(file, options) {
    if (moment === 'before-submit') {
      process.stdout.write('dying before submit\n');
      process.kill(process.pid, 'SIGKILL');
    }
    const receipt = await cups.print(file, options);
    process.stdout.write(`submitted ${receipt.jobId} ${options.title}\n`);
    process.kill(process.pid, 'SIGKILL');
    return receipt;
  },
};
const app = await openApp({ dataDir, host: 'cli', actor: 'personal', demo: false, printers: dying });
await dispatch(app.handlers, 'printing.print', { id: documentId, printer: 'PDF', copies: 2 });
process.stdout.write('not killed\n');
