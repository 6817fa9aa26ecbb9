import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeDeliveries } from "@/lib/auth/scope";
import type { Db } from "@/lib/db/create-client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { getPeriodRange, type PeriodRange, reportPeriodInput } from "./reports-period";

/**
 * The evaluation report: attendees' feedback on sessions delivered in a period (the session's start
 * decides the period, not when the feedback arrived). Kirkpatrick level 1 (overall, relevance,
 * facilitation, 1–5) by service, by facilitator pair and by client; level 2 (confidence before and after,
 * 1–10) as an average change and a distribution; level 3 = three-month follow-up comments, counted.
 * Groups with fewer than `SMALL_NUMBER` responses are flagged: their averages can swing on one answer.
 * Director only (anyone else: not found). No attendee is named.
 */
export const SMALL_NUMBER = 5;

export type ScoreGroup = {
  key: string;
  label: string;
  responses: number;
  overall: number;
  relevance: number;
  facilitation: number;
  /** Average of (after − before). */
  confidenceChange: number;
  isSmallNumber: boolean;
};

export type EvaluationReport = {
  range: PeriodRange;
  totals: {
    responses: number;
    sessionsWithFeedback: number;
    overall: number | null;
    relevance: number | null;
    facilitation: number | null;
    confidenceBefore: number | null;
    confidenceAfter: number | null;
    confidenceChange: number | null;
    followUpComments: number;
    isSmallNumber: boolean;
  };
  /** How many responses gave each overall score, 1 to 5. */
  overallDistribution: { score: number; responses: number }[];
  /** How many responses moved confidence by each amount (after − before), from the lowest to the highest seen (always including 0). */
  confidenceChangeDistribution: { change: number; responses: number }[];
  byService: ScoreGroup[];
  byPair: ScoreGroup[];
  byClient: ScoreGroup[];
};

type Row = { overall: number; relevance: number; facilitation: number; before: number; after: number };

export async function getEvaluationReport({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<EvaluationReport>> {
  if (actor.role !== "DIRECTOR") return fail(AppErrorCode.NOT_FOUND, "We couldn't find that page.");
  const parsed = reportPeriodInput.safeParse(input ?? {});
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose this month, this quarter or this year.", z.flattenError(parsed.error).fieldErrors);
  const range = getPeriodRange(parsed.data.period, now);

  const feedback = await db.feedback.findMany({
    where: { delivery: { ...scopeDeliveries(actor), startsAt: { gte: range.start, lt: range.end } } },
    select: {
      deliveryId: true,
      overallScore: true,
      relevanceScore: true,
      facilitationScore: true,
      confidenceBefore: true,
      confidenceAfter: true,
      followUpComment: true,
      delivery: {
        select: {
          engagement: { select: { service: { select: { id: true, name: true } }, organisation: { select: { id: true, name: true } } } },
          assignments: { where: { status: "ACCEPTED" }, select: { role: true, associateId: true, associate: { select: { user: { select: { name: true, email: true } } } } } },
        },
      },
    },
  });

  const services = new Grouper();
  const pairs = new Grouper();
  const clients = new Grouper();
  const rows: Row[] = [];
  for (const item of feedback) {
    const row: Row = { overall: item.overallScore, relevance: item.relevanceScore, facilitation: item.facilitationScore, before: item.confidenceBefore, after: item.confidenceAfter };
    rows.push(row);
    const { engagement, assignments } = item.delivery;
    services.add(engagement.service.id, engagement.service.name, row);
    clients.add(engagement.organisation.id, engagement.organisation.name, row);
    // The pair: lived-experience facilitator(s) first, then professional(s), so "Kayla & Sam" is one pair whichever order they accepted in.
    const ordered = [...assignments].sort((a, b) => (a.role === b.role ? a.associateId.localeCompare(b.associateId) : a.role === "LIVED" ? -1 : 1));
    const pairKey = ordered.map((a) => `${a.role}:${a.associateId}`).join("|") || "none";
    const pairLabel = ordered.map((a) => a.associate.user.name ?? a.associate.user.email).join(" & ") || "No facilitators recorded";
    pairs.add(pairKey, pairLabel, row);
  }

  const changes = rows.map((r) => r.after - r.before);
  const low = Math.min(0, ...changes);
  const high = Math.max(0, ...changes);
  const report: EvaluationReport = {
    range,
    totals: {
      responses: rows.length,
      sessionsWithFeedback: new Set(feedback.map((f) => f.deliveryId)).size,
      overall: average(rows.map((r) => r.overall)),
      relevance: average(rows.map((r) => r.relevance)),
      facilitation: average(rows.map((r) => r.facilitation)),
      confidenceBefore: average(rows.map((r) => r.before)),
      confidenceAfter: average(rows.map((r) => r.after)),
      confidenceChange: average(changes),
      followUpComments: feedback.filter((f) => f.followUpComment !== null && f.followUpComment.trim() !== "").length,
      isSmallNumber: rows.length < SMALL_NUMBER,
    },
    overallDistribution: [1, 2, 3, 4, 5].map((score) => ({ score, responses: rows.filter((r) => r.overall === score).length })),
    confidenceChangeDistribution: Array.from({ length: high - low + 1 }, (_, i) => low + i).map((change) => ({ change, responses: changes.filter((c) => c === change).length })),
    byService: services.summarise(),
    byPair: pairs.summarise(),
    byClient: clients.summarise(),
  };
  return ok(report);
}

class Grouper {
  private readonly groups = new Map<string, { label: string; rows: Row[] }>();

  add(key: string, label: string, row: Row) {
    const group = this.groups.get(key) ?? { label, rows: [] };
    group.rows.push(row);
    this.groups.set(key, group);
  }

  /** Most responses first, then by name. */
  summarise(): ScoreGroup[] {
    return [...this.groups.entries()]
      .map(([key, { label, rows }]) => ({
        key,
        label,
        responses: rows.length,
        overall: average(rows.map((r) => r.overall)) ?? 0,
        relevance: average(rows.map((r) => r.relevance)) ?? 0,
        facilitation: average(rows.map((r) => r.facilitation)) ?? 0,
        confidenceChange: average(rows.map((r) => r.after - r.before)) ?? 0,
        isSmallNumber: rows.length < SMALL_NUMBER,
      }))
      .sort((a, b) => b.responses - a.responses || a.label.localeCompare(b.label, "en-GB"));
  }
}

function average(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
