import type { SignatureSummary } from '../../../src-shared/contract/index.js';
import { useUi } from '../../app/ui-store.js';
import { ReasonForm } from '../../kit/index.js';

/** An administrator unlocks a signature locked after five wrong PINs; the reason is audited. */
export function AdminUnlock({ target, onDone }: { target: Pick<SignatureSummary, 'id' | 'personName'>; onDone: () => void }) {
  const notify = useUi((s) => s.notify);
  return (
    <ReasonForm
      title={`Desbloquear la firma de ${target.personName}`}
      label="Motivo del desbloqueo"
      submit="Desbloquear firma"
      busyLabel="Desbloqueando…"
      call="signatures.unlock"
      args={(reason) => ({ id: target.id, reason })}
      onDone={() => {
        notify({ kind: 'ok', text: `Firma de ${target.personName} desbloqueada; el motivo quedó en la bitácora.` });
        onDone();
      }}
      onCancel={onDone}
    >
      <p className="muted">Se bloqueó tras cinco PIN incorrectos. Confirme en persona que es su titular antes de desbloquearla; el PIN no cambia.</p>
    </ReasonForm>
  );
}
