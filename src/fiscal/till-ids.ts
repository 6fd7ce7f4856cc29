import { createHash } from 'node:crypto';

/**
 * The longest id a till has at the signing unit and in the export. A TSE client id is printed in the receipt's QR
 * code, and DSFinV-K takes it as a terminal's id (TERMINAL_ID, 50 characters) and a till's serial (KASSE_SERIENNR,
 * 70; no `_` or `/`): 30 letters and digits fit every one of them.
 */
export const TILL_ID_LENGTH = 30;

const ALLOWED = new RegExp(`^[A-Za-z0-9]{1,${TILL_ID_LENGTH}}$`);

/**
 * A till's id at the unit for a name (a device's X-Device-Id, `channel<code>`): the name itself when it is letters
 * and digits only and short enough; else its letters and digits, cut to 22, and 8 hex digits of the SHA-256 of the
 * whole name, so that `tablet_7` and `tablet-7` stay two tills (`tablet7` and a different hash each).
 */
export function tillIdOf(name: string): string {
  if (ALLOWED.test(name)) return name;
  const kept = name.replace(/[^A-Za-z0-9]/g, '').slice(0, TILL_ID_LENGTH - 8);
  return `${kept}${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
