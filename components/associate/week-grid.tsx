"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { WeeklyRule } from "@/lib/domain/availability";
import { addWeeklyWindow, formatMinuteOfDay, getCoverage, removeWeeklyWindow, WEEKDAY_NAMES } from "@/lib/domain/availability-rules";

/** Half-hour rows; the editor shows 06:00–22:00 unless the whole day is asked for. */
export const GRID_STEP_MINUTES = 30;
export const DAYTIME = { startMinute: 6 * 60, endMinute: 22 * 60 } as const;

type Cell = { row: number; col: number };
type Mode = "paint" | "erase";
/** A stretch being painted or erased: from `anchor` to `current`, applied to `base` (the hours when it began). */
type Stretch = { anchor: Cell; current: Cell; mode: Mode; base: WeeklyRule[] };

const SHORT_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function applyStretch({ anchor, current, mode, base }: Stretch, firstMinute: number): WeeklyRule[] {
  const [top, bottom] = [Math.min(anchor.row, current.row), Math.max(anchor.row, current.row)];
  const [left, right] = [Math.min(anchor.col, current.col), Math.max(anchor.col, current.col)];
  let rules = base;
  for (let col = left; col <= right; col += 1) {
    const window = { weekday: col + 1, startMinute: firstMinute + top * GRID_STEP_MINUTES, endMinute: firstMinute + (bottom + 1) * GRID_STEP_MINUTES };
    rules = mode === "paint" ? addWeeklyWindow(rules, window) : removeWeeklyWindow(rules, window);
  }
  return rules;
}

function describeStretch(stretch: Stretch, firstMinute: number): string {
  const [top, bottom] = [Math.min(stretch.anchor.row, stretch.current.row), Math.max(stretch.anchor.row, stretch.current.row)];
  const [left, right] = [Math.min(stretch.anchor.col, stretch.current.col), Math.max(stretch.anchor.col, stretch.current.col)];
  const days = left === right ? WEEKDAY_NAMES[left] : `${WEEKDAY_NAMES[left]} to ${WEEKDAY_NAMES[right]}`;
  const times = `${formatMinuteOfDay(firstMinute + top * GRID_STEP_MINUTES)}–${formatMinuteOfDay(firstMinute + (bottom + 1) * GRID_STEP_MINUTES)}`;
  return `${days} ${times} ${stretch.mode === "paint" ? "added" : "removed"}.`;
}

/**
 * The week as a grid of half-hours (days across, times down) to paint or erase available time.
 * Mouse: press and drag over cells (starting on a free cell paints, on an available one erases).
 * Touch: tap a cell to switch it. Keyboard (one tab stop, roving focus): arrow keys move, Home/End
 * go to Monday/Sunday, Page Up/Down move two hours, Space or Enter switches the cell, Shift + arrow
 * stretches the last choice over more cells. Cells a window only partly covers (quarter hours) show
 * half filled; painting fills them, erasing clears them.
 */
export function WeekGrid({
  rules,
  onChange,
  isWholeDay,
  labelledBy,
  describedBy,
}: {
  rules: WeeklyRule[];
  onChange: (rules: WeeklyRule[]) => void;
  isWholeDay: boolean;
  labelledBy: string;
  describedBy?: string;
}) {
  const firstMinute = isWholeDay ? 0 : DAYTIME.startMinute;
  const lastMinute = isWholeDay ? 1440 : DAYTIME.endMinute;
  const rowCount = (lastMinute - firstMinute) / GRID_STEP_MINUTES;
  const rows = Array.from({ length: rowCount }, (_, row) => firstMinute + row * GRID_STEP_MINUTES);

  const [focus, setFocus] = useState<Cell>(() => ({ row: Math.max(0, (9 * 60 - firstMinute) / GRID_STEP_MINUTES), col: 0 }));
  const [drag, setDrag] = useState<(Stretch & { pointerType: string }) | null>(null);
  const [keyStretch, setKeyStretch] = useState<Stretch | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const cells = useRef(new Map<string, HTMLTableCellElement>());

  // Keep the focused cell on the same clock time when rows are added or removed.
  const [shownFrom, setShownFrom] = useState(firstMinute);
  if (shownFrom !== firstMinute) {
    setShownFrom(firstMinute);
    setFocus((f) => ({ col: f.col, row: Math.min(rowCount - 1, Math.max(0, f.row + (shownFrom - firstMinute) / GRID_STEP_MINUTES)) }));
    setKeyStretch(null);
  }

  const moveFocus = useCallback((cell: Cell) => {
    setFocus(cell);
    cells.current.get(`${cell.row}:${cell.col}`)?.focus();
  }, []);

  const finishDrag = useCallback(() => {
    if (!drag) return;
    onChange(applyStretch(drag, firstMinute));
    setAnnouncement(describeStretch(drag, firstMinute));
    setDrag(null);
  }, [drag, firstMinute, onChange]);

  useEffect(() => {
    if (!drag) return;
    const cancel = () => setDrag(null);
    window.addEventListener("pointerup", finishDrag);
    window.addEventListener("pointercancel", cancel);
    return () => {
      window.removeEventListener("pointerup", finishDrag);
      window.removeEventListener("pointercancel", cancel);
    };
  }, [drag, finishDrag]);

  const coverageOf = (source: WeeklyRule[], { row, col }: Cell) =>
    getCoverage(source, col + 1, { startMinute: firstMinute + row * GRID_STEP_MINUTES, endMinute: firstMinute + (row + 1) * GRID_STEP_MINUTES });

  // While dragging, show what letting go would do.
  const shown = drag ? applyStretch(drag, firstMinute) : rules;

  function onPointerDown(event: PointerEvent<HTMLTableCellElement>, cell: Cell) {
    if (event.button !== 0) return;
    if (event.pointerType === "mouse") event.preventDefault(); // no text selection while dragging
    moveFocus(cell);
    setKeyStretch(null);
    setDrag({ anchor: cell, current: cell, mode: coverageOf(rules, cell) === "all" ? "erase" : "paint", base: rules, pointerType: event.pointerType });
  }

  function onPointerEnter(cell: Cell) {
    // Touch keeps to taps: a finger moving over the grid scrolls the page instead.
    if (drag && drag.pointerType !== "touch") setDrag({ ...drag, current: cell });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableCellElement>) {
    const { row, col } = focus;
    const moves: Record<string, Cell> = {
      ArrowUp: { row: Math.max(0, row - 1), col },
      ArrowDown: { row: Math.min(rowCount - 1, row + 1), col },
      ArrowLeft: { row, col: Math.max(0, col - 1) },
      ArrowRight: { row, col: Math.min(6, col + 1) },
      Home: event.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 },
      End: event.ctrlKey ? { row: rowCount - 1, col: 6 } : { row, col: 6 },
      PageUp: { row: Math.max(0, row - 4), col },
      PageDown: { row: Math.min(rowCount - 1, row + 4), col },
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      if (event.shiftKey && event.key.startsWith("Arrow")) {
        const stretch = keyStretch ?? { anchor: focus, current: focus, mode: coverageOf(rules, focus) === "all" ? ("paint" as const) : ("erase" as const), base: rules };
        const extended = { ...stretch, current: next };
        setKeyStretch(extended);
        onChange(applyStretch(extended, firstMinute));
        setAnnouncement(describeStretch(extended, firstMinute));
      } else {
        setKeyStretch(null);
      }
      moveFocus(next);
      return;
    }
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      const toggle: Stretch = { anchor: focus, current: focus, mode: coverageOf(rules, focus) === "all" ? "erase" : "paint", base: rules };
      onChange(applyStretch(toggle, firstMinute));
      setAnnouncement(describeStretch(toggle, firstMinute));
      setKeyStretch(null);
      return;
    }
    if (event.key === "Escape" && drag) {
      event.preventDefault();
      setDrag(null);
    }
  }

  return (
    <div>
      <div className="max-h-[32rem] overflow-auto rounded-lg border border-stone-300 sm:max-h-none">
        <table role="grid" aria-labelledby={labelledBy} aria-describedby={describedBy} aria-multiselectable="true" aria-rowcount={rowCount + 1} className="w-full border-collapse select-none text-xs">
          <thead className="sticky top-0 z-10 bg-white">
            <tr>
              <th scope="col" className="w-14 border-b border-stone-300 p-1 text-left font-medium text-stone-700">
                <span className="sr-only">Time</span>
              </th>
              {SHORT_DAYS.map((day, i) => (
                <th key={day} scope="col" className="min-w-10 border-b border-l border-stone-300 p-1 text-center font-semibold">
                  <span aria-hidden="true">{day}</span>
                  <span className="sr-only">{WEEKDAY_NAMES[i]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((minute, row) => {
              const isHour = minute % 60 === 0;
              return (
                <tr key={minute}>
                  <th scope="row" className={cn("h-6 whitespace-nowrap pr-1 text-left align-top font-normal tabular-nums text-stone-700", isHour ? "border-t border-stone-300" : "")}>
                    <span className={isHour ? "" : "sr-only"}>{formatMinuteOfDay(minute)}</span>
                  </th>
                  {SHORT_DAYS.map((day, col) => {
                    const cell = { row, col };
                    const coverage = coverageOf(shown, cell);
                    const isFocused = focus.row === row && focus.col === col;
                    const label = `${WEEKDAY_NAMES[col]} ${formatMinuteOfDay(minute)}${coverage === "some" ? ", part of this half hour" : ""}`;
                    return (
                      <td
                        key={day}
                        ref={(element) => {
                          if (element) cells.current.set(`${row}:${col}`, element);
                          else cells.current.delete(`${row}:${col}`);
                        }}
                        tabIndex={isFocused ? 0 : -1}
                        aria-selected={coverage === "all"}
                        aria-label={label}
                        onFocus={() => setFocus(cell)}
                        onKeyDown={onKeyDown}
                        onPointerDown={(event) => onPointerDown(event, cell)}
                        onPointerEnter={() => onPointerEnter(cell)}
                        className={cn(
                          "h-6 cursor-pointer border-l border-stone-300 p-0 text-center align-middle leading-none",
                          isHour ? "border-t border-t-stone-300" : "border-t border-t-stone-200 border-dashed",
                          coverage === "all" && "bg-brand-700 text-white",
                          coverage === "some" && "bg-[linear-gradient(135deg,var(--color-brand-700)_50%,transparent_50%)]",
                          coverage === "none" && "bg-white hover:bg-brand-50",
                          // The site-wide focus ring goes round the cell; a white band inside keeps it visible amid available (dark) cells.
                          "focus-visible:relative focus-visible:z-[1] focus-visible:shadow-[inset_0_0_0_4px_white]",
                        )}
                      >
                        {coverage === "all" ? <span aria-hidden="true">✓</span> : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
