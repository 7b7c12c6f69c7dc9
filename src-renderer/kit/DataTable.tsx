import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** On the header and the cells (e.g. "num" for right-aligned figures). */
  className?: string;
  /** On the cells only (e.g. "mono" for certificate numbers), or per row (a planned month shaded). */
  cellClassName?: string | ((row: T) => string | undefined);
  /** Header read by screen readers but not shown (a column of buttons). */
  hiddenHeader?: boolean;
}

interface Props<T> {
  rows: readonly T[];
  /** `false` entries are columns shown only sometimes: `editable && column`. */
  columns: readonly (Column<T> | false)[];
  rowKey: (row: T, index: number) => string;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
  /** Cells centred vertically: rows with buttons. */
  middle?: boolean;
}

export function DataTable<T>({ rows, columns, rowKey, empty, middle }: Props<T>) {
  if (rows.length === 0 && empty) return <p className="muted">{empty}</p>;
  const shown = columns.filter((c): c is Column<T> => c !== false);
  const cls = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ') || undefined;
  return (
    <table className={middle ? 'table table-middle' : 'table'}>
      <thead>
        <tr>
          {shown.map((c) => (
            <th key={c.key} scope="col" className={c.className}>
              {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)}>
            {shown.map((c) => (
              <td key={c.key} className={cls(c.className, typeof c.cellClassName === 'function' ? c.cellClassName(row) : c.cellClassName)}>
                {c.cell(row, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A status shown in words; `tone` picks the colour (the stored value), `children` the Spanish label. */
export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A row's way to its own page (the key column). */
export function RowLink({ to, plain, children }: { to: string; plain?: boolean; children: ReactNode }) {
  return (
    <a className={plain ? 'row-link row-link-text' : 'row-link'} href={to}>
      {children}
    </a>
  );
}

/** The "Estado" column: the row's status in Spanish on its colour, then any notes about it. */
export function statusColumn<T extends { status: string }>(labels: Record<T['status'], string>, notes?: (row: T) => ReactNode): Column<T> {
  return {
    key: 'status',
    header: 'Estado',
    cell: (row) => (
      <>
        <Badge tone={row.status}>{labels[row.status as T['status']]}</Badge>
        {notes?.(row)}
      </>
    ),
  };
}

/** The key column: each row's name as its way to its own page, and anything to show under the name. */
export function linkColumn<T>({ key, header, to, text, below, plain = true }: { key: string; header: string; to: (row: T) => string; text: (row: T) => ReactNode; below?: (row: T) => ReactNode; plain?: boolean }): Column<T> {
  return {
    key,
    header,
    cell: (row) => (
      <>
        <RowLink to={to(row)} plain={plain}>
          {text(row)}
        </RowLink>
        {below?.(row)}
      </>
    ),
  };
}
