import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "The Vision — co-delivered social care training", template: "%s · The Vision" },
  description:
    "Training, consultancy and support for people who care for children and young people — always delivered by a care-experienced adult and a professional together.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so Next can put this request's CSP nonce (proxy.ts) on its
  // scripts; a page prerendered at build time would carry none and its scripts would be blocked.
  await connection();
  return (
    <html lang="en-GB" className={GeistSans.variable}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
          Skip to main content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-stone-200 py-6 text-center text-sm text-stone-700">
          The Vision · Co-produced and co-delivered by care-experienced adults and professionals
        </footer>
      </body>
    </html>
  );
}
