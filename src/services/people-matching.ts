import {
  blockingKeysPrepared,
  compatibleBirthYears,
  coreMayMatch,
  duplicateScoreFromWords,
  prepareNameCached,
  prepareRegisteredName,
  scoreWords,
  type PreparedIdentity,
} from '../domain/names/index.ts';
import { isFamilyNameQuery, preparedFamilyName, searchKeys } from '../domain/registry-search.ts';
import { findCoreNames, findPeopleByCoreNames, type CandidateRow } from '../store/people-registry.repository.ts';
import type { ServiceContext } from './context.ts';

/** How many core names one search may score: far more than any block holds. */
const MAX_CORE_NAMES = 5000;
/** How many people one search may score: all the namesakes of a very common name, and more. */
const MAX_CANDIDATES = 5000;

export interface Scored {
  row: CandidateRow;
  score: number;
}

/**
 * Candidates scored with name and birth date, best first: core names through the blocking keys of
 * the query (and of its readings without or with diacritics, registry-search.ts), each scored once
 * on its words; then the people of the core names that could match, each scored in full from its
 * core name's words score (src/domain/names/core.ts). A one-word query is a family name: it is
 * scored against each person's family name alone. Merged records are never candidates: the record
 * they were merged into answers for them.
 */
export async function matchesFor(
  ctx: ServiceContext,
  wanted: PreparedIdentity,
  options: { orgId?: string | undefined; threshold: number; queryText?: string | undefined },
): Promise<Scored[]> {
  const keys = [...new Set([...blockingKeysPrepared(wanted.name), ...(options.queryText === undefined ? [] : searchKeys(options.queryText))])];
  const familyOnly = isFamilyNameQuery(wanted.name);
  const wordsScores = new Map<string, number>();
  for (const core of await findCoreNames(ctx.db, keys, MAX_CORE_NAMES)) {
    if (familyOnly) {
      wordsScores.set(core, Number.NaN);
      continue;
    }
    const wordsScore = scoreWords(wanted.name, prepareNameCached(core));
    if (coreMayMatch(wordsScore, options.threshold, wanted)) wordsScores.set(core, wordsScore);
  }
  const candidates = await findPeopleByCoreNames(ctx.db, [...wordsScores.keys()], {
    orgId: options.orgId,
    birthYears: compatibleBirthYears(wanted.birthDate, options.threshold),
    limit: MAX_CANDIDATES,
  });
  return candidates
    .map((row) => {
      const name = familyOnly ? preparedFamilyName(row.family_name) : candidateName(row, wanted);
      const person = { name, birthDate: row.birth_date };
      const known = wordsScores.get(row.name_core);
      const wordsScore = known === undefined || Number.isNaN(known) ? scoreWords(wanted.name, name) : known;
      return { row, score: duplicateScoreFromWords(wordsScore, wanted, person) };
    })
    .filter((m) => m.score >= options.threshold)
    // Equal scores: the earlier registration first, so a list never reorders itself.
    .sort((a, b) => b.score - a.score || a.row.created_at.localeCompare(b.row.created_at) || a.row.id.localeCompare(b.row.id));
}

/**
 * A candidate's name as far as its score needs it. A patronymic counts only when both names have
 * one (withPatronymics), so for a query without one the core name, already prepared for its words,
 * scores the same as the whole name: most candidates are namesakes, each prepared again otherwise.
 */
function candidateName(row: CandidateRow, wanted: PreparedIdentity): PreparedIdentity['name'] {
  if (wanted.name.patronymic === undefined) return prepareNameCached(row.name_core);
  return prepareRegisteredName({ givenName: row.given_name, patronymic: row.patronymic, familyName: row.family_name });
}
