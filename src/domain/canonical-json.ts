/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes that hashes and signatures cover.
 *
 * Written out here rather than taken from a package because the console signs with it too: the
 * browser and the server must run the very same code (this file has no Node import), and the
 * RFC's test vectors in test/unit/canonical-json.test.ts hold it to the standard.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value, new Set());
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

function serialise(value: unknown, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // ECMAScript's Number-to-string is the serialisation RFC 8785 §3.2.2.3 prescribes; -0 prints as 0.
      if (!Number.isFinite(value)) throw new TypeError('NaN and Infinity have no JSON representation');
      return JSON.stringify(value);
    case 'string':
      return quote(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('BigInt has no JSON representation');
    default:
      break;
  }
  const object = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof object.toJSON === 'function') return serialise(object.toJSON(), seen);
  if (seen.has(object)) throw new TypeError('cyclic value has no JSON representation');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item: unknown) => serialise(item, seen) ?? 'null').join(',')}]`;
    }
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 asks for.
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const member = serialise(object[key], seen);
      if (member !== undefined) members.push(`${quote(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON.stringify's string escaping is RFC 8785's (§3.2.2.2); a lone surrogate is not Unicode text and is refused. */
function quote(text: string): string {
  // One pass and no copy (every audit event's every string comes here): a high surrogate not
  // followed by a low one, or a low one not preceded by a high one.
  if (LONE_SURROGATE.test(text)) {
    throw new TypeError('string holds a lone surrogate, which is not Unicode text');
  }
  return JSON.stringify(text);
}
