import "server-only";
import { notFound, redirect } from "next/navigation";
import type { MembershipRole } from "@/lib/db/generated/prisma/enums";
import { type Actor, getActor } from "./actor";
import { findMembership, type OrganisationContext } from "./membership";

export { findMembership, type OrganisationContext };

/**
 * Page and action guards: the one way to check who may see what. They throw Next's redirect
 * (not signed in) or notFound (signed in but outside their scope — never "forbidden", so a
 * foreign record's existence does not leak). Call exactly one at the top of a page or action.
 */
export async function requireActor(returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return actor;
}

export type DirectorActor = Actor & { role: "DIRECTOR" };
export type AssociateActor = Actor & { role: "ASSOCIATE"; associateId: string };

export async function requireDirector(returnTo?: string): Promise<DirectorActor> {
  const actor = await requireActor(returnTo);
  if (actor.role !== "DIRECTOR") notFound();
  return actor as DirectorActor;
}

export async function requireAssociate(returnTo?: string): Promise<AssociateActor> {
  const actor = await requireActor(returnTo);
  if (actor.role !== "ASSOCIATE" || !actor.associateId) notFound();
  return actor as AssociateActor;
}

/**
 * The caller must belong to the organisation in the URL (with one of `roles`, if given).
 * The organisation always comes from the URL slug checked here, never from a request body.
 */
export async function requireMembership(
  unverifiedOrgSlug: string,
  roles?: readonly MembershipRole[],
  returnTo?: string,
): Promise<OrganisationContext> {
  const actor = await requireActor(returnTo);
  const membership = findMembership(actor, unverifiedOrgSlug, roles);
  if (!membership) notFound();
  return membership;
}

