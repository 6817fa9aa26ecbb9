import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/create-client";
import { AppErrorCode, fail, ok, type Result } from "@/lib/result";
import { poundsField, vatRateField } from "./invoice-common";
import { serviceSelect as publicServiceSelect } from "@/lib/server/catalogue/list-services";

/**
 * The director's catalogue editor. A change applies to new bookings only: engagements keep the price
 * and VAT rate they were booked at (`unitPricePenceSnapshot`, `vatRateBasisPointsSnapshot`).
 */

const NOT_FOUND = "We couldn't find that service.";
const isDirector = (actor: Actor) => actor.role === "DIRECTOR";

const serviceSelect = {
  ...publicServiceSelect,
  livedRequired: true,
  professionalRequired: true,
  childFacing: true,
  requiresSocialWorkRegistration: true,
  active: true,
  sortOrder: true,
} as const;

/** Every service, active or not, in display order, with how many engagements use it. */
export async function listCatalogue({ db, actor }: { db: DbTx; actor: Actor }) {
  if (!isDirector(actor)) return [];
  return db.service.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { ...serviceSelect, _count: { select: { engagements: true } } } });
}

export async function getCatalogueService({ db, actor, unverifiedId }: { db: DbTx; actor: Actor; unverifiedId: string }) {
  if (!isDirector(actor)) return null;
  return db.service.findUnique({ where: { id: unverifiedId }, select: serviceSelect });
}

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
const wholeNumber = (label: string, min: number, max: number, tooSmall = `${label} must be at least ${min}.`) =>
  z.coerce
    .number({ message: `Enter ${label.toLowerCase()} as a number.` })
    .int(`Enter ${label.toLowerCase()} as a whole number.`)
    .min(min, tooSmall)
    .max(max, `${label} can be at most ${max}.`);

export const serviceInput = z.object({
  unverifiedServiceId: z.string().trim().min(1).max(60),
  name: z.string({ message: "Enter the service's name." }).trim().min(3, "Enter the service's name.").max(120, "Keep the name under 120 characters."),
  summary: z.string({ message: "Enter a one-line summary." }).trim().min(10, "Write a one-line summary (at least 10 characters).").max(300, "Keep the summary under 300 characters."),
  description: z.string({ message: "Describe the service." }).trim().min(20, "Describe the service (at least 20 characters).").max(5000, "Keep the description under 5,000 characters."),
  pricePence: poundsField("the price"),
  vatRateBasisPoints: vatRateField,
  capacity: wholeNumber("Capacity", 1, 500, "Capacity must be at least 1 person."),
  durationMinutes: wholeNumber("Duration", 15, 1440, "A session lasts at least 15 minutes.").refine((minutes) => minutes % 15 === 0, "Use steps of 15 minutes, like 90 or 180."),
  deliveryModes: z.array(z.enum(["IN_PERSON", "ONLINE"]), { message: "Choose how it can be delivered." }).min(1, "Choose at least one way to deliver it: in person or online."),
  bookableOnline: checkbox,
  livedRequired: wholeNumber("Lived-experience associates", 1, 4, "Every session is co-delivered: at least 1 lived-experience associate is needed."),
  professionalRequired: wholeNumber("Professional associates", 1, 4, "Every session is co-delivered: at least 1 professional associate is needed."),
  childFacing: checkbox,
  requiresSocialWorkRegistration: checkbox,
  active: checkbox,
  sortOrder: wholeNumber("Position in the list", 0, 999, "Position in the list can't be negative."),
});

/** Saves a service's catalogue details (server-validated; the database also refuses a service without a pair). Audited. */
export async function updateService({ db, actor, input }: { db: Db; actor: Actor; input: unknown }): Promise<Result<null>> {
  if (!isDirector(actor)) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
  const parsed = serviceInput.safeParse(input);
  if (!parsed.success) return fail(AppErrorCode.INVALID_INPUT, "Check the service details.", z.flattenError(parsed.error).fieldErrors);
  const { unverifiedServiceId, ...data } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.service.findUnique({ where: { id: unverifiedServiceId }, select: serviceSelect });
    if (!before) return fail(AppErrorCode.NOT_FOUND, NOT_FOUND);
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(data[key]));
    if (changed.length === 0) return ok(null);
    await tx.service.update({ where: { id: before.id }, data });
    await tx.auditEvent.create({
      data: {
        actorId: actor.userId,
        action: "service.update",
        subject: "Service",
        subjectId: before.id,
        data: { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: data[key] }])) },
      },
    });
    return ok(null);
  });
}
