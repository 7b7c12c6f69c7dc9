import { href } from './router.js';

/** "← Documentos": back from a record to its list. */
export function BackLink({ section, children }: { section: string; children: string }) {
  return (
    <a className="back" href={href(section)}>
      ← {children}
    </a>
  );
}
