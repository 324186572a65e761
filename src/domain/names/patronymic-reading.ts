import { resolveGivenName } from './given-name-index.ts';
import { FATHER_NAME_ENDINGS, readMistypedPatronymic, readPatronymic } from './morphology.ts';
import type { PreparedPatronymic, PreparedWord } from './prepare.ts';

/** Which word of a name is its patronymic, and what it says of the father's name. */

function fatherGroupsOf(stems: readonly string[]): number[] {
  const groups = new Set<number>();
  for (const stem of stems) {
    for (const ending of FATHER_NAME_ENDINGS) {
      const match = resolveGivenName([stem + ending]);
      if (match?.exact && match.sex === 'm') for (const id of match.groups) groups.add(id);
    }
  }
  return [...groups];
}

export const NO_PATRONYMIC = { index: -1, patronymic: undefined } as const;

/**
 * The word of a name that is its patronymic, if one is. Words joined by a hyphen are parts of a
 * compound surname (Гнаткевич-Бондаренко), however they end. Among the words that end like a
 * patronymic (surnames end in -евич too: Гнаткевич, Шухевич), the one naming a known father's name
 * wins, then one of the given name's sex, then the last; a word of the other sex than the given
 * name that names no known father is a surname. An exact ending is looked for before a mistyped one.
 */
export function findPatronymic(words: readonly PreparedWord[], compound: readonly boolean[]): { index: number; patronymic: PreparedPatronymic | undefined } {
  const givenSexes = new Set(words.filter((w) => w.given?.exact === true && w.given.sex !== undefined).map((w) => w.given?.sex));
  const givenSex = givenSexes.size === 1 ? [...givenSexes][0] : undefined;
  for (const read of [readPatronymic, readMistypedPatronymic]) {
    let best: { index: number; patronymic: PreparedPatronymic; rank: number } | undefined;
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i];
      if (word === undefined || word.given?.exact === true || compound[i] === true) continue;
      const patronymic = readAsPatronymic(word, read);
      if (patronymic === undefined) continue;
      const knownFather = patronymic.fatherGroups.length > 0;
      const sexAgrees = givenSex === undefined || givenSex === patronymic.sex;
      if (!knownFather && !sexAgrees) continue;
      const rank = (knownFather ? 2 : 0) + (sexAgrees ? 1 : 0);
      if (best === undefined || rank > best.rank) best = { index: i, patronymic, rank };
    }
    if (best !== undefined) return best;
  }
  return NO_PATRONYMIC;
}

/** A word read as a patronymic by one reading (exact or mistyped), or undefined. */
export function readAsPatronymic(word: PreparedWord, read: typeof readPatronymic): PreparedPatronymic | undefined {
  const readings = word.forms.map(read).filter((p) => p !== undefined);
  const first = readings[0];
  if (first === undefined) return undefined;
  const stems = [...new Set(readings.map((r) => r.stem))];
  return { text: word.text, stems, sex: first.sex, fatherGroups: fatherGroupsOf(stems) };
}
