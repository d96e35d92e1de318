import {parseDuration} from '../src/core/duration.js';

/* A cookie's lifetime as the form shows it: a number and a unit, from and to ISO 8601. */

export const DURATION_UNITS = [
  {unit: 'session', label: 'session (until the browser closes)'},
  {unit: 'minutes', label: 'minutes', prefix: 'PT', letter: 'M'},
  {unit: 'hours', label: 'hours', prefix: 'PT', letter: 'H'},
  {unit: 'days', label: 'days', prefix: 'P', letter: 'D'},
  {unit: 'weeks', label: 'weeks', prefix: 'P', letter: 'W'},
  {unit: 'months', label: 'months', prefix: 'P', letter: 'M'},
  {unit: 'years', label: 'years', prefix: 'P', letter: 'Y'},
] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/**
 * A lifetime as a number and a unit (`P13M` → 13 months), or null when it needs more than one
 * unit (`P1Y6M`): the form then shows the ISO 8601 text itself. The core reads the duration;
 * `PM`, a unit still waiting for its number (a new cookie starts so), reads as that unit.
 */
export function durationParts(value: string): {count: string; unit: DurationUnit} | null {
  if (value === 'session') return {count: '', unit: 'session'};
  const parts = parseDuration(value);
  for (const {unit} of DURATION_UNITS) {
    if (unit === 'session') continue;
    const count = parts ? String(parts[unit]) : '';
    // Only a lifetime the form writes back as it was: not `P1Y0M`, nor `P013M`.
    if (durationOf(count, unit) === value) return {count, unit};
  }
  return null;
}

/** The ISO 8601 lifetime of a number and a unit (13, months → `P13M`). */
export function durationOf(count: string, unit: DurationUnit): string {
  const found = DURATION_UNITS.find((u) => u.unit === unit)!;
  return 'letter' in found ? `${found.prefix}${count.trim()}${found.letter}` : 'session';
}
