const ESC = 0x1b;
const GS = 0x1d;

/**
 * A job's bytes again, under a large, bold REPRINT line: the same for every kind of document, so a copy of a
 * kitchen ticket is never taken for a new order, and a copy of a bill never for a second one.
 */
export function withReprintMark(bytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([ESC, 0x40, ESC, 0x61, 1, GS, 0x21, 0x11, ESC, 0x45, 1]),
    Buffer.from('*** REPRINT ***\n', 'ascii'),
    Buffer.from([GS, 0x21, 0x00, ESC, 0x45, 0, ESC, 0x61, 0]),
    bytes,
  ]);
}
