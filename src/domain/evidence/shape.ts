import type { EvidenceBundle } from './format.ts';
import type { Findings } from './report.ts';

/**
 * The bundle's shape, checked strictly before anything else: every object has exactly its
 * fields, of their types. A renamed or extra field is a failure (a verifier must not skip what
 * it does not know), and later checks may then read the fields without guarding each one.
 */
type Check = (value: unknown, path: string, problems: string[]) => void;

const is = (test: (v: unknown) => boolean, what: string): Check => (value, path, problems) => {
  if (!test(value)) problems.push(`${path} must be ${what}`);
};
const str = is((v) => typeof v === 'string', 'a string');
const num = is((v) => typeof v === 'number' && Number.isFinite(v), 'a number');
const int = is((v) => Number.isSafeInteger(v), 'a whole number');
const bool = is((v) => typeof v === 'boolean', 'true or false');
const any: Check = () => undefined;
const orNull = (check: Check): Check => (value, path, problems) => {
  if (value !== null) check(value, path, problems);
};
const literal = (...values: string[]): Check => is((v) => typeof v === 'string' && values.includes(v), `one of ${values.join(', ')}`);

const arr = (item: Check): Check => (value, path, problems) => {
  if (!Array.isArray(value)) return void problems.push(`${path} must be a list`);
  value.forEach((v, i) => item(v, `${path}[${i}]`, problems));
};

const obj = (fields: Record<string, Check>): Check => (value, path, problems) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path} must be an object`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!(key in fields)) problems.push(`${path}.${key} is not a field of this format`);
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in record)) problems.push(`${path}.${key} is missing`);
    else check(record[key], `${path}.${key}`, problems);
  }
};

const signature = { signedAt: str, statement: str, signature: str, keyId: str, publicKey: str };
const checkpoint = { note: str, cosignerKeys: arr(str) };

const entry: Check = (value, path, problems) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'redacted') return obj({ kind: str, seq: int, hash: str, proof: arr(str) })(value, path, problems);
  obj({ kind: literal('event'), seq: int, at: str, actorUserId: orNull(str), actorOrgId: orNull(str), action: str, subjectType: str, subjectId: str, payloadHash: str, prevHash: str, hash: str, proof: arr(str) })(
    value,
    path,
    problems,
  );
};

const bundle = obj({
  format: str,
  corridorId: str,
  asOf: str,
  orgs: arr(obj({ id: str, name: str, kind: str, timeZone: str })),
  versions: arr(obj({ version: int, content: any, versionHash: str, contentHash: str, createdAt: str, createdBy: str, proposedAt: orNull(str) })),
  decisions: arr(obj({ ...signature, version: int, partyId: str, userId: str, decision: literal('approve', 'reject') })),
  keys: arr(
    obj({
      id: str, orgId: str, algorithm: str, publicKey: str, fingerprint: str, status: str, serverHeld: bool,
      enrolledBy: orNull(str), enrolledAt: str, approvedBy: orNull(str), approvedAt: orNull(str), revokedBy: orNull(str), revokedAt: orNull(str), revokeReason: orNull(str),
    }),
  ),
  controls: arr(obj({ type: literal('suspend', 'resume', 'close'), reason: str, incidentId: orNull(str), at: str, byUser: str })),
  timeline: arr(any),
  movements: arr(
    obj({
      notice: obj({
        id: str, kind: str, agencyId: str, corridorId: orNull(str), route: any, departAt: str, arriveBy: str, vehicles: any,
        personnel: int, passengers: orNull(int), cargo: any, urgent: bool, justification: orNull(str),
      }),
      contentHash: str,
      warnings: arr(str),
      createdAt: str,
      startedAt: orNull(str),
      completedAt: orNull(str),
      abortedAt: orNull(str),
      answers: arr(obj({ ...signature, partyId: str, userId: str, decision: literal('acknowledge', 'deny'), at: str })),
    }),
  ),
  incidents: arr(
    obj({
      id: str, type: str, lat: num, lon: num, occurredAt: str, reportedByOrg: str, createdAt: str, verification: str,
      clearedAt: orNull(str), clearedBy: orNull(str), clearedNote: orNull(str),
      statements: arr(obj({ ...signature, id: str, partyId: str, userId: str, text: str, textHash: str, createdAt: str })),
    }),
  ),
  log: obj({
    origin: str,
    verifierKey: str,
    checkpoint: obj(checkpoint),
    earlier: arr(obj({ ...checkpoint, proof: arr(str) })),
    events: arr(entry),
  }),
});

/** The bundle, typed, when its shape is right; otherwise null with each problem a `file` failure. */
export function checkShape(value: unknown, findings: Findings): EvidenceBundle | null {
  const problems: string[] = [];
  bundle(value, 'bundle', problems);
  findings.count('file');
  for (const p of problems.slice(0, 50)) findings.fail('file', p.split(' ')[0] ?? 'bundle', 'SHAPE', p.slice(p.indexOf(' ') + 1));
  if (problems.length > 50) findings.fail('file', 'bundle', 'SHAPE', `and ${problems.length - 50} more shape problems`);
  return problems.length === 0 ? (value as EvidenceBundle) : null;
}
