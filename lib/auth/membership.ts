import type { MembershipRole } from "@/lib/db/generated/prisma/enums";
import type { Actor } from "./actor";

export type OrganisationContext = {
  actor: Actor;
  organisation: { id: string; slug: string; name: string };
  role: MembershipRole;
};

/** Pure check behind requireMembership (also used by route handlers that answer 404 themselves). */
export function findMembership(
  actor: Actor,
  unverifiedOrgSlug: string,
  roles?: readonly MembershipRole[],
): OrganisationContext | null {
  const membership = actor.memberships.find((m) => m.slug === unverifiedOrgSlug);
  if (!membership || (roles && !roles.includes(membership.role))) return null;
  return {
    actor,
    organisation: { id: membership.organisationId, slug: membership.slug, name: membership.name },
    role: membership.role,
  };
}
