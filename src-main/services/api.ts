import type { z } from 'zod';
import { contract, type ParsedArgsOf, type ResultOf } from '../../src-shared/contract/calls.js';
import { AppError, type Reply } from '../../src-shared/contract/errors.js';
import { callNames, type CallName } from '../../src-shared/contract/names.js';
import { parseArgs } from '../../src-shared/contract/parse.js';
import { refreshSession, refuseOutOfScope } from './accounts/authorize.js';
import { activitiesHandlers } from './activities/handlers.js';
import { commissionsHandlers } from './commissions/handlers.js';
import { draftsHandlers } from './drafts/handlers.js';
import { guidelinesHandlers } from './guidelines/handlers.js';
import { minutesHandlers } from './minutes/handlers.js';
import { agendaHandlers } from './sessions/agenda-handlers.js';
import { appHandlers } from './app/handlers.js';
import { archiveHandlers } from './archive/handlers.js';
import { auditHandlers } from './audit/handlers.js';
import { certificatesHandlers } from './certificates/handlers.js';
import { createServiceContext, type ContextOptions, type FeatureHandlers, type ServiceContext } from './context.js';
import { documentsHandlers } from './documents/handlers.js';
import { keystoreHandlers } from './keystore/handlers.js';
import { peopleHandlers } from './people/handlers.js';
import { printingHandlers } from './printing/handlers.js';
import { reportsHandlers } from './reports/handlers.js';
import { sessionsHandlers } from './sessions/handlers.js';
import { settingsHandlers } from './settings/handlers.js';
import { signaturesHandlers } from './signatures/handlers.js';
import { syncHandlers } from './sync/handlers.js';

export { createServiceContext, type ServiceContext } from './context.js';

/** Every call of the contract, merged from the features' handler modules. Nothing else lives here. */
export const featureHandlers = {
  ...appHandlers,
  ...auditHandlers,
  ...sessionsHandlers,
  ...agendaHandlers,
  ...minutesHandlers,
  ...draftsHandlers,
  ...guidelinesHandlers,
  ...commissionsHandlers,
  ...activitiesHandlers,
  ...keystoreHandlers,
  ...signaturesHandlers,
  ...documentsHandlers,
  ...certificatesHandlers,
  ...settingsHandlers,
  ...peopleHandlers,
  ...archiveHandlers,
  ...printingHandlers,
  ...reportsHandlers,
  ...syncHandlers,
} satisfies FeatureHandlers<CallName>;

/** The handlers bound to one open app's context: what every transport dispatches to. */
export type Handlers = { [K in CallName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> };

const contexts = new WeakMap<Handlers, ServiceContext>();

export function createHandlers(options: ContextOptions | ServiceContext): Handlers {
  const ctx = 'batches' in options ? options : createServiceContext(options);
  const bound = Object.fromEntries(
    callNames.map((name) => [name, (args: unknown) => (featureHandlers[name] as (c: ServiceContext, a: unknown) => unknown)(ctx, args)]),
  ) as Handlers;
  contexts.set(bound, ctx);
  return bound;
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (callNames as readonly string[]).includes(name);
}

/**
 * The generic entry point every transport uses (IPC, HTTP, tests): checks the call name,
 * validates the arguments with the contract's schema, refuses changes while the app is
 * read-only, maps any failure to {code, message}.
 */
export async function dispatch(handlers: Handlers, name: unknown, rawArgs: unknown): Promise<Reply<unknown>> {
  try {
    if (!isCallName(name)) throw new AppError('UNKNOWN_CALL', 'La operación solicitada no existe.');
    const ctx = contexts.get(handlers);
    if (ctx) {
      refreshSession(ctx);
      refuseOutOfScope(ctx, name);
    }
    const spec = contract[name];
    const args = parseArgs(spec.args as z.ZodType, rawArgs);
    if (spec.mutates && ctx?.readOnly) throw new AppError('READ_ONLY', ctx.readOnly);
    // Every change on a screen is attributed to a signed-in account; only the first-run screen comes before one exists.
    if (spec.mutates && ctx?.requireSignIn && !ctx.session && name !== 'auth.setup') {
      throw new AppError('UNAUTHORIZED', 'Inicie sesión para continuar.');
    }
    const handler = handlers[name] as (a: unknown) => unknown;
    return { ok: true, value: await handler(args) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
    console.error(`[sesiona] ${String(name)} failed:`, e);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Ocurrió un error interno; la operación no se completó y no se guardó nada.' },
    };
  }
}
