import type { Expertise } from "@/lib/db/generated/prisma/enums";

export type PublicProfile = {
  name: string | null;
  expertise: Expertise;
  bio: string;
  publicLivedExperienceNote: string | null;
};

const expertiseLabel: Record<Expertise, string> = {
  LIVED: "Lived-experience associate",
  PROFESSIONAL: "Professional associate",
  BOTH: "Lived experience and professional",
};

/**
 * How an associate appears to clients on a service page. The one component for it, so the preview
 * an associate sees on their profile is exactly what clients see.
 */
export function PublicProfileCard({ profile }: { profile: PublicProfile }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4">
      <p className="font-semibold">{profile.name}</p>
      <p className="text-sm text-stone-600">{expertiseLabel[profile.expertise]}</p>
      {profile.bio ? <p className="mt-2 text-stone-800">{profile.bio}</p> : null}
      {profile.publicLivedExperienceNote ? <p className="mt-2 text-stone-800">{profile.publicLivedExperienceNote}</p> : null}
    </div>
  );
}
