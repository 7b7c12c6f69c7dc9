import { Modality, SessionType } from '../../../src-shared/domain/index.js';
import { MODALITY_LABEL, SESSION_TYPE_LABEL } from '../../../src-shared/format.js';
import { Field, SelectField, choices, type Form } from '../../kit/index.js';

type SessionValues = { type: string; date: string; time: string; modality: string; place: string };

const TYPES = choices(SessionType.options, SESSION_TYPE_LABEL);
const MODALITIES = choices(Modality.options, MODALITY_LABEL);

/** Type, date, time, modality and place: what a new session asks and what its edit form changes. */
export function SessionFields<V extends SessionValues>({ form, placeLabel }: { form: Form<V>; placeLabel: string }) {
  return (
    <>
      <div className="form-row">
        <SelectField label="Tipo" options={TYPES} {...form.field('type')} />
        <Field label="Fecha (AAAA-MM-DD)" inputMode="numeric" placeholder="2023-09-29" {...form.field('date')} />
        <Field label="Hora" type="time" {...form.field('time')} />
        <SelectField label="Modalidad" options={MODALITIES} {...form.field('modality')} />
      </div>
      <Field label={placeLabel} {...form.field('place')} />
    </>
  );
}
