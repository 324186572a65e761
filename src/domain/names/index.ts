/**
 * Name matching across scripts and transliterations (docs/design.md §People, issue 5): pure functions, no
 * I/O. The pipeline, one file each:
 *
 *   documents.ts          ICAO 9303 machine-readable-zone names (SHEVCHENKO<<OLEKSANDR)
 *   keyboard.ts           text typed on the wrong layout (.hsq Pfqxtyrj); neighbouring keys
 *   normalise.ts          NFKC, case, apostrophes, separators, hyphens of compound surnames
 *   script.ts             Cyrillic / Latin / mixed; look-alike letters read as the name's script
 *   cyrillic.ts           Ukrainian and Russian letters → phonemes
 *   latin-conventions.ts  KMU 2010, BGN/PCGN, ICAO, ISO 9, German, Polish, Czech, French → phonemes
 *   inflections.ts        Czech/Slovak -ová, Lithuanian and Latvian endings read back
 *   phonetic.ts           phonemes → one canonical phonetic form
 *   given-names.ts        Ukrainian/Russian given-name pairs; given-name-index.ts looks words up
 *   diminutives.ts        familiar forms (Саша, Вова, Коля) of the given names
 *   morphology.ts         patronymics, surname sex and suffix families
 *   edit-distance.ts      weighted Damerau–Levenshtein on phonetic forms
 *   prepare.ts            a name analysed once (PreparedName); patronymic-reading.ts finds its patronymic
 *   word-similarity.ts    similarity of two name words, and the rules that keep names apart
 *   score.ts              name score (words paired in any order), DEFAULT_MATCH_THRESHOLD
 *   parse.ts              given / family / patronymic
 *   blocking.ts           index keys for search at scale
 *   core.ts               core names: how the registry's index narrows a search
 *   duplicate-pass.ts     every duplicate pair in a registry
 *   birth-date.ts, duplicate.ts   birth-date agreement and the duplicate score
 */
export { normaliseName } from './normalise.ts';
export { detectScript, cyrillicLanguage, type Script, type CyrillicLanguage } from './script.ts';
export { parseName, type ParsedName } from './parse.ts';
export { nameCore, prepareName, prepareNameCached, prepareRegisteredName, type PreparedName, type PreparedWord } from './prepare.ts';
export { DEFAULT_MATCH_THRESHOLD, isSameName, nameScore, scorePrepared, scoreWords, withPatronymics } from './score.ts';
export { wordSimilarity } from './word-similarity.ts';
export { blockingKeys, blockingKeysPrepared, MAX_BLOCKING_KEYS } from './blocking.ts';
export { BIRTH_DATE_AGREEMENT, birthDateAgreement, parsePartialDate, type PartialDate } from './birth-date.ts';
export {
  DEFAULT_DUPLICATE_THRESHOLD,
  duplicateScore,
  duplicateScoreFromWords,
  duplicateScorePrepared,
  foldBirthDate,
  highestScoreFrom,
  type PersonIdentity,
  type PreparedIdentity,
} from './duplicate.ts';
export type { Sex } from './given-names.ts';
export { birthYearOf, birthYearsDecide, compatibleBirthYears, coreMayMatch, coreNameKeys } from './core.ts';
export { findDuplicates, type PassPerson, type PassStats } from './duplicate-pass.ts';
