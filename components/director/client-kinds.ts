/** The kinds of client organisation, in the order the form offers them. */
export const ORGANISATION_KINDS = [
  ["LOCAL_AUTHORITY", "Local authority"],
  ["CHILDRENS_HOME", "Children's home"],
  ["FOSTERING_AGENCY", "Fostering agency"],
  ["CHARITY", "Charity"],
  ["OTHER", "Something else"],
] as const;
