import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, api, type TracingAnswer } from '../api.ts';
import { BIRTH_DATE_PROBLEM_KEY, BirthDateFields, EMPTY_BIRTH_DATE, readBirthDate, type BirthDateParts } from '../components/BirthDateFields.tsx';

type Result =
  | { kind: 'none' }
  | { kind: 'answer'; answer: TracingAnswer }
  | { kind: 'error'; key: 'public.tracing.tooMany' | 'public.tracing.invalid' | 'public.tracing.networkError' | 'public.tracing.serverError' };

/** The language the site's contact details come back in: the page's, uk otherwise. */
const contactLang = (lang: string): 'uk' | 'ru' | 'en' => (lang === 'ru' || lang === 'en' ? lang : 'uk');

/** The server asks for at least this many letters. */
const MIN_NAME = 3;

/**
 * Family tracing for the public (POST /api/v1/public/tracing): a name and a birth date in, and
 * only "yes, ask here" or "no" out — never a list, never a name. Nothing typed is kept: not in
 * the address, not in the browser's storage.
 */
export function TracingForm() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [birth, setBirth] = useState<BirthDateParts>(EMPTY_BIRTH_DATE);
  const [nameError, setNameError] = useState(false);
  const [birthError, setBirthError] = useState<keyof typeof BIRTH_DATE_PROBLEM_KEY | null>(null);
  const [result, setResult] = useState<Result>({ kind: 'none' });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const date = readBirthDate(birth, true);
    setNameError(trimmed.length < MIN_NAME);
    setBirthError(date.problem);
    setResult({ kind: 'none' });
    if (trimmed.length < MIN_NAME || !date.value) return;
    setBusy(true);
    try {
      const answer = await api<TracingAnswer>('/api/v1/public/tracing', { method: 'POST', body: { name: trimmed, birthDate: date.value, lang: contactLang(i18n.language) } });
      setResult({ kind: 'answer', answer });
    } catch (err) {
      const key =
        err instanceof ApiError
          ? err.status === 429
            ? 'public.tracing.tooMany'
            : err.status === 400 || err.status === 422
              ? 'public.tracing.invalid'
              : 'public.tracing.serverError'
          : err instanceof NetworkError
            ? 'public.tracing.networkError'
            : 'public.tracing.serverError';
      setResult({ kind: 'error', key });
    } finally {
      setBusy(false);
    }
  }

  // A changed question no longer has the old answer.
  const changed = () => setResult((r) => (r.kind === 'none' ? r : { kind: 'none' }));

  return (
    <section id="trace" className="tracing" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="tracing__title">
        {t('public.tracing.heading')}
      </h2>
      <div className="tracing__explain" data-testid="tracing-explain">
        <p>{t('public.tracing.explain')}</p>
        <p>
          <strong>{t('public.tracing.onlyYesNo')}</strong>
        </p>
      </div>
      <form className="tracing__form" data-testid="tracing-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('public.tracing.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={300}
            value={name}
            aria-invalid={nameError}
            aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-err` : ''}`}
            onChange={(e) => {
              setName(e.target.value);
              changed();
            }}
          />
          <p id={`${id}-name-hint`} className="field__hint">
            {t('public.tracing.nameHint')}
          </p>
          {nameError && (
            <p id={`${id}-name-err`} className="field-error">
              {t('public.tracing.nameRequired')}
            </p>
          )}
        </div>
        <BirthDateFields
          id={`${id}-birth`}
          legend={t('public.tracing.birthDate')}
          hint={t('public.tracing.birthDateHint')}
          parts={birth}
          invalid={birthError !== null}
          onChange={(parts) => {
            setBirth(parts);
            changed();
          }}
        >
          {birthError && (
            <p id={`${id}-birth-err`} className="field-error">
              {t(BIRTH_DATE_PROBLEM_KEY[birthError])}
            </p>
          )}
        </BirthDateFields>
        <button type="submit" className="button tracing__submit" disabled={busy} data-testid="tracing-submit">
          {busy ? t('public.tracing.asking') : t('public.tracing.ask')}
        </button>
      </form>
      <div aria-live="polite">
        {result.kind === 'answer' &&
          (result.answer.match ? (
            <div className="tracing__answer tracing__answer--match" data-testid="tracing-answer" data-match="true">
              <p>{t('public.tracing.match', { site: result.answer.contact.site, contact: result.answer.contact.contact })}</p>
            </div>
          ) : (
            <div className="tracing__answer" data-testid="tracing-answer" data-match="false">
              <p>{t('public.tracing.noMatch')}</p>
              <p>{t('public.tracing.noMatchNext')}</p>
            </div>
          ))}
        {result.kind === 'error' && (
          <p className="notice notice--error" role="alert" data-testid="tracing-error">
            {t(result.key)}
          </p>
        )}
      </div>
    </section>
  );
}
