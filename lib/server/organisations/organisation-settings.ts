import { z } from "zod";
import type { OrganisationContext } from "@/lib/auth/membership";
import type { Db, DbTx } from "@/lib/db/create-client";
import { enqueueEmail } from "@/lib/integrations/email/enqueue-email";
import { renderInviteEmail } from "@/lib/integrations/email/templates/booking";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().transform((value) => value || null);

export const billingInput = z.object({
  name: z.string({ message: "Enter the organisation's name." }).trim().min(2, "Enter the organisation's name.").max(120, "Keep the name under 120 characters."),
  addressLine1: optionalText(120, "Keep each address line under 120 characters."),
  addressLine2: optionalText(120, "Keep each address line under 120 characters."),
  town: optionalText(80, "Keep the town under 80 characters."),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(value), "Enter a UK postcode, like NS1 4AB."),
  invoiceEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || z.email().safeParse(value).success, "Enter an email address like invoices@example.gov.uk."),
  vatNumber: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => (value ? value.replace(/\s+/g, "") : null))
    .refine((value) => value === null || /^(GB)?(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/.test(value), "Enter a UK VAT number, like GB123456789."),
  poRequired: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
});
// Payment terms are agreed with The Vision, so they are not in the client's own form (the director sets them).

function requireAdmin(context: OrganisationContext) {
  return context.role === "ORG_ADMIN" ? null : fail(AppErrorCode.NOT_FOUND, "We couldn't find that page.");
}

/** The organisation's billing details and members, for its admins. */
export async function getOrganisationSettings(db: DbTx, { context }: { context: OrganisationContext }) {
  if (context.role !== "ORG_ADMIN") return null;
  return db.organisation.findUnique({
    where: { id: context.organisation.id },
    select: {
      name: true,
      kind: true,
      addressLine1: true,
      addressLine2: true,
      town: true,
      postcode: true,
      invoiceEmail: true,
      vatNumber: true,
      poRequired: true,
      paymentTermsDays: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
}

export async function updateBillingDetails({ db, context, input }: { db: Db; context: OrganisationContext; input: unknown }): Promise<Result<null>> {
  const refused = requireAdmin(context);
  if (refused) return refused;
  const parsed = billingInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the billing details.", z.flattenError(parsed.error).fieldErrors);
  await db.$transaction([
    db.organisation.update({ where: { id: context.organisation.id }, data: parsed.data }),
    db.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "organisation.billing.update", subject: "Organisation", subjectId: context.organisation.id, data: { fields: Object.keys(parsed.data) } } }),
  ]);
  return ok(null);
}

export const inviteInput = z.object({
  email: z.string({ message: "Enter an email address." }).trim().toLowerCase().email("Enter an email address like name@example.org.").max(254, "That email address is too long."),
  name: z.string().trim().max(120, "Keep the name under 120 characters.").optional().transform((value) => value || undefined),
  role: z.enum(["ORG_ADMIN", "BOOKER"], { message: "Choose what they can do." }),
});

/**
 * Adds a colleague (creating their account if new) and emails them a sign-in link. People who work
 * for the consultancy (associates, the director) can't be added to a client organisation.
 */
export async function inviteColleague({ db, context, input, appUrl }: { db: Db; context: OrganisationContext; input: unknown; appUrl: string }): Promise<Result<null>> {
  const refused = requireAdmin(context);
  if (refused) return refused;
  const parsed = inviteInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the invitation.", z.flattenError(parsed.error).fieldErrors);
  const { email, name, role } = parsed.data;
  try {
    return await inviteInTransaction(db, { context, email, name, role, appUrl });
  } catch (error) {
    // Two invitations for the same person at once: the second finds them already a member.
    if ((error as { code?: unknown } | null)?.code === "P2002") return fail(AppErrorCode.INVALID_INPUT, "That person is already a member.", { email: ["This person is already a member."] });
    throw error;
  }
}

async function inviteInTransaction(db: Db, { context, email, name, role, appUrl }: { context: OrganisationContext; email: string; name: string | undefined; role: "ORG_ADMIN" | "BOOKER"; appUrl: string }): Promise<Result<null>> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({ where: { email }, create: { email, name: name ?? null, platformRole: "CLIENT" }, update: {}, select: { id: true, platformRole: true } });
    if (user.platformRole !== "CLIENT") return fail(AppErrorCode.INVALID_INPUT, "That email address can't be added to an organisation. Please use a different one.", { email: ["Use a different email address."] });
    const existing = await tx.membership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId: context.organisation.id } } });
    if (existing) return fail(AppErrorCode.INVALID_INPUT, "That person is already a member.", { email: ["This person is already a member."] });
    await tx.membership.create({ data: { userId: user.id, organisationId: context.organisation.id, role } });
    await enqueueEmail(tx, {
      kind: "invite",
      to: email,
      ...await renderInviteEmail({ inviterName: context.actor.name ?? context.actor.email, organisationName: context.organisation.name, link: `${appUrl}/sign-in?callbackUrl=${encodeURIComponent(`/org/${context.organisation.slug}`)}`, role }),
    });
    await tx.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "membership.invite", subject: "User", subjectId: user.id, data: { role } } });
    return ok(null);
  });
}

export const removeMemberInput = z.object({ unverifiedMembershipId: z.string().trim().min(1).max(60) });

/** Removes a colleague's access. The organisation always keeps at least one admin. */
export async function removeColleague({ db, context, input }: { db: Db; context: OrganisationContext; input: unknown }): Promise<Result<null>> {
  const refused = requireAdmin(context);
  if (refused) return refused;
  const parsed = removeMemberInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "We couldn't tell who to remove.");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Organisation" WHERE "id" = ${context.organisation.id} FOR UPDATE`;
    const membership = await tx.membership.findFirst({ where: { id: parsed.data.unverifiedMembershipId, organisationId: context.organisation.id }, select: { id: true, role: true, userId: true } });
    if (!membership) return fail(AppErrorCode.NOT_FOUND, "That person isn't a member.");
    if (membership.role === "ORG_ADMIN") {
      const admins = await tx.membership.count({ where: { organisationId: context.organisation.id, role: "ORG_ADMIN" } });
      if (admins <= 1) return fail(AppErrorCode.INVALID_INPUT, "Your organisation needs at least one admin. Make someone else an admin first.");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await tx.auditEvent.create({ data: { actorId: context.actor.userId, organisationId: context.organisation.id, action: "membership.remove", subject: "User", subjectId: membership.userId, data: { role: membership.role } } });
    return ok(null);
  });
}

export const registerOrganisationInput = billingInput.extend({
  kind: z.enum(["LOCAL_AUTHORITY", "CHILDRENS_HOME", "FOSTERING_AGENCY", "CHARITY", "OTHER"], { message: "Choose what kind of organisation it is." }),
});

const RESERVED_SLUGS = new Set(["new"]);

function slugify(name: string) {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "organisation"
  );
}

/**
 * Someone signed in but not yet part of an organisation sets one up on the way to booking: billing
 * details, and they become its admin. The web address is made from the name (numbered if taken).
 */
export async function registerOrganisation({ db, actor, input }: { db: Db; actor: { userId: string; role: string; memberships: unknown[] }; input: unknown }): Promise<Result<{ slug: string }>> {
  if (actor.role !== "CLIENT") return fail(AppErrorCode.INVALID_INPUT, "Only client organisations can be set up here.");
  const parsed = registerOrganisationInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check your organisation's details.", z.flattenError(parsed.error).fieldErrors);
  const base = slugify(parsed.data.name);
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
    // Addresses taken by fixed pages (/org/new) can't be an organisation's.
    if (RESERVED_SLUGS.has(slug)) continue;
    try {
      await db.$transaction(async (tx) => {
        const organisation = await tx.organisation.create({ data: { ...parsed.data, slug }, select: { id: true } });
        await tx.membership.create({ data: { userId: actor.userId, organisationId: organisation.id, role: "ORG_ADMIN" } });
        await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: organisation.id, action: "organisation.register", subject: "Organisation", subjectId: organisation.id, data: { kind: parsed.data.kind } } });
      });
      return ok({ slug });
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === "P2002") continue;
      throw error;
    }
  }
  return fail(AppErrorCode.UNEXPECTED, "We couldn't set up the organisation just now. Please try again.");
}
