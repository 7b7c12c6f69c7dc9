import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { engineFor } from './registry.js';

/** Focus events come often; a round on focus at most this often. */
const FOCUS_MIN_INTERVAL_MS = 20_000;
let lastFocusRound = 0;

export const syncHandlers = {
  'sync.status': async ({ store, vault }) => (await engineFor(store, vault)).status(),
  'sync.signIn': async ({ store, vault, host }, args) => {
    const engine = await engineFor(store, vault);
    const status = await engine.signIn(args.server, args.username, args.password, args.commission);
    if (host !== 'cli') engine.startBackground();
    return status;
  },
  'sync.signOut': async ({ store, vault }) => (await engineFor(store, vault)).signOut(),
  'sync.now': async ({ store, vault, host }, args) => {
    const engine = await engineFor(store, vault);
    if (args.reason !== 'button') {
      // Focus and start are best effort: the status shows an error, the screen is not interrupted.
      if (!engine.configured || Date.now() - lastFocusRound < FOCUS_MIN_INTERVAL_MS) return { pushed: 0, pulled: 0, rejected: [], status: engine.status() };
      lastFocusRound = Date.now();
      const report = await engine.sync().catch(() => ({ pushed: 0, pulled: 0, rejected: [] }));
      if (host !== 'cli') engine.startBackground();
      return { pushed: report.pushed, pulled: report.pulled, rejected: report.rejected, status: engine.status() };
    }
    const report = await engine.sync();
    // The CLI (and tests through it) sync only when asked; screens keep syncing in the background.
    if (host !== 'cli') engine.startBackground();
    return { pushed: report.pushed, pulled: report.pulled, rejected: report.rejected, status: engine.status() };
  },
} satisfies FeatureHandlers<FeatureCalls['sync']>;
