import "server-only";
import { z } from "zod";
import type { AssociateActor } from "@/lib/auth/guards";
import { scopeAssociates } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { isPgError, PgCode } from "@/lib/db/errors";
import type { ConsentPurpose, Expertise, QualificationStatus } from "@/lib/db/generated/prisma/enums";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

/**
 * An associate's own profile: expertise, the services they deliver, what clients see, their private
 * lived-experience story and their consents. Every query is scoped to the caller (another associate's
 * record is simply not found); every change writes an audit event. The story is special-category
 * data: its text never goes into an audit event, only that it changed.
 */

type Actor = AssociateActor;

export const CONSENT_PURPOSES = ["MATCHING", "PUBLISHED_BIO", "MARKETING"] as const satisfies readonly ConsentPurpose[];
export const BIO_MAX = 1200;
export const PUBLIC_NOTE_MAX = 400;
export const STORY_MAX = 5000;

const ACTIVE_ASSIGNMENT = ["HELD", "OFFERED", "ACCEPTED"] as const;
const NOT_FOUND_MESSAGE = "We couldn't find your associate profile.";

function flatten(error: z.ZodError) {
  return z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
}

async function lockAssociate(tx: DbTx, actor: Actor): Promise<boolean> {
  // Serialises an associate's own profile changes (two tabs granting consent at once add one row, not two).
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Associate" WHERE "id" = ${actor.associateId} FOR UPDATE`;
  return rows.length === 1;
}

function audit(tx: DbTx, actor: Actor, action: string, subject: string, subjectId: string, data: Record<string, unknown> = {}) {
  return tx.auditEvent.create({ data: { actorId: actor.userId, action, subject, subjectId, data: data as object } });
}

export type ConsentState = {
  purpose: ConsentPurpose;
  isGiven: boolean;
  /** When the consent in force was given (null when not given). */
  givenAt: Date | null;
  /** Every grant and withdrawal, newest first. */
  history: { id: string; grantedAt: Date; withdrawnAt: Date | null }[];
};

export type ServiceOffer = {
  id: string;
  name: string;
  summary: string;
  childFacing: boolean;
  status: QualificationStatus | "NOT_OFFERED";
};

/** Everything the profile page shows, for the signed-in associate only (null when out of scope). */
export async function getAssociateProfile({ db, actor }: { db: DbTx; actor: Actor }) {
  const associate = await db.associate.findFirst({
    where: scopeAssociates(actor),
    select: {
      id: true,
      expertise: true,
      bio: true,
      publicLivedExperienceNote: true,
      active: true,
      user: { select: { name: true } },
      story: { select: { story: true, updatedAt: true } },
      consents: { orderBy: { grantedAt: "desc" }, select: { id: true, purpose: true, grantedAt: true, withdrawnAt: true } },
      qualifications: { select: { serviceId: true, status: true } },
    },
  });
  if (!associate) return null;
  const services = await db.service.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, summary: true, childFacing: true },
  });
  const statusByService = new Map(associate.qualifications.map((q) => [q.serviceId, q.status]));
  const serviceOffers: ServiceOffer[] = services.map((service) => ({ ...service, status: statusByService.get(service.id) ?? "NOT_OFFERED" }));
  const consents: ConsentState[] = CONSENT_PURPOSES.map((purpose) => {
    const history = associate.consents.filter((c) => c.purpose === purpose).map(({ id, grantedAt, withdrawnAt }) => ({ id, grantedAt, withdrawnAt }));
    const current = history.find((c) => c.withdrawnAt === null);
    return { purpose, isGiven: Boolean(current), givenAt: current?.grantedAt ?? null, history };
  });
  const hasPublishedBioConsent = consents.some((c) => c.purpose === "PUBLISHED_BIO" && c.isGiven);
  const hasApprovedService = serviceOffers.some((s) => s.status === "APPROVED");
  return {
    id: associate.id,
    expertise: associate.expertise,
    bio: associate.bio,
    publicLivedExperienceNote: associate.publicLivedExperienceNote,
    name: associate.user.name,
    story: associate.story,
    services: serviceOffers,
    consents,
    /** The same three conditions as the public service page (catalogue/list-services.ts getService). */
    publication: { isPublished: associate.active && hasPublishedBioConsent && hasApprovedService, hasPublishedBioConsent, hasApprovedService, isActive: associate.active },
  };
}

export type AssociateProfile = NonNullable<Awaited<ReturnType<typeof getAssociateProfile>>>;

// ───────────────────────────── expertise ─────────────────────────────

export const expertiseInput = z.object({
  expertise: z.enum(["LIVED", "PROFESSIONAL", "BOTH"], { message: "Choose the kind of expertise you bring." }),
});

const rolesFor = (expertise: Expertise) => (expertise === "BOTH" ? ["LIVED", "PROFESSIONAL"] : [expertise]) as ("LIVED" | "PROFESSIONAL")[];

/**
 * Changes the expertise the associate brings. Refused while they hold upcoming work in a role the new
 * expertise wouldn't cover (they withdraw from it first), so no delivery loses its pair silently.
 */
export async function updateExpertise({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<null>> {
  const parsed = expertiseInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose the kind of expertise you bring.", flatten(parsed.error));
  const { expertise } = parsed.data;
  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const current = await tx.associate.findUniqueOrThrow({ where: { id: actor.associateId }, select: { expertise: true } });
    if (current.expertise === expertise) return ok(null);
    const roles = rolesFor(expertise);
    const uncovered = await tx.assignment.count({
      where: {
        associateId: actor.associateId,
        status: { in: [...ACTIVE_ASSIGNMENT] },
        role: { notIn: roles },
        delivery: { startsAt: { gt: now }, status: { not: "CANCELLED" } },
      },
    });
    if (uncovered > 0) {
      const role = roles.includes("LIVED") ? "professional" : "lived-experience";
      return fail(
        AppErrorCode.INVALID_INPUT,
        `You have ${uncovered} upcoming session${uncovered === 1 ? "" : "s"} or offer${uncovered === 1 ? "" : "s"} in the ${role} role. Please withdraw from ${uncovered === 1 ? "it" : "them"} first, or talk to the director, so no one is left without a partner.`,
        { expertise: ["This would leave upcoming work without you."] },
      );
    }
    await tx.associate.update({ where: { id: actor.associateId }, data: { expertise } });
    await audit(tx, actor, "associate.expertise.update", "Associate", actor.associateId, { from: current.expertise, to: expertise });
    return ok(null);
  });
}

// ───────────────────────────── public profile ─────────────────────────────

/** Line endings normalised and trailing spaces trimmed, so lengths mean what people see. */
const longText = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? "").replace(/\r\n?/g, "\n").trim())
    .refine((value) => value.length <= max, `Keep ${label} to ${max.toLocaleString("en-GB")} characters or fewer.`);

export const publicProfileInput = z.object({
  bio: longText(BIO_MAX, "your professional bio"),
  publicLivedExperienceNote: longText(PUBLIC_NOTE_MAX, "the public note"),
});

/** Saves the professional bio and the public note about lived experience (shown only with PUBLISHED_BIO consent). */
export async function updatePublicProfile({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = publicProfileInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your profile.", flatten(parsed.error));
  const bio = parsed.data.bio;
  const publicLivedExperienceNote = parsed.data.publicLivedExperienceNote || null;
  return db.$transaction(async (tx) => {
    const current = await tx.associate.findFirst({ where: { id: actor.associateId }, select: { bio: true, publicLivedExperienceNote: true } });
    if (!current) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const changed = [current.bio !== bio ? "bio" : null, current.publicLivedExperienceNote !== publicLivedExperienceNote ? "publicLivedExperienceNote" : null].filter(Boolean);
    if (changed.length === 0) return ok(null);
    await tx.associate.update({ where: { id: actor.associateId }, data: { bio, publicLivedExperienceNote } });
    await audit(tx, actor, "associate.public-profile.update", "Associate", actor.associateId, { changed, bioLength: bio.length, noteLength: publicLivedExperienceNote?.length ?? 0 });
    return ok(null);
  });
}

// ───────────────────────────── private story ─────────────────────────────

export const storyInput = z.object({ story: longText(STORY_MAX, "your story") });

/**
 * Saves (or, when emptied, deletes) the private lived-experience story. Never shown to clients; only
 * the director can read it. The audit event records that it changed and its length, never the words.
 */
export async function updateLivedExperienceStory({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<{ isDeleted: boolean }>> {
  const parsed = storyInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your story.", flatten(parsed.error));
  const { story } = parsed.data;
  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const existing = await tx.livedExperienceStory.findUnique({ where: { associateId: actor.associateId }, select: { id: true, story: true } });
    if (!story) {
      if (!existing) return ok({ isDeleted: true });
      await tx.livedExperienceStory.delete({ where: { id: existing.id } });
      await audit(tx, actor, "associate.story.delete", "LivedExperienceStory", existing.id);
      return ok({ isDeleted: true });
    }
    if (existing?.story === story) return ok({ isDeleted: false });
    const saved = await tx.livedExperienceStory.upsert({
      where: { associateId: actor.associateId },
      create: { associateId: actor.associateId, story },
      update: { story },
      select: { id: true },
    });
    await audit(tx, actor, existing ? "associate.story.update" : "associate.story.create", "LivedExperienceStory", saved.id, { length: story.length });
    return ok({ isDeleted: false });
  });
}

// ───────────────────────────── consents ─────────────────────────────

export const consentInput = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { message: "Choose what you are agreeing to." }),
  decision: z.enum(["GRANT", "WITHDRAW"], { message: "Choose whether to agree or withdraw." }),
});

/**
 * Gives or withdraws consent for one use. Withdrawing stamps `withdrawnAt` on the consent in force;
 * giving it again adds a new row, so the whole history stays. Repeating the current state changes nothing.
 */
export async function setConsent({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<{ isChanged: boolean }>> {
  const parsed = consentInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose what you are agreeing to.", flatten(parsed.error));
  const { purpose, decision } = parsed.data;
  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const current = await tx.consent.findMany({ where: { associateId: actor.associateId, purpose, withdrawnAt: null }, select: { id: true } });
    if (decision === "GRANT") {
      if (current.length > 0) return ok({ isChanged: false });
      const consent = await tx.consent.create({ data: { associateId: actor.associateId, purpose, grantedAt: now }, select: { id: true } });
      await audit(tx, actor, "consent.grant", "Consent", consent.id, { purpose });
      return ok({ isChanged: true });
    }
    if (current.length === 0) return ok({ isChanged: false });
    await tx.consent.updateMany({ where: { id: { in: current.map((c) => c.id) } }, data: { withdrawnAt: now } });
    for (const consent of current) await audit(tx, actor, "consent.withdraw", "Consent", consent.id, { purpose });
    return ok({ isChanged: true });
  });
}

// ───────────────────────────── services ─────────────────────────────

export const serviceChoiceInput = z.object({ unverifiedServiceId: z.string({ message: "Choose a service." }).trim().min(1, "Choose a service.").max(60) });

/** Asks to deliver an active service: a PENDING qualification the director approves or declines. */
export async function requestQualification({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  const parsed = serviceChoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a service.", flatten(parsed.error));
  try {
    return await db.$transaction(async (tx) => {
      if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
      const service = await tx.service.findFirst({ where: { id: parsed.data.unverifiedServiceId, active: true }, select: { id: true, name: true } });
      if (!service) return fail(AppErrorCode.NOT_FOUND, "We couldn't find that service.");
      const existing = await tx.qualification.findUnique({ where: { associateId_serviceId: { associateId: actor.associateId, serviceId: service.id } }, select: { status: true } });
      if (existing) {
        return fail(
          AppErrorCode.INVALID_INPUT,
          existing.status === "APPROVED" ? `You're already approved to deliver ${service.name}.` : `You've already asked to deliver ${service.name}; it's waiting for the director.`,
        );
      }
      const qualification = await tx.qualification.create({ data: { associateId: actor.associateId, serviceId: service.id, status: "PENDING" }, select: { id: true } });
      await audit(tx, actor, "qualification.request", "Qualification", qualification.id, { serviceId: service.id });
      return ok(null);
    });
  } catch (error) {
    if (isPgError(error, PgCode.UNIQUE_VIOLATION)) return fail(AppErrorCode.INVALID_INPUT, "You've already asked to deliver this service.");
    throw error;
  }
}

/**
 * Stops delivering a service (or withdraws the request). Refused while the associate holds upcoming
 * work for it — they withdraw from those sessions first — so no client is left without a facilitator.
 */
export async function stopQualification({ db, actor, input, now = new Date() }: { db: Db; actor: Actor; input: unknown; now?: Date }): Promise<Result<null>> {
  const parsed = serviceChoiceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Choose a service.", flatten(parsed.error));
  return db.$transaction(async (tx) => {
    if (!(await lockAssociate(tx, actor))) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const qualification = await tx.qualification.findFirst({
      where: { associateId: actor.associateId, serviceId: parsed.data.unverifiedServiceId },
      select: { id: true, status: true, serviceId: true, service: { select: { name: true } } },
    });
    if (!qualification) return fail(AppErrorCode.NOT_FOUND, "You don't deliver that service.");
    const upcoming = await tx.assignment.count({
      where: {
        associateId: actor.associateId,
        status: { in: [...ACTIVE_ASSIGNMENT] },
        delivery: { startsAt: { gt: now }, status: { not: "CANCELLED" }, engagement: { serviceId: qualification.serviceId } },
      },
    });
    if (upcoming > 0) {
      return fail(
        AppErrorCode.INVALID_INPUT,
        `You have ${upcoming} upcoming ${qualification.service.name} session${upcoming === 1 ? "" : "s"} or offer${upcoming === 1 ? "" : "s"}. Please withdraw from ${upcoming === 1 ? "it" : "them"} in My sessions or Offers first, or talk to the director.`,
      );
    }
    await tx.qualification.delete({ where: { id: qualification.id } });
    await audit(tx, actor, "qualification.stop", "Qualification", qualification.id, { serviceId: qualification.serviceId, status: qualification.status });
    return ok(null);
  });
}
