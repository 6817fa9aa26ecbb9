/**
 * The seeded demo accounts. One-click sign-in offers exactly these, and only when demo mode is on
 * (lib/env.ts: DEMO_MODE). The seed (prisma/seed.ts) creates them.
 */
export const DEMO_ACCOUNTS = [
  { key: "director", email: "director@thevision.example", label: "Jade, the director", description: "Runs The Vision: engagements, pairing, invoices and pay." },
  { key: "lived-associate", email: "kayla@associates.thevision.example", label: "Kayla, lived-experience associate", description: "Care-experienced trainer: offers, sessions and earnings." },
  { key: "professional-associate", email: "sam@associates.thevision.example", label: "Sam, professional associate", description: "Social worker and trainer." },
  { key: "council-admin", email: "admin@northshire.example", label: "Priya, Northshire Council (admin)", description: "Local authority that needs a PO number for every booking." },
  { key: "council-booker", email: "booker@northshire.example", label: "Tom, Northshire Council (booker)", description: "Books training for his team." },
  { key: "home-admin", email: "admin@oakhouse.example", label: "Lee, Oak House children's home (admin)", description: "A small children's home." },
  { key: "charity-admin", email: "admin@brightfutures.example", label: "Ruth, Bright Futures Fostering (admin)", description: "A fostering charity." },
] as const;

export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]["key"];

export const DEMO_ORGANISATIONS = {
  council: "northshire-council",
  home: "oak-house",
  charity: "bright-futures-fostering",
} as const;
