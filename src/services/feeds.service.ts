import { capIdentifier, capMsgType, renderCapAlert, type CapIndexEntry } from '../feeds/cap.ts';
import { publicChangesOf } from '../feeds/cap-history.ts';
import { signCapAlert } from '../feeds/cap-signature.ts';
import { entryTitle } from '../feeds/common.ts';
import { loadAllCorridorAggregates } from '../store/corridors.repository.ts';
import { findOrgKey } from '../store/keys.repository.ts';
import { listOrgIdsOfKind, listOrgTimeZones } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { factsOf, isPubliclyListed, presentPublicCorridor } from './corridor.presenter.ts';
import { ensureOrgKey } from './keys.service.ts';

/** What the CAP feed is computed from: the public corridors with their public changes, signed by the mediator. */

export interface CapAlertDoc extends CapIndexEntry {
  corridorId: string;
  xml: string;
}

/** The mediator organisation (the first by id) and its signing key, made on first need. */
export async function mediatorSigningKey(ctx: ServiceContext): Promise<{ orgId: string; publicKey: string; privateKey: Buffer } | null> {
  const [orgId] = [...(await listOrgIdsOfKind(ctx.db, 'mediator'))].sort();
  if (!orgId) return null;
  try {
    return { orgId, ...(await ensureOrgKey(ctx.db, ctx, orgId, ctx.now().toISOString())) };
  } catch (error) {
    // Two first requests at once: the other one stored the key; read it.
    if (!(await findOrgKey(ctx.db, orgId))) throw error;
    return { orgId, ...(await ensureOrgKey(ctx.db, ctx, orgId, ctx.now().toISOString())) };
  }
}

export async function listCapAlerts(ctx: ServiceContext): Promise<{ alerts: CapAlertDoc[]; generatedAt: string }> {
  const now = ctx.now();
  const zones = await listOrgTimeZones(ctx.db);
  const key = await mediatorSigningKey(ctx);
  const alerts: CapAlertDoc[] = [];
  for (const aggregate of (await loadAllCorridorAggregates(ctx.db)).filter((a) => isPubliclyListed(a, now))) {
    const view = presentPublicCorridor(aggregate, zones, now);
    const approvedAt = aggregate.decisions.reduce((max, d) => (d.signed_at > max ? d.signed_at : max), '');
    const changes = publicChangesOf({ corridorId: view.id, version: aggregate.current.version, facts: factsOf(aggregate), approvedAt, now });
    changes.forEach((change, i) => {
      const xml = renderCapAlert({ view, change, earlier: changes.slice(0, i), publicUrl: ctx.config.publicUrl });
      alerts.push({
        corridorId: view.id,
        identifier: capIdentifier(change),
        sent: change.at,
        msgType: capMsgType(change),
        title: entryTitle(view, 'en', change.notice),
        xml: key ? signCapAlert(xml, key.privateKey) : xml,
      });
    });
  }
  alerts.sort((a, b) => b.sent.localeCompare(a.sent) || a.identifier.localeCompare(b.identifier));
  return { alerts, generatedAt: now.toISOString() };
}
