import iconv from 'iconv-lite';

/**
 * Reads ESC/POS bytes back as the lines a thermal printer would print (double-width text written once): it follows the commands that place text
 * (print area, absolute and relative positions, character size, code page) and skips those that do not (styles,
 * raster images, cuts). A byte sequence it does not know fails the test, so a stray command cannot hide.
 */
export interface DecodedPrint {
  /** The printed lines, text placed at its column, trailing spaces removed. */
  lines: string[];
  /** The rightmost column any character reached: at most the paper's width. */
  widest: number;
  /** Raster images (QR codes) and paper cuts seen. */
  images: number;
  cuts: number;
}

/** ESC/POS code pages (ESC t n) that receiptline's multilingual encoding switches between. */
const CODE_PAGES: Record<number, string> = {
  0: 'cp437',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};
/** Page 1 (katakana) is used only for rules: receiptline's horizontal and vertical line characters. */
const RULE_CHARACTERS: Record<number, string> = { 0x95: '-', 0x96: '|' };
/** Marks the columns a double-width character covers beyond its first: the line reads "TOTAL", not "T O T A L". */
const WIDE = '\u0000';
/** One character is 12 dots wide in receiptline's ESC/POS. */
const DOTS_PER_CHARACTER = 12;

export function decodeEscPos(bytes: Buffer): DecodedPrint {
  const lines: string[] = [];
  let row = new Map<number, string>();
  let left = 0;
  let position = 0;
  let scaleX = 1;
  let codePage = 0;
  let widest = 0;
  let images = 0;
  let cuts = 0;
  const word = (at: number) => bytes[at] + bytes[at + 1] * 256;

  const print = (byte: number) => {
    const char =
      byte < 0x80
        ? String.fromCharCode(byte)
        : codePage === 1
          ? (RULE_CHARACTERS[byte] ?? '?')
          : iconv.decode(Buffer.from([byte]), CODE_PAGES[codePage] ?? 'cp437');
    // Centred text may start half a character in: it prints in the column it starts in.
    const column = Math.floor(left + position);
    row.set(column, char);
    for (let extra = 1; extra < scaleX; extra++) row.set(column + extra, WIDE);
    position += scaleX;
    widest = Math.max(widest, left + position);
  };

  const feed = () => {
    const width = Math.max(0, ...row.keys()) + 1;
    const text = Array.from({ length: row.size === 0 ? 0 : width }, (_, column) => row.get(column) ?? ' ');
    lines.push(text.join('').replaceAll(WIDE, '').trimEnd());
    row = new Map();
    position = 0;
  };

  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const next = String.fromCharCode(bytes[i + 1] ?? 0);
    if (byte === 0x0a) {
      feed();
      i += 1;
    } else if (byte >= 0x20) {
      print(byte);
      i += 1;
    } else if (byte === 0x1b) {
      if ('@2'.includes(next)) i += 2;
      else if ('MaE-{3 '.includes(next)) i += 3;
      else if (next === 't') {
        codePage = bytes[i + 2];
        i += 3;
      } else if (next === '$') {
        position = word(i + 2) / DOTS_PER_CHARACTER;
        i += 4;
      } else if (next === '\\') {
        const dots = word(i + 2);
        position += (dots > 0x7fff ? dots - 0x10000 : dots) / DOTS_PER_CHARACTER;
        i += 4;
      } else throw new Error(`unknown ESC ${next} at ${i}`);
    } else if (byte === 0x1d) {
      if ('aBrwhH'.includes(next)) i += 3;
      else if (next === '!') {
        scaleX = ((bytes[i + 2] >> 4) & 7) + 1;
        i += 3;
      } else if (next === 'L') {
        left = word(i + 2) / DOTS_PER_CHARACTER;
        i += 4;
      } else if (next === 'W') i += 4;
      else if (next === 'V') {
        cuts += 1;
        i += bytes[i + 2] >= 65 ? 4 : 3;
      } else if (next === '8' && bytes[i + 2] === 0x4c) {
        images += 1;
        i += 7 + word(i + 3) + word(i + 5) * 65536;
      } else if (next === '(') i += 5 + word(i + 3);
      else throw new Error(`unknown GS ${next} at ${i}`);
    } else if (byte === 0x1c) {
      if ('.&'.includes(next)) i += 2;
      else if ('C-'.includes(next)) i += 3;
      else if (next === 'S') i += 4;
      else if (next === '(') i += 5 + word(i + 3);
      else throw new Error(`unknown FS ${next} at ${i}`);
    } else throw new Error(`unknown control byte ${byte} at ${i}`);
  }
  if (row.size > 0) feed();
  return { lines, widest, images, cuts };
}
