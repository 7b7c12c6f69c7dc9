import { useCallback, useRef, useState } from 'react';
import type { DraftState, GuidelineView } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { saveFile } from '../../api/download.js';
import { useClient } from '../../app/client-context.js';
import { useLive } from '../../app/useLive.js';
import { useOnSync } from '../../app/sync-watch.js';
import { href } from '../../app/router.js';
import { Badge, FormError, useAction } from '../../kit/index.js';
import { GuidelineEditor, type Focus } from './GuidelineEditor.js';
import { STATUS_LABEL, when } from './labels.js';
import { ReviewPanel } from './ReviewPanel.js';
import { RoundsTab } from './RoundsTab.js';
import { StatusPanel } from './StatusPanel.js';
import { DiffView, VersionsPanel, type Comparison } from './VersionsPanel.js';
import './guidelines.css';

const FAILURE = 'No se pudo cargar el lineamiento.';

type Tab = 'comentarios' | 'rondas' | 'versiones' | 'estado';
const TABS: [Tab, string][] = [
  ['comentarios', 'Comentarios'],
  ['rondas', 'Rondas de revisión'],
  ['versiones', 'Versiones'],
  ['estado', 'Estado'],
];

/** One guideline: the structured editor beside its comments, review rounds, versions and lifecycle. */
export function GuidelinePage({ id }: { id: string }) {
  const call = useClient();
  const [view, setView] = useState<GuidelineView | null>(null);
  const [draft, setDraft] = useState<DraftState | null>(null);
  const [tab, setTab] = useState<Tab>('comentarios');
  const [focus, setFocus] = useState<Focus>({ articleUid: null, articleLabel: null, quote: '' });
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const jumpRef = useRef<(uid: string) => void>(() => undefined);
  const action = useAction();
  /** Reloads the body too: after a restore or an accepted suggestion, the server changed it. */
  const { refresh: reloadBody, error, fail } = useLive(
    useCallback(async () => {
      const v = await call('guidelines.get', { id });
      setView(v);
      setDraft(await call('drafts.get', { id: v.guideline.draftId }));
    }, [call, id]),
    FAILURE,
  );
  const refresh = async () => {
    try {
      setView(await call('guidelines.get', { id }));
    } catch (e) {
      fail(messageOf(e, FAILURE));
    }
  };
  // Comments, status and problems another laptop changed; the open body takes merged edits itself.
  useOnSync(() => void refresh());
  if (error) return <p className="text-error" role="alert">{error}</p>;
  if (!view || !draft) return <p className="muted" role="status">Cargando…</p>;
  const g = view.guideline;
  const locked = g.status === 'publicado' || draft.locked;
  const exportAs = (format: 'pdf' | 'docx') =>
    action.run(async () => {
      const file = await call('guidelines.export', { id, format });
      saveFile(file.fileName, file.base64, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    });
  return (
    <div>
      <p>
        <a href={href('lineamientos')}>← Lineamientos</a>
      </p>
      <div className="page-header gl-header">
        <h1>{g.title}</h1>
        <div className="actions">
          <Badge tone={g.status}>{STATUS_LABEL[g.status]}</Badge>
          <span className="muted">
            {view.commission} · último cambio {when(g.updatedAt)} por {g.updatedBy}
          </span>
          <button type="button" className="button-ghost" onClick={() => exportAs('pdf')} disabled={action.busy}>
            Exportar PDF
          </button>
          <button type="button" className="button-ghost" onClick={() => exportAs('docx')} disabled={action.busy}>
            Exportar Word
          </button>
        </div>
      </div>
      <FormError error={action.error} />
      {locked && <p className="notice notice-info">Publicado: el texto está bloqueado y su PDF pasa a firma en Documentos.</p>}
      {view.problems.map((p) => (
        <p key={p} className="text-error" role="alert">
          {p}
        </p>
      ))}
      {comparison && <DiffView comparison={comparison} onClose={() => setComparison(null)} />}
      <div className="gl-layout">
        <GuidelineEditor
          key={`${draft.seq}-${locked}`}
          draftId={g.draftId}
          initial={draft.state}
          readOnly={locked}
          save={async (update) => {
            await call('drafts.append', { id: g.draftId, update });
            void refresh();
          }}
          onFocus={setFocus}
          onReady={(jump) => (jumpRef.current = jump)}
        />
        <aside className="gl-side">
          <div className="tabs" role="tablist" aria-label="Revisión">
            {TABS.map(([t, label]) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab tab-active' : 'tab'} onClick={() => setTab(t)}>
                {label}
              </button>
            ))}
          </div>
          {tab === 'comentarios' && <ReviewPanel view={view} focus={focus} locked={locked} onChange={setView} onBodyChange={reloadBody} jump={(uid) => jumpRef.current(uid)} />}
          {tab === 'rondas' && <RoundsTab view={view} locked={locked} onChange={setView} />}
          {tab === 'versiones' && <VersionsPanel view={view} locked={locked} onChange={setView} onBodyChange={reloadBody} onCompare={setComparison} />}
          {tab === 'estado' && <StatusPanel view={view} onChange={reloadBody} />}
        </aside>
      </div>
    </div>
  );
}

