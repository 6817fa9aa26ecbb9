import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/guards";

/** After sign-in: send each person to their own home. */
export default async function DashboardPage() {
  const actor = await requireActor("/dashboard");
  redirect(homePathFor(actor));
}
