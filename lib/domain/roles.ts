/**
 * Who can facilitate what. Every delivery is co-facilitated by lived-experience and professional
 * associates; an associate with BOTH kinds of expertise may fill either role, never both at once.
 */
export const Expertise = { LIVED: "LIVED", PROFESSIONAL: "PROFESSIONAL", BOTH: "BOTH" } as const;
export type Expertise = (typeof Expertise)[keyof typeof Expertise];

export const AssignmentRole = { LIVED: "LIVED", PROFESSIONAL: "PROFESSIONAL" } as const;
export type AssignmentRole = (typeof AssignmentRole)[keyof typeof AssignmentRole];

/** How many facilitators of each role a service needs (`Service.livedRequired` / `professionalRequired`). */
export type TeamRequirements = { readonly livedRequired: number; readonly professionalRequired: number };

/**
 * Available people by what they can do: `livedOnly` can fill only the lived-experience role,
 * `professionalOnly` only the professional role, `both` either (but one role per delivery).
 */
export type RoleCounts = { readonly livedOnly: number; readonly professionalOnly: number; readonly both: number };

/** Tells whether someone with `expertise` may fill `role`. */
export function canFillRole(expertise: Expertise, role: AssignmentRole): boolean {
  return expertise === "BOTH" || expertise === role;
}

/**
 * Tells whether distinct people can cover the requirements. By Hall's theorem for this two-role case it
 * is exactly: livedOnly + both ≥ livedRequired, professionalOnly + both ≥ professionalRequired, and
 * everyone together ≥ livedRequired + professionalRequired (so a BOTH person is never counted twice).
 */
export function canStaffTeam(counts: RoleCounts, requirements: TeamRequirements): boolean {
  const { livedOnly, professionalOnly, both } = counts;
  const { livedRequired, professionalRequired } = requirements;
  return (
    livedOnly + both >= livedRequired &&
    professionalOnly + both >= professionalRequired &&
    livedOnly + professionalOnly + both >= livedRequired + professionalRequired
  );
}
