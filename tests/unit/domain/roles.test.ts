import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canFillRole, canStaffTeam } from "@/lib/domain/roles";

describe("roles", () => {
  it.each([
    ["LIVED", "LIVED", true],
    ["LIVED", "PROFESSIONAL", false],
    ["PROFESSIONAL", "PROFESSIONAL", true],
    ["PROFESSIONAL", "LIVED", false],
    ["BOTH", "LIVED", true],
    ["BOTH", "PROFESSIONAL", true],
  ] as const)("%s expertise can fill the %s role: %s", (expertise, role, expected) => {
    expect(canFillRole(expertise, role)).toBe(expected);
  });

  it.each([
    { rule: "one lived + one professional make a pair", counts: [1, 1, 0], needs: [1, 1], expected: true },
    { rule: "a single BOTH cannot fill both places", counts: [0, 0, 1], needs: [1, 1], expected: false },
    { rule: "the total must cover every place even when each role alone is covered", counts: [0, 1, 1], needs: [2, 1], expected: false },
    { rule: "BOTH fills whichever role is short", counts: [2, 0, 1], needs: [2, 1], expected: true },
  ])("canStaffTeam: $rule", ({ counts, needs, expected }) => {
    const [livedOnly, professionalOnly, both] = counts as [number, number, number];
    const [livedRequired, professionalRequired] = needs as [number, number];
    expect(canStaffTeam({ livedOnly, professionalOnly, both }, { livedRequired, professionalRequired })).toBe(expected);
  });

  it("canStaffTeam agrees with trying every way of giving BOTH people a role (property)", () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4), (livedOnly, professionalOnly, both, livedRequired, professionalRequired) => {
        let isPossible = false;
        for (let asLived = 0; asLived <= both; asLived += 1) {
          if (livedOnly + asLived >= livedRequired && professionalOnly + (both - asLived) >= professionalRequired) isPossible = true;
        }
        expect(canStaffTeam({ livedOnly, professionalOnly, both }, { livedRequired, professionalRequired })).toBe(isPossible);
      }),
    );
  });
});
