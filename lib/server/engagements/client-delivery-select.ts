/**
 * What a client sees of a delivery: when, where, its status, and the facilitators' names only once
 * they have accepted (never lived-experience details).
 */
export const clientDeliverySelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  mode: true,
  location: true,
  videoLink: true,
  joiningInstructions: true,
  status: true,
  cancellationChargePence: true,
  assignments: {
    where: { status: "ACCEPTED" },
    select: { role: true, associate: { select: { user: { select: { name: true } } } } },
  },
} as const;
