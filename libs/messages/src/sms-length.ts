import { SmsLength } from '@fieldbook/contracts';

/** The GSM 03.38 default alphabet (escape excluded): one septet each. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The GSM 03.38 extension table: an escape plus the character, two septets each. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/** Septets per character, or null when a character is outside GSM-7. */
function gsmSizes(text: string): number[] | null {
  const sizes: number[] = [];
  for (const character of text) {
    if (GSM_BASIC.has(character)) sizes.push(1);
    else if (GSM_EXTENSION.has(character)) sizes.push(2);
    else return null;
  }
  return sizes;
}

/**
 * Segments needed for characters of the given sizes. A multi-part message carries a header that
 * leaves `part` units per segment, and an escape pair or a surrogate pair is never split between
 * two segments, so a part may end one unit short.
 */
function segmentCount(sizes: readonly number[], single: number, part: number): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/**
 * How an SMS text travels: GSM-7 when every character is in the GSM alphabet (extension-table
 * characters count twice), else UCS-2 counted in UTF-16 code units (an emoji counts twice).
 * An empty text needs no segment.
 */
export function smsLength(text: string): SmsLength {
  const gsm = gsmSizes(text);
  if (gsm) {
    return {
      encoding: 'GSM-7',
      characters: gsm.reduce((sum, size) => sum + size, 0),
      segments: segmentCount(gsm, GSM_SINGLE, GSM_PART),
    };
  }
  const units = Array.from(text, (character) => character.length);
  return { encoding: 'UCS-2', characters: text.length, segments: segmentCount(units, UCS2_SINGLE, UCS2_PART) };
}
