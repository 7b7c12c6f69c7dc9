import { messageOf } from '../../api/client.js';
import { useEffect, useState } from 'react';
import type { Commission, MemberRole } from '../../../src-shared/domain/index.js';
import { fileBase64 } from '../../api/files.js';
import { useClient } from '../../app/client-context.js';
import { CommissionSelect, FileField, FormActions, FormError, Saved, useAction } from '../../kit/index.js';

type MemberRow = { id?: string; title: string; name: string; role: MemberRole; roleLabel: string; from: string; to: string };
const ROLE_LABEL: Record<MemberRole, string> = { presidencia: 'Presidencia', integrante: 'Integrante', secretaria_tecnica: 'Secretaría Técnica' };

/** A commission's members (roles and periods), glossary and legal basis; the institute's letterhead. */
export function CommissionSettings({ commissions, commissionId }: { commissions: Commission[]; commissionId: string }) {
  const [id, setId] = useState(commissionId || commissions[0]?.id || '');
  const commission = commissions.find((c) => c.id === id);
  return (
    <div>
      <CommissionSelect inline commissions={commissions} value={id} onChange={(e) => setId(e.target.value)} />
      {commission && <CommissionForm key={commission.id} commission={commission} />}
      <InstituteForm />
    </div>
  );
}

function CommissionForm({ commission }: { commission: Commission }) {
  const call = useClient();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const [members, setMembers] = useState<MemberRow[]>(commission.members.map((m) => ({ ...m, from: m.from ?? '', to: m.to ?? '' })));
  const [glossary, setGlossary] = useState(commission.glossary.map((g) => `${g.term}: ${g.definition}`).join('\n'));
  const [legal, setLegal] = useState(commission.legalBasis.join('\n'));
  const edit = (i: number, patch: Partial<MemberRow>) => setMembers((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void action.run(async () => {
      await call('commissions.save', {
        id: commission.id,
        members: members.map(({ id, from, to, ...m }) => ({ ...m, ...(id ? { id } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) })),
        glossary: glossary
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const at = l.indexOf(':');
            return at > 0 ? { term: l.slice(0, at).trim(), definition: l.slice(at + 1).trim() } : { term: l, definition: '' };
          }),
        legalBasis: legal
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      });
      setSaved(true);
    });
  };
  return (
    <form className="card" onSubmit={save} aria-label="Integrantes de la comisión">
      <h2>Integrantes</h2>
      <table className="table members-table">
        <thead>
          <tr>
            <th scope="col">Título</th>
            <th scope="col">Nombre</th>
            <th scope="col">Función</th>
            <th scope="col">Cargo como se imprime</th>
            <th scope="col">Desde</th>
            <th scope="col">Hasta</th>
            <th scope="col">
              <span className="sr-only">Quitar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m, i) => (
            <tr key={m.id ?? `nuevo-${i}`}>
              <td>
                <input aria-label="Título" size={6} value={m.title} onChange={(e) => edit(i, { title: e.target.value })} />
              </td>
              <td>
                <input aria-label="Nombre" value={m.name} onChange={(e) => edit(i, { name: e.target.value })} />
              </td>
              <td>
                <select aria-label="Función" value={m.role} onChange={(e) => edit(i, { role: e.target.value as MemberRole })}>
                  {(Object.keys(ROLE_LABEL) as MemberRole[]).map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input aria-label="Cargo como se imprime" value={m.roleLabel} onChange={(e) => edit(i, { roleLabel: e.target.value })} />
              </td>
              <td>
                <input aria-label="Desde" type="date" value={m.from} onChange={(e) => edit(i, { from: e.target.value })} />
              </td>
              <td>
                <input aria-label="Hasta" type="date" value={m.to} onChange={(e) => edit(i, { to: e.target.value })} />
              </td>
              <td>
                <button type="button" className="button-ghost" onClick={() => setMembers((rows) => rows.filter((_, j) => j !== i))}>
                  Quitar
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button-ghost" onClick={() => setMembers((rows) => [...rows, { title: '', name: '', role: 'integrante', roleLabel: 'CONSEJERA INTEGRANTE', from: '', to: '' }])}>
          Agregar integrante
        </button>
      </div>
      <label className="field">
        <span>Glosario (un término por renglón: «Término: definición»)</span>
        <textarea rows={4} value={glossary} onChange={(e) => setGlossary(e.target.value)} />
      </label>
      <label className="field">
        <span>Fundamento legal (un ordenamiento o artículo por renglón)</span>
        <textarea rows={4} value={legal} onChange={(e) => setLegal(e.target.value)} />
      </label>
      <FormActions submit="Guardar comisión" busy={action.busy}>
        {saved && <Saved>Comisión guardada.</Saved>}
        <FormError error={action.error} />
      </FormActions>
    </form>
  );
}

function InstituteForm() {
  const call = useClient();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const [logo, setLogo] = useState<File | null>(null);
  const [loadError, setLoadError] = useState('');
  const [v, setV] = useState<{ name: string; acronym: string; website: string; city: string; offices: { title: string; address: string }[] } | null>(null);
  useEffect(() => {
    call('institute.get', {}).then(
      (i) => setV({ name: i.name, acronym: i.acronym, website: i.website, city: i.city, offices: i.offices }),
      (e: unknown) => setLoadError(messageOf(e, 'No se pudieron cargar los datos del instituto.')),
    );
  }, [call]);
  if (loadError) return <p className="text-error" role="alert">{loadError}</p>;
  if (!v) return null;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void action.run(async () => {
      await call('institute.save', { ...v, ...(logo ? { logo: await fileBase64(logo) } : {}) });
      setSaved(true);
    });
  };
  return (
    <form className="card" onSubmit={save} aria-label="Instituto">
      <h2>Instituto (membrete de convocatorias y actas)</h2>
      <div className="form-row">
        <label className="field">
          <span>Nombre</span>
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Siglas</span>
          <input value={v.acronym} onChange={(e) => setV({ ...v, acronym: e.target.value })} />
        </label>
        <label className="field">
          <span>Ciudad</span>
          <input value={v.city} onChange={(e) => setV({ ...v, city: e.target.value })} />
        </label>
        <label className="field">
          <span>Sitio web</span>
          <input value={v.website} onChange={(e) => setV({ ...v, website: e.target.value })} />
        </label>
      </div>
      {v.offices.map((o, i) => (
        <div key={i} className="form-row">
          <label className="field">
            <span>Oficina</span>
            <input value={o.title} onChange={(e) => setV({ ...v, offices: v.offices.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} />
          </label>
          <label className="field">
            <span>Dirección</span>
            <input value={o.address} onChange={(e) => setV({ ...v, offices: v.offices.map((x, j) => (j === i ? { ...x, address: e.target.value } : x)) })} />
          </label>
        </div>
      ))}
      <FileField label="Logotipo (PNG o JPEG)" accept=".png,.jpg,.jpeg" onFile={setLogo} />
      <FormActions submit="Guardar instituto" busy={action.busy}>
        {saved && <Saved>Datos del instituto guardados.</Saved>}
        <FormError error={action.error} />
      </FormActions>
    </form>
  );
}
