import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { abbreviate } from '../../ui/format.ts';

interface CopyableProps {
  value: string;
  /** What the value is ("Signature"), for the copy button's accessible name. */
  label: string;
  testId?: string;
}

/**
 * A long value (signature, public key, hash) shown abbreviated, with a button that copies it
 * whole. Where the clipboard is unavailable (plain http), the full value appears selected.
 */
export function Copyable({ value, label, testId }: CopyableProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === 'manual') inputRef.current?.select();
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('manual');
    }
  }

  return (
    <span className="copyable" data-testid={testId} data-value={value}>
      <code className="copyable__value" title={value}>
        {abbreviate(value)}
      </code>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={copy}
        aria-label={t('corridors.copyValue', { what: label })}
      >
        {state === 'copied' ? t('corridors.copied') : t('corridors.copy')}
      </button>
      {state === 'manual' && (
        <input ref={inputRef} className="copyable__full" readOnly value={value} aria-label={label} />
      )}
    </span>
  );
}
