/**
 * Demo data for "The Vision": a believable lived-experience social care consultancy.
 *
 * - Idempotent: if the director account already exists, nothing is written and the summary says so.
 * - Everything is placed relative to `now`, in whole working weeks (Europe/London), so the demo always
 *   has past work (delivered, invoiced, paid) and future work in every state. Weeks that contain an
 *   England and Wales bank holiday or fall between Christmas Eve and New Year's Day are skipped, so no
 *   session lands on Christmas Day or a bank holiday Monday.
 * - One interactive transaction, mostly `createMany`: a few seconds at most.
 * - The data respects the database guarantees (prisma/migrations/*_database_guarantees): no associate
 *   holds two overlapping active assignments, confirmed deliveries have their accepted pair, invoice
 *   lines are written while the invoice is a draft, totals add up and VAT is rounded half up per line.
 *
 * Language: "care-experienced adult", never "care leaver" as a label; bios describe professional
 * background only — lived experience is shown to clients only through `publicLivedExperienceNote`,
 * and only for associates who gave PUBLISHED_BIO consent.
 */
import { randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import type { Prisma, PrismaClient } from "../lib/db/generated/prisma/client";
import {
  AlertKind,
  AssignmentRole,
  AssignmentStatus,
  AssociatePaymentStatus,
  CapPeriod,
  ComplianceKind,
  ConsentPurpose,
  CoProductionStep,
  DeliveryMode,
  DeliveryStatus,
  EngagementStatus,
  ExpenseCategory,
  ExpenseStatus,
  Expertise,
  InvoiceStatus,
  MembershipRole,
  OrganisationKind,
  PaymentMethod,
  PayPreference,
  PayRunStatus,
  PlatformRole,
  QualificationStatus,
  QuoteStatus,
  ServiceCategory,
  TaxStatus,
} from "../lib/db/generated/prisma/enums";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, type DemoAccountKey } from "../lib/demo-accounts";
import { publishInspectionTemplates } from "../lib/server/director/inspections";

export type SeedSummary = {
  /** True when the director already existed and nothing was written. */
  alreadySeeded: boolean;
  /** One plain-English line for the CLI. */
  message: string;
  users: number;
  associates: number;
  organisations: number;
  services: number;
  engagements: number;
  deliveries: number;
  invoices: number;
};

export type SeedOptions = { now?: Date };

const ZONE = "Europe/London";
const VAT_STANDARD = 2000;
const BUFFER_IN_PERSON = 30;
const BUFFER_ONLINE = 15;
const HOLD_MINUTES = 15;
const OFFER_HOURS = 48;

/** Cancellation terms agreed at booking (the default for every engagement). */
export const DEFAULT_CANCELLATION_TERMS = [
  { noticeDaysAtLeast: 28, chargeBasisPoints: 0, associatePassThroughBasisPoints: 0 },
  { noticeDaysAtLeast: 14, chargeBasisPoints: 5000, associatePassThroughBasisPoints: 5000 },
  { noticeDaysAtLeast: 0, chargeBasisPoints: 10000, associatePassThroughBasisPoints: 10000 },
];

/** VAT on one line, rounded half up (the rule the invoices use). */
export function vatOnLine(netPence: number, rateBasisPoints: number): number {
  return Math.floor((netPence * rateBasisPoints + 5000) / 10000);
}

// ───────────────────────────── small helpers ─────────────────────────────

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Seed data is inconsistent: ${what} is missing`);
  return value;
}

/** cuid-shaped ids (25 characters, starting with "c"), so they look like the ones Prisma makes. */
function idFactory() {
  let counter = randomBytes(2).readUInt16BE(0);
  const fingerprint = (process.pid % 1679616).toString(36).padStart(4, "0");
  return () => {
    counter = (counter + 1) % 1679616;
    const time = Date.now().toString(36).padStart(8, "0").slice(-8);
    const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);
    return `c${time}${counter.toString(36).padStart(4, "0")}${fingerprint}${random}`;
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every seed reads the same. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A calendar date for a `@db.Date` column (midnight UTC of the local date). */
function dateOnly(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day));
}

function longDate(dt: DateTime): string {
  return dt.setZone(ZONE).setLocale("en-GB").toFormat("cccc d LLLL yyyy");
}

function shortDate(dt: DateTime): string {
  return dt.setZone(ZONE).setLocale("en-GB").toFormat("ccc d LLL yyyy");
}

function pounds(pence: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(pence / 100);
}

function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const bankHolidayCache = new Map<number, Set<string>>();

/** England and Wales bank holidays that can fall outside the Christmas–New Year break. */
function bankHolidays(year: number): Set<string> {
  const cached = bankHolidayCache.get(year);
  if (cached) return cached;
  const days: DateTime[] = [];
  let newYear = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: ZONE });
  while (newYear.weekday > 5) newYear = newYear.plus({ days: 1 });
  days.push(newYear);
  const easter = DateTime.fromObject({ year, ...easterSunday(year) }, { zone: ZONE });
  days.push(easter.minus({ days: 2 }), easter.plus({ days: 1 }));
  const firstMonday = (month: number) => {
    let d = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
    while (d.weekday !== 1) d = d.plus({ days: 1 });
    return d;
  };
  const lastMonday = (month: number) => {
    let d = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE }).endOf("month").startOf("day");
    while (d.weekday !== 1) d = d.minus({ days: 1 });
    return d;
  };
  days.push(firstMonday(5), lastMonday(5), lastMonday(8));
  const set = new Set(days.map((d) => d.toISODate() ?? ""));
  bankHolidayCache.set(year, set);
  return set;
}

/** A day with no sessions: a bank holiday, or the Christmas–New Year break (24 Dec – 1 Jan). */
function isQuietDay(day: DateTime): boolean {
  if ((day.month === 12 && day.day >= 24) || (day.month === 1 && day.day === 1)) return true;
  return bankHolidays(day.year).has(day.toISODate() ?? "");
}

/** Places things in working weeks relative to `now` (London time). Week 0 is the current week. */
class Calendar {
  readonly now: DateTime;
  readonly today: DateTime;
  private readonly thisMonday: DateTime;
  private readonly weeks = new Map<number, DateTime>();

  constructor(now: Date) {
    this.now = DateTime.fromJSDate(now, { zone: ZONE });
    this.today = this.now.startOf("day");
    this.thisMonday = this.now.startOf("week");
  }

  private isQuietWeek(monday: DateTime) {
    for (let i = 0; i < 5; i++) if (isQuietDay(monday.plus({ days: i }))) return true;
    return false;
  }

  /** Monday of the n-th working week after (n > 0) or before (n < 0) the current one. */
  week(n: number): DateTime {
    if (n === 0) return this.thisMonday;
    const cached = this.weeks.get(n);
    if (cached) return cached;
    const step = n > 0 ? 1 : -1;
    let monday = this.thisMonday;
    for (let found = 0; found < Math.abs(n); ) {
      monday = monday.plus({ weeks: step });
      if (!this.isQuietWeek(monday)) found++;
    }
    this.weeks.set(n, monday);
    return monday;
  }

  /** A local time on an ISO weekday (1 = Monday) of working week n. */
  at(week: number, weekday: number, time: string): DateTime {
    const [hour = 0, minute = 0] = time.split(":").map(Number);
    return this.week(week).plus({ days: weekday - 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  }

  /** The n-th working day after today (weekends and bank holidays skipped), at a local time. */
  workingDaysAhead(n: number, time: string): DateTime {
    const [hour = 0, minute = 0] = time.split(":").map(Number);
    let day = this.today;
    for (let found = 0; found < n; ) {
      day = day.plus({ days: 1 });
      if (day.weekday <= 5 && !isQuietDay(day)) found++;
    }
    return day.set({ hour, minute });
  }

  ago(duration: { days?: number; hours?: number; minutes?: number }): DateTime {
    return this.now.minus(duration);
  }

  ahead(duration: { days?: number; hours?: number; minutes?: number }): DateTime {
    return this.now.plus(duration);
  }
}

function demoEmail(key: DemoAccountKey): string {
  return must(
    DEMO_ACCOUNTS.find((account) => account.key === key),
    `demo account ${key}`,
  ).email;
}

// ───────────────────────────── the catalogue ─────────────────────────────

type ServiceSlug =
  | "training"
  | "consultancy"
  | "mock-inspection"
  | "reflective-supervision"
  | "group-work"
  | "team-building"
  | "mentoring"
  | "therapeutic-support";

type ServiceSeed = {
  slug: ServiceSlug;
  name: string;
  category: ServiceCategory;
  summary: string;
  description: string;
  durationMinutes: number;
  deliveryModes: DeliveryMode[];
  capacity: number;
  pricePence: number;
  bookableOnline: boolean;
  childFacing: boolean;
  requiresSocialWorkRegistration: boolean;
};

const SERVICES: ServiceSeed[] = [
  {
    slug: "training",
    name: "Co-delivered training",
    category: ServiceCategory.TRAINING,
    summary:
      "A half-day course for up to 20 people, led together by a care-experienced adult and a social care professional.",
    description:
      "Every course is co-produced and co-delivered: a care-experienced adult and an experienced professional plan it together and lead it side by side. " +
      "Topics include understanding the care experience, the language we use about children, recording with care, identity and belonging, and keeping relationships going. " +
      "Sessions are practical and honest, with time to ask the questions people don't usually get to ask. " +
      "Everyone who attends receives a certificate of attendance and a short feedback form. " +
      "Book online for a date when a pair is free; we can run it at your venue or online.",
    durationMinutes: 180,
    deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.ONLINE],
    capacity: 20,
    pricePence: 120000,
    bookableOnline: true,
    childFacing: false,
    requiresSocialWorkRegistration: false,
  },
  {
    slug: "consultancy",
    name: "Consultancy",
    category: ServiceCategory.CONSULTANCY,
    summary:
      "A day of advice on your policies, services or plans, from people who have lived the care system and people who have worked in it.",
    description:
      "We look at what you do through two lenses at once: the experience of the children and young people it is meant to help, and the reality of running a service. " +
      "Typical pieces of work include reviewing house rules or a behaviour policy, shaping a pledge to children in care, or planning how young people's views will change a service. " +
      "We agree the questions with you first, then spend time with your team and your documents, and finish with clear, practical recommendations. " +
      "Tell us what you need and we will send a quote.",
    durationMinutes: 420,
    deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.ONLINE],
    capacity: 12,
    pricePence: 165000,
    bookableOnline: false,
    childFacing: false,
    requiresSocialWorkRegistration: false,
  },
  {
    slug: "mock-inspection",
    name: "Mock inspection",
    category: ServiceCategory.INSPECTION,
    summary:
      "A practice inspection of your children's home, following the inspection framework's judgement areas, with a written report. A mock — not an Ofsted judgement.",
    description:
      "A former social care regulatory inspector and a care-experienced adult spend a day in your home. " +
      "They talk with staff, read records, and — if young people want to — listen to what it is like to live there. " +
      "The written report follows the framework's judgement areas and four-point scale, with evidence, the children's voice, and recommendations with timescales. " +
      "It is clearly marked as a mock inspection: it is not an Ofsted judgement. " +
      "Tell us when your inspection window is and we will send a quote.",
    durationMinutes: 420,
    deliveryModes: [DeliveryMode.IN_PERSON],
    capacity: 1,
    pricePence: 240000,
    bookableOnline: false,
    childFacing: false,
    requiresSocialWorkRegistration: true,
  },
  {
    slug: "reflective-supervision",
    name: "Reflective supervision",
    category: ServiceCategory.REFLECTIVE_SUPERVISION,
    summary:
      "Two-hour group supervision for social workers and fostering teams, co-facilitated by a registered social worker and a care-experienced adult.",
    description:
      "A regular, confidential space to think about the children you work with and the feelings the work brings up. " +
      "A registered social worker keeps the session safe and focused; a care-experienced adult helps the group keep the child's view at the centre. " +
      "Groups of up to eight, monthly or fortnightly, online or in person. " +
      "Supervision sits alongside, and does not replace, your organisation's line management.",
    durationMinutes: 120,
    deliveryModes: [DeliveryMode.ONLINE, DeliveryMode.IN_PERSON],
    capacity: 8,
    pricePence: 60000,
    bookableOnline: false,
    childFacing: false,
    requiresSocialWorkRegistration: true,
  },
  {
    slug: "group-work",
    name: "Group work with young people",
    category: ServiceCategory.GROUP_WORK,
    summary:
      "Creative, relaxed group sessions for young people, run by a care-experienced adult and a therapeutic professional.",
    description:
      "Small groups of up to eight young people meet for a set of sessions — often six, once a week. " +
      "Young people help choose the themes: confidence, friendships, identity, or getting ready for the next step. " +
      "Sessions use art, music and conversation, and nobody has to share more than they want to. " +
      "Both facilitators are DBS-checked for work with children and trained in safeguarding.",
    durationMinutes: 120,
    deliveryModes: [DeliveryMode.IN_PERSON],
    capacity: 8,
    pricePence: 75000,
    bookableOnline: false,
    childFacing: true,
    requiresSocialWorkRegistration: false,
  },
  {
    slug: "team-building",
    name: "Team building",
    category: ServiceCategory.TEAM_BUILDING,
    summary:
      "A day for your staff team to reconnect, reflect on how the home or service feels to young people, and agree what to change.",
    description:
      "Designed with care-experienced adults, these days mix practical activities with honest conversation about team culture and the experience of the young people you support. " +
      "Teams leave with a short, shared plan they wrote themselves. " +
      "For teams of up to 25, at your venue or one nearby.",
    durationMinutes: 300,
    deliveryModes: [DeliveryMode.IN_PERSON],
    capacity: 25,
    pricePence: 140000,
    bookableOnline: true,
    childFacing: false,
    requiresSocialWorkRegistration: false,
  },
  {
    slug: "mentoring",
    name: "Mentoring for young people",
    category: ServiceCategory.MENTORING,
    summary:
      "One-to-one mentoring for a young person from a care-experienced mentor, supported by a professional.",
    description:
      "A young person is matched with a care-experienced mentor who has been where they are. " +
      "A professional co-mentor plans with the mentor, joins when it helps, and makes sure support is safe and joined up with the young person's network. " +
      "Sessions are usually fortnightly, in person or online, and are led by what the young person wants to work on — college, moving on, friendships or simply having someone in their corner.",
    durationMinutes: 90,
    deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.ONLINE],
    capacity: 1,
    pricePence: 48000,
    bookableOnline: false,
    childFacing: true,
    requiresSocialWorkRegistration: false,
  },
  {
    slug: "therapeutic-support",
    name: "Therapeutic support",
    category: ServiceCategory.THERAPEUTIC_SUPPORT,
    summary:
      "Trauma-informed sessions for a young person and the adults who care for them, with a therapist and a care-experienced practitioner.",
    description:
      "A qualified therapist and a care-experienced practitioner work with a young person, their carers or the staff around them. " +
      "Support is paced by the young person and can include direct sessions, consultation for carers, or help for a team to understand what a young person's behaviour might be telling them. " +
      "We agree goals at the start and review them together.",
    durationMinutes: 60,
    deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.ONLINE],
    capacity: 4,
    pricePence: 60000,
    bookableOnline: false,
    childFacing: true,
    requiresSocialWorkRegistration: false,
  },
];

// ───────────────────────────── organisations and people ─────────────────────────────

type OrgKey = keyof typeof DEMO_ORGANISATIONS;

type OrgSeed = {
  key: OrgKey;
  name: string;
  kind: OrganisationKind;
  addressLine1: string;
  addressLine2?: string;
  town: string;
  postcode: string;
  vatNumber?: string;
  invoiceEmail: string;
  poRequired: boolean;
  paymentTermsDays: number;
  emailDomain: string;
  venue: string;
};

const ORGANISATIONS: OrgSeed[] = [
  {
    key: "council",
    name: "Northshire County Council",
    kind: OrganisationKind.LOCAL_AUTHORITY,
    addressLine1: "County Hall",
    addressLine2: "Northgate",
    town: "Northbury",
    postcode: "NB1 4HQ",
    vatNumber: "GB 385 1274 62",
    invoiceEmail: "invoices@northshire.example",
    poRequired: true,
    paymentTermsDays: 30,
    emailDomain: "northshire.example",
    venue: "Training Room 2, County Hall, Northgate, Northbury NB1 4HQ",
  },
  {
    key: "home",
    name: "Oak House Children's Home",
    kind: OrganisationKind.CHILDRENS_HOME,
    addressLine1: "14 Oak Lane",
    town: "Calderbrook",
    postcode: "HX7 5QT",
    vatNumber: "GB 742 9918 35",
    invoiceEmail: "accounts@oakhouse.example",
    poRequired: false,
    paymentTermsDays: 14,
    emailDomain: "oakhouse.example",
    venue: "Oak House, 14 Oak Lane, Calderbrook HX7 5QT (please sign in at the office)",
  },
  {
    key: "charity",
    name: "Bright Futures Fostering",
    kind: OrganisationKind.CHARITY,
    addressLine1: "The Old Chapel",
    addressLine2: "3 Mill Street",
    town: "Ashworth",
    postcode: "BB4 6RT",
    invoiceEmail: "finance@brightfutures.example",
    poRequired: false,
    paymentTermsDays: 30,
    emailDomain: "brightfutures.example",
    venue: "The Old Chapel, 3 Mill Street, Ashworth BB4 6RT",
  },
];

type ClientKey = "priya" | "tom" | "sophie" | "lee" | "dan" | "ruth" | "megan";

const CLIENT_USERS: { key: ClientKey; name: string; email: string; org: OrgKey; role: MembershipRole; phone?: string }[] = [
  { key: "priya", name: "Priya Sharma", email: demoEmail("council-admin"), org: "council", role: MembershipRole.ORG_ADMIN, phone: "07700 900214" },
  { key: "tom", name: "Tom Fletcher", email: demoEmail("council-booker"), org: "council", role: MembershipRole.BOOKER },
  { key: "sophie", name: "Sophie Turner", email: "sophie.turner@northshire.example", org: "council", role: MembershipRole.BOOKER },
  { key: "lee", name: "Lee Robinson", email: demoEmail("home-admin"), org: "home", role: MembershipRole.ORG_ADMIN, phone: "07700 900388" },
  { key: "dan", name: "Dan Whitfield", email: "dan.whitfield@oakhouse.example", org: "home", role: MembershipRole.BOOKER },
  { key: "ruth", name: "Ruth Adeyemi", email: demoEmail("charity-admin"), org: "charity", role: MembershipRole.ORG_ADMIN, phone: "07700 900561" },
  { key: "megan", name: "Megan Price", email: "megan.price@brightfutures.example", org: "charity", role: MembershipRole.BOOKER },
];

type AssociateKey =
  | "kayla"
  | "marcus"
  | "chloe"
  | "jordan"
  | "aisha"
  | "ellie"
  | "sam"
  | "helen"
  | "david"
  | "rachel"
  | "gareth"
  | "fiona"
  | "nathan"
  | "leah";

type Rule = [weekday: number, startMinute: number, endMinute: number];

type AssociateSeed = {
  key: AssociateKey;
  name: string;
  email: string;
  expertise: Expertise;
  bio: string;
  /** Only for associates who consented (PUBLISHED_BIO). */
  publicNote?: string;
  /** Private, special-category: never shown to clients. */
  story?: string;
  timezone?: string;
  homePostcode: string;
  phone: string;
  feePerHalfDayPence: number;
  payPreference: PayPreference;
  charityName?: string;
  taxStatus: TaxStatus;
  benefits?: { capPence: number; period: CapPeriod; adviceOfferedDaysAgo: number };
  rules: Rule[];
  services: ServiceSlug[];
  pendingServices?: ServiceSlug[];
  registration?: { body: string; number: string; title: string; kind: "SWE" | "HCPC" };
  joinedDaysAgo: number;
  marketingConsent?: boolean;
  withdrewPublishedBio?: boolean;
};

const weekdays = (from: number, to: number, start: number, end: number): Rule[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, start, end] as Rule);

const ASSOCIATES: AssociateSeed[] = [
  {
    key: "kayla",
    name: "Kayla Brooks",
    email: demoEmail("lived-associate"),
    expertise: Expertise.LIVED,
    bio: "Trainer and youth worker based in Salford. Co-delivers training for social workers and foster carers on listening to children, and chairs a young people's advisory group.",
    publicNote: "Grew up in foster care in the North West; now trains foster carers.",
    story:
      "I came into foster care when I was nine and lived with three families before I was eighteen. The carer who made the difference kept my school photos on the fridge next to her own children's. " +
      "I want people who look after children to know that small things like that are not small.",
    homePostcode: "M6 5FX",
    phone: "07700 900101",
    feePerHalfDayPence: 18000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: [[1, 780, 1020], ...weekdays(2, 4, 540, 1020)],
    services: ["training", "consultancy", "mock-inspection", "reflective-supervision"],
    pendingServices: ["mentoring"],
    joinedDaysAgo: 610,
    marketingConsent: true,
  },
  {
    key: "marcus",
    name: "Marcus Reid",
    email: "marcus@associates.thevision.example",
    expertise: Expertise.LIVED,
    bio: "Peer mentor and musician. Helps children's homes look at daily life — house rules, mealtimes, the first night — from a young person's point of view.",
    publicNote: "Lived in children's homes as a teenager; talks about what helped him feel safe.",
    story:
      "I moved into a children's home at fourteen. Some staff saw a risk assessment; one saw a lad who liked music and got me into a studio. " +
      "I want staff teams to think about which of those they are being.",
    homePostcode: "LS9 8AB",
    phone: "07700 900102",
    feePerHalfDayPence: 17500,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    benefits: { capPence: 20000, period: CapPeriod.WEEK, adviceOfferedDaysAgo: 150 },
    rules: [[1, 540, 1020], [3, 540, 1020], [5, 540, 1020]],
    services: ["training", "consultancy", "mock-inspection", "team-building", "mentoring"],
    joinedDaysAgo: 480,
    marketingConsent: true,
  },
  {
    key: "chloe",
    name: "Chloe Evans",
    email: "chloe@associates.thevision.example",
    expertise: Expertise.LIVED,
    bio: "Youth participation worker. Helps organisations hear from young people in ways that lead to real change.",
    publicNote: "Care-experienced adult; co-founded her local Children in Care Council.",
    homePostcode: "CF24 3AA",
    phone: "07700 900103",
    feePerHalfDayPence: 16000,
    payPreference: PayPreference.VOUCHER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: [...weekdays(2, 4, 540, 1020), [6, 600, 840]],
    services: ["training", "consultancy", "mock-inspection", "team-building"],
    joinedDaysAgo: 400,
  },
  {
    key: "jordan",
    name: "Jordan Mensah",
    email: "jordan@associates.thevision.example",
    expertise: Expertise.LIVED,
    bio: "Works in supported housing for young people and co-facilitates reflective supervision for social work and fostering teams.",
    story: "I'd rather talk about my own experiences in person, in my own words, than have them written down. I'm happy for the director to know I grew up in kinship care and then foster care.",
    homePostcode: "NB2 7PL",
    phone: "07700 900104",
    feePerHalfDayPence: 16000,
    payPreference: PayPreference.CHARITY,
    charityName: "Northshire Young People's Fund",
    taxStatus: TaxStatus.EMPLOYED_ELSEWHERE,
    rules: weekdays(1, 4, 720, 1080),
    services: ["training", "reflective-supervision", "group-work", "team-building", "mentoring"],
    joinedDaysAgo: 720,
  },
  {
    key: "aisha",
    name: "Aisha Begum",
    email: "aisha@associates.thevision.example",
    expertise: Expertise.LIVED,
    bio: "Volunteer advocate and parent. Co-delivers training on cultural and religious identity and what good support looks like.",
    homePostcode: "BD3 9LP",
    phone: "07700 900105",
    feePerHalfDayPence: 15000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.NOT_SURE,
    benefits: { capPence: 40000, period: CapPeriod.MONTH, adviceOfferedDaysAgo: 95 },
    rules: weekdays(1, 5, 570, 870),
    services: ["training", "reflective-supervision", "group-work", "team-building", "mentoring", "therapeutic-support"],
    joinedDaysAgo: 300,
    withdrewPublishedBio: true,
  },
  {
    key: "ellie",
    name: "Ellie Shaw",
    email: "ellie@associates.thevision.example",
    expertise: Expertise.LIVED,
    bio: "Works in a youth service in Dublin and mentors young people online, especially around moving on to their own place. Gives her time for expenses only.",
    timezone: "Europe/Dublin",
    homePostcode: "D08 X2Y4",
    phone: "07700 900106",
    feePerHalfDayPence: 15000,
    payPreference: PayPreference.EXPENSES_ONLY,
    taxStatus: TaxStatus.EMPLOYED_ELSEWHERE,
    rules: weekdays(1, 3, 960, 1200),
    services: ["training", "group-work", "mentoring", "therapeutic-support"],
    joinedDaysAgo: 200,
  },
  {
    key: "sam",
    name: "Sam Patel",
    email: demoEmail("professional-associate"),
    expertise: Expertise.PROFESSIONAL,
    bio: "Registered social worker with twelve years in children's services, most recently as a practice educator. Trains teams on direct work with children, recording and care planning.",
    homePostcode: "M20 2RN",
    phone: "07700 900107",
    feePerHalfDayPence: 25000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: weekdays(1, 5, 510, 1050),
    services: ["training", "consultancy", "mock-inspection", "reflective-supervision", "team-building"],
    registration: { body: "Social Work England", number: "SW84213", title: "Social worker", kind: "SWE" },
    joinedDaysAgo: 640,
  },
  {
    key: "helen",
    name: "Dr Helen Carter",
    email: "helen@associates.thevision.example",
    expertise: Expertise.PROFESSIONAL,
    bio: "Clinical psychologist specialising in developmental trauma. Supports young people, carers and staff teams, and co-facilitates therapeutic group work.",
    homePostcode: "HX1 2TT",
    phone: "07700 900108",
    feePerHalfDayPence: 30000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.EMPLOYED_ELSEWHERE,
    rules: [[1, 780, 1140], [5, 540, 1020]],
    services: ["training", "group-work", "mentoring", "therapeutic-support"],
    registration: { body: "Health and Care Professions Council", number: "PYL31877", title: "Practitioner psychologist", kind: "HCPC" },
    joinedDaysAgo: 350,
  },
  {
    key: "david",
    name: "David Okoye",
    email: "david@associates.thevision.example",
    expertise: Expertise.PROFESSIONAL,
    bio: "Registered social worker and former Ofsted social care regulatory inspector. Leads mock inspections of children's homes and coaches managers on showing the difference they make.",
    homePostcode: "B15 2TT",
    phone: "07700 900109",
    feePerHalfDayPence: 28000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: weekdays(2, 4, 540, 1020),
    services: ["training", "consultancy", "mock-inspection"],
    registration: { body: "Social Work England", number: "SW51790", title: "Social worker", kind: "SWE" },
    joinedDaysAgo: 540,
  },
  {
    key: "rachel",
    name: "Rachel Green",
    email: "rachel@associates.thevision.example",
    expertise: Expertise.PROFESSIONAL,
    bio: "Systemic family therapist (UKCP registered) working with young people and the adults around them. Co-delivers mentoring and therapeutic support.",
    homePostcode: "YO10 5DD",
    phone: "07700 900110",
    feePerHalfDayPence: 27500,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: weekdays(1, 3, 600, 1140),
    services: ["group-work", "team-building", "mentoring", "therapeutic-support"],
    joinedDaysAgo: 260,
  },
  {
    key: "gareth",
    name: "Gareth Hughes",
    email: "gareth@associates.thevision.example",
    expertise: Expertise.PROFESSIONAL,
    bio: "Former registered manager of a children's home, with twenty years in residential care. Runs team days and consultancy on culture, leadership and practice.",
    homePostcode: "HX7 8AD",
    phone: "07700 900111",
    feePerHalfDayPence: 22000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: weekdays(1, 5, 540, 1020),
    services: ["training", "consultancy", "group-work", "team-building"],
    pendingServices: ["mentoring"],
    joinedDaysAgo: 500,
  },
  {
    key: "fiona",
    name: "Fiona Campbell",
    email: "fiona@associates.thevision.example",
    expertise: Expertise.PROFESSIONAL,
    bio: "Registered social worker and qualified supervisor. Provides reflective supervision for social workers and fostering teams.",
    homePostcode: "LS6 3HN",
    phone: "07700 900112",
    feePerHalfDayPence: 25000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: weekdays(1, 5, 540, 1020),
    services: ["training", "consultancy", "reflective-supervision", "mentoring"],
    registration: { body: "Social Work England", number: "SW30655", title: "Social worker", kind: "SWE" },
    joinedDaysAgo: 690,
  },
  {
    key: "nathan",
    name: "Nathan Clarke",
    email: "nathan@associates.thevision.example",
    expertise: Expertise.BOTH,
    bio: "Registered social worker in a fostering team. Co-delivers training on identity, life story work and relationships.",
    publicNote: "Care-experienced adult who grew up in kinship care; now a registered social worker.",
    homePostcode: "NB3 4RD",
    phone: "07700 900113",
    feePerHalfDayPence: 24000,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.EMPLOYED_ELSEWHERE,
    rules: [[3, 540, 1080], [4, 540, 1080], [5, 540, 780]],
    services: ["training", "consultancy", "mock-inspection", "reflective-supervision"],
    registration: { body: "Social Work England", number: "SW77102", title: "Social worker", kind: "SWE" },
    joinedDaysAgo: 420,
  },
  {
    key: "leah",
    name: "Leah Morgan",
    email: "leah@associates.thevision.example",
    expertise: Expertise.BOTH,
    bio: "Therapeutic practitioner with a diploma in counselling, and a creative arts facilitator. Co-leads group work with young people.",
    story:
      "I spent my teenage years in residential care. Art was the thing that let me say what I couldn't say out loud, and a key worker who sat and drew with me is why I do this work. " +
      "I'm happy to talk about it with young people when it helps them, but I don't want it on my profile.",
    homePostcode: "WF1 2EE",
    phone: "07700 900114",
    feePerHalfDayPence: 22500,
    payPreference: PayPreference.BANK_TRANSFER,
    taxStatus: TaxStatus.SELF_EMPLOYED,
    rules: [[1, 720, 1200], [2, 720, 1200], [6, 600, 960]],
    services: ["training", "reflective-supervision", "group-work", "therapeutic-support"],
    joinedDaysAgo: 330,
  },
];

/** Associates with one deliberate compliance problem each, for the director's overview. */
const DBS_UPDATE_DUE_SOON: AssociateKey = "jordan";
const INSURANCE_LAPSED: AssociateKey = "david";

// ───────────────────────────── attendees and feedback ─────────────────────────────

const FIRST_NAMES = [
  "Olivia", "James", "Amira", "Daniel", "Grace", "Mohammed", "Hannah", "Liam", "Zara", "Owen",
  "Emily", "Kwame", "Sophie", "Ryan", "Fatima", "Callum", "Niamh", "Ibrahim", "Lucy", "Ethan",
  "Jasmine", "Connor", "Priyanka", "Michael", "Holly", "Tariq", "Megan", "Joseph", "Ayesha", "Kieran",
  "Bethany", "Samuel", "Rosie", "Adam", "Chantelle", "Lewis", "Nadia", "Harvey", "Isla", "Dominic",
];
const LAST_NAMES = [
  "Ahmed", "Walsh", "Bennett", "Hussain", "Murphy", "Lloyd", "Kaur", "Davies", "Osei", "Harper",
  "Nowak", "Singh", "Gallagher", "Jones", "Ali", "Robertson", "Khan", "Taylor", "Mitchell", "Chowdhury",
  "O'Brien", "Edwards", "Mahmood", "Watson", "Boateng", "Hall", "Iqbal", "Wright", "Kowalski", "Green",
  "Barker", "Rahman", "Fraser", "Price", "Sutton", "Baxter", "Cole", "Doyle", "Shah", "Wood",
];
const JOB_TITLES: Record<OrganisationKind, string[]> = {
  LOCAL_AUTHORITY: [
    "Social worker", "Senior social worker", "Team manager", "Independent reviewing officer",
    "Personal adviser", "Family support worker", "Advanced practitioner", "Social worker",
  ],
  CHILDRENS_HOME: [
    "Residential support worker", "Senior residential support worker", "Residential support worker",
    "Deputy manager", "Registered manager", "Night support worker", "Residential support worker",
  ],
  CHARITY: ["Foster carer", "Foster carer", "Supervising social worker", "Foster carer", "Family support worker", "Foster carer"],
  FOSTERING_AGENCY: ["Foster carer", "Supervising social worker", "Foster carer"],
  OTHER: ["Support worker"],
};
const FEEDBACK_COMMENTS = [
  "Hearing about care from someone who lived it made it real in a way no policy ever has.",
  "Really practical. I've already changed how I write my case notes.",
  "The two facilitators worked so well together — it felt like a conversation, not a lecture.",
  "A safe space to be honest about what we find hard. Thank you.",
  "I'll be thinking about the words we use for a long time.",
  "The best session I've been to this year. Could the whole team come next time?",
  "Gave me the confidence to ask young people what they want, rather than guess.",
  "Useful and kind. I would have liked a little more time for questions at the end.",
  "Made me rethink how we run review meetings.",
  "Warm, honest and challenging in the right way.",
];
const FOLLOW_UP_COMMENTS = [
  "Three months on, our team has rewritten the invitation to review meetings with young people.",
  "I now ask young people how they would like their records written, and read them back together.",
  "We've changed how we welcome a young person on their first night.",
];

// ───────────────────────────── engagements ─────────────────────────────

type AssignmentSpec = {
  who: AssociateKey;
  role: AssignmentRole;
  status: AssignmentStatus;
  offeredAt?: DateTime;
  respondedAt?: DateTime;
  expiresAt?: DateTime;
  declineReason?: string;
};

type DeliverySpec = {
  start: DateTime;
  mode: DeliveryMode;
  status: DeliveryStatus;
  minutes?: number;
  holdExpiresAt?: DateTime;
  assignments: AssignmentSpec[];
};

type ExpenseSpec = {
  who: AssociateKey;
  delivery: number;
  category: ExpenseCategory;
  description: string;
  miles?: number;
  claimedPence: number;
  amountPence: number;
  status: ExpenseStatus;
  decisionNote?: string;
};

type QuoteSpec = {
  status: QuoteStatus;
  lines: { description: string; quantity: number; unitPricePence: number }[];
  sentAt: DateTime;
  respondedAt?: DateTime;
  validUntil: DateTime;
};

type InvoiceSpec = {
  /** Days after the last delivery's date, or an explicit date. */
  issuedOn: DateTime;
  paid?: { at: DateTime; reference: string };
};

type EngagementSpec = {
  key: string;
  org: OrgKey;
  service: ServiceSlug;
  requestedBy: ClientKey;
  status: EngagementStatus;
  title: string;
  createdAt: DateTime;
  purchaseOrderNumber?: string;
  paymentMethod?: PaymentMethod;
  sessionsRequested?: number;
  attendeeCount?: number;
  attendees?: number;
  needs?: string;
  preferredDates?: string;
  coProductionStep?: CoProductionStep;
  cancelled?: { at: DateTime; reason: string };
  deliveries: DeliverySpec[];
  quote?: QuoteSpec;
  invoice?: InvoiceSpec;
  expenses?: ExpenseSpec[];
};

const accepted = (lived: AssociateKey, professional: AssociateKey, extra: Partial<AssignmentSpec> = {}): AssignmentSpec[] => [
  { who: lived, role: AssignmentRole.LIVED, status: AssignmentStatus.ACCEPTED, ...extra },
  { who: professional, role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.ACCEPTED, ...extra },
];

function engagementSpecs(cal: Calendar): EngagementSpec[] {
  const DELIVERED = DeliveryStatus.DELIVERED;
  const { IN_PERSON, ONLINE } = DeliveryMode;
  const at = cal.at.bind(cal);
  const daysAfter = (dt: DateTime, days: number, time = "10:00") => {
    const [hour = 0, minute = 0] = time.split(":").map(Number);
    return dt.plus({ days }).set({ hour, minute });
  };

  // Past work (weeks before the current one).
  const p1 = at(-14, 2, "09:30");
  const p2 = at(-10, 3, "10:00");
  const p3 = [at(-12, 4, "14:00"), at(-8, 4, "14:00"), at(-4, 4, "14:00")];
  const p4 = at(-7, 1, "10:00");
  const p5 = at(-2, 2, "09:30");
  const p6 = at(-1, 4, "10:00");
  const p7 = at(-6, 3, "13:00");
  const p8 = at(-9, 2, "09:30");
  const p7Booked = p7.minus({ days: 23 }).set({ hour: 14, minute: 12 });

  // Future work.
  const f4 = at(3, 2, "09:30");
  const f8 = [1, 2, 3, 4, 5, 6].map((w) => at(w, 1, "16:30"));
  const f9 = at(4, 1, "10:00");
  const f12 = at(6, 2, "09:30");
  const offeredRecently = cal.ago({ hours: 6 });
  const heldAt = cal.ago({ minutes: 2 });

  return [
    // ── past ──
    {
      key: "council-training-1",
      org: "council",
      service: "training",
      requestedBy: "tom",
      status: EngagementStatus.PAID,
      title: "Understanding the care experience",
      createdAt: p1.minus({ days: 38 }),
      purchaseOrderNumber: "NCC-PO-448120",
      attendeeCount: 8,
      attendees: 8,
      coProductionStep: CoProductionStep.CO_PRODUCTION,
      deliveries: [{ start: p1, mode: IN_PERSON, status: DELIVERED, assignments: accepted("kayla", "sam") }],
      invoice: { issuedOn: daysAfter(p1, 2), paid: { at: daysAfter(p1, 26, "11:20"), reference: "BACS NORTHSHIRE CC 448120" } },
      expenses: [
        {
          who: "kayla",
          delivery: 0,
          category: ExpenseCategory.PUBLIC_TRANSPORT,
          description: "Return train, Salford Central to Northbury",
          claimedPence: 1260,
          amountPence: 1260,
          status: ExpenseStatus.PAID,
        },
      ],
    },
    {
      key: "oak-team-day-1",
      org: "home",
      service: "team-building",
      requestedBy: "lee",
      status: EngagementStatus.PAID,
      title: "Building a team young people can trust",
      createdAt: p2.minus({ days: 30 }),
      attendeeCount: 7,
      attendees: 7,
      coProductionStep: CoProductionStep.CO_DESIGN,
      deliveries: [{ start: p2, mode: IN_PERSON, status: DELIVERED, assignments: accepted("marcus", "gareth") }],
      invoice: { issuedOn: daysAfter(p2, 2), paid: { at: daysAfter(p2, 12, "15:05"), reference: "OAK HOUSE INV 2" } },
    },
    {
      key: "bf-supervision-1",
      org: "charity",
      service: "reflective-supervision",
      requestedBy: "ruth",
      status: EngagementStatus.PAID,
      title: "Monthly reflective supervision for supervising social workers",
      createdAt: p3[0]!.minus({ days: 21 }),
      attendeeCount: 5,
      attendees: 5,
      coProductionStep: CoProductionStep.ENGAGING,
      deliveries: p3.map((start) => ({ start, mode: ONLINE, status: DELIVERED, assignments: accepted("jordan", "fiona") })),
      invoice: { issuedOn: daysAfter(p3[2]!, 1), paid: { at: daysAfter(p3[2]!, 13, "09:40"), reference: "BRIGHT FUTURES FOSTERING" } },
    },
    {
      key: "bf-training-card",
      org: "charity",
      service: "training",
      requestedBy: "megan",
      status: EngagementStatus.PAID,
      paymentMethod: PaymentMethod.CARD,
      title: "Life story work: helping children make sense of their past",
      createdAt: p7Booked,
      attendeeCount: 6,
      attendees: 6,
      deliveries: [
        {
          start: p7,
          mode: IN_PERSON,
          status: DELIVERED,
          assignments: [
            { who: "chloe", role: AssignmentRole.LIVED, status: AssignmentStatus.ACCEPTED },
            { who: "nathan", role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.ACCEPTED },
          ],
        },
      ],
      invoice: { issuedOn: p7Booked, paid: { at: p7Booked.plus({ minutes: 4 }), reference: "Card payment at booking" } },
    },
    {
      key: "council-training-2",
      org: "council",
      service: "training",
      requestedBy: "sophie",
      status: EngagementStatus.PAID,
      title: "Keeping the golden thread: relationships that last",
      createdAt: p8.minus({ days: 27 }),
      purchaseOrderNumber: "NCC-PO-451377",
      attendeeCount: 6,
      attendees: 6,
      deliveries: [{ start: p8, mode: IN_PERSON, status: DELIVERED, assignments: accepted("aisha", "david") }],
      invoice: { issuedOn: daysAfter(p8, 2), paid: { at: daysAfter(p8, 29, "10:30"), reference: "BACS NORTHSHIRE CC 451377" } },
    },
    {
      key: "oak-consultancy-1",
      org: "home",
      service: "consultancy",
      requestedBy: "lee",
      status: EngagementStatus.INVOICED,
      title: "House rules and consequences, through young people's eyes",
      createdAt: p4.minus({ days: 33 }),
      attendeeCount: 3,
      attendees: 3,
      needs:
        "We'd like to look again at our house rules and how we respond when things go wrong. The young people say some rules feel like punishments. We want to hear from people who have lived in homes like ours.",
      coProductionStep: CoProductionStep.CO_DESIGN,
      quote: {
        status: QuoteStatus.ACCEPTED,
        lines: [{ description: "Consultancy day: house rules and consequences review, with written recommendations", quantity: 1, unitPricePence: 165000 }],
        sentAt: p4.minus({ days: 30 }),
        respondedAt: p4.minus({ days: 27 }),
        validUntil: p4.minus({ days: 0 }),
      },
      deliveries: [{ start: p4, mode: IN_PERSON, status: DELIVERED, assignments: accepted("marcus", "gareth") }],
      invoice: { issuedOn: daysAfter(p4, 1) },
      expenses: [
        {
          who: "gareth",
          delivery: 0,
          category: ExpenseCategory.MILEAGE,
          description: "Return drive to Oak House (30 miles at 50p a mile)",
          miles: 30,
          claimedPence: 1500,
          amountPence: 1350,
          status: ExpenseStatus.PAID,
          decisionNote: "Paid at the HMRC approved rate of 45p a mile.",
        },
      ],
    },
    {
      key: "council-training-3",
      org: "council",
      service: "training",
      requestedBy: "tom",
      status: EngagementStatus.INVOICED,
      title: "Understanding the care experience",
      createdAt: p5.minus({ days: 29 }),
      purchaseOrderNumber: "NCC-PO-455902",
      attendeeCount: 7,
      attendees: 7,
      deliveries: [{ start: p5, mode: IN_PERSON, status: DELIVERED, assignments: accepted("kayla", "sam") }],
      // Issued recently (even when holidays pushed the session further back), so it is not yet due.
      invoice: { issuedOn: DateTime.max(daysAfter(p5, 2), cal.today.minus({ days: 12 }).set({ hour: 10 })) },
    },
    {
      key: "council-consultancy-1",
      org: "council",
      service: "consultancy",
      requestedBy: "priya",
      status: EngagementStatus.DELIVERED,
      title: "Listening well: a review of the Children in Care Council",
      createdAt: p6.minus({ days: 40 }),
      purchaseOrderNumber: "NCC-PO-456610",
      attendeeCount: 4,
      attendees: 4,
      needs: "Our Children in Care Council meets monthly but the same few young people come. We want to know how to reach more young people and show them what changed because they spoke up.",
      coProductionStep: CoProductionStep.CO_PRODUCTION,
      quote: {
        status: QuoteStatus.ACCEPTED,
        lines: [{ description: "Consultancy day: review of the Children in Care Council", quantity: 1, unitPricePence: 165000 }],
        sentAt: p6.minus({ days: 36 }),
        respondedAt: p6.minus({ days: 34 }),
        validUntil: p6.minus({ days: 6 }),
      },
      deliveries: [{ start: p6, mode: IN_PERSON, status: DELIVERED, assignments: accepted("kayla", "sam") }],
      expenses: [
        {
          who: "sam",
          delivery: 0,
          category: ExpenseCategory.MILEAGE,
          description: "Return drive, Didsbury to County Hall, Northbury",
          miles: 42,
          claimedPence: 42 * 45,
          amountPence: 42 * 45,
          status: ExpenseStatus.SUBMITTED,
        },
      ],
    },

    // ── future: one engagement in every state ──
    {
      key: "oak-mock-inspection",
      org: "home",
      service: "mock-inspection",
      requestedBy: "lee",
      status: EngagementStatus.REQUESTED,
      title: "Mock inspection before our next Ofsted visit",
      createdAt: cal.ago({ days: 2, hours: 3 }),
      sessionsRequested: 1,
      needs:
        "We're expecting our Ofsted inspection in the next few months and would like a mock inspection first. Four young people live with us, aged 13 to 17. " +
        "We'd especially value hearing how the home feels from a young person's point of view, and feedback on our records and how we show children's voices in them.",
      preferredDates: "Any weekday in the next six weeks, but not Fridays (our staff training day).",
      deliveries: [],
    },
    {
      key: "council-pledge-quote",
      org: "council",
      service: "consultancy",
      requestedBy: "priya",
      status: EngagementStatus.QUOTED,
      title: "Shaping our Pledge to children in care",
      createdAt: cal.ago({ days: 9 }),
      sessionsRequested: 2,
      needs:
        "We're refreshing our Pledge to children in care and want care-experienced adults to shape it with us, not just comment on a draft. Two days, a few weeks apart, with young people involved if possible.",
      preferredDates: "Two Wednesdays in January or February.",
      quote: {
        status: QuoteStatus.SENT,
        lines: [{ description: "Consultancy day: co-producing the Pledge to children in care", quantity: 2, unitPricePence: 165000 }],
        sentAt: cal.ago({ days: 3, hours: 2 }),
        validUntil: cal.today.plus({ days: 27 }),
      },
      deliveries: [],
    },
    {
      key: "bf-training-held",
      org: "charity",
      service: "training",
      requestedBy: "megan",
      status: EngagementStatus.PENDING_PAYMENT,
      paymentMethod: PaymentMethod.CARD,
      title: "Identity and belonging",
      createdAt: heldAt,
      attendeeCount: 14,
      deliveries: [
        {
          start: at(4, 4, "09:30"),
          mode: IN_PERSON,
          status: DeliveryStatus.HELD,
          holdExpiresAt: heldAt.plus({ minutes: HOLD_MINUTES }),
          assignments: [
            { who: "chloe", role: AssignmentRole.LIVED, status: AssignmentStatus.HELD },
            { who: "nathan", role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.HELD },
          ],
        },
      ],
    },
    {
      key: "council-training-awaiting",
      org: "council",
      service: "training",
      requestedBy: "tom",
      status: EngagementStatus.AWAITING_FACILITATORS,
      title: "Understanding the care experience",
      createdAt: cal.ago({ days: 1, hours: 2 }),
      purchaseOrderNumber: "NCC-PO-457233",
      attendeeCount: 5,
      attendees: 5,
      deliveries: [
        {
          start: f4,
          mode: IN_PERSON,
          status: DeliveryStatus.AWAITING_ACCEPTANCE,
          assignments: [
            { who: "kayla", role: AssignmentRole.LIVED, status: AssignmentStatus.OFFERED, offeredAt: cal.ago({ hours: 25 }) },
            {
              who: "sam",
              role: AssignmentRole.PROFESSIONAL,
              status: AssignmentStatus.ACCEPTED,
              offeredAt: cal.ago({ hours: 25 }),
              respondedAt: cal.ago({ hours: 21 }),
            },
          ],
        },
      ],
    },
    {
      key: "council-training-confirmed",
      org: "council",
      service: "training",
      requestedBy: "tom",
      status: EngagementStatus.CONFIRMED,
      title: "Language that cares: how we talk and write about children",
      createdAt: cal.ago({ days: 20 }),
      purchaseOrderNumber: "NCC-PO-456874",
      attendeeCount: 10,
      attendees: 10,
      deliveries: [{ start: at(1, 4, "09:30"), mode: IN_PERSON, status: DeliveryStatus.CONFIRMED, assignments: accepted("kayla", "sam") }],
    },
    {
      key: "bf-training-confirmed",
      org: "charity",
      service: "training",
      requestedBy: "ruth",
      status: EngagementStatus.CONFIRMED,
      title: "Welcome home: helping children settle with a new foster family",
      createdAt: cal.ago({ days: 15 }),
      attendeeCount: 8,
      attendees: 8,
      deliveries: [{ start: at(2, 3, "09:30"), mode: ONLINE, status: DeliveryStatus.CONFIRMED, assignments: accepted("kayla", "sam") }],
    },
    {
      key: "oak-team-day-2",
      org: "home",
      service: "team-building",
      requestedBy: "dan",
      status: EngagementStatus.CONFIRMED,
      title: "Team day: the first night and the first week",
      createdAt: cal.ago({ days: 18 }),
      attendeeCount: 7,
      attendees: 7,
      deliveries: [{ start: at(2, 3, "10:00"), mode: IN_PERSON, status: DeliveryStatus.CONFIRMED, assignments: accepted("marcus", "gareth") }],
    },
    {
      key: "bf-supervision-2",
      org: "charity",
      service: "reflective-supervision",
      requestedBy: "ruth",
      status: EngagementStatus.CONFIRMED,
      title: "Monthly reflective supervision for supervising social workers",
      createdAt: cal.ago({ days: 12 }),
      attendeeCount: 5,
      attendees: 5,
      coProductionStep: CoProductionStep.ENGAGING,
      deliveries: [at(2, 4, "14:00"), at(6, 4, "14:00")].map((start) => ({
        start,
        mode: ONLINE,
        status: DeliveryStatus.CONFIRMED,
        assignments: accepted("jordan", "fiona"),
      })),
    },
    {
      key: "bf-group-work",
      org: "charity",
      service: "group-work",
      requestedBy: "ruth",
      status: EngagementStatus.CONFIRMED,
      title: "Our Voices: a six-week group for young people in foster care, aged 12 to 15",
      createdAt: cal.ago({ days: 14 }),
      attendeeCount: 8,
      needs: "A group for young people in our foster families to build confidence and meet others who understand. The young people asked for music and art rather than 'talking about feelings'.",
      coProductionStep: CoProductionStep.CO_PRODUCTION,
      deliveries: f8.map((start, i) =>
        i < 4
          ? { start, mode: IN_PERSON, status: DeliveryStatus.CONFIRMED, assignments: accepted("leah", "helen") }
          : {
              start,
              mode: IN_PERSON,
              status: DeliveryStatus.AWAITING_ACCEPTANCE,
              assignments: [
                { who: "leah", role: AssignmentRole.LIVED, status: AssignmentStatus.ACCEPTED },
                { who: "helen", role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.OFFERED, offeredAt: offeredRecently },
              ],
            },
      ),
    },
    {
      key: "oak-consultancy-2",
      org: "home",
      service: "consultancy",
      requestedBy: "lee",
      status: EngagementStatus.AWAITING_FACILITATORS,
      title: "Following up: putting the house rules review into practice",
      createdAt: cal.ago({ days: 21 }),
      attendeeCount: 4,
      attendees: 4,
      coProductionStep: CoProductionStep.CO_DESIGN,
      quote: {
        status: QuoteStatus.ACCEPTED,
        lines: [{ description: "Consultancy day: follow-up on the house rules review", quantity: 1, unitPricePence: 165000 }],
        sentAt: cal.ago({ days: 20 }),
        respondedAt: cal.ago({ days: 19 }),
        validUntil: cal.today.plus({ days: 10 }),
      },
      deliveries: [
        {
          start: f9,
          mode: IN_PERSON,
          status: DeliveryStatus.NEEDS_PAIRING,
          assignments: [
            { who: "marcus", role: AssignmentRole.LIVED, status: AssignmentStatus.ACCEPTED, offeredAt: cal.ago({ days: 18 }), respondedAt: cal.ago({ days: 18, hours: -3 }) },
            {
              who: "gareth",
              role: AssignmentRole.PROFESSIONAL,
              status: AssignmentStatus.WITHDRAWN,
              offeredAt: cal.ago({ days: 18 }),
              respondedAt: cal.ago({ days: 1, hours: 2 }),
              declineReason: "A family commitment that week. Sorry to let the home down — I'd love to pick it up again later.",
            },
          ],
        },
      ],
    },
    {
      key: "council-team-day-cancelled",
      org: "council",
      service: "team-building",
      requestedBy: "priya",
      status: EngagementStatus.CANCELLED,
      title: "Team day for the 16+ service",
      createdAt: cal.ago({ days: 30 }),
      purchaseOrderNumber: "NCC-PO-456102",
      attendeeCount: 18,
      cancelled: {
        at: cal.ago({ days: 3, hours: 5 }),
        reason: "Our service is being restructured in the new year. We'd like to rebook once the new teams are in place.",
      },
      deliveries: [
        {
          start: at(7, 5, "09:30"),
          mode: IN_PERSON,
          status: DeliveryStatus.CANCELLED,
          assignments: [
            { who: "aisha", role: AssignmentRole.LIVED, status: AssignmentStatus.CANCELLED },
            { who: "gareth", role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.CANCELLED },
          ],
        },
      ],
    },
    {
      key: "council-mentoring",
      org: "council",
      service: "mentoring",
      requestedBy: "priya",
      status: EngagementStatus.CONFIRMED,
      title: "Mentoring for a young person getting ready for her own flat",
      createdAt: cal.ago({ days: 16 }),
      attendeeCount: 1,
      needs:
        "A 17-year-old who would like a mentor with lived experience as she gets ready to move into her own flat. She prefers video calls in the early evening.",
      deliveries: [at(2, 3, "17:00"), at(4, 3, "17:00")].map((start) => ({
        start,
        mode: ONLINE,
        status: DeliveryStatus.CONFIRMED,
        assignments: accepted("ellie", "rachel"),
      })),
    },
    {
      key: "oak-training-offered",
      org: "home",
      service: "training",
      requestedBy: "dan",
      status: EngagementStatus.AWAITING_FACILITATORS,
      title: "Recording with care: writing for the child who will read it",
      createdAt: cal.ago({ days: 2 }),
      attendeeCount: 6,
      attendees: 6,
      deliveries: [
        {
          start: f12,
          mode: IN_PERSON,
          status: DeliveryStatus.AWAITING_ACCEPTANCE,
          assignments: [
            { who: "chloe", role: AssignmentRole.LIVED, status: AssignmentStatus.ACCEPTED, offeredAt: cal.ago({ hours: 40 }), respondedAt: cal.ago({ hours: 30 }) },
            { who: "sam", role: AssignmentRole.PROFESSIONAL, status: AssignmentStatus.OFFERED, offeredAt: offeredRecently },
          ],
        },
      ],
    },
    {
      key: "council-supervision-soon",
      org: "council",
      service: "reflective-supervision",
      requestedBy: "priya",
      status: EngagementStatus.CONFIRMED,
      title: "Group reflective supervision for the 16+ team",
      createdAt: cal.ago({ days: 25 }),
      purchaseOrderNumber: "NCC-PO-456455",
      attendeeCount: 6,
      attendees: 6,
      deliveries: [
        { start: cal.workingDaysAhead(2, "10:00"), mode: ONLINE, status: DeliveryStatus.CONFIRMED, assignments: accepted("aisha", "fiona") },
      ],
    },
  ];
}

// ───────────────────────────── the seed ─────────────────────────────

async function countAll(db: PrismaClient) {
  const [users, associates, organisations, services, engagements, deliveries, invoices] = await Promise.all([
    db.user.count(),
    db.associate.count(),
    db.organisation.count(),
    db.service.count(),
    db.engagement.count(),
    db.delivery.count(),
    db.invoice.count(),
  ]);
  return { users, associates, organisations, services, engagements, deliveries, invoices };
}

function describeCounts(counts: Awaited<ReturnType<typeof countAll>>) {
  return (
    `${counts.users} users, ${counts.associates} associates, ${counts.organisations} organisations, ${counts.services} services, ` +
    `${counts.engagements} engagements, ${counts.deliveries} deliveries, ${counts.invoices} invoices`
  );
}

/** Seeds the demo consultancy. Does nothing (and says so) when the director already exists. */
export async function seedDemoData(db: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  // Mock-inspection templates are published on every run (each version once, never overwritten),
  // so a database seeded before a new template version gets it too.
  await publishInspectionTemplates(db);
  const directorEmail = demoEmail("director");
  const existing = await db.user.findUnique({ where: { email: directorEmail }, select: { id: true } });
  if (existing) {
    const counts = await countAll(db);
    return { alreadySeeded: true, message: `Already seeded (${directorEmail} exists): nothing changed. ${describeCounts(counts)}.`, ...counts };
  }

  const data = buildDemoData(new Calendar(options.now ?? new Date()));

  await db.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: data.users });
      await tx.organisation.createMany({ data: data.organisations });
      await tx.membership.createMany({ data: data.memberships });
      await tx.service.createMany({ data: data.services });
      await tx.associate.createMany({ data: data.associates });
      await tx.livedExperienceStory.createMany({ data: data.stories });
      await tx.consent.createMany({ data: data.consents });
      await tx.qualification.createMany({ data: data.qualifications });
      await tx.complianceRecord.createMany({ data: data.compliance });
      await tx.availabilityRule.createMany({ data: data.rules });
      await tx.timeOff.createMany({ data: data.timeOff });
      await tx.availabilityOverride.createMany({ data: data.overrides });
      await tx.engagement.createMany({ data: data.engagements });
      await tx.quote.createMany({ data: data.quotes });
      await tx.delivery.createMany({ data: data.deliveries });
      await tx.assignment.createMany({ data: data.assignments });
      await tx.attendee.createMany({ data: data.attendees });
      await tx.feedback.createMany({ data: data.feedback });
      // Invoices are written as drafts with their lines, then issued (the database refuses lines on an
      // issued invoice), then the paid ones are marked paid — the same order as the real flow.
      await tx.invoice.createMany({ data: data.invoices.map((invoice) => ({ ...invoice.row, status: InvoiceStatus.DRAFT })) });
      await tx.invoiceLine.createMany({ data: data.invoiceLines });
      await tx.invoice.updateMany({
        where: { id: { in: data.invoices.map((invoice) => invoice.row.id as string) } },
        data: { status: InvoiceStatus.ISSUED },
      });
      for (const invoice of data.invoices) {
        if (!invoice.paid) continue;
        await tx.invoice.update({
          where: { id: invoice.row.id as string },
          data: { status: InvoiceStatus.PAID, paidAt: invoice.paid.at, paymentReference: invoice.paid.reference },
        });
      }
      await tx.payRun.createMany({ data: data.payRuns });
      await tx.expenseClaim.createMany({ data: data.expenseClaims });
      await tx.associatePayment.createMany({ data: data.payments });
      await tx.alert.createMany({ data: data.alerts });
      await tx.policySetting.createMany({ data: data.policies, skipDuplicates: true });
      for (const sequence of data.sequences) {
        await tx.numberSequence.upsert({ where: { name: sequence.name }, create: sequence, update: { next: sequence.next } });
      }
      await seedDraftMockInspection(tx, { directorEmail, now: options.now ?? new Date() });
    },
    { timeout: 60_000, maxWait: 20_000 },
  );

  const counts = await countAll(db);
  return { alreadySeeded: false, message: `Seeded The Vision demo data: ${describeCounts(counts)}.`, ...counts };
}

/** One part-written draft mock inspection of Oak House from last week, so the director's reports page has something to open. */
async function seedDraftMockInspection(tx: Prisma.TransactionClient, { directorEmail, now }: { directorEmail: string; now: Date }) {
  const director = await tx.user.findUniqueOrThrow({ where: { email: directorEmail }, select: { id: true } });
  const home = await tx.organisation.findUniqueOrThrow({ where: { slug: DEMO_ORGANISATIONS.home }, select: { id: true } });
  const template = await tx.inspectionTemplate.findUniqueOrThrow({ where: { settingType_version: { settingType: "CHILDRENS_HOME", version: 1 } }, select: { id: true, version: true } });
  const visit = DateTime.fromJSDate(now, { zone: "Europe/London" }).minus({ weeks: 1 }).startOf("day");
  await tx.mockInspection.create({
    data: {
      organisationId: home.id,
      templateId: template.id,
      templateVersion: template.version,
      settingType: "CHILDRENS_HOME",
      settingName: "Oak House",
      visitDate: new Date(`${visit.toISODate()}T00:00:00Z`),
      createdById: director.id,
      judgements: {
        "helped-and-protected": { grade: "GOOD", evidence: "Staff know each child's risks well. Return interviews after missing episodes were offered within 72 hours in every record we sampled." },
        "leaders-and-managers": { grade: "GOOD", evidence: "The registered manager knows the home well; supervision is monthly and recorded." },
      },
      childrensVoice: "Two young people showed us round. One said: “It feels like a proper home — they remember what I like.” (a young person, 14)",
    },
  });
}

type InvoiceDraft = { row: Prisma.InvoiceCreateManyInput; issuedOn: DateTime; paid?: { at: Date; reference: string } };

/** Builds every row in memory (no database access), with ids assigned up front. */
function buildDemoData(cal: Calendar) {
  const newId = idFactory();
  const random = prng(20_261_123);
  const pick = <T>(list: readonly T[]): T => must(list[Math.floor(random() * list.length)], "a list item");
  const now = cal.now;
  const today = cal.today;

  const users: Prisma.UserCreateManyInput[] = [];
  const userIds = new Map<string, string>();
  const addUser = (key: string, name: string, email: string, platformRole: PlatformRole, phone?: string, joinedDaysAgo = 200) => {
    const id = newId();
    userIds.set(key, id);
    users.push({
      id,
      name,
      email,
      platformRole,
      phone: phone ?? null,
      emailVerified: now.minus({ days: Math.min(joinedDaysAgo, 30) }).toJSDate(),
      createdAt: now.minus({ days: joinedDaysAgo }).toJSDate(),
    });
    return id;
  };

  // People.
  const directorId = addUser("director", "Jade Thompson", demoEmail("director"), PlatformRole.DIRECTOR, "07700 900001", 900);
  for (const client of CLIENT_USERS) addUser(client.key, client.name, client.email, PlatformRole.CLIENT, client.phone, 160);
  for (const a of ASSOCIATES) addUser(a.key, a.name, a.email, PlatformRole.ASSOCIATE, a.phone, a.joinedDaysAgo);
  const userId = (key: string) => must(userIds.get(key), `user ${key}`);

  // Organisations and memberships.
  const orgIds = new Map<OrgKey, string>();
  const organisations: Prisma.OrganisationCreateManyInput[] = ORGANISATIONS.map((org) => {
    const id = newId();
    orgIds.set(org.key, id);
    return {
      id,
      slug: DEMO_ORGANISATIONS[org.key],
      name: org.name,
      kind: org.kind,
      addressLine1: org.addressLine1,
      addressLine2: org.addressLine2 ?? null,
      town: org.town,
      postcode: org.postcode,
      vatNumber: org.vatNumber ?? null,
      invoiceEmail: org.invoiceEmail,
      poRequired: org.poRequired,
      paymentTermsDays: org.paymentTermsDays,
      createdAt: now.minus({ days: 170 }).toJSDate(),
    };
  });
  const orgOf = (key: OrgKey) => must(ORGANISATIONS.find((org) => org.key === key), `organisation ${key}`);
  const orgId = (key: OrgKey) => must(orgIds.get(key), `organisation ${key}`);
  const memberships: Prisma.MembershipCreateManyInput[] = CLIENT_USERS.map((client) => ({
    id: newId(),
    userId: userId(client.key),
    organisationId: orgId(client.org),
    role: client.role,
  }));

  // Services.
  const serviceIds = new Map<ServiceSlug, string>();
  const services: Prisma.ServiceCreateManyInput[] = SERVICES.map((service, index) => {
    const id = newId();
    serviceIds.set(service.slug, id);
    return {
      id,
      ...service,
      vatRateBasisPoints: VAT_STANDARD,
      livedRequired: 1,
      professionalRequired: 1,
      active: true,
      sortOrder: (index + 1) * 10,
    };
  });
  const serviceOf = (slug: ServiceSlug) => must(SERVICES.find((service) => service.slug === slug), `service ${slug}`);
  const serviceId = (slug: ServiceSlug) => must(serviceIds.get(slug), `service ${slug}`);

  // Associates and everything about them.
  const associateIds = new Map<AssociateKey, string>();
  const associateOf = (key: AssociateKey) => must(ASSOCIATES.find((a) => a.key === key), `associate ${key}`);
  const associateId = (key: AssociateKey) => must(associateIds.get(key), `associate ${key}`);
  const associates: Prisma.AssociateCreateManyInput[] = [];
  const stories: Prisma.LivedExperienceStoryCreateManyInput[] = [];
  const consents: Prisma.ConsentCreateManyInput[] = [];
  const qualifications: Prisma.QualificationCreateManyInput[] = [];
  const compliance: Prisma.ComplianceRecordCreateManyInput[] = [];
  const rules: Prisma.AvailabilityRuleCreateManyInput[] = [];

  // Social Work England registration runs to 30 November and is renewed each autumn (1 Sept – 30 Nov).
  // Everyone registered has renewed, so it runs to the first 30 November at least 60 days away.
  let registrationYear = today.year;
  if (DateTime.fromObject({ year: registrationYear, month: 11, day: 30 }, { zone: ZONE }) < today.plus({ days: 60 })) registrationYear++;
  const registrationExpires = DateTime.fromObject({ year: registrationYear, month: 11, day: 30 }, { zone: ZONE });

  ASSOCIATES.forEach((a, index) => {
    const id = newId();
    associateIds.set(a.key, id);
    const joined = today.minus({ days: a.joinedDaysAgo });
    associates.push({
      id,
      userId: userId(a.key),
      expertise: a.expertise,
      bio: a.bio,
      publicLivedExperienceNote: a.publicNote ?? null,
      timezone: a.timezone ?? ZONE,
      homePostcode: a.homePostcode,
      feePerHalfDayPence: a.feePerHalfDayPence,
      payPreference: a.payPreference,
      charityName: a.charityName ?? null,
      taxStatus: a.taxStatus,
      receivesBenefits: Boolean(a.benefits),
      benefitsAdviceOfferedOn: a.benefits ? dateOnly(today.minus({ days: a.benefits.adviceOfferedDaysAgo })) : null,
      earningsCapPence: a.benefits?.capPence ?? null,
      capPeriod: a.benefits?.period ?? null,
      active: true,
      createdAt: joined.toJSDate(),
    });
    if (a.story) stories.push({ id: newId(), associateId: id, story: a.story });

    consents.push({ id: newId(), associateId: id, purpose: ConsentPurpose.MATCHING, grantedAt: joined.plus({ hours: 11 }).toJSDate() });
    if (a.publicNote) {
      consents.push({ id: newId(), associateId: id, purpose: ConsentPurpose.PUBLISHED_BIO, grantedAt: joined.plus({ days: 3, hours: 14 }).toJSDate() });
    }
    if (a.withdrewPublishedBio) {
      consents.push({
        id: newId(),
        associateId: id,
        purpose: ConsentPurpose.PUBLISHED_BIO,
        grantedAt: joined.plus({ days: 2, hours: 10 }).toJSDate(),
        withdrawnAt: today.minus({ days: 40 }).set({ hour: 19, minute: 12 }).toJSDate(),
      });
    }
    if (a.marketingConsent) {
      consents.push({ id: newId(), associateId: id, purpose: ConsentPurpose.MARKETING, grantedAt: joined.plus({ days: 5, hours: 9 }).toJSDate() });
    }

    const approvedAt = joined.plus({ days: 14, hours: 10 }).toJSDate();
    for (const slug of a.services) {
      qualifications.push({ id: newId(), associateId: id, serviceId: serviceId(slug), status: QualificationStatus.APPROVED, approvedById: directorId, approvedAt });
    }
    for (const slug of a.pendingServices ?? []) {
      qualifications.push({ id: newId(), associateId: id, serviceId: serviceId(slug), status: QualificationStatus.PENDING, createdAt: now.minus({ days: 4 + index }).toJSDate() });
    }

    // Compliance: DBS details only, never certificate images.
    const verified = (on: DateTime, by: string | null = directorId) => ({
      verifiedById: by,
      verifiedAt: by ? on.plus({ days: 1 }).set({ hour: 9, minute: 30 }).toJSDate() : null,
    });
    const certificate = `00${String(1_618_000_000 + index * 7_919_213).padStart(10, "0")}`;
    const dbsChecked = joined.minus({ days: 20 });
    compliance.push({
      id: newId(),
      associateId: id,
      kind: ComplianceKind.DBS_ENHANCED,
      reference: certificate,
      checkedOn: dateOnly(dbsChecked),
      expiresOn: null,
      details: { level: "ENHANCED", workforce: "CHILD_AND_ADULT", barredListChecked: true },
      ...verified(dbsChecked),
    });
    const updateChecked =
      a.key === DBS_UPDATE_DUE_SOON
        ? today.minus({ days: 355 })
        : DateTime.max(today.minus({ days: 25 + ((index * 37) % 200) }), dbsChecked.plus({ days: 7 }));
    compliance.push({
      id: newId(),
      associateId: id,
      kind: ComplianceKind.DBS_UPDATE_SERVICE,
      reference: certificate,
      checkedOn: dateOnly(updateChecked),
      expiresOn: dateOnly(updateChecked.plus({ days: 365 })),
      details: { result: "NO_NEW_INFORMATION", subscribedSince: dateOnly(dbsChecked).toISOString().slice(0, 10) },
      ...verified(updateChecked),
    });
    const safeguardingDone = today.minus({ days: 60 + ((index * 53) % 500) });
    compliance.push({
      id: newId(),
      associateId: id,
      kind: ComplianceKind.SAFEGUARDING_TRAINING,
      reference: `SG-${safeguardingDone.year}-${String(4100 + index * 37)}`,
      checkedOn: dateOnly(safeguardingDone),
      expiresOn: dateOnly(safeguardingDone.plus({ years: index % 2 === 0 ? 3 : 2 })),
      details: { course: "Safeguarding children and young people (level 3)", provider: "Northshire Safeguarding Children Partnership" },
      ...verified(safeguardingDone),
    });
    if (a.key === "chloe") {
      // A refresher certificate uploaded this week, waiting for the director to check it.
      const refreshed = today.minus({ days: 3 });
      compliance.push({
        id: newId(),
        associateId: id,
        kind: ComplianceKind.SAFEGUARDING_TRAINING,
        reference: `SG-${refreshed.year}-${String(7300 + index)}`,
        checkedOn: dateOnly(refreshed),
        expiresOn: dateOnly(refreshed.plus({ years: 3 })),
        details: { course: "Safeguarding children and young people (level 3) refresher", provider: "Northshire Safeguarding Children Partnership" },
        ...verified(refreshed, null),
      });
    }
    const insuranceRenewed = a.key === INSURANCE_LAPSED ? today.minus({ years: 1, days: 9 }) : today.minus({ days: 20 + ((index * 29) % 280) });
    compliance.push({
      id: newId(),
      associateId: id,
      kind: ComplianceKind.INSURANCE,
      reference: `PI-${String(20_240_000 + index * 1_117)}`,
      checkedOn: dateOnly(insuranceRenewed),
      expiresOn: dateOnly(insuranceRenewed.plus({ years: 1 })),
      details: { insurer: "Hollin Mutual", cover: "Professional indemnity £1m; public liability £5m" },
      ...verified(insuranceRenewed),
    });
    if (a.registration) {
      const isSocialWork = a.registration.kind === "SWE";
      // Renewed during the autumn renewal window, and never later than a couple of days ago.
      const checked = isSocialWork
        ? DateTime.min(DateTime.fromObject({ year: registrationYear - 1, month: 10, day: 6 + index }, { zone: ZONE }), today.minus({ days: 2 }))
        : today.minus({ days: 120 });
      compliance.push({
        id: newId(),
        associateId: id,
        kind: ComplianceKind.PROFESSIONAL_REGISTRATION,
        reference: a.registration.number,
        checkedOn: dateOnly(checked),
        expiresOn: dateOnly(isSocialWork ? registrationExpires : checked.plus({ years: 2 })),
        details: { body: a.registration.body, title: a.registration.title },
        ...verified(checked),
      });
    }
    const rightToWork = joined.minus({ days: 25 });
    compliance.push({
      id: newId(),
      associateId: id,
      kind: ComplianceKind.RIGHT_TO_WORK,
      reference: a.key === "ellie" ? "Irish passport" : a.key === "leah" ? "Share code W7X 4KP 9ZM" : "British passport",
      checkedOn: dateOnly(rightToWork),
      expiresOn: a.key === "leah" ? dateOnly(today.plus({ years: 2, days: 40 })) : null,
      details: a.key === "leah" ? { method: "Home Office online check" } : { method: "Document check" },
      ...verified(rightToWork),
    });

    for (const [weekday, startMinute, endMinute] of a.rules) {
      rules.push({ id: newId(), associateId: id, weekday, startMinute, endMinute });
    }
  });

  const timeOff: Prisma.TimeOffCreateManyInput[] = [
    { id: newId(), associateId: associateId("kayla"), startsAt: cal.week(5).toJSDate(), endsAt: cal.week(5).plus({ days: 5 }).toJSDate(), reason: "Holiday" },
    { id: newId(), associateId: associateId("gareth"), startsAt: cal.week(4).toJSDate(), endsAt: cal.week(4).plus({ days: 5 }).toJSDate(), reason: "Family commitment" },
    {
      id: newId(),
      associateId: associateId("helen"),
      startsAt: cal.week(7).plus({ days: 4 }).toJSDate(),
      endsAt: cal.week(7).plus({ days: 5 }).toJSDate(),
      reason: "Conference",
    },
  ];
  // Christmas with family for one associate: the next 23 Dec – 2 Jan.
  let christmas = DateTime.fromObject({ year: today.year, month: 12, day: 23 }, { zone: ZONE });
  if (christmas < today) christmas = christmas.plus({ years: 1 });
  timeOff.push({ id: newId(), associateId: associateId("sam"), startsAt: christmas.toJSDate(), endsAt: christmas.plus({ days: 10 }).toJSDate(), reason: "Christmas with family" });

  const overrides: Prisma.AvailabilityOverrideCreateManyInput[] = [
    // Not available that day (startMinute = endMinute).
    { id: newId(), associateId: associateId("fiona"), date: dateOnly(cal.week(3).plus({ days: 2 })), startMinute: 0, endMinute: 0 },
    // An extra Friday.
    { id: newId(), associateId: associateId("jordan"), date: dateOnly(cal.week(1).plus({ days: 4 })), startMinute: 600, endMinute: 900 },
    // Mornings only that Monday.
    { id: newId(), associateId: associateId("chloe"), date: dateOnly(cal.week(2)), startMinute: 540, endMinute: 780 },
  ];

  // Engagements, deliveries, assignments, attendees, feedback, quotes, invoices, pay.
  const specs = engagementSpecs(cal).sort((a, b) => a.createdAt.toMillis() - b.createdAt.toMillis());
  const engagements: Prisma.EngagementCreateManyInput[] = [];
  const quotes: Prisma.QuoteCreateManyInput[] = [];
  const deliveries: Prisma.DeliveryCreateManyInput[] = [];
  const assignments: (Prisma.AssignmentCreateManyInput & { id: string })[] = [];
  const attendees: Prisma.AttendeeCreateManyInput[] = [];
  const feedback: Prisma.FeedbackCreateManyInput[] = [];
  const invoices: InvoiceDraft[] = [];
  const invoiceLinesByInvoice = new Map<string, Prisma.InvoiceLineCreateManyInput[]>();
  const expenseClaims: Prisma.ExpenseClaimCreateManyInput[] = [];
  const payments: Prisma.AssociatePaymentCreateManyInput[] = [];
  const payRuns = new Map<string, Prisma.PayRunCreateManyInput>();
  const deliveryIdsByEngagement = new Map<string, string[]>();
  const perYear = new Map<number, number>();
  let attendeeCursor = 0;

  /** Fees and expenses for a month are paid a week after it ends. */
  const payRunFor = (day: DateTime): { id: string; paidAt: DateTime } | null => {
    const periodStart = day.startOf("month");
    const periodEnd = day.endOf("month").startOf("day");
    const paidAt = periodEnd.plus({ days: 7 }).set({ hour: 10 });
    if (paidAt > now) return null;
    const key = periodStart.toISODate() ?? "";
    let run = payRuns.get(key);
    if (!run) {
      run = {
        id: newId(),
        periodStart: dateOnly(periodStart),
        periodEnd: dateOnly(periodEnd),
        status: PayRunStatus.PAID,
        paidAt: paidAt.toJSDate(),
        createdAt: periodEnd.plus({ days: 2 }).set({ hour: 9 }).toJSDate(),
      };
      payRuns.set(key, run);
    }
    return { id: run.id as string, paidAt };
  };

  for (const spec of specs) {
    const org = orgOf(spec.org);
    const service = serviceOf(spec.service);
    const engagementId = newId();
    const year = spec.createdAt.year;
    const sequence = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, sequence);
    const unitPrice = spec.quote?.lines[0]?.unitPricePence ?? service.pricePence;
    engagements.push({
      id: engagementId,
      reference: `GT-${year}-${String(sequence).padStart(4, "0")}`,
      organisationId: orgId(spec.org),
      serviceId: serviceId(spec.service),
      requestedById: userId(spec.requestedBy),
      status: spec.status,
      purchaseOrderNumber: spec.purchaseOrderNumber ?? null,
      paymentMethod: spec.paymentMethod ?? PaymentMethod.INVOICE,
      unitPricePenceSnapshot: unitPrice,
      vatRateBasisPointsSnapshot: VAT_STANDARD,
      sessionsRequested: spec.sessionsRequested ?? Math.max(spec.deliveries.length, 1),
      attendeeCount: spec.attendeeCount ?? null,
      needs: spec.needs ?? null,
      preferredDates: spec.preferredDates ?? null,
      cancellationTerms: DEFAULT_CANCELLATION_TERMS,
      coProductionStep: spec.coProductionStep ?? null,
      cancelledAt: spec.cancelled?.at.toJSDate() ?? null,
      cancellationReason: spec.cancelled?.reason ?? null,
      createdAt: spec.createdAt.toJSDate(),
    });

    if (spec.quote) {
      // The same line shape sendQuote stores (lib/server/quotes/quotes.ts), net and VAT included: the quote summary shows them.
      const lines = spec.quote.lines.map((line) => {
        const netPence = line.quantity * line.unitPricePence;
        return { ...line, vatRateBasisPoints: VAT_STANDARD, netPence, vatPence: vatOnLine(netPence, VAT_STANDARD) };
      });
      const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPricePence, 0);
      const vat = lines.reduce((sum, line) => sum + vatOnLine(line.quantity * line.unitPricePence, line.vatRateBasisPoints), 0);
      quotes.push({
        id: newId(),
        engagementId,
        status: spec.quote.status,
        lines,
        subtotalPence: subtotal,
        vatPence: vat,
        totalPence: subtotal + vat,
        terms: "Prices exclude VAT, charged at 20%. Cancellation: free with 28 days' notice, 50% with 14 to 27 days, in full with less than 14 days.",
        validUntil: dateOnly(spec.quote.validUntil),
        sentAt: spec.quote.sentAt.toJSDate(),
        respondedAt: spec.quote.respondedAt?.toJSDate() ?? null,
        createdAt: spec.quote.sentAt.minus({ hours: 2 }).toJSDate(),
      });
    }

    // Attendees: staff who come along (young people in child-facing work are not listed by name).
    const engagementAttendees: { id: string; attended: boolean | null }[] = [];
    const isPast = spec.deliveries.length > 0 && spec.deliveries.every((d) => d.status === DeliveryStatus.DELIVERED);
    const emails = new Set<string>();
    for (let i = 0; i < (spec.attendees ?? 0); i++) {
      const first = must(FIRST_NAMES[(attendeeCursor * 7) % FIRST_NAMES.length], "first name");
      const last = must(LAST_NAMES[(attendeeCursor * 11 + 3) % LAST_NAMES.length], "last name");
      attendeeCursor++;
      const localPart = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
      const jobTitle = pick(JOB_TITLES[org.kind]);
      // Foster carers use their own email addresses; staff use the organisation's.
      const email = jobTitle === "Foster carer" ? `${localPart}@example.net` : `${localPart}@${org.emailDomain}`;
      if (emails.has(email)) continue;
      emails.add(email);
      const id = newId();
      const attended = isPast ? random() < 0.88 : null;
      engagementAttendees.push({ id, attended });
      attendees.push({
        id,
        engagementId,
        name: `${first} ${last}`,
        email,
        jobTitle,
        attended,
        // Random, as in the app (lib/server/attendees): the link to feedback and certificates.
        accessToken: randomBytes(24).toString("base64url"),
        createdAt: DateTime.min(spec.createdAt.plus({ days: 1 + (i % 5) }), DateTime.max(spec.createdAt, now.minus({ minutes: 40 - i }))).toJSDate(),
      });
    }

    const deliveryIds: string[] = [];
    const invoiceLines: Prisma.InvoiceLineCreateManyInput[] = [];
    spec.deliveries.forEach((d, index) => {
      const id = newId();
      deliveryIds.push(id);
      const minutes = d.minutes ?? service.durationMinutes;
      const startsAt = d.start;
      const endsAt = d.start.plus({ minutes });
      const online = d.mode === DeliveryMode.ONLINE;
      const ready = d.status === DeliveryStatus.CONFIRMED || d.status === DeliveryStatus.DELIVERED;
      deliveries.push({
        id,
        engagementId,
        startsAt: startsAt.toJSDate(),
        endsAt: endsAt.toJSDate(),
        mode: d.mode,
        location: online ? null : org.venue,
        videoLink: online ? `https://video.thevision.example/room/${id.slice(-10)}` : null,
        joiningInstructions: ready
          ? online
            ? "Join from a quiet, private space with your camera on if you can. The link opens ten minutes before the start."
            : "Please arrive ten minutes early. Tea and coffee provided; tell us about any access needs beforehand."
          : null,
        status: d.status,
        holdExpiresAt: d.holdExpiresAt?.toJSDate() ?? null,
        createdAt: (d.status === DeliveryStatus.HELD ? spec.createdAt : spec.createdAt.plus({ hours: 3 })).toJSDate(),
      });

      const halfDays = Math.max(1, Math.ceil(minutes / 240));
      for (const a of d.assignments) {
        const associate = associateOf(a.who);
        const buffer = online ? BUFFER_ONLINE : BUFFER_IN_PERSON;
        const paysFee = associate.payPreference !== PayPreference.EXPENSES_ONLY && associate.payPreference !== PayPreference.DECLINE;
        const fee = paysFee ? associate.feePerHalfDayPence * halfDays : 0;
        const offeredAt =
          a.status === AssignmentStatus.HELD
            ? null
            : (a.offeredAt ?? (a.status === AssignmentStatus.OFFERED ? cal.ago({ hours: 6 }) : spec.createdAt.plus({ hours: 20 })));
        const respondedAt =
          a.status === AssignmentStatus.HELD || a.status === AssignmentStatus.OFFERED ? null : (a.respondedAt ?? offeredAt?.plus({ hours: 4 }) ?? null);
        const expiresAt =
          a.status === AssignmentStatus.HELD
            ? (d.holdExpiresAt ?? null)
            : a.status === AssignmentStatus.OFFERED
              ? (a.expiresAt ?? offeredAt?.plus({ hours: OFFER_HOURS }) ?? null)
              : null;
        const assignmentId = newId();
        assignments.push({
          id: assignmentId,
          deliveryId: id,
          associateId: associateId(a.who),
          role: a.role,
          status: a.status,
          feePence: fee,
          bufferMinutes: buffer,
          blockedFrom: startsAt.minus({ minutes: buffer }).toJSDate(),
          blockedUntil: endsAt.plus({ minutes: buffer }).toJSDate(),
          offeredAt: offeredAt?.toJSDate() ?? null,
          expiresAt: expiresAt?.toJSDate() ?? null,
          respondedAt: respondedAt?.toJSDate() ?? null,
          declineReason: a.declineReason ?? null,
          createdAt: (offeredAt ?? spec.createdAt).toJSDate(),
        });

        // Fees for delivered work: paid in the month's pay run once it has run, otherwise waiting.
        if (d.status === DeliveryStatus.DELIVERED && a.status === AssignmentStatus.ACCEPTED && fee > 0) {
          const run = payRunFor(startsAt);
          const invoiced = spec.status === EngagementStatus.INVOICED || spec.status === EngagementStatus.PAID;
          payments.push({
            id: newId(),
            associateId: associateId(a.who),
            assignmentId,
            payRunId: run?.id ?? null,
            amountPence: fee,
            status: run ? AssociatePaymentStatus.PAID : invoiced ? AssociatePaymentStatus.APPROVED : AssociatePaymentStatus.PENDING,
            paidAt: run?.paidAt.toJSDate() ?? null,
            createdAt: endsAt.plus({ hours: 2 }).toJSDate(),
          });
        }
      }

      if (d.status === DeliveryStatus.DELIVERED) {
        // Kirkpatrick level 1 and 2 feedback from most attendees; a three-month follow-up from some.
        for (const attendee of engagementAttendees) {
          if (!attendee.attended || random() > 0.75) continue;
          const overall = random() < 0.8 ? 5 : random() < 0.8 ? 4 : 3;
          const before = 3 + Math.floor(random() * 4);
          const submittedAt = endsAt.plus({ hours: 1 + Math.floor(random() * 40) });
          const followUpDue = endsAt.plus({ days: 92 });
          const followUp = followUpDue < now && random() < 0.45;
          feedback.push({
            id: newId(),
            deliveryId: id,
            attendeeId: attendee.id,
            overallScore: overall,
            relevanceScore: Math.max(3, overall - (random() < 0.3 ? 1 : 0)),
            facilitationScore: random() < 0.85 ? 5 : 4,
            confidenceBefore: before,
            confidenceAfter: Math.min(10, before + 2 + Math.floor(random() * 3)),
            comment: random() < 0.85 ? pick(FEEDBACK_COMMENTS) : null,
            followUpComment: followUp ? pick(FOLLOW_UP_COMMENTS) : null,
            followUpAt: followUp ? followUpDue.set({ hour: 12 }).toJSDate() : null,
            submittedAt: (submittedAt < now ? submittedAt : now).toJSDate(),
          });
        }
        invoiceLines.push({
          id: newId(),
          invoiceId: "",
          deliveryId: id,
          description: `${service.name}: ${spec.title} — ${shortDate(startsAt)}`,
          quantity: 1,
          unitPricePence: unitPrice,
          vatRateBasisPoints: VAT_STANDARD,
          netPence: unitPrice,
          vatPence: vatOnLine(unitPrice, VAT_STANDARD),
          position: index,
        });
      }
    });
    deliveryIdsByEngagement.set(spec.key, deliveryIds);

    for (const expense of spec.expenses ?? []) {
      const deliveryId = must(deliveryIds[expense.delivery], `delivery ${expense.delivery} of ${spec.key}`);
      const delivery = must(spec.deliveries[expense.delivery], `delivery ${expense.delivery} of ${spec.key}`);
      const claimId = newId();
      const decided = expense.status === ExpenseStatus.SUBMITTED ? null : delivery.start.plus({ days: 6 }).set({ hour: 16 });
      expenseClaims.push({
        id: claimId,
        associateId: associateId(expense.who),
        deliveryId,
        category: expense.category,
        description: expense.description,
        miles: expense.miles ?? null,
        claimedPence: expense.claimedPence,
        amountPence: expense.amountPence,
        status: expense.status,
        decidedAt: decided?.toJSDate() ?? null,
        decisionNote: expense.decisionNote ?? null,
        createdAt: delivery.start.plus({ days: 1, hours: 9 }).toJSDate(),
      });
      if (expense.status === ExpenseStatus.PAID || expense.status === ExpenseStatus.APPROVED) {
        const run = expense.status === ExpenseStatus.PAID ? must(payRunFor(delivery.start), `a past pay run for ${spec.key}`) : null;
        payments.push({
          id: newId(),
          associateId: associateId(expense.who),
          expenseClaimId: claimId,
          payRunId: run?.id ?? null,
          amountPence: expense.amountPence,
          status: run ? AssociatePaymentStatus.PAID : AssociatePaymentStatus.APPROVED,
          paidAt: run?.paidAt.toJSDate() ?? null,
          createdAt: (decided ?? delivery.start).toJSDate(),
        });
      }
    }

    if (spec.invoice) {
      const id = newId();
      const lines = invoiceLines.map((line) => ({ ...line, invoiceId: id }));
      invoiceLinesByInvoice.set(id, lines);
      const subtotal = lines.reduce((sum, line) => sum + line.netPence, 0);
      const vat = lines.reduce((sum, line) => sum + line.vatPence, 0);
      const issuedOn = spec.invoice.issuedOn;
      const card = spec.paymentMethod === PaymentMethod.CARD;
      invoices.push({
        issuedOn,
        paid: spec.invoice.paid ? { at: spec.invoice.paid.at.toJSDate(), reference: spec.invoice.paid.reference } : undefined,
        row: {
          id,
          organisationId: orgId(spec.org),
          engagementId,
          number: null,
          status: InvoiceStatus.DRAFT,
          issuedOn: dateOnly(issuedOn),
          dueOn: dateOnly(card ? issuedOn : issuedOn.plus({ days: org.paymentTermsDays })),
          purchaseOrderNumber: spec.purchaseOrderNumber ?? null,
          subtotalPence: subtotal,
          vatPence: vat,
          totalPence: subtotal + vat,
          billingSnapshot: {
            name: org.name,
            addressLine1: org.addressLine1,
            addressLine2: org.addressLine2 ?? null,
            town: org.town,
            postcode: org.postcode,
            vatNumber: org.vatNumber ?? null,
            invoiceEmail: org.invoiceEmail,
            paymentTermsDays: org.paymentTermsDays,
          },
          createdAt: (card ? spec.createdAt.plus({ minutes: 1 }) : issuedOn.set({ hour: 9, minute: 15 })).toJSDate(),
        },
      });
    }
  }

  // Invoice numbers: sequential from 1 in the order they were issued, no gaps.
  invoices.sort((a, b) => a.issuedOn.toMillis() - b.issuedOn.toMillis());
  invoices.forEach((invoice, index) => (invoice.row.number = index + 1));
  const invoiceLines = invoices.flatMap((invoice) => invoiceLinesByInvoice.get(invoice.row.id as string) ?? []);

  assertNoDoubleBooking(assignments);

  // Alerts for the director's overview.
  const alerts: Prisma.AlertCreateManyInput[] = [];
  const brokenDelivery = must(deliveryIdsByEngagement.get("oak-consultancy-2")?.[0], "the delivery that needs pairing");
  const brokenSpec = must(specs.find((spec) => spec.key === "oak-consultancy-2")?.deliveries[0], "the delivery that needs pairing");
  alerts.push({
    id: newId(),
    kind: AlertKind.PAIRING_BROKEN,
    deliveryId: brokenDelivery,
    message: `${associateOf("gareth").name} has withdrawn from Oak House Children's Home's consultancy day on ${longDate(brokenSpec.start)}. ${associateOf("marcus").name} is still booked; a professional associate is needed.`,
    createdAt: cal.ago({ days: 1, hours: 2 }).toJSDate(),
  });
  const dbsDue = today.minus({ days: 355 }).plus({ days: 365 });
  alerts.push({
    id: newId(),
    kind: AlertKind.COMPLIANCE_LAPSING,
    message: `${associateOf(DBS_UPDATE_DUE_SOON).name}'s DBS Update Service check is due by ${longDate(dbsDue)}.`,
    createdAt: cal.ago({ days: 1, hours: 6 }).toJSDate(),
  });
  const insuranceLapsedOn = today.minus({ years: 1, days: 9 }).plus({ years: 1 });
  alerts.push({
    id: newId(),
    kind: AlertKind.COMPLIANCE_LAPSING,
    message: `${associateOf(INSURANCE_LAPSED).name}'s insurance expired on ${longDate(insuranceLapsedOn)}. He can't be offered work until a renewed policy has been checked.`,
    createdAt: insuranceLapsedOn.set({ hour: 7 }).toJSDate(),
  });
  const overdue = invoices.find((invoice) => !invoice.paid && (invoice.row.dueOn as Date) < dateOnly(today));
  if (overdue) {
    const due = DateTime.fromJSDate(overdue.row.dueOn as Date, { zone: "UTC" });
    const orgName = must(ORGANISATIONS.find((org) => orgIds.get(org.key) === overdue.row.organisationId), "overdue organisation").name;
    alerts.push({
      id: newId(),
      kind: AlertKind.INVOICE_OVERDUE,
      message: `Invoice ${overdue.row.number} to ${orgName} (${pounds(overdue.row.totalPence ?? 0)}) was due on ${due.setLocale("en-GB").toFormat("d LLLL yyyy")} and hasn't been paid.`,
      createdAt: due.plus({ days: 1 }).set({ hour: 8 }).toJSDate(),
    });
  }
  const request = must(specs.find((spec) => spec.key === "oak-mock-inspection"), "the mock inspection request");
  alerts.push({
    id: newId(),
    kind: AlertKind.REQUEST_UNANSWERED,
    message: `Oak House Children's Home asked for a mock inspection on ${longDate(request.createdAt)} and hasn't had a reply yet.`,
    createdAt: cal.ago({ hours: 3 }).toJSDate(),
  });
  alerts.push({
    id: newId(),
    kind: AlertKind.OFFER_EXPIRING,
    message: `An offer to ${associateOf("jordan").name} for Bright Futures Fostering's supervision session was about to expire; he accepted it.`,
    createdAt: cal.ago({ days: 11 }).toJSDate(),
    resolvedAt: cal.ago({ days: 11, hours: -5 }).toJSDate(),
  });

  // Policy values that change each April: effective from the start of the current UK tax year.
  let taxYear = DateTime.fromObject({ year: today.year, month: 4, day: 6 }, { zone: ZONE });
  if (taxYear > today) taxYear = taxYear.minus({ years: 1 });
  const policies: Prisma.PolicySettingCreateManyInput[] = [
    ["dbs.maxUpdateCheckAgeDays", 365],
    ["benefits.weeklyHoursWarning", 16],
    ["hmrc.mileagePencePerMile", 45],
    ["hold.minutes", HOLD_MINUTES],
    ["offer.hours", OFFER_HOURS],
  ].map(([key, value]) => ({ id: newId(), key: key as string, value: value as number, effectiveFrom: dateOnly(taxYear) }));

  const sequences = [
    { name: "invoice", next: invoices.length + 1 },
    { name: "credit-note", next: 1 },
  ];

  return {
    users,
    organisations,
    memberships,
    services,
    associates,
    stories,
    consents,
    qualifications,
    compliance,
    rules,
    timeOff,
    overrides,
    engagements,
    quotes,
    deliveries,
    assignments,
    attendees,
    feedback,
    invoices,
    invoiceLines,
    payRuns: [...payRuns.values()],
    expenseClaims,
    payments,
    alerts,
    policies,
    sequences,
  };
}

const ACTIVE: AssignmentStatus[] = [AssignmentStatus.HELD, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED];

/** The database's exclusion constraint would reject these anyway; this says which ones, in words. */
function assertNoDoubleBooking(assignments: Prisma.AssignmentCreateManyInput[]) {
  const byAssociate = new Map<string, Prisma.AssignmentCreateManyInput[]>();
  for (const a of assignments) {
    if (!ACTIVE.includes(a.status as AssignmentStatus)) continue;
    const list = byAssociate.get(a.associateId) ?? [];
    list.push(a);
    byAssociate.set(a.associateId, list);
  }
  for (const list of byAssociate.values()) {
    list.sort((x, y) => new Date(x.blockedFrom).getTime() - new Date(y.blockedFrom).getTime());
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const current = list[i]!;
      if (new Date(current.blockedFrom).getTime() < new Date(previous.blockedUntil).getTime()) {
        throw new Error(
          `Seed data double-books associate ${current.associateId}: ${new Date(previous.blockedFrom).toISOString()} overlaps ${new Date(current.blockedFrom).toISOString()}`,
        );
      }
    }
  }
}
