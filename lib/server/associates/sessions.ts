import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import type { Db, DbTx } from "@/lib/db/create-client";
import { renderCalendarFeed } from "@/lib/integrations/calendar/delivery-event";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

type AssociateScope = Pick<AssociateActor, "associateId" | "userId">;

const DAY_MS = 24 * 60 * 60 * 1000;

const sessionDeliverySelect = (associateId: string) =>
  ({
    id: true,
    startsAt: true,
    endsAt: true,
    status: true,
    mode: true,
    location: true,
    engagement: {
      select: {
        reference: true,
        attendeeCount: true,
        organisation: { select: { name: true } },
        service: { select: { name: true } },
        _count: { select: { attendees: true } },
      },
    },
    assignments: {
      where: { associateId: { not: associateId }, status: { in: ["OFFERED", "ACCEPTED"] as ("OFFERED" | "ACCEPTED")[] } },
      select: { role: true, status: true, associate: { select: { user: { select: { name: true } } } } },
    },
  }) as const;

/**
 * An associate's sessions: upcoming ones they accepted, the past year's, and recently cancelled ones
 * (so a cancellation never just vanishes). Only their own assignments.
 */
export async function listSessions(db: DbTx, { actor, now = new Date() }: { actor: AssociateScope; now?: Date }) {
  const select = { id: true, role: true, feePence: true, status: true, delivery: { select: sessionDeliverySelect(actor.associateId) } } as const;
  const [upcoming, past, cancelled] = await Promise.all([
    db.assignment.findMany({
      where: { associateId: actor.associateId, status: "ACCEPTED", delivery: { endsAt: { gte: now }, status: { notIn: ["CANCELLED", "HELD"] } } },
      orderBy: { delivery: { startsAt: "asc" } },
      take: 100,
      select,
    }),
    db.assignment.findMany({
      where: { associateId: actor.associateId, status: "ACCEPTED", delivery: { endsAt: { lt: now, gte: new Date(now.getTime() - 365 * DAY_MS) }, status: { notIn: ["CANCELLED", "HELD"] } } },
      orderBy: { delivery: { startsAt: "desc" } },
      take: 100,
      select,
    }),
    db.assignment.findMany({
      where: {
        associateId: actor.associateId,
        OR: [{ status: "CANCELLED" }, { status: "ACCEPTED", delivery: { status: "CANCELLED" } }],
        delivery: { startsAt: { gte: new Date(now.getTime() - 30 * DAY_MS) } },
      },
      orderBy: { delivery: { startsAt: "asc" } },
      take: 50,
      select,
    }),
  ]);
  return { upcoming, past, cancelled };
}

export type SessionListItem = Awaited<ReturnType<typeof listSessions>>["upcoming"][number];

/**
 * One of the associate's sessions in full: joining details, prep notes and the co-facilitator's
 * contact details (only once they have accepted too). Anyone else's assignment is "not found" (null).
 */
export async function getSession(db: DbTx, { actor, unverifiedAssignmentId, now = new Date() }: { actor: AssociateScope; unverifiedAssignmentId: string; now?: Date }) {
  const assignment = await db.assignment.findFirst({
    where: { id: unverifiedAssignmentId, associateId: actor.associateId, status: { in: ["ACCEPTED", "CANCELLED", "WITHDRAWN"] } },
    select: {
      id: true,
      role: true,
      status: true,
      feePence: true,
      respondedAt: true,
      delivery: {
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          status: true,
          mode: true,
          location: true,
          videoLink: true,
          joiningInstructions: true,
          prepNotes: true,
          cancellationReason: true,
          engagement: {
            select: {
              reference: true,
              attendeeCount: true,
              organisation: { select: { name: true } },
              service: { select: { name: true, durationMinutes: true } },
              _count: { select: { attendees: true } },
            },
          },
          assignments: {
            where: { associateId: { not: actor.associateId }, status: { in: ["OFFERED", "ACCEPTED"] } },
            select: { role: true, status: true, associate: { select: { user: { select: { name: true, email: true, phone: true } } } } },
          },
        },
      },
    },
  });
  if (!assignment) return null;
  const { delivery } = assignment;
  const canWithdraw = assignment.status === "ACCEPTED" && delivery.status !== "CANCELLED" && delivery.status !== "DELIVERED" && delivery.startsAt.getTime() > now.getTime();
  return {
    ...assignment,
    canWithdraw,
    coFacilitators: delivery.assignments.map((a) => ({
      role: a.role,
      hasAccepted: a.status === "ACCEPTED",
      name: a.associate.user.name ?? "Another associate",
      // Contact details are shared once both people have said yes.
      email: a.status === "ACCEPTED" && assignment.status === "ACCEPTED" ? a.associate.user.email : null,
      phone: a.status === "ACCEPTED" && assignment.status === "ACCEPTED" ? a.associate.user.phone : null,
    })),
  };
}

/** The associate's private calendar feed URL path. */
export async function getCalendarFeedToken(db: DbTx, { actor }: { actor: AssociateScope }) {
  const associate = await db.associate.findFirst({ where: { id: actor.associateId }, select: { calendarFeedToken: true } });
  return associate?.calendarFeedToken ?? null;
}

export const regenerateFeedInput = z.object({ confirm: z.literal("yes", { message: "Confirm that the old link should stop working." }) });

/** A new secret feed URL; the old one stops working at once. */
export async function regenerateCalendarFeed({ db, actor, input }: { db: Pick<Db, "$transaction">; actor: AssociateScope; input: unknown }): Promise<Result<{ token: string }>> {
  const parsed = regenerateFeedInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Confirm that the old link should stop working.", z.flattenError(parsed.error).fieldErrors);
  const token = randomBytes(24).toString("base64url");
  return db.$transaction(async (tx) => {
    const updated = await tx.associate.updateMany({ where: { id: actor.associateId }, data: { calendarFeedToken: token } });
    if (updated.count === 0) return fail(AppErrorCode.NOT_FOUND, "We couldn't find your profile.");
    await tx.auditEvent.create({ data: { actorId: actor.userId, action: "calendar-feed.regenerate", subject: "Associate", subjectId: actor.associateId } });
    return ok({ token });
  });
}

const FEED_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * The feed for a secret token: accepted sessions (confirmed) and open offers (tentative) from 90 days
 * ago on. No sign-in (calendar apps can't), so the token is the only key: unknown, malformed or
 * inactive → null.
 */
export async function renderAssociateFeed(db: DbTx, { unverifiedToken, appUrl, now = new Date() }: { unverifiedToken: string; appUrl: string; now?: Date }): Promise<string | null> {
  if (!FEED_TOKEN.test(unverifiedToken)) return null;
  const associate = await db.associate.findFirst({ where: { calendarFeedToken: unverifiedToken, active: true }, select: { id: true } });
  if (!associate) return null;
  const assignments = await db.assignment.findMany({
    where: {
      associateId: associate.id,
      status: { in: ["ACCEPTED", "OFFERED"] },
      delivery: { startsAt: { gte: new Date(now.getTime() - 90 * DAY_MS) }, status: { notIn: ["CANCELLED", "HELD"] } },
    },
    orderBy: { delivery: { startsAt: "asc" } },
    take: 1000,
    select: {
      id: true,
      status: true,
      delivery: {
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          status: true,
          mode: true,
          location: true,
          videoLink: true,
          createdAt: true,
          updatedAt: true,
          engagement: { select: { reference: true, organisation: { select: { name: true } }, service: { select: { name: true } } } },
        },
      },
    },
  });
  return renderCalendarFeed(
    assignments.map(({ id, status, delivery }) => ({
      delivery: { ...delivery, serviceName: delivery.engagement.service.name, reference: delivery.engagement.reference },
      appUrl: status === "OFFERED" ? `${appUrl}/associate/offers` : `${appUrl}/associate/sessions/${id}`,
      isTentative: status === "OFFERED",
      title: `${status === "OFFERED" ? "Offer: " : ""}${delivery.engagement.service.name} — ${delivery.engagement.organisation.name}`,
    })),
    { name: "Golden Thread sessions" },
  );
}
