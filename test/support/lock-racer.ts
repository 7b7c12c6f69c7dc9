// Child process for the lock race test: on the parent's word, tries to take the stale lock of
// each folder in turn and keeps every lock it wins until it exits, printing "won <i>" for each.
import { acquireLock } from '../../src-main/services/store/lock.js';

const dirs = process.argv.slice(2);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const held: (() => Promise<void>)[] = [];
for (const [i, dir] of dirs.entries()) {
  try {
    held.push(await acquireLock(`${dir}/sesiona.lock`));
    process.stdout.write(`won ${i}\n`);
  } catch (e) {
    if (!/en uso/.test((e as Error).message)) throw e;
  }
}
process.stdout.write('done\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (const release of held) await release();
