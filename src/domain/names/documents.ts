/**
 * Names as documents print them, brought to plain text before normalisation.
 *
 * ICAO Doc 9303 (machine-readable travel documents), part 3 §4.6: the name field of the machine-
 * readable zone is the primary identifier (family name), two fillers `<<`, then the secondary
 * identifier (given names), each space inside either written as one `<`, the rest of the field
 * padded with `<`; only A–Z. In a passport's first line the name follows the document code
 * (P plus one letter or `<`) and the issuing state (three letters): `P<UKRSHEVCHENKO<<OLEKSANDR<<<`.
 * The transliteration is the issuing state's (KMU 2010 in Ukrainian passports, ICAO's own table
 * in Russian ones), which the Latin decoders read like any other.
 */

/** A name read from a machine-readable zone, in document order. */
export interface MrzName {
  family: string;
  given: string;
}

const MRZ_NAME = /^[A-Z<]+$/;
/**
 * The head of a first line: "P<" and any state, or a passport type letter and a state whose
 * travellers the registry meets (a family name can start "PP" or "PA" but not with a state code).
 */
const FIRST_LINE_HEAD = /^P(<[A-Z<]{3}|[A-Z](UKR|RUS|BLR|MDA|POL|ROU|SVK|CZE|HUN|LTU|LVA|EST|DEU|D<<))/;

/**
 * The family and given names of an MRZ name field (or of a passport's first line), or undefined
 * when the text is not one: MRZ text is upper-case A–Z and `<` only, with `<<` between the names.
 *
 * @example parseMrzName('SHEVCHENKO<<OLEKSANDR') // { family: 'SHEVCHENKO', given: 'OLEKSANDR' }
 * @example parseMrzName('P<UKRHNATKEVYCH<BONDARENKO<<HALYNA<<<<') // { family: 'HNATKEVYCH BONDARENKO', given: 'HALYNA' }
 */
export function parseMrzName(text: string): MrzName | undefined {
  const compact = text.trim();
  if (!MRZ_NAME.test(compact) || !compact.includes('<<')) return undefined;
  let field = compact;
  // A first line: its head is the document code and the issuing state, not part of the name.
  if (FIRST_LINE_HEAD.test(field) && field.indexOf('<<') > 5) field = field.slice(5);
  const at = field.indexOf('<<');
  const family = field.slice(0, at).split('<').filter((w) => w.length > 0).join(' ');
  const given = field.slice(at + 2).split('<').filter((w) => w.length > 0).join(' ');
  if (family.length === 0) return undefined;
  return { family, given };
}

/**
 * A full name as text the rest of the pipeline reads: an MRZ name becomes "FAMILY GIVEN" (the
 * capitals keep the family-first order recognisable, parse.ts); anything else is returned as is.
 */
export function documentNameText(text: string): string {
  const mrz = parseMrzName(text);
  if (mrz === undefined) return text;
  return mrz.given.length > 0 ? `${mrz.family} ${mrz.given}` : mrz.family;
}
