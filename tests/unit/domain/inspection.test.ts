import { describe, expect, it } from "vitest";
import { bestAllowedGrade, describeTimescale, findRuleBreaches, type Grade, INSPECTION_TEMPLATES, parseTemplate, ungradedAreas } from "@/lib/domain/inspection";

const childrensHome = INSPECTION_TEMPLATES.find((template) => template.settingType === "CHILDRENS_HOME")!;
const rules = childrensHome.limitingRules;
const grades = (overall: Grade | null, helped: Grade | null, leaders: Grade | null) => ({ "overall-experiences": overall, "helped-and-protected": helped, "leaders-and-managers": leaders });

describe("limiting rules (children's home template v1)", () => {
  it.each<[string, Grade | null, Grade | null, Grade | null, number]>([
    ["helped and protected inadequate: overall good is refused", "GOOD", "INADEQUATE", "GOOD", 1],
    ["helped and protected inadequate: overall requires improvement is refused (must be inadequate)", "REQUIRES_IMPROVEMENT", "INADEQUATE", "GOOD", 1],
    ["helped and protected inadequate: overall inadequate is allowed", "INADEQUATE", "INADEQUATE", "GOOD", 0],
    ["helped and protected requires improvement: overall outstanding is refused", "OUTSTANDING", "REQUIRES_IMPROVEMENT", "GOOD", 1],
    ["helped and protected requires improvement: overall good is refused", "GOOD", "REQUIRES_IMPROVEMENT", "GOOD", 1],
    ["helped and protected requires improvement: overall requires improvement is allowed (boundary)", "REQUIRES_IMPROVEMENT", "REQUIRES_IMPROVEMENT", "GOOD", 0],
    ["helped and protected requires improvement: overall inadequate is allowed", "INADEQUATE", "REQUIRES_IMPROVEMENT", "GOOD", 0],
    ["helped and protected good: overall outstanding is allowed (no cap from a good area)", "OUTSTANDING", "GOOD", "GOOD", 0],
    ["leaders inadequate: overall good is refused", "GOOD", "GOOD", "INADEQUATE", 1],
    ["leaders inadequate: overall requires improvement is allowed (boundary)", "REQUIRES_IMPROVEMENT", "GOOD", "INADEQUATE", 0],
    ["leaders requires improvement: overall outstanding is allowed (no rule)", "OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", 0],
    ["both limiting areas inadequate and overall good: two rules broken", "GOOD", "INADEQUATE", "INADEQUATE", 2],
    ["overall not graded yet: nothing is broken", null, "INADEQUATE", "INADEQUATE", 0],
    ["helped and protected not graded yet: nothing is broken", "OUTSTANDING", null, "GOOD", 0],
  ])("%s", (_name, overall, helped, leaders, expected) => {
    const breaches = findRuleBreaches(grades(overall, helped, leaders), rules);
    expect(breaches).toHaveLength(expected);
    for (const breach of breaches) expect(breach.limitedArea).toBe("overall-experiences");
  });

  it("a breach explains the rule in plain English", () => {
    const [breach] = findRuleBreaches(grades("GOOD", "INADEQUATE", "GOOD"), rules);
    expect(breach!.message).toBe("When how well children are helped and protected is inadequate, the overall experiences and progress judgement must be inadequate too. (It is graded Good.)");
  });

  it.each<[Grade | null, Grade | null, Grade]>([
    [null, null, "OUTSTANDING"],
    ["GOOD", "GOOD", "OUTSTANDING"],
    ["REQUIRES_IMPROVEMENT", "GOOD", "REQUIRES_IMPROVEMENT"],
    ["INADEQUATE", "GOOD", "INADEQUATE"],
    ["GOOD", "INADEQUATE", "REQUIRES_IMPROVEMENT"],
    ["REQUIRES_IMPROVEMENT", "INADEQUATE", "REQUIRES_IMPROVEMENT"],
    ["INADEQUATE", "INADEQUATE", "INADEQUATE"],
  ])("best allowed overall grade when helped and protected is %s and leaders %s: %s", (helped, leaders, best) => {
    expect(bestAllowedGrade("overall-experiences", grades(null, helped, leaders), rules).grade).toBe(best);
  });

  it("the other areas are never capped", () => {
    expect(bestAllowedGrade("helped-and-protected", grades("INADEQUATE", "GOOD", "INADEQUATE"), rules)).toEqual({ grade: "OUTSTANDING", reasons: [] });
  });
});

describe("templates", () => {
  it.each(INSPECTION_TEMPLATES.map((template) => [template.settingType, template] as const))("%s v1 parses, and its rules refer to its own areas", (_type, template) => {
    expect(parseTemplate(template).areas.map((area) => area.key)).toEqual(["overall-experiences", "helped-and-protected", "leaders-and-managers"]);
  });

  it("a rule naming an unknown area is rejected", () => {
    expect(() => parseTemplate({ areas: childrensHome.areas, limitingRules: [{ ...rules[0]!, byArea: "nowhere" }] })).toThrow(/unknown area/);
  });

  it("ungraded areas are listed until every area has a grade", () => {
    expect(ungradedAreas(childrensHome.areas, { "overall-experiences": { grade: "GOOD", evidence: "" } }).map((area) => area.key)).toEqual(["helped-and-protected", "leaders-and-managers"]);
  });
});

describe("recommendation timescales", () => {
  it.each([
    [{ kind: "WEEKS", weeks: 1 } as const, "Within 1 week"],
    [{ kind: "WEEKS", weeks: 6 } as const, "Within 6 weeks"],
    [{ kind: "DATE", date: "2027-03-28" } as const, "By 28 March 2027"],
  ])("%j reads as %s", (timescale, text) => {
    expect(describeTimescale(timescale)).toBe(text);
  });
});
