import "server-only";
import { db } from "@/lib/db/client";

/** What the public catalogue shows of a service (the director's editor adds the rest). */
export const serviceSelect = {
  id: true,
  slug: true,
  name: true,
  category: true,
  summary: true,
  description: true,
  durationMinutes: true,
  deliveryModes: true,
  capacity: true,
  pricePence: true,
  vatRateBasisPoints: true,
  bookableOnline: true,
} as const;

/** The public catalogue: active services in display order. */
export async function listServices() {
  return db.service.findMany({ where: { active: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: serviceSelect });
}

/** One public service with the consented public notes of associates qualified to deliver it. */
export async function getService({ unverifiedSlug }: { unverifiedSlug: string }) {
  return db.service.findFirst({
    where: { slug: unverifiedSlug, active: true },
    select: {
      ...serviceSelect,
      qualifications: {
        where: {
          status: "APPROVED",
          associate: { active: true, consents: { some: { purpose: "PUBLISHED_BIO", withdrawnAt: null } } },
        },
        take: 6,
        select: {
          associate: {
            select: { id: true, expertise: true, bio: true, publicLivedExperienceNote: true, user: { select: { name: true } } },
          },
        },
      },
    },
  });
}
