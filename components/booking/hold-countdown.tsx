"use client";

import { useEffect, useState } from "react";

/**
 * Time left on a hold. Announces to screen readers only once a minute (not every second) and once
 * more when the hold runs out.
 */
export function HoldCountdown({ expiresAt }: { expiresAt: string }) {
  const end = Date.parse(expiresAt);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    // The first tick straight away (not during render: server and browser clocks differ).
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  if (now === null) return <p className="font-semibold">We&apos;re holding this time for you.</p>;
  const left = Math.max(0, end - now);
  if (left === 0) {
    return (
      <p role="alert" className="font-semibold text-red-900">
        Your hold has run out, so the facilitators have been freed. Please choose a time again.
      </p>
    );
  }
  const minutes = Math.floor(left / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  return (
    <p className="font-semibold">
      We&apos;re holding this time for you for{" "}
      <span aria-hidden="true" className="tabular-nums">
        {minutes}:{String(seconds).padStart(2, "0")}
      </span>
      <span className="sr-only" aria-live="polite">
        {minutes + 1} minute{minutes === 0 ? "" : "s"}
      </span>{" "}
      more.
    </p>
  );
}
