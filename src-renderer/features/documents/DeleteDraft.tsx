import type { DeletedDraft } from '../../../src-shared/contract/index.js';
import { useUi } from '../../app/ui-store.js';
import { ReasonForm } from '../../kit/index.js';
import { canEditPeople, useSession } from '../identity/session-store.js';

interface Props {
  kind: DeletedDraft['kind'];
  id: string;
  title: string;
  /** Once the draft is gone: back to a list, or a reload of the screen. */
  onDeleted: () => void;
  onCancel: () => void;
}

/**
 * Deleting a draft (a document never locked, an acta or a lineamiento in borrador): the second
 * step, where the secretary confirms with a reason. The draft leaves every list; the audit log
 * keeps who, when and why.
 */
export function DeleteDraft({ kind, id, title, onDeleted, onCancel }: Props) {
  const notify = useUi((s) => s.notify);
  return (
    <ReasonForm
      title={`¿Eliminar el borrador «${title}»?`}
      label="Motivo de la eliminación"
      submit="Sí, eliminar borrador"
      busyLabel="Eliminando…"
      call="drafts.delete"
      args={(reason) => ({ kind, id, reason, confirm: true })}
      onDone={() => {
        notify({ kind: 'ok', text: `Borrador «${title}» eliminado; quién, cuándo y por qué quedó en la bitácora.` });
        onDeleted();
      }}
      onCancel={onCancel}
    >
      <p>
        <strong>El borrador desaparecerá de las listas y no podrá recuperarse desde la aplicación.</strong> Un documento bloqueado o
        firmado nunca se elimina.
      </p>
    </ReasonForm>
  );
}

/** "Eliminar borrador", shown only to the secretary and the administration. */
DeleteDraft.Button = function DeleteDraftButton({ onClick }: { onClick: () => void }) {
  const status = useSession((s) => s.status);
  if (!canEditPeople(status)) return null;
  return (
    <button type="button" className="button-ghost" onClick={onClick}>
      Eliminar borrador
    </button>
  );
};
