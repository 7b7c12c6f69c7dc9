import type { z } from 'zod';
import type {
  ActivityKind,
  CalendarEntry,
  DocumentStatus,
  GlossaryEntry,
  MemberRole,
  Modality,
  Period,
  ScheduleRow,
  SessionStatus,
  SessionType,
  SpecificObjective,
} from '../../../src-shared/domain/index.js';

/**
 * Demo data as typed by hand from the two seed documents. Records refer to their commission by
 * acronym; the loader assigns ULIDs and clocks, so the fixture stays readable.
 */
export interface DemoSeed {
  commissions: DemoCommission[];
  sessions: DemoSession[];
  activities: DemoActivity[];
  programmes: DemoProgramme[];
  calendars: DemoCalendar[];
}

export interface DemoCommission {
  name: string;
  acronym: string;
  institute: string;
  instituteAcronym: string;
  members: { title: string; name: string; role: MemberRole; roleLabel: string }[];
  glossary: z.infer<typeof GlossaryEntry>[];
  legalBasis: string[];
}

export interface DemoSession {
  commission: string;
  type: SessionType;
  number: number;
  year: number;
  date: string;
  modality: Modality;
  status: SessionStatus;
  summary: string;
  agenda: { text: string; subitems?: string[] }[];
  documents: {
    consecutive: number;
    title: string;
    status: DocumentStatus;
    feminine?: boolean;
    sessionDate: string;
  }[];
}

export interface DemoActivity {
  commission: string;
  year: number;
  kind: ActivityKind;
  number: number;
  title: string;
  progress: { period: Period; percent: number; narrative: string }[];
}

export interface DemoProgramme {
  commission: string;
  year: number;
  title: string;
  presentation: string;
  legalFramework: string[];
  sections: {
    number: string;
    title: string;
    parentTitle?: string;
    generalObjective: string;
    specificObjectives: z.infer<typeof SpecificObjective>[];
    legalBasis: string[];
    schedule: Omit<z.infer<typeof ScheduleRow>, 'id'>[];
  }[];
  approval: string;
}

export interface DemoCalendar {
  commission: string;
  year: number;
  title: string;
  entries: z.infer<typeof CalendarEntry>[];
  note: string;
}
