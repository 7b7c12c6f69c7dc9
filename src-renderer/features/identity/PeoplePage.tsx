import { useState } from 'react';
import type { PersonView } from '../../../src-shared/contract/index.js';
import { seatPeriodText } from '../../../src-shared/format.js';
import { useClient, useLoad } from '../../app/client-context.js';
import { useUi } from '../../app/ui-store.js';
import { DataTable, Field, FormActions, FormError, useForm } from '../../kit/index.js';
import { AccountsSection } from './AccountsSection.js';
import { MembershipForm } from './MembershipForm.js';
import { canEditPeople, isAdmin, useSession } from './session-store.js';

const display = (p: Pick<PersonView, 'title' | 'name'>) => `${p.title} ${p.name}`.trim();

/** People as the documents print them, their RFC and CURP, and their seats on commissions. */
export function PeoplePage() {
  const status = useSession((s) => s.status);
  const [people, reload] = useLoad((c) => c('people.list', {}), []);
  const [editing, setEditing] = useState<PersonView | 'new' | null>(null);
  const editor = canEditPeople(status);
  const list = people.state === 'ready' ? people.value : [];
  return (
    <>
      <div className="page-header">
        <h1>Personas</h1>
        {editor && (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Agregar persona
          </button>
        )}
      </div>
      <p className="muted">Cada firma en un acta debe ser de la persona impresa bajo su recuadro: su certificado se compara con el RFC (o la CURP) registrado aquí.</p>
      {editing && (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          person={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {people.state === 'error' && <p className="text-error">{people.message}</p>}
      <DataTable
        rows={list}
        rowKey={(p) => p.id}
        middle
        empty="Aún no hay personas registradas."
        columns={[
          { key: 'name', header: 'Nombre', cell: (p) => display(p) },
          { key: 'rfc', header: 'RFC', cellClassName: 'mono', cell: (p) => p.rfc ?? <span className="text-error">Sin RFC</span> },
          { key: 'curp', header: 'CURP', cellClassName: 'mono', cell: (p) => p.curp ?? '—' },
          {
            key: 'seats',
            header: 'Comisiones',
            cell: (p) =>
              p.memberships.length
                ? p.memberships.map((m) => (
                    <div key={m.memberId}>
                      {m.commissionAcronym}: {m.roleLabel}
                      {seatPeriodText(m)}
                    </div>
                  ))
                : '—',
          },
          editor && {
            key: 'edit',
            header: 'Editar',
            hiddenHeader: true,
            cell: (p) => (
              <button type="button" className="button-ghost" onClick={() => setEditing(p)} aria-label={`Editar a ${display(p)}`}>
                Editar
              </button>
            ),
          },
        ]}
      />
      {isAdmin(status) || canEditPeople(status) ? <AccountsSection people={list} /> : null}
    </>
  );
}

function PersonForm({ person, onDone }: { person: PersonView | null; onDone: () => void }) {
  const call = useClient();
  const notify = useUi((s) => s.notify);
  const form = useForm({ title: person?.title ?? '', name: person?.name ?? '', rfc: person?.rfc ?? '', curp: person?.curp ?? '', email: person?.email ?? '' });
  const save = form.submit(async () => {
    const args = form.check('people.save', { ...(person ? { id: person.id } : {}), ...form.values });
    if (!args) return;
    const saved = await call('people.save', args);
    notify({ kind: 'ok', text: `Datos de ${display(saved)} guardados.` });
    onDone();
  });
  return (
    <div className="card">
      <form onSubmit={save}>
        <h2>{person ? `Editar a ${display(person)}` : 'Nueva persona'}</h2>
        <div className="form-row">
          <Field label="Título (LICDA., MTRA., DR.)" {...form.field('title')} />
          <Field label="Nombre como se imprime" {...form.field('name')} />
        </div>
        <div className="form-row">
          <Field label="RFC" autoCapitalize="characters" placeholder="13 caracteres, como GUCA750312AB3" {...form.field('rfc')} />
          <Field label="CURP" autoCapitalize="characters" placeholder="18 caracteres" {...form.field('curp')} />
          <Field label="Correo electrónico" type="email" {...form.field('email')} />
        </div>
        <FormError error={form.error} />
        <FormActions submit="Guardar" busy={form.busy} busyLabel="Guardando…" onCancel={onDone} />
      </form>
      {person && <MembershipForm person={person} onDone={onDone} />}
    </div>
  );
}
