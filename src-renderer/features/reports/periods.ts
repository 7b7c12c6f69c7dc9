import { PERIOD_LABEL } from '../../../src-shared/format.js';

export const PERIODS = [1, 2, 3] as const;

/** The three four-month periods as choices of a SelectField (Enero–Abril, Mayo–Agosto, Septiembre–Diciembre). */
export const PERIOD_CHOICES = PERIODS.map((p) => ({ value: String(p), label: PERIOD_LABEL[p] }));
