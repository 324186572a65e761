import type { Migration, MigrationProvider } from 'kysely';
import { foundation } from './0001-foundation.ts';
import { corridors } from './0002-corridors.ts';
import { movements } from './0003-movements.ts';
import { people } from './0004-people.ts';
import { peopleRegistry } from './0005-people-registry.ts';
import { nameCores } from './0006-name-cores.ts';
import { announcements } from './0007-announcements.ts';
import { fieldRegistry } from './0009-field-registry.ts';
import { passengerCorrections } from './0010-passenger-corrections.ts';
import { partyKeys } from './0012-party-keys.ts';
import { personCorrections } from './0011-person-corrections.ts';
import { rateWindows } from './0013-rate-windows.ts';
import { webhooks } from './0016-webhooks.ts';
import { transparencyLog } from './0018-transparency-log.ts';
import { incidentStatements } from './0019-incident-statements.ts';
import { flagReasons } from './0020-flag-reasons.ts';
import { rawDecisionKeys } from './0021-raw-decision-keys.ts';
import { auditHashUnindexed } from './0022-audit-hash-unindexed.ts';

/** Every migration, in order. Names sort in the order they must run; never rename one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-corridors': corridors,
  '0003-movements': movements,
  '0004-people': people,
  '0005-people-registry': peopleRegistry,
  '0006-name-cores': nameCores,
  '0007-announcements': announcements,
  '0009-field-registry': fieldRegistry,
  '0010-passenger-corrections': passengerCorrections,
  '0012-party-keys': partyKeys,
  '0011-person-corrections': personCorrections,
  '0013-rate-windows': rateWindows,
  '0016-webhooks': webhooks,
  '0018-transparency-log': transparencyLog,
  '0019-incident-statements': incidentStatements,
  '0020-flag-reasons': flagReasons,
  '0021-raw-decision-keys': rawDecisionKeys,
  '0022-audit-hash-unindexed': auditHashUnindexed,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
