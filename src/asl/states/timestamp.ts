// ISO-8601 extended offset date-time, as AWS accepts for Wait Timestamp:
// a 'T' separator and a zone (Z or ±hh:mm) are required; up to 9 fraction digits.
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch milliseconds, or undefined when the text is not such a timestamp. */
export function parseTimestamp(text: string): number | undefined {
  const m = ISO_OFFSET.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return undefined;
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[9]); const om = Number(m[10]);
    if (oh > 18 || om > 59) return undefined;
    offsetMin = (m[8]!.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[7] ? Number((m[7] + '000').slice(0, 3)) : 0;
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, frac) - offsetMin * 60_000;
}
