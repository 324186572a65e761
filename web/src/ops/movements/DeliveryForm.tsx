import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Movement } from '../../api.ts';
import { useNumber } from '../../ui/format.ts';
import type { FormError } from '../../ui/form-errors.ts';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { TextField } from '../FormFields.tsx';
import { parseNumber } from '../../ui/parse-number.ts';
import { useApi } from '../session.tsx';

/** Distinct cargo items with their unit and the quantity expected in all (as the server adds them up). */
function cargoItems(m: Movement): { item: string; unit: string; expected: number }[] {
  const out = new Map<string, { item: string; unit: string; expected: number }>();
  for (const c of m.cargo) {
    const prior = out.get(c.item);
    out.set(c.item, { item: c.item, unit: c.unit, expected: (prior?.expected ?? 0) + c.quantity });
  }
  return [...out.values()];
}

export function DeliveryForm({ movement: m, onChanged }: { movement: Movement; onChanged: (m: Movement) => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const id = useId();
  const num = useNumber();
  const items = cargoItems(m);
  const [received, setReceived] = useState<string[]>(() => items.map(() => ''));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<RequestErrorKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: FormError[] = [];
    const values = received.map((text, i) => {
      const value = parseNumber(text) ?? null;
      if (value === null || value < 0) local.push({ path: `/items/${i}/quantityReceived`, message: '', key: 'movements.errors.received' });
      return value ?? 0;
    });
    setErrors(local);
    setFailure(null);
    if (local.length) return;
    setBusy(true);
    try {
      const body = { items: items.map((it, i) => ({ item: it.item, quantityReceived: values[i] ?? 0 })), ...(note.trim() ? { note: note.trim() } : {}) };
      onChanged(await api<Movement>(`/api/v1/movements/${encodeURIComponent(m.id)}/delivery`, { method: 'POST', body }));
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.problem.errors);
      setFailure(requestErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="group delivery-form" data-testid="delivery-form" onSubmit={submit} noValidate>
      <h3>{t('movements.delivery.heading')}</h3>
      <p className="field__hint">{t('movements.delivery.intro')}</p>
      {items.map((it, i) => (
        <TextField
          key={it.item}
          id={`${id}-item-${i}`}
          label={t('movements.delivery.received', { item: it.item, unit: it.unit })}
          hint={t('movements.delivery.expected', { quantity: num(it.expected, 3), unit: it.unit })}
          value={received[i] ?? ''}
          inputMode="decimal"
          onChange={(value) => setReceived((list) => list.map((v, j) => (j === i ? value : v)))}
          errors={errors.filter((e) => e.path.startsWith(`/items/${i}/`) || e.path === `/items/${i}`)}
        />
      ))}
      <TextField id={`${id}-note`} label={t('movements.delivery.note')} value={note} onChange={setNote} errors={[]} multiline />
      {failure && (
        <p className="notice notice--error" role="alert">
          {t(failure)}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="delivery-submit">
        {t('movements.delivery.submit')}
      </button>
    </form>
  );
}
