/**
 * How the QR page names a table: its name as staff gave it ("Table 1", "Window 4", "T12"), with "Table" before a
 * name that starts with a number, which alone would not say what it is ("5" → "Table 5").
 */
export function tableLabel(name: string): string {
  const trimmed = name.trim();
  return /^\d/.test(trimmed) ? `Table ${trimmed}` : trimmed;
}
