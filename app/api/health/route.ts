import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers and the e2e server wait. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
