import type { TFunction } from 'i18next';
import type { ActorName } from '../api.ts';

/**
 * Who acted, as a screen says it: the name where the server sent one (the viewer may see it),
 * else their role at their organisation, else "someone". Never the raw user id.
 */
export function whoLabel(t: TFunction, who: ActorName | null | undefined, orgName: (orgId: string) => string): string {
  if (!who) return t('signing.someone');
  return who.name ?? t('corridors.approvals.roleAt', { role: t(`role.${who.role}`, { defaultValue: who.role }), org: orgName(who.orgId) });
}
