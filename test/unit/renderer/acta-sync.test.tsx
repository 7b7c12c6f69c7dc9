// @vitest-environment jsdom
// The acta tab while another laptop moves the acta on: when a sync brings changes, its status,
// actions and versions follow without reloading the page, and the open body is not read again
// unless the version or its mode changed.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createClient, type Transport } from '../../../src-renderer/api/client.js';
import { ClientContext } from '../../../src-renderer/app/client-context.js';
import { useSyncWatch } from '../../../src-renderer/app/sync-watch.js';
import { toBase64 } from '../../../src-renderer/kit/editor/base64.js';
import { ActaTab } from '../../../src-renderer/features/minutes/ActaTab.js';
import type { SessionDetail, SyncStatus } from '../../../src-shared/contract/index.js';

const SESSION = '01HZZZZZZZZZZZZZZZZZZZZZS1';
const DRAFT = '01HZZZZZZZZZZZZZZZZZZZZZD1';
const DRAFT2 = '01HZZZZZZZZZZZZZZZZZZZZZD2';

const status = (received: number): SyncStatus => ({
  configured: true,
  server: 'http://servidor',
  username: 'secretaria',
  displayName: null,
  commission: 'CMI',
  signedIn: true,
  online: true,
  pending: 0,
  lastSync: null,
  lastError: null,
  rejected: [],
  received,
  merges: [],
});

const minutes = (version: number, draftId: string, state: string) => ({ id: `01HZZZZZZZZZZZZZZZZZZZZZM${version}`, sessionId: SESSION, version, draftId, status: state, hlc: '0000000000000-0000-a' });

afterEach(cleanup);

describe('the acta tab when a sync brings another laptop\u2019s changes', () => {
  it('shows the new status, its actions and the new version without reloading the page', async () => {
    const body = new Y.Doc();
    body.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    let server = { versions: [minutes(1, DRAFT, 'borrador')], lockable: false };
    const draftsRead: string[] = [];
    const transport: Transport = async (name, args) => {
      if (name === 'minutes.get') return { ok: true, value: server };
      if (name === 'drafts.get') {
        draftsRead.push((args as { id: string }).id);
        return { ok: true, value: { id: (args as { id: string }).id, state: toBase64(Y.encodeStateAsUpdate(body)), seq: 1, locked: false } };
      }
      return { ok: false, error: { code: 'NOT_FOUND', message: 'No existe.' } };
    };
    useSyncWatch.getState().set(status(0));
    const detail = { session: { id: SESSION, key: 'IEM-CMI-SEORD-03/2023' } } as unknown as SessionDetail;
    render(
      <ClientContext.Provider value={createClient(transport)}>
        <ActaTab detail={detail} />
      </ClientContext.Provider>,
    );
    await screen.findByText('Borrador');
    expect(screen.getByRole('button', { name: 'Presentar como proyecto' })).toBeTruthy();
    expect(draftsRead).toEqual([DRAFT]);

    // Another laptop presented and then approved it: the tab follows, and offers to lock it.
    server = { versions: [minutes(1, DRAFT, 'aprobado')], lockable: true };
    act(() => useSyncWatch.getState().set(status(1)));
    await screen.findByText('Aprobada');
    expect(screen.getByRole('button', { name: 'Bloquear acta' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Presentar como proyecto' })).toBeNull();

    // A sync that changed something else: nothing is read again but the acta's record.
    const reads = draftsRead.length;
    act(() => useSyncWatch.getState().set(status(2)));
    await new Promise((r) => setTimeout(r, 50));
    expect(draftsRead).toHaveLength(reads);

    // A correction made elsewhere: version 2 and its body, and the earlier version listed.
    server = { versions: [minutes(2, DRAFT2, 'borrador'), minutes(1, DRAFT, 'firmado')], lockable: false };
    act(() => useSyncWatch.getState().set(status(3)));
    await screen.findByText(/Acta, versión 2/);
    await waitFor(() => expect(draftsRead.at(-1)).toBe(DRAFT2));
    expect(screen.getByText('Versiones anteriores: versión 1 (Firmada).')).toBeTruthy();
  });
});
