import { afterAll, describe, expect, it } from "vitest";
import type { AssociateActor } from "@/lib/auth/guards";
import { createPrismaClient } from "@/lib/db/create-client";
import {
  getAssociateProfile,
  requestQualification,
  setConsent,
  stopQualification,
  updateExpertise,
  updateLivedExperienceStory,
  updatePublicProfile,
} from "@/lib/server/associates/profile";
import { getService } from "@/lib/server/catalogue/list-services";
import { createScenario } from "../fixtures/scenario";

const db = createPrismaClient(process.env.DATABASE_URL, { max: 4 });
afterAll(() => db.$disconnect());

type Scenario = Awaited<ReturnType<typeof createScenario>>;
const actorOf = (associate: Scenario["associates"][number]): AssociateActor => ({
  userId: associate.userId,
  email: associate.user.email,
  name: associate.user.name,
  role: "ASSOCIATE",
  associateId: associate.id,
  memberships: [],
});

const auditCount = (action: string, subjectId?: string) => db.auditEvent.count({ where: { action, ...(subjectId ? { subjectId } : {}) } });

/** An upcoming session for `associateId` in `role` on the scenario's service. */
async function bookUpcoming(scenario: Scenario, associateId: string, role: "LIVED" | "PROFESSIONAL") {
  const startsAt = new Date(Date.now() + 10 * 24 * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const engagement = await db.engagement.create({
    data: {
      reference: `GT-T-${Math.random().toString(36).slice(2, 10)}`,
      organisationId: scenario.organisation.id,
      serviceId: scenario.service.id,
      requestedById: scenario.booker.id,
      unitPricePenceSnapshot: 120_000,
      vatRateBasisPointsSnapshot: 2000,
      status: "AWAITING_FACILITATORS",
    },
  });
  const delivery = await db.delivery.create({ data: { engagementId: engagement.id, startsAt, endsAt, mode: "ONLINE", status: "AWAITING_ACCEPTANCE" } });
  await db.assignment.create({ data: { deliveryId: delivery.id, associateId, role, status: "ACCEPTED", blockedFrom: startsAt, blockedUntil: endsAt } });
}

describe("associate profile: consents", () => {
  it("withdrawing stamps the consent in force and granting again adds a row, so the history is kept; repeats change nothing", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const t1 = new Date("2026-11-01T10:00:00Z");
    const t2 = new Date("2026-11-02T10:00:00Z");
    const t3 = new Date("2026-11-03T10:00:00Z");

    expect(await setConsent({ db, actor, input: { purpose: "MARKETING", decision: "GRANT" }, now: t1 })).toEqual({ ok: true, data: { isChanged: true } });
    expect(await setConsent({ db, actor, input: { purpose: "MARKETING", decision: "GRANT" }, now: t1 })).toEqual({ ok: true, data: { isChanged: false } });
    expect(await setConsent({ db, actor, input: { purpose: "MARKETING", decision: "WITHDRAW" }, now: t2 })).toEqual({ ok: true, data: { isChanged: true } });
    expect(await setConsent({ db, actor, input: { purpose: "MARKETING", decision: "WITHDRAW" }, now: t2 })).toEqual({ ok: true, data: { isChanged: false } });
    expect(await setConsent({ db, actor, input: { purpose: "MARKETING", decision: "GRANT" }, now: t3 })).toEqual({ ok: true, data: { isChanged: true } });

    const rows = await db.consent.findMany({ where: { associateId: associate.id, purpose: "MARKETING" }, orderBy: { grantedAt: "asc" } });
    expect(rows.map((r) => [r.grantedAt.toISOString(), r.withdrawnAt?.toISOString() ?? null])).toEqual([
      [t1.toISOString(), t2.toISOString()],
      [t3.toISOString(), null],
    ]);
    expect(await auditCount("consent.grant", rows[0]!.id)).toBe(1);
    expect(await auditCount("consent.withdraw", rows[0]!.id)).toBe(1);
    expect(await auditCount("consent.grant", rows[1]!.id)).toBe(1);

    const profile = await getAssociateProfile({ db, actor });
    const marketing = profile!.consents.find((c) => c.purpose === "MARKETING")!;
    expect(marketing).toMatchObject({ isGiven: true, givenAt: t3 });
    expect(marketing.history).toHaveLength(2);

    expect(await setConsent({ db, actor, input: { purpose: "EVERYTHING", decision: "GRANT" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { purpose: ["Choose what you are agreeing to."] } });
  });

  it("withdrawing PUBLISHED_BIO takes the associate and their note off the public service page; giving it again brings them back", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED", name: "Priya Test" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const note = "Grew up in kinship care; now trains foster carers.";
    expect(await updatePublicProfile({ db, actor, input: { bio: "Trainer.", publicLivedExperienceNote: note } })).toEqual({ ok: true, data: null });

    const publicNotes = async () => (await getService({ unverifiedSlug: scenario.service.slug }))!.qualifications.map((q) => q.associate.publicLivedExperienceNote);
    // Not published until they agree.
    expect(await publicNotes()).toEqual([]);
    expect((await getAssociateProfile({ db, actor }))!.publication).toMatchObject({ isPublished: false, hasPublishedBioConsent: false, hasApprovedService: true });

    await setConsent({ db, actor, input: { purpose: "PUBLISHED_BIO", decision: "GRANT" } });
    expect(await publicNotes()).toEqual([note]);
    expect((await getAssociateProfile({ db, actor }))!.publication.isPublished).toBe(true);

    await setConsent({ db, actor, input: { purpose: "PUBLISHED_BIO", decision: "WITHDRAW" } });
    expect(await publicNotes()).toEqual([]);
    expect((await getAssociateProfile({ db, actor }))!.publication.isPublished).toBe(false);
    // The note itself is kept (theirs to publish again), but nothing is shown.
    expect((await db.associate.findUniqueOrThrow({ where: { id: associate.id } })).publicLivedExperienceNote).toBe(note);

    await setConsent({ db, actor, input: { purpose: "PUBLISHED_BIO", decision: "GRANT" } });
    expect(await publicNotes()).toEqual([note]);
    expect(await db.consent.count({ where: { associateId: associate.id, purpose: "PUBLISHED_BIO" } })).toBe(2);
  });
});

describe("associate profile: public profile and private story", () => {
  it("the bio and public note are length-limited with clear messages (nothing written) and changes are audited without the text", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const refused = await updatePublicProfile({ db, actor, input: { bio: "x".repeat(1201), publicLivedExperienceNote: "y".repeat(401) } });
    expect(refused).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { bio: ["Keep your professional bio to 1,200 characters or fewer."], publicLivedExperienceNote: ["Keep the public note to 400 characters or fewer."] },
    });
    expect(await auditCount("associate.public-profile.update", associate.id)).toBe(0);
    expect((await db.associate.findUniqueOrThrow({ where: { id: associate.id } })).bio).toBe("");

    expect(await updatePublicProfile({ db, actor, input: { bio: "  Youth worker.\r\nTrainer.  ", publicLivedExperienceNote: "   " } })).toEqual({ ok: true, data: null });
    expect(await db.associate.findUniqueOrThrow({ where: { id: associate.id } })).toMatchObject({ bio: "Youth worker.\nTrainer.", publicLivedExperienceNote: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "associate.public-profile.update", subjectId: associate.id } });
    expect(event.data).toEqual({ changed: ["bio"], bioLength: 22, noteLength: 0 });
    // Saving the same again writes nothing new.
    await updatePublicProfile({ db, actor, input: { bio: "Youth worker.\nTrainer." } });
    expect(await auditCount("associate.public-profile.update", associate.id)).toBe(1);
  });

  it("the story is created, changed and deleted by its owner only, audited without its words; another associate can't touch it", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }, { expertise: "PROFESSIONAL" }] });
    const [owner, other] = scenario.associates.map(actorOf) as [AssociateActor, AssociateActor];
    expect(await updateLivedExperienceStory({ db, actor: owner, input: { story: "z".repeat(5001) } })).toMatchObject({ ok: false, fieldErrors: { story: ["Keep your story to 5,000 characters or fewer."] } });
    expect(await db.livedExperienceStory.count({ where: { associateId: owner.associateId } })).toBe(0);

    const words = "I lived with three families before I was eighteen.";
    expect(await updateLivedExperienceStory({ db, actor: owner, input: { story: words } })).toEqual({ ok: true, data: { isDeleted: false } });
    await updateLivedExperienceStory({ db, actor: owner, input: { story: `${words} Then I went to college.` } });
    const story = await db.livedExperienceStory.findUniqueOrThrow({ where: { associateId: owner.associateId } });
    expect(story.story).toBe(`${words} Then I went to college.`);
    const events = await db.auditEvent.findMany({ where: { subject: "LivedExperienceStory", subjectId: story.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["associate.story.create", "associate.story.update"]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("families");

    // The other associate's save lands on their own record, never on the owner's.
    await updateLivedExperienceStory({ db, actor: other, input: { story: "Mine." } });
    expect((await db.livedExperienceStory.findUniqueOrThrow({ where: { associateId: owner.associateId } })).story).toContain("college");
    expect((await getAssociateProfile({ db, actor: other }))!.story?.story).toBe("Mine.");

    expect(await updateLivedExperienceStory({ db, actor: owner, input: { story: "" } })).toEqual({ ok: true, data: { isDeleted: true } });
    expect(await db.livedExperienceStory.count({ where: { associateId: owner.associateId } })).toBe(0);
    expect(await auditCount("associate.story.delete", story.id)).toBe(1);
  });
});

describe("associate profile: expertise and services", () => {
  it("changing expertise is audited, and refused while upcoming work needs the role it would drop", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "BOTH" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    await bookUpcoming(scenario, associate.id, "PROFESSIONAL");
    const refused = await updateExpertise({ db, actor, input: { expertise: "LIVED" } });
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT", message: expect.stringContaining("1 upcoming session or offer in the professional role") });
    expect((await db.associate.findUniqueOrThrow({ where: { id: associate.id } })).expertise).toBe("BOTH");

    expect(await updateExpertise({ db, actor, input: { expertise: "PROFESSIONAL" } })).toEqual({ ok: true, data: null });
    expect((await db.associate.findUniqueOrThrow({ where: { id: associate.id } })).expertise).toBe("PROFESSIONAL");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "associate.expertise.update", subjectId: associate.id } });
    expect(event.data).toEqual({ from: "BOTH", to: "PROFESSIONAL" });
    expect(await updateExpertise({ db, actor, input: { expertise: "WIZARD" } })).toMatchObject({ ok: false, fieldErrors: { expertise: ["Choose the kind of expertise you bring."] } });
  });

  it("asking to deliver a service makes a pending request; stopping removes it, but not while upcoming work needs it; inactive or unknown services are not found", async () => {
    const scenario = await createScenario(db, { associates: [{ expertise: "LIVED" }] });
    const associate = scenario.associates[0]!;
    const actor = actorOf(associate);
    const other = await db.service.create({
      data: { slug: `group-${Date.now()}`, name: "Group work", category: "GROUP_WORK", summary: "s", description: "d", durationMinutes: 120, deliveryModes: ["IN_PERSON"], capacity: 8, pricePence: 90_000, childFacing: true },
    });
    const retired = await db.service.create({
      data: { slug: `retired-${Date.now()}`, name: "Old course", category: "TRAINING", summary: "s", description: "d", durationMinutes: 120, deliveryModes: ["ONLINE"], capacity: 8, pricePence: 90_000, active: false },
    });

    expect(await requestQualification({ db, actor, input: { unverifiedServiceId: other.id } })).toEqual({ ok: true, data: null });
    expect(await db.qualification.findFirstOrThrow({ where: { associateId: associate.id, serviceId: other.id } })).toMatchObject({ status: "PENDING", approvedById: null });
    expect(await requestQualification({ db, actor, input: { unverifiedServiceId: other.id } })).toMatchObject({ ok: false, message: "You've already asked to deliver Group work; it's waiting for the director." });
    expect(await requestQualification({ db, actor, input: { unverifiedServiceId: retired.id } })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await requestQualification({ db, actor, input: { unverifiedServiceId: "nope" } })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const services = (await getAssociateProfile({ db, actor }))!.services;
    expect(services.find((s) => s.id === other.id)?.status).toBe("PENDING");
    expect(services.find((s) => s.id === scenario.service.id)?.status).toBe("APPROVED");
    expect(services.some((s) => s.id === retired.id)).toBe(false);

    expect(await stopQualification({ db, actor, input: { unverifiedServiceId: other.id } })).toEqual({ ok: true, data: null });
    expect(await db.qualification.count({ where: { associateId: associate.id, serviceId: other.id } })).toBe(0);
    expect(await auditCount("qualification.request")).toBeGreaterThan(0);

    await bookUpcoming(scenario, associate.id, "LIVED");
    expect(await stopQualification({ db, actor, input: { unverifiedServiceId: scenario.service.id } })).toMatchObject({ ok: false, message: expect.stringContaining("1 upcoming Trauma-informed practice session") });
    expect(await db.qualification.count({ where: { associateId: associate.id, serviceId: scenario.service.id } })).toBe(1);
  });
});
