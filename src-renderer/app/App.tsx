import type { ReactElement } from 'react';
import { ArchiveDocumentPage } from '../features/archive/ArchiveDocumentPage.js';
import { ArchivePage } from '../features/archive/ArchivePage.js';
import { PrintCheckPage } from '../features/printcheck/PrintCheckPage.js';
import { DocumentDetailPage } from '../features/documents/DocumentDetailPage.js';
import { DocumentsPage } from '../features/documents/DocumentsPage.js';
import { ActivitiesPage } from '../features/activities/ActivitiesPage.js';
import { GuidelinePage } from '../features/guidelines/GuidelinePage.js';
import { GuidelinesPage } from '../features/guidelines/GuidelinesPage.js';
import { Placeholder } from '../features/placeholder/Placeholder.js';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { SessionDetailPage } from '../features/sessions/SessionDetailPage.js';
import { SessionsPage } from '../features/sessions/SessionsPage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import { SignaturesPage } from '../features/signatures/SignaturesPage.js';
import { UserBadge } from '../features/identity/AuthGate.js';
import { PeoplePage } from '../features/identity/PeoplePage.js';
import { href, useRoute } from './router.js';
import { useUi } from './ui-store.js';

const NAV = [
  { id: 'sesiones', label: 'Sesiones' },
  { id: 'actividades', label: 'Actividades' },
  { id: 'informes', label: 'Informes' },
  { id: 'lineamientos', label: 'Lineamientos' },
  { id: 'firmas', label: 'Firmas' },
  { id: 'documentos', label: 'Documentos' },
  { id: 'personas', label: 'Personas' },
  { id: 'archivo', label: 'Archivo' },
  { id: 'comprobar', label: 'Comprobar copia impresa' },
  { id: 'ajustes', label: 'Ajustes' },
] as const;

export function App() {
  const [section = 'sesiones', id] = useRoute();
  const notice = useUi((s) => s.notice);
  const dismiss = useUi((s) => s.dismiss);
  return (
    <div className="shell">
      <nav className="nav" aria-label="Secciones">
        <div className="brand">Sesiona</div>
        {NAV.map((item) => (
          <a key={item.id} href={href(item.id)} className="nav-link" aria-current={section === item.id ? 'page' : undefined}>
            {item.label}
          </a>
        ))}
        <UserBadge />
      </nav>
      <main className="content">
        {notice && (
          <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            <span>{notice.text}</span>
            <button type="button" className="button-ghost" onClick={dismiss}>
              Cerrar
            </button>
          </div>
        )}
        <Page section={section} id={id} />
      </main>
    </div>
  );
}

type PageFor = (id: string | undefined) => ReactElement;

/** Each section's list page, and its detail page where a section has one. */
const PAGES: Record<string, PageFor> = {
  sesiones: (id) => (id ? <SessionDetailPage id={id} /> : <SessionsPage />),
  actividades: () => <ActivitiesPage />,
  informes: () => <ReportsPage />,
  ajustes: () => <SettingsPage />,
  lineamientos: (id) => (id ? <GuidelinePage id={id} /> : <GuidelinesPage />),
  firmas: () => <SignaturesPage />,
  personas: () => <PeoplePage />,
  archivo: (id) => (id ? <ArchiveDocumentPage id={id} /> : <ArchivePage />),
  comprobar: () => <PrintCheckPage />,
  documentos: (id) => (id ? <DocumentDetailPage id={id} /> : <DocumentsPage />),
};

function Page({ section, id }: { section: string; id: string | undefined }) {
  const page = Object.hasOwn(PAGES, section) ? PAGES[section] : undefined;
  return page ? page(id) : <Placeholder title="Página no encontrada" text="La dirección solicitada no corresponde a ninguna sección de Sesiona." />;
}
