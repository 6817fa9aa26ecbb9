import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { scopeOrganisations } from "@/lib/auth/scope";
import type { Db, DbTx } from "@/lib/db/create-client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { registerOrganisationInput } from "@/lib/server/organisations/organisation-settings";
import { paymentTermsField } from "./invoice-common";

/**
 * Client organisations for the director: the list with their work and what they owe, and their billing
 * details. The fields are validated exactly as on the client's own settings page (the same schema),
 * plus what only the director sets: the kind of organisation and the payment terms.
 */

const NOT_FOUND = "We couldn't find that client.";
const isDirector = (actor: Actor) => actor.role === "DIRECTOR";

/** Every client organisation with its number of engagements and of issued invoices not yet paid. */
export async function listClients({ db, actor }: { db: DbTx; actor: Actor }) {
  if (!isDirector(actor)) return [];
  return db.organisation.findMany({
    where: scopeOrganisations(actor),
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      invoiceEmail: true,
      poRequired: true,
      paymentTermsDays: true,
      _count: { select: { engagements: true, invoices: { where: { status: "ISSUED" } }, memberships: true } },
    },
  });
}

export async function getClient({ db, actor, unverifiedId }: { db: DbTx; actor: Actor; unverifiedId: string }) {
  if (!isDirector(actor)) return null;
  return db.organisation.findFirst({
    where: { id: unverifiedId, ...scopeOrganisations(actor) },
    select: {
      id: true,
      slug: true,
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
      _count: { select: { engagements: true, invoices: { where: { status: "ISSUED" } } } },
      memberships: { orderBy: { createdAt: "asc" }, select: { id: true, role: true, user: { select: { name: true, email: true } } } },
    },
  });
}

export const clientBillingInput = registerOrganisationInput.extend({
  unverifiedOrganisationId: z.string().trim().min(1).max(60),
  paymentTermsDays: paymentTermsField,
});

/** Saves a client's billing details and terms. New invoices use them; issued invoices keep their copy. Audited. */
export async function updateClientBilling({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = clientBillingInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the client's details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedOrganisationId, ...data } = parsed.data;
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findFirst({ where: { id: unverifiedOrganisationId, ...scopeOrganisations(actor) }, select: { id: true } });
    if (!organisation) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
    await tx.organisation.update({ where: { id: organisation.id }, data });
    await tx.auditEvent.create({ data: { actorId: actor.userId, organisationId: organisation.id, action: "organisation.billing.update", subject: "Organisation", subjectId: organisation.id, data: { fields: Object.keys(data), by: "director" } } });
    return ok(null);
  });
}
