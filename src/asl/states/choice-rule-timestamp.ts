// Timestamps as Step Functions reads them. AWS's runtime errors name the
// format "ISO-8601 extended offset date-time" (recorded: scenarios/
// test_base_scenarios/test_wait_timestamp_path__*), the Javadoc wording of
// java.time's ISO_OFFSET_DATE_TIME, and accept nine fraction digits
// (test_wait_timestamp__NANOSECONDS). That formatter parses case-insensitively
// ("t", "z"), makes seconds optional, takes 0-9 fraction digits after a ".",
// takes "Z" or +HH:MM[:SS] as the offset, and resolves strictly (no 24:00,
// no leap second, no 31 April).

/** An instant: whole seconds since the epoch plus nanoseconds. */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

const FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The instant a timestamp string denotes, or undefined when AWS would not parse it. */
export function parseTimestamp(text: string): Instant | undefined {
  const m = FORMAT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number, number, number, number, number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    const os = m[12] === undefined ? 0 : Number(m[12]);
    if (oh > 18 || om > 59 || os > 59) return undefined;
    offset = oh * 3600 + om * 60 + os;
    if (offset > 18 * 3600) return undefined;
    if (m[9] === '-') offset = -offset;
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return { seconds, nanos };
}

export function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && parseTimestamp(value) !== undefined;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}
