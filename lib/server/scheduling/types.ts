export type AssociateRole = "LIVED" | "PROFESSIONAL";
