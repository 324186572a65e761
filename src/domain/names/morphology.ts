import { phoneticDistance } from './edit-distance.ts';
import type { Sex } from './given-names.ts';

/**
 * What the endings of a phonetic form say: a patronymic and the father's name in it, the sex a
 * surname form belongs to, and the suffix family of a surname.
 *
 * All checks read canonical phonetic forms (phonetic.ts), so one rule covers every spelling:
 * -ович, -ovych, -ovich, -owitsch, -owicz, -ovič and -ovitch all end in "oviC".
 */

export interface Patronymic {
  /** The father's name as the patronymic keeps it: serg (Сергійович, Сергеевич), mikolai, oleg. */
  readonly stem: string;
  readonly sex: Sex;
}

/**
 * Patronymic endings in phonetic form. Ukrainian -ович/-евич/-йович (the glide is gone by now),
 * -івна/-ївна; Russian -ович/-евич, -овна/-евна, -ична. The short -ич (Ильич, Кузьмич) is left
 * out: it is also a common surname ending (Кузьмич, Бабич).
 */
const PATRONYMIC_ENDINGS: ReadonlyArray<readonly [string, Sex]> = [
  ['oviC', 'm'],
  ['eviC', 'm'],
  ['ovna', 'f'],
  ['evna', 'f'],
  ['ivna', 'f'],
  ['iCna', 'f'],
];

/**
 * Reads a phonetic form as a patronymic, or returns undefined.
 *
 * @example readPatronymic('sergoviC') // { stem: 'serg', sex: 'm' }   (Сергійович)
 * @example readPatronymic('olegivna') // { stem: 'oleg', sex: 'f' }   (Олегівна)
 */
export function readPatronymic(form: string): Patronymic | undefined {
  for (const [ending, sex] of PATRONYMIC_ENDINGS) {
    if (form.length >= ending.length + 2 && form.endsWith(ending)) {
      return { stem: form.slice(0, -ending.length), sex };
    }
  }
  return undefined;
}

/**
 * Reads a form whose ending is one typo away from a patronymic ending (Denysoych, Сергіївн) as a
 * patronymic. Only for names that have no exact patronymic, and never for a form with a surname
 * ending (Денисова is a surname before it is a mistyped Денисовна).
 */
export function readMistypedPatronymic(form: string): Patronymic | undefined {
  if (form.length < 7 || surnameSex(form) !== undefined) return undefined;
  let best: Patronymic | undefined;
  let bestDistance = 1;
  for (const [ending, sex] of PATRONYMIC_ENDINGS) {
    for (const cut of [ending.length - 1, ending.length, ending.length + 1]) {
      const distance = phoneticDistance(form.slice(-cut), ending);
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = { stem: form.slice(0, -cut), sex };
      }
    }
  }
  return best;
}

/** Endings a Ukrainian or Russian father's name drops before the patronymic suffix. */
export const FATHER_NAME_ENDINGS = ['', 'i', 'o', 'a', 'ei', 'ia'] as const;

/**
 * Surname endings that inflect for sex, as [masculine, feminine]: Іванов/Іванова,
 * Зінченко stays Зінченко (-enko, -uk, -ko have one form). Russian -ая has already become -а.
 */
const SURNAME_SEX_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['ov', 'ova'],
  ['ev', 'eva'],
  ['in', 'ina'],
  ['ski', 'ska'],
  ['cki', 'cka'],
  ['skoi', 'ska'],
];

/**
 * The sex a surname form belongs to, when its ending has a masculine/feminine pair; undefined for
 * surnames with one form for both (Коваленко, Шевчук, Бойко).
 *
 * @example surnameSex('ivanova') // 'f'
 * @example surnameSex('kovalenko') // undefined
 */
export function surnameSex(form: string): Sex | undefined {
  for (const [, feminine] of SURNAME_SEX_ENDINGS) {
    if (form.length > feminine.length + 1 && form.endsWith(feminine)) return 'f';
  }
  for (const [masculine] of SURNAME_SEX_ENDINGS) {
    if (form.length > masculine.length + 1 && form.endsWith(masculine)) return 'm';
  }
  return undefined;
}

/**
 * True when one form is the other plus a final "a" after a consonant: the feminine of a name the
 * table does not know (Oleksandr/Oleksandra, Ivanov/Ivanova). A different person, not a typo.
 */
export function differsByFeminineEnding(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || !long.endsWith('a') || !long.startsWith(short)) return false;
  const last = short[short.length - 1];
  return last !== undefined && !'aeiou'.includes(last);
}

/**
 * Suffix families of Ukrainian and Russian surnames. Two surnames on one stem with different
 * suffixes are different families (Кравченко, Кравчук, Кравець; Іваненко, Іванов), which a plain
 * edit distance would call near for short stems.
 */
export type SurnameSuffix = 'enko' | 'uk' | 'ov' | 'in' | 'ski' | 'ik' | 'ak' | 'ec' | 'iC';

/**
 * Endings of each family in phonetic form, longest first. Besides the endings themselves, the
 * ones a single typo leaves (Шевченко typed Шевчнеко or Шевчеко, Іванов typed Іванво) still show
 * the family, so a typo does not hide that Petrenko typed "Petreko" is not Petruk.
 */
const SURNAME_SUFFIXES: ReadonlyArray<readonly [string, SurnameSuffix]> = [
  ['enko', 'enko'],
  ['neko', 'enko'],
  ['ekno', 'enko'],
  ['enok', 'enko'],
  ['nko', 'enko'],
  ['eko', 'enko'],
  ['Cuk', 'uk'],
  ['Cku', 'uk'],
  ['uk', 'uk'],
  ['ova', 'ov'],
  ['eva', 'ov'],
  ['oav', 'ov'],
  ['voa', 'ov'],
  ['ov', 'ov'],
  ['ev', 'ov'],
  ['vo', 'ov'],
  ['oa', 'ov'],
  ['ina', 'in'],
  ['in', 'in'],
  ['ski', 'ski'],
  ['ska', 'ski'],
  ['cki', 'ski'],
  ['cka', 'ski'],
  ['ik', 'ik'],
  ['ak', 'ak'],
  ['ec', 'ec'],
  ['iC', 'iC'],
];

export interface SurnameEnding {
  readonly family: SurnameSuffix;
  /** How many letters of the form the ending covers. */
  readonly length: number;
}

/**
 * The suffix family of a surname form and the length of the ending that shows it, or undefined
 * when its ending is not a known one.
 *
 * @example surnameEnding('SevCenko') // { family: 'enko', length: 4 }
 */
export function surnameEnding(form: string): SurnameEnding | undefined {
  for (const [ending, family] of SURNAME_SUFFIXES) {
    if (form.length >= ending.length + 2 && form.endsWith(ending)) return { family, length: ending.length };
  }
  return undefined;
}
