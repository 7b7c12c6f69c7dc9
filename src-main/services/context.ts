import type { Account } from '../../src-shared/domain/index.js';
import type { CallName } from '../../src-shared/contract/names.js';
import type { ParsedArgsOf, ResultOf } from '../../src-shared/contract/calls.js';
import { newId } from '../../src-shared/ids.js';
import type { VaultKey } from './keystore/vault-key.js';
import { armChainHeadSigning } from './settings/settings.js';
import { BatchJobs } from './signatures/batch-jobs.js';
import type { Store } from './store/store.js';

/** Everything a handler may use: one shape for every call, built once per open app. */
export interface ServiceContext {
  readonly store: Store;
  readonly vault: VaultKey;
  readonly host: 'electron' | 'web' | 'cli';
  /** Who the changes are attributed to in the audit log: the signed-in account, else the OS user. */
  readonly actor: string;
  /** The account signed in on this laptop (Electron, web host) or named with --user (CLI). */
  session: SignedIn | null;
  /** Screens must sign in before any change; the CLI may write as the OS user. */
  readonly requireSignIn: boolean;
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
  /** Background batch-stamping jobs of this process. */
  readonly batches: BatchJobs;
  /**
   * When set, calls the contract marks `mutates` are refused with this (Spanish) reason:
   * the app is closing, and nothing may be written after the store lets go of its folder.
   */
  readOnly: string | null;
}

export interface SignedIn {
  accountId: string;
  username: string;
  personId: string | null;
  roles: Account['roles'];
}

export interface ContextOptions {
  store: Store;
  vault: VaultKey;
  host: 'electron' | 'web' | 'cli';
  /** The OS user at this host: the actor when nobody is signed in (CLI). */
  actor: string;
  requireSignIn?: boolean;
  clock?: ServiceContext['clock'];
  ids?: ServiceContext['ids'];
}

export function createServiceContext(options: ContextOptions): ServiceContext {
  // Checkpoints sign the audit chain head with the office seal when the vault is already open.
  void armChainHeadSigning(options.store, options.vault).catch(() => undefined);
  return {
    store: options.store,
    vault: options.vault,
    host: options.host,
    get actor() {
      return this.session ? this.session.username : options.actor;
    },
    session: null,
    requireSignIn: options.requireSignIn ?? false,
    clock: options.clock ?? { now: () => new Date() },
    ids: options.ids ?? { next: () => newId() },
    batches: new BatchJobs(options.store, options.vault),
    readOnly: null,
  };
}

/** One call's implementation: the context and the arguments already parsed by the contract. */
export type Handler<K extends CallName> = (ctx: ServiceContext, args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;

/** A feature's handler module: exactly the calls its contract module declares. */
export type FeatureHandlers<K extends CallName> = { [P in K]: Handler<P> };
