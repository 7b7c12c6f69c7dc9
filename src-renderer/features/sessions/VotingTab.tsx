import { useState } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import { agendaOrdinal } from '../../../src-shared/format.js';
import { BALLOT_LABEL, votes, type Ballot } from '../../../src-shared/sessions/voting.js';
import { useClient } from '../../app/client-context.js';
import { Field, FormError, useAction } from '../../kit/index.js';

const RESULT_LABEL = { unanimidad: 'Aprobado por unanimidad', mayoria: 'Aprobado por mayoría', rechazado: 'Rechazado' } as const;
const BALLOTS: Ballot[] = ['a_favor', 'en_contra', 'abstencion'];

/** Attendance, quorum, each member's vote per item, the result, and the secretary's notes: large targets for live use. */
export function VotingTab({ detail, refresh }: { detail: SessionDetail; refresh: () => Promise<void> }) {
  const call = useClient();
  const { session, commission, quorum } = detail;
  const action = useAction();
  const present = new Set(session.attendance.filter((a) => a.present).map((a) => a.memberId));
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await refresh();
    });
  const voters = commission.members.filter(votes);
  return (
    <div className="live">
      <FormError error={action.error} />
      <h2>Asistencia</h2>
      <div className="attendance">
        {commission.members.map((m) => {
          const here = present.has(m.id);
          return (
            <button
              key={m.id}
              type="button"
              className={here ? 'big-toggle on' : 'big-toggle'}
              aria-pressed={here}
              onClick={() => act(() => call('sessions.attendance', { id: session.id, memberId: m.id, present: !here }))}
            >
              <span className="big-name">
                {m.title} {m.name}
              </span>
              <span className="big-role">{m.roleLabel}</span>
              <span className="big-state">{here ? 'Presente' : 'Ausente'}</span>
            </button>
          );
        })}
      </div>
      <p className={quorum.met ? 'text-ok' : 'text-error'} role="status">
        {quorum.met
          ? `Hay quórum: ${quorum.present} de ${quorum.voters} integrantes con voto (se necesitan ${quorum.required}).`
          : `Sin quórum: ${quorum.present} de ${quorum.voters} integrantes con voto; se necesitan ${quorum.required}.`}
      </p>
      <h2>Votación por punto</h2>
      {session.agenda.map((item, i) => {
        const r = detail.results[item.id];
        return (
          <section key={item.id} className="card vote-card" aria-label={`Votación del punto ${agendaOrdinal(i, session.agenda.length)}`}>
            <h3>
              {agendaOrdinal(i, session.agenda.length)}. {item.text}
            </h3>
            {voters.map((m) => {
              const mine = session.ballots.find((b) => b.agendaItemId === item.id && b.memberId === m.id)?.ballot;
              return (
                <div key={m.id} className="vote-row" role="group" aria-label={`Voto de ${m.name}`}>
                  <span className="vote-name">{m.name}</span>
                  {BALLOTS.map((b) => (
                    <button
                      key={b}
                      type="button"
                      className={mine === b ? 'vote-button on' : 'vote-button'}
                      aria-pressed={mine === b}
                      onClick={() => act(() => call('sessions.vote', { id: session.id, agendaItemId: item.id, memberId: m.id, ballot: b }))}
                    >
                      {BALLOT_LABEL[b]}
                    </button>
                  ))}
                </div>
              );
            })}
            <p className={r && 'result' in r ? (r.result === 'rechazado' ? 'text-error' : 'text-ok') : 'muted'} role="status">
              {r && 'result' in r ? `${RESULT_LABEL[r.result]}: ${r.inFavor} a favor, ${r.against} en contra, ${r.abstentions} abstenciones.` : (r?.pending ?? '')}
            </p>
            <Notes
              initial={item.notes}
              label={`Notas de la Secretaría Técnica — ${agendaOrdinal(i, session.agenda.length)}`}
              save={(notes) => act(() => call('agenda.notes', { sessionId: session.id, itemId: item.id, notes }))}
            />
          </section>
        );
      })}
    </div>
  );
}

function Notes({ initial, label, save }: { initial: string; label: string; save: (notes: string) => Promise<void> }) {
  const [text, setText] = useState(initial);
  return (
    <Field label={label}>
      <textarea value={text} rows={3} onChange={(e) => setText(e.target.value)} onBlur={() => text !== initial && void save(text)} />
    </Field>
  );
}
