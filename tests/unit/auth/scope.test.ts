import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { findMembership } from "@/lib/auth/membership";
import { scopeAssociates, scopeDeliveries, scopeEngagements, scopeInvoices, scopeOrganisations } from "@/lib/auth/scope";

const client: Actor = {
  userId: "u1",
  email: "a@x.example",
  name: "A",
  role: "CLIENT",
  associateId: null,
  memberships: [
    { organisationId: "org-a", slug: "a", name: "A", role: "ORG_ADMIN" },
    { organisationId: "org-b", slug: "b", name: "B", role: "BOOKER" },
  ],
};
const associate: Actor = { ...client, role: "ASSOCIATE", associateId: "as1", memberships: [] };
const director: Actor = { ...client, role: "DIRECTOR", memberships: [] };

describe("tenant scoping", () => {
  it.each([
    ["client sees only their organisations' engagements", scopeEngagements(client), { organisationId: { in: ["org-a", "org-b"] } }],
    ["client narrowed to one organisation stays inside their memberships", scopeEngagements(client, "org-a"), { organisationId: { in: ["org-a"] } }],
    ["client asking for a foreign organisation gets an empty set", scopeEngagements(client, "org-z"), { organisationId: { in: [] } }],
    ["director sees every engagement", scopeEngagements(director), {}],
    ["associate sees engagements they are assigned to", scopeEngagements(associate), { deliveries: { some: { assignments: { some: { associateId: "as1" } } } } }],
    ["associate sees only deliveries they are assigned to", scopeDeliveries(associate), { assignments: { some: { associateId: "as1" } } }],
    ["associate never sees invoices", scopeInvoices(associate), { id: "__outside_scope__" }],
    ["associate sees no client organisation records", scopeOrganisations(associate), { id: "__outside_scope__" }],
    ["client sees no associate records", scopeAssociates(client), { id: "__outside_scope__" }],
    ["associate sees only their own associate record", scopeAssociates(associate), { id: "as1" }],
  ])("%s", (_rule, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe("membership check", () => {
  it.each([
    ["a member of the slug's organisation passes", "a", undefined, "org-a"],
    ["a booker is refused where only admins may act", "b", ["ORG_ADMIN"] as const, null],
    ["an admin passes where admins may act", "a", ["ORG_ADMIN"] as const, "org-a"],
    ["a slug the person does not belong to is not found", "z", undefined, null],
  ])("%s", (_rule, slug, roles, expected) => {
    expect(findMembership(client, slug, roles)?.organisation.id ?? null).toBe(expected);
  });

  it("directors and associates have no client memberships", () => {
    expect(findMembership(director, "a")).toBeNull();
    expect(findMembership(associate, "a")).toBeNull();
  });
});
