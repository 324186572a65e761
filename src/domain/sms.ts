/**
 * How many SMS parts a text costs (3GPP TS 23.038 / 23.040). A phone network bills and delivers
 * by part, and cheap phones show a long message out of order or not at all, so the public texts
 * aim at two parts at most. Written out here because the rule is short and exact; libraries
 * that guess from `length` get Cyrillic and emoji wrong.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCount {
  text: string;
  encoding: SmsEncoding;
  segments: number;
}

/** The GSM 03.38 default alphabet (one septet each); the escape code itself is left out. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each costs an escape septet and its own, two in all. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** Units each character costs, or null when it is not in the GSM-7 alphabet. */
function gsmUnits(text: string): number[] | null {
  const units: number[] = [];
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) units.push(1);
    else if (GSM_EXTENSION.has(ch)) units.push(2);
    else return null;
  }
  return units;
}

/** UTF-16 code units per character: 2 for a character outside the BMP (an emoji). */
function ucs2Units(text: string): number[] {
  return Array.from(text, (ch) => ch.length);
}

/**
 * Parts needed when characters (each `units` long) may not be split across parts: an escape
 * pair or a surrogate pair that does not fit opens the next part.
 */
function partsFor(units: readonly number[], part: number): number {
  let parts = 1;
  let used = 0;
  for (const u of units) {
    if (used + u > part) {
      parts += 1;
      used = 0;
    }
    used += u;
  }
  return parts;
}

export function countSms(text: string): SmsCount {
  const gsm = gsmUnits(text);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const units = gsm ?? ucs2Units(text);
  const total = units.reduce((a, b) => a + b, 0);
  const limit = LIMITS[encoding];
  const segments = total === 0 ? 1 : total <= limit.single ? 1 : partsFor(units, limit.part);
  return { text, encoding, segments };
}

/** Characters (septets or UTF-16 units) a single-part message of this text's encoding may hold. */
export function smsLimits(encoding: SmsEncoding): { single: number; part: number } {
  return LIMITS[encoding];
}
