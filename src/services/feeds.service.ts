import { capIdentifier, capMsgType, renderCapAlert, type CapIndexEntry } from '../feeds/cap.ts';
import { publicChangesOf } from '../feeds/cap-history.ts';
import { signCapAlert } from '../feeds/cap-signature.ts';
import { entryTitle } from '../feeds/common.ts';
import { findOrgKey } from '../store/keys.repository.ts';
import { listOrgIdsOfKind } from '../store/orgs.repository.ts';
import type { ServiceContext } from './context.ts';
import { factsOf } from '../domain/corridor-facts.ts';
import { ensureOrgKey } from './keys.service.ts';
import type { PublicState } from './public.service.ts';

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

type SigningKey = { publicKey: string; privateKey: Buffer };

/**
 * Signs the CAP alerts of one snapshot after another. Each call starts a snapshot's signing and
 * returns its signer, which reuses the signature of an alert the previous snapshot signed with the
 * same key: an alert is signed once, when its change first appears, not on every rebuild.
 */
export function createCapSigner(): (key: SigningKey | null) => (xml: string) => string {
  let lastKey = '';
  let last = new Map<string, string>();
  return (key) => {
    const previous = key && key.publicKey === lastKey ? last : new Map<string, string>();
    const next = new Map<string, string>();
    lastKey = key?.publicKey ?? '';
    last = next;
    return (xml) => {
      if (!key) return xml;
      const signed = previous.get(xml) ?? next.get(xml) ?? signCapAlert(xml, key.privateKey);
      next.set(xml, signed);
      return signed;
    };
  };
}

/** One CAP alert per public change of each public corridor, newest first, each signed. */
export function capAlertsOf(
  state: Pick<PublicState, 'listed' | 'items'>,
  now: Date,
  publicUrl: string,
  sign: (xml: string) => string,
): CapAlertDoc[] {
  const alerts: CapAlertDoc[] = [];
  state.listed.forEach((aggregate, index) => {
    const view = state.items[index]!;
    const approvedAt = aggregate.decisions.reduce((max, d) => (d.signed_at > max ? d.signed_at : max), '');
    const changes = publicChangesOf({ corridorId: view.id, version: aggregate.current.version, facts: factsOf(aggregate), approvedAt, now });
    changes.forEach((change, i) => {
      const xml = renderCapAlert({ view, change, earlier: changes.slice(0, i), publicUrl });
      alerts.push({
        corridorId: view.id,
        identifier: capIdentifier(change),
        sent: change.at,
        msgType: capMsgType(change),
        title: entryTitle(view, 'en', change.notice),
        xml: sign(xml),
      });
    });
  });
  alerts.sort((a, b) => b.sent.localeCompare(a.sent) || a.identifier.localeCompare(b.identifier));
  return alerts;
}
