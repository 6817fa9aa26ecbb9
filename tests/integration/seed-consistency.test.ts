import { afterAll, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/create-client";
import { expireHoldsAndOffers } from "@/lib/server/booking/expire-holds-and-offers";
import { repairAfterComplianceLapse } from "@/lib/server/booking/repair-after-compliance-lapse";
import { seedDemoData } from "../../prisma/seed";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

it("the demo data agrees with the domain rules: the background jobs change nothing right after seeding", async () => {
  const now = new Date();
  await seedDemoData(db, { now });
  expect(await repairAfterComplianceLapse({ db, now })).toMatchObject({ removed: 0 });
  expect(await expireHoldsAndOffers({ db, now })).toEqual({ holdsExpired: 0, offersExpired: 0 });
  expect(await db.alert.count({ where: { message: { startsWith: "Taken off" } } })).toBe(0);
});
