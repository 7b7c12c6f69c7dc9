import { useState } from 'react';
import type { SignatureSummary } from '../../../src-shared/contract/index.js';
import { SIGNATURE_SOURCE_LABEL, SIGNATURE_STATUS_LABEL, SIGNATURE_USE_LABEL } from '../../../src-shared/format.js';
import { useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { ChoiceButtons, DataTable, statusColumn, type Column } from '../../kit/index.js';
import { ChangePin } from './ChangePin.js';
import { Enroll } from './Enroll.js';
import { FreshSignature } from './FreshSignature.js';
import { ImportSignatures } from './ImportSignatures.js';
import { PinNotice } from './PinNotice.js';
import { SignedDocument, type Signed } from './SignedDocument.js';
import { UseSignature } from './UseSignature.js';
import { AdminUnlock } from './AdminUnlock.js';
import { isAdmin, useSession } from '../identity/session-store.js';

type Target = { id: string; personName: string };
const MODES = [
  ['enroll', 'Registrar firma'],
  ['import', 'Importar firmas anteriores'],
  ['fresh', 'Firmar un acuse con una captura nueva'],
] as const;

/** The enrolled signatures, and the ways in: enrol, import, a one-off capture, use, change PIN. */
export function SignatureList() {
  const [list, retry] = useLoad((call) => call('signatures.list', {}), []);
  const [mode, setMode] = useState<'list' | 'enroll' | 'import' | 'fresh'>('list');
  const [using, setUsing] = useState<Target | null>(null);
  const [used, setUsed] = useState<Signed | null>(null);
  const [changing, setChanging] = useState<Target | null>(null);
  const [unlocking, setUnlocking] = useState<Target | null>(null);
  const admin = isAdmin(useSession((s) => s.status));
  // A dialog that changed a signature closes and the list shows the change.
  const closeAndRetry = (close: (target: null) => void) => () => {
    close(null);
    retry();
  };
  const done = () => {
    setMode('list');
    retry();
  };
  if (mode === 'enroll') return <Enroll onDone={done} onCancel={() => setMode('list')} />;
  if (mode === 'import') return <ImportSignatures onDone={done} />;
  if (mode === 'fresh') return <FreshSignature onCancel={() => setMode('list')} />;
  const columns: Column<SignatureSummary>[] = [
    { key: 'person', header: 'Persona', cell: (s) => s.personName },
    { key: 'use', header: 'Tipo', cell: (s) => SIGNATURE_USE_LABEL[s.use] },
    { key: 'source', header: 'Origen', cell: (s) => SIGNATURE_SOURCE_LABEL[s.source] },
    { key: 'strokes', header: 'Trazos', cell: (s) => s.strokeCount },
    { key: 'uses', header: 'Usos', cell: (s) => s.useCount },
    statusColumn<SignatureSummary>(SIGNATURE_STATUS_LABEL, (s) => s.needsNewPin && <span className="muted"> Requiere PIN nuevo de 6 dígitos</span>),
    {
      key: 'actions',
      header: 'Acciones',
      hiddenHeader: true,
      cellClassName: 'row-actions',
      cell: (s) => (
        <>
          <button type="button" className="button-ghost" disabled={s.status !== 'activa' || s.needsNewPin} onClick={() => setUsing(s)}>
            Usar en documento
          </button>
          <button type="button" className="button-ghost" disabled={s.status !== 'activa'} onClick={() => setChanging(s)}>
            Cambiar PIN
          </button>
          {admin && s.status === 'bloqueada' && (
            <button type="button" className="button-ghost" onClick={() => setUnlocking(s)}>
              Desbloquear
            </button>
          )}
        </>
      ),
    },
  ];
  return (
    <>
      <ChoiceButtons choices={MODES} onPick={setMode} />
      <Status data={list} retry={retry}>
        {(signatures) => (
          <DataTable rows={signatures} columns={columns} rowKey={(s) => s.id} middle empty="Aún no hay firmas registradas." />
        )}
      </Status>
      {unlocking && <AdminUnlock target={unlocking} onDone={closeAndRetry(setUnlocking)} />}
      {using && (
        <UseSignature
          target={using}
          onClose={() => setUsing(null)}
          onUsed={(u) => {
            setUsing(null);
            setUsed(u);
            retry();
          }}
        />
      )}
      {used && <SignedDocument signed={used} />}
      {changing && <ChangePin target={changing} onClose={closeAndRetry(setChanging)} />}
      <PinNotice />
    </>
  );
}
