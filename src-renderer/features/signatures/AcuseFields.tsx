import { Field, type Form } from '../../kit/index.js';

type AcuseValues = { folio: string; name: string; role: string };

/** What an acknowledgement of receipt says besides the signature: its folio, who asked, who signs. */
export function AcuseFields<V extends AcuseValues>({ form }: { form: Form<V> }) {
  return (
    <>
      <Field label="Folio" placeholder="p. ej. IOD-2023-0001" {...form.field('folio')} />
      <Field label="Nombre de la persona solicitante" {...form.field('name')} />
      <Field label="Cargo de quien firma" placeholder="p. ej. Consejera Presidenta" {...form.field('role')} />
    </>
  );
}

/** The contract calls it signerRole; the form, role. */
export const ACUSE_FIELDS = { fields: { signerRole: 'role' } };
