import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { ringSelfIntersects } from '../domain/route-area.ts';
import { CAP_NAMESPACE } from './cap.ts';

/**
 * What CAP consumers (Google Public Alerts, national aggregators) demand beyond the XML schema:
 * the rules the CAP 1.2 text states in prose and the schema cannot check. Pure: alert text in,
 * each problem as a sentence out; an empty list means the alert is fit to publish.
 */

const FORBIDDEN_IN_ID = /[\s,<&]/;
const CAP_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const MSG_TYPES = new Set(['Alert', 'Update', 'Cancel', 'Ack', 'Error']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['info', 'area', 'polygon', 'circle', 'category', 'responseType'].includes(name),
});

interface CapArea {
  areaDesc?: string;
  polygon?: string[];
  circle?: string[];
}
interface CapInfo {
  language?: string;
  headline?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  effective?: string;
  expires?: string;
  area?: CapArea[];
}
interface CapAlert {
  identifier?: string;
  sender?: string;
  sent?: string;
  status?: string;
  msgType?: string;
  scope?: string;
  references?: string;
  info?: CapInfo[];
}

function polygonProblems(text: string, where: string): string[] {
  const pairs = text.trim().split(/\s+/).map((p) => p.split(',').map(Number));
  const problems: string[] = [];
  if (pairs.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return [`${where}: polygon points must be "lat,lon" pairs separated by spaces`];
  if (pairs.some(([lat, lon]) => Math.abs(lat!) > 90 || Math.abs(lon!) > 180)) problems.push(`${where}: polygon point out of range (latitude first)`);
  if (pairs.length < 4) problems.push(`${where}: a polygon needs at least 4 points`);
  const first = pairs[0]!;
  const last = pairs[pairs.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where}: polygon ring is not closed (first point must equal last)`);
  else if (pairs.length >= 4 && ringSelfIntersects(pairs.map(([lat, lon]) => [lon!, lat!]))) problems.push(`${where}: polygon crosses itself`);
  return problems;
}

function circleProblems(text: string, where: string): string[] {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return [`${where}: circle must be "lat,lon radius_km"`];
  return Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180 ? [`${where}: circle centre out of range`] : [];
}

function infoProblems(info: CapInfo, i: number, sent: string | undefined): string[] {
  const where = `info ${i + 1}`;
  const problems: string[] = [];
  if (!info.language) problems.push(`${where}: language is missing`);
  if (!info.headline) problems.push(`${where}: headline is missing`);
  else if ([...info.headline].length >= 140) problems.push(`${where}: headline is 140 characters or more`);
  for (const field of ['instruction', 'web', 'contact', 'expires'] as const) if (!info[field]) problems.push(`${where}: ${field} is missing`);
  if (info.web && !/^https?:\/\//.test(info.web)) problems.push(`${where}: web is not an absolute http(s) URL`);
  for (const field of ['effective', 'expires'] as const) {
    const value = info[field];
    if (value !== undefined && !CAP_TIME.test(value)) problems.push(`${where}: ${field} is not a CAP time (YYYY-MM-DDThh:mm:ss+hh:mm)`);
  }
  if (info.expires && sent && CAP_TIME.test(info.expires) && CAP_TIME.test(sent) && new Date(info.expires) <= new Date(sent)) problems.push(`${where}: expires is not after sent`);
  if (!info.area || info.area.length === 0) problems.push(`${where}: no area`);
  (info.area ?? []).forEach((area, j) => {
    const at = `${where} area ${j + 1}`;
    if (!area.areaDesc) problems.push(`${at}: areaDesc is missing`);
    else if ([...area.areaDesc].length >= 50) problems.push(`${at}: areaDesc is 50 characters or more`);
    for (const p of area.polygon ?? []) problems.push(...polygonProblems(p, at));
    for (const c of area.circle ?? []) problems.push(...circleProblems(c, at));
  });
  return problems;
}

export function capConsumerProblems(xml: string): string[] {
  let alert: CapAlert | undefined;
  try {
    alert = (parser.parse(xml) as { alert?: CapAlert }).alert;
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`];
  }
  if (!alert || typeof alert !== 'object') return ['the document is not a CAP alert'];
  const problems: string[] = [];
  const root = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'application/xml').documentElement;
  if (root?.localName !== 'alert' || root.namespaceURI !== CAP_NAMESPACE) problems.push('alert is not in the CAP 1.2 namespace');
  for (const field of ['identifier', 'sender'] as const) {
    const value = alert[field];
    if (!value) problems.push(`${field} is missing`);
    else if (FORBIDDEN_IN_ID.test(value)) problems.push(`${field} holds a space, comma, < or &`);
  }
  if (!alert.sent || !CAP_TIME.test(alert.sent)) problems.push('sent is not a CAP time (YYYY-MM-DDThh:mm:ss+hh:mm)');
  if (alert.status !== 'Actual') problems.push('status is not Actual');
  if (alert.scope !== 'Public') problems.push('scope is not Public');
  if (!alert.msgType || !MSG_TYPES.has(alert.msgType)) problems.push('msgType is not a CAP message type');
  if ((alert.msgType === 'Update' || alert.msgType === 'Cancel') && !alert.references) problems.push(`${alert.msgType} without references`);
  if (alert.references) {
    for (const triplet of alert.references.trim().split(/\s+/)) {
      const parts = triplet.split(',');
      if (parts.length !== 3 || !parts[0] || !parts[1] || !CAP_TIME.test(parts[2] ?? '')) problems.push(`reference "${triplet}" is not sender,identifier,sent`);
    }
  }
  const infos = alert.info ?? [];
  if (infos.length === 0) problems.push('no info block');
  infos.forEach((info, i) => problems.push(...infoProblems(info, i, alert.sent)));
  return problems;
}
