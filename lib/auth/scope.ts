import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { Actor } from "./actor";

/**
 * Tenant scoping: the `where` fragments every query over tenant data includes, so a record outside
 * the caller's scope is simply not found. Director: everything. Client: their organisations (or one
 * of them, when an organisation context is given). Associate: deliveries they are assigned to,
 * never invoices.
 */
const NOTHING = "__outside_scope__";

/** Whether the caller is the director: the role check use cases repeat after the page or action guard. */
export const isDirector = (actor: Actor) => actor.role === "DIRECTOR";

function clientOrganisationIds(actor: Actor, organisationId?: string): string[] {
  const ids = actor.memberships.map((m) => m.organisationId);
  return organisationId ? ids.filter((id) => id === organisationId) : ids;
}

export function scopeEngagements(actor: Actor, organisationId?: string): Prisma.EngagementWhereInput {
  switch (actor.role) {
    case "DIRECTOR":
      return organisationId ? { organisationId } : {};
    case "CLIENT":
      return { organisationId: { in: clientOrganisationIds(actor, organisationId) } };
    case "ASSOCIATE":
      return actor.associateId
        ? { deliveries: { some: { assignments: { some: { associateId: actor.associateId } } } } }
        : { id: NOTHING };
  }
}

export function scopeDeliveries(actor: Actor, organisationId?: string): Prisma.DeliveryWhereInput {
  switch (actor.role) {
    case "DIRECTOR":
      return organisationId ? { engagement: { organisationId } } : {};
    case "CLIENT":
      return { engagement: { organisationId: { in: clientOrganisationIds(actor, organisationId) } } };
    case "ASSOCIATE":
      return actor.associateId ? { assignments: { some: { associateId: actor.associateId } } } : { id: NOTHING };
  }
}

export function scopeInvoices(actor: Actor, organisationId?: string): Prisma.InvoiceWhereInput {
  switch (actor.role) {
    case "DIRECTOR":
      return organisationId ? { organisationId } : {};
    case "CLIENT":
      return { organisationId: { in: clientOrganisationIds(actor, organisationId) } };
    case "ASSOCIATE":
      return { id: NOTHING };
  }
}

export function scopeOrganisations(actor: Actor): Prisma.OrganisationWhereInput {
  switch (actor.role) {
    case "DIRECTOR":
      return {};
    case "CLIENT":
      return { id: { in: clientOrganisationIds(actor) } };
    case "ASSOCIATE":
      return { id: NOTHING };
  }
}

/** An associate's own records (profile, availability, compliance, pay). */
export function scopeAssociates(actor: Actor): Prisma.AssociateWhereInput {
  switch (actor.role) {
    case "DIRECTOR":
      return {};
    case "ASSOCIATE":
      return actor.associateId ? { id: actor.associateId } : { id: NOTHING };
    case "CLIENT":
      return { id: NOTHING };
  }
}
