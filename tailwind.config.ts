import type { Config } from "tailwindcss";

/**
 * Tailwind 4 reads its theme from app/globals.css (`@theme`); this file is loaded there with
 * `@config` so editors and plugins find the content paths and the brand colours in one place.
 */
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        thread: { 50: "#fff8eb", 100: "#feecc7", 500: "#d97706", 600: "#b45309", 700: "#92400e", 900: "#451a03" },
        ink: { DEFAULT: "#1c1917", muted: "#57534e" },
      },
    },
  },
};

export default config;
