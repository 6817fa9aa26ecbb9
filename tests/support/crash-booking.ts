/**
 * A booking process for the crash-safety suite (tests/integration/crash-safety.test.ts): runs one real
 * booking use case against DATABASE_URL and prints its result. The test stalls it mid-transaction (by
 * holding a lock on a table the transaction writes to last) and kills it with SIGKILL, so this process
 * normally never finishes. Run as `node --import tsx tests/support/crash-booking.ts` with the job as
 * JSON in CRASH_JOB (one process, so the test's SIGKILL reaches the one holding the connection).
 */
import type { AssociateActor } from "../../lib/auth/guards";
import type { OrganisationContext } from "../../lib/auth/membership";
import { createPrismaClient } from "../../lib/db/create-client";
import { holdSlot } from "../../lib/server/booking/hold-slot";
import { requestBooking } from "../../lib/server/booking/request-booking";
import { respondToOffer } from "../../lib/server/booking/respond-to-offer";

export type CrashJob =
  | { point: "hold"; context: OrganisationContext; input: Record<string, unknown>; now: string }
  | { point: "request"; context: OrganisationContext; input: Record<string, unknown>; now: string }
  | { point: "accept"; actor: Pick<AssociateActor, "associateId" | "userId">; input: Record<string, unknown>; now: string };

const job = JSON.parse(process.env.CRASH_JOB ?? "null") as CrashJob | null;
if (!job) throw new Error("CRASH_JOB is not set.");
const db = createPrismaClient(process.env.DATABASE_URL, { max: 2 });
const now = new Date(job.now);
console.log(`crash-booking: pid ${process.pid} running ${job.point}`);
const result =
  job.point === "hold"
    ? await holdSlot({ db, context: job.context, input: job.input, now })
    : job.point === "request"
      ? await requestBooking({ db, context: job.context, input: job.input, now })
      : await respondToOffer({ db, actor: job.actor, input: job.input, now });
// Reaching here means the transaction was never stalled: the test fails on this line.
console.log(`crash-booking: finished ${JSON.stringify(result)}`);
await db.$disconnect();
