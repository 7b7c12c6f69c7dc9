import type { Client } from '../api/client.js';
import { useLoad, type Loadable } from './client-context.js';

/** Loading and error states, the same on every screen. */
export function Status<T>({ data, retry, children }: { data: Loadable<T>; retry: () => void; children: (value: T) => React.ReactNode }) {
  if (data.state === 'loading') return <p className="muted" role="status">Cargando…</p>;
  if (data.state === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <span>{data.message}</span>
        <button type="button" className="button" onClick={retry}>
          Reintentar
        </button>
      </div>
    );
  }
  return <>{children(data.value)}</>;
}

/** Loads with `load` and shows the result once ready, with the same loading and error states. */
export function Loaded<T>({
  load,
  deps = [],
  children,
}: {
  load: (client: Client) => Promise<T>;
  deps?: unknown[];
  children: (value: T, reload: () => void) => React.ReactNode;
}) {
  const [data, retry] = useLoad(load, deps);
  return (
    <Status data={data} retry={retry}>
      {(value) => children(value, retry)}
    </Status>
  );
}
