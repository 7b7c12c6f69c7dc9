import { reviewRecords } from '../guidelines/review-records.js';
import { unifySeatPeriods } from '../people/people.js';
import { retypeProgramas } from '../reports/documents.js';
import type { Upgrade } from '../store/upgrades.js';

/**
 * The one-time data steps, in the order openApp runs them on a folder that has not recorded them.
 * A folder this version fills with the demo records them as run in that same entry.
 */
export const ONE_TIME_STEPS: Upgrade[] = [unifySeatPeriods, retypeProgramas, reviewRecords];
