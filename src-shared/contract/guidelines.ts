import { z } from 'zod';
import { Id, IsoDate } from '../domain/index.js';
import { officeKey } from '../sync/protocol.js';
import type { Guideline, GuidelineComment, GuidelineStatus } from '../domain/guideline.js';
import type { BlockKind } from '../guidelines/structure.js';
import type { DiffRow } from '../guidelines/diff.js';
import { Base64File, call, NoArgs } from './spec.js';

export interface GuidelineSummary {
  id: string;
  title: string;
  status: GuidelineStatus;
  commission: string;
  updatedAt: string;
  updatedBy: string;
  openComments: number;
  /** The schedule activity and its latest progress, when the guideline belongs to one. */
  schedule: { title: string; percent: number } | null;
}

export interface GuidelineView {
  guideline: Guideline;
  commission: string;
  /** Plain-language problems that block presenting or publishing (e.g. a reference to a deleted article). */
  problems: string[];
  /** Each article's current number by its stable id, so comments name the article as it is numbered now. */
  articles: Record<string, number>;
  /** Offices that have a reviewer account here: a round sent to one of them is answered by that office itself. */
  reviewerOffices: string[];
}

/** A review round as the office it was sent to sees it. */
export interface ReviewRoundSummary {
  guidelineId: string;
  title: string;
  commission: string;
  status: GuidelineStatus;
  roundId: string;
  roundName: string;
  due: string;
  sentAt: string;
  /** The office's name as the round names it. */
  office: string;
  answeredAt: string | null;
  answeredBy: string | null;
  /** Comments this office has made in this round. */
  comments: number;
}

/** What an office's reviewer reads: the text, numbered, and the office's own comments in this round. */
export interface ReviewView {
  round: ReviewRoundSummary;
  blocks: { kind: BlockKind; uid: string | null; line: string }[];
  comments: GuidelineComment[];
}

export interface ImportResult {
  id: string;
  /** What could not be mapped into the structure, in Spanish. */
  report: string[];
}

const Text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, 'El texto es demasiado largo.');
const VersionRef = z.union([Id, z.literal('actual')]);

/** A comment on the article (its uid) or the quoted text; with `replacement`, a suggested change. */
const CommentFields = {
  articleUid: z.string().min(1).max(64).optional(),
  quote: z.string().max(2000).optional(),
  text: Text(5000, 'Escriba el comentario.'),
  replacement: z.string().max(5000).optional(),
};

/** Guidelines (lineamientos): structured drafts whose body is a Yjs document kept in drafts. */
export const guidelinesCalls = {
  'guidelines.list': call<GuidelineSummary[]>()(NoArgs),
  'guidelines.get': call<GuidelineView>()(z.object({ id: Id }).strict()),
  'guidelines.create': call<Guideline>()(
    z.object({ commissionId: Id, title: Text(500, 'Escriba el título del lineamiento.'), activityId: Id.optional() }).strict(),
    true,
  ),
  'guidelines.comment': call<Guideline>()(z.object({ id: Id, ...CommentFields }).strict(), true),
  'guidelines.reply': call<Guideline>()(z.object({ id: Id, commentId: Id, text: Text(5000, 'Escriba la respuesta.') }).strict(), true),
  'guidelines.resolve': call<Guideline>()(z.object({ id: Id, commentId: Id }).strict(), true),
  'guidelines.decide': call<Guideline>()(z.object({ id: Id, commentId: Id, decision: z.enum(['aceptada', 'rechazada']) }).strict(), true),
  'guidelines.sendRound': call<Guideline>()(
    z
      .object({
        id: Id,
        name: Text(300, 'Escriba el nombre de la ronda.'),
        due: IsoDate,
        offices: z
          .array(Text(300, 'Una oficina no tiene nombre.'))
          .min(1, 'Indique al menos una oficina.')
          .max(50)
          .superRefine((offices, ctx) => {
            // Answers are keyed by office: the same office twice would be one answer counted as two.
            const seen = new Set<string>();
            for (const office of offices) {
              const key = officeKey(office);
              if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `La oficina «${office.trim()}» aparece dos veces.` });
              seen.add(key);
            }
          }),
      })
      .strict(),
    true,
  ),
  'guidelines.answerRound': call<Guideline>()(z.object({ id: Id, roundId: Id, office: z.string().min(1).max(300) }).strict(), true),
  'guidelines.saveVersion': call<Guideline>()(z.object({ id: Id, name: Text(300, 'Escriba el nombre de la versión.') }).strict(), true),
  /** Compares two named versions, or one with the current body ("actual"). */
  'guidelines.compare': call<DiffRow[]>()(z.object({ id: Id, from: VersionRef, to: VersionRef }).strict()),
  /** Puts a former version's text back as the current body and records it as a new version. */
  'guidelines.restore': call<Guideline>()(z.object({ id: Id, versionId: Id }).strict(), true),
  'guidelines.setStatus': call<Guideline>()(
    z
      .object({
        id: Id,
        status: z.enum(['borrador', 'en_revision', 'presentado', 'aprobado', 'publicado']),
        sessionId: Id.optional(),
        agendaItemId: Id.optional(),
      })
      .strict(),
    true,
  ),
  'guidelines.export': call<{ fileName: string; base64: string }>()(z.object({ id: Id, format: z.enum(['pdf', 'docx']) }).strict()),
  'guidelines.import': call<ImportResult>()(
    z.object({ commissionId: Id, title: z.string().trim().max(500).optional(), docx: Base64File }).strict(),
    true,
  ),
  /** An office's reviewer account: the rounds sent to its office, newest first. */
  'review.rounds': call<ReviewRoundSummary[]>()(NoArgs),
  'review.get': call<ReviewView>()(z.object({ id: Id, roundId: Id }).strict()),
  'review.comment': call<ReviewView>()(z.object({ id: Id, roundId: Id, ...CommentFields }).strict(), true),
  /** The office marks its answer to the round: no more comments from it in that round. */
  'review.answer': call<ReviewView>()(z.object({ id: Id, roundId: Id }).strict(), true),
};
