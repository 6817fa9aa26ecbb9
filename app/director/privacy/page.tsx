import type { Metadata } from "next";
import { PrivacyConsole } from "@/components/privacy/privacy-console";
import { PageHeader } from "@/components/ui/page-header";
import { requireDirector } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Privacy requests" };
export const dynamic = "force-dynamic";

/** Subject access and erasure requests (UK GDPR Articles 15 and 17). Director only. */
export default async function DirectorPrivacyPage() {
  await requireDirector("/director/privacy");
  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="When someone asks for a copy of their data, or for it to be erased. Find them by email address, see what we hold, then download it or erase it. Every search, download and erasure is recorded."
      />
      <PrivacyConsole />
    </>
  );
}
