import { useTranslation } from 'react-i18next';
import type { Corridor } from '../../api.ts';
import type { Lang } from '../../../../src/domain/gazetteer.ts';
import { PUBLIC_LANGS, type PublicTranslations } from '../../../../src/domain/public-text.ts';
import { TextField } from '../FormFields.tsx';
import type { FormError } from '../../ui/form-errors.ts';

/* What civilians read, written per language beside the staff's own text (the form's other fields). */

export interface MainTexts {
  title: string;
  eligibility: string;
  conditions: string;
  whatToBring: string;
}
export type MainTextsDraft = Record<Lang, MainTexts>;

export interface PointText {
  name: string;
  address: string;
}
/** Kept on each gathering point of the form, so removing a point removes its texts with it. */
export type PointTextsDraft = Record<Lang, PointText>;

const EMPTY_MAIN: MainTexts = { title: '', eligibility: '', conditions: '', whatToBring: '' };
const EMPTY_POINT: PointText = { name: '', address: '' };

const perLang = <T,>(make: (lang: Lang) => T): Record<Lang, T> => ({ uk: make('uk'), ru: make('ru'), en: make('en') });

const MAIN_NAMES: readonly (keyof MainTexts)[] = ['title', 'eligibility', 'conditions', 'whatToBring'];
const POINT_NAMES: readonly (keyof PointText)[] = ['name', 'address'];
const mainPath = (lang: Lang, name: keyof MainTexts) => `/publicText/${lang}/${name}`;
const pointPath = (lang: Lang, index: number, name: keyof PointText) => `/publicText/${lang}/gatheringPoints/${index}/${name}`;

/**
 * Whether these fields show an error at `path` (they ask errorsAt for exactly these paths), with
 * `points` gathering points on the form. The form lists the others apart, so none is lost.
 */
export function shownByPublicTextFields(path: string, points: number): boolean {
  return PUBLIC_LANGS.some(
    (lang) =>
      MAIN_NAMES.some((name) => path === mainPath(lang, name)) ||
      Array.from({ length: points }, (_, i) => i).some((i) => POINT_NAMES.some((name) => path === pointPath(lang, i, name))),
  );
}

export function emptyPointTexts(): PointTextsDraft {
  return perLang(() => ({ ...EMPTY_POINT }));
}

/** The form's drafts from a saved corridor: main texts, and each gathering point's texts in order. */
export function publicTextDraft(corridor: Corridor | null): { main: MainTextsDraft; points: PointTextsDraft[] } {
  const texts = corridor?.publicText ?? null;
  const main = perLang((lang) => {
    const t = texts?.[lang];
    return t ? { title: t.title, eligibility: t.eligibility, conditions: t.conditions, whatToBring: t.whatToBring } : { ...EMPTY_MAIN };
  });
  const points = (corridor?.gatheringPoints ?? []).map((_, i) => perLang((lang) => ({ ...EMPTY_POINT, ...texts?.[lang]?.gatheringPoints[i] })));
  return { main, points };
}

/** The request's `publicText`: every language, each point's texts in the order the points are sent; nothing when all is empty. */
export function publicTextBody(main: MainTextsDraft, points: readonly (PointTextsDraft | undefined)[]): PublicTranslations | undefined {
  const body = perLang((lang) => ({
    title: main[lang].title.trim(),
    eligibility: main[lang].eligibility.trim(),
    conditions: main[lang].conditions.trim(),
    whatToBring: main[lang].whatToBring.trim(),
    gatheringPoints: points.map((p) => ({ name: p?.[lang].name.trim() ?? '', address: p?.[lang].address.trim() ?? '' })),
  }));
  const anything = PUBLIC_LANGS.some((lang) => {
    const t = body[lang];
    return t.title || t.eligibility || t.conditions || t.whatToBring || t.gatheringPoints.some((g) => g.name || g.address);
  });
  return anything ? body : undefined;
}

interface StaffSide {
  eligibility: string;
  conditions: string;
  gatheringPoints: readonly { name: string; address: string; texts?: PointTextsDraft | undefined }[];
}

/** The same rule as the server's proposal check: which public fields of `lang` are still empty. */
export function missingPublicFields(main: MainTextsDraft, staff: StaffSide, lang: Lang): string[] {
  const missing: string[] = [];
  const t = main[lang];
  if (!t.title.trim()) missing.push('title');
  if (!t.eligibility.trim()) missing.push('eligibility');
  if (!t.whatToBring.trim()) missing.push('whatToBring');
  if (staff.conditions.trim() && !t.conditions.trim()) missing.push('conditions');
  staff.gatheringPoints.forEach((g, i) => {
    const p = g.texts?.[lang] ?? EMPTY_POINT;
    if (!p.name.trim()) missing.push(`gatheringPoints/${i}/name`);
    if (g.address.trim() && !p.address.trim()) missing.push(`gatheringPoints/${i}/address`);
  });
  return missing;
}

interface PublicTextFieldsProps {
  idPrefix: string;
  main: MainTextsDraft;
  staff: StaffSide;
  onMain: (lang: Lang, change: Partial<MainTexts>) => void;
  onPoint: (index: number, lang: Lang, change: Partial<PointText>) => void;
  /** The errors at one exact path ("/publicText/ru/title"); shownByPublicTextFields tells which paths these are. */
  errorsAt: (path: string) => FormError[];
}

/**
 * The public texts in Ukrainian, Russian and English, one group per language, each field that a
 * proposal still needs flagged as missing, the staff's text beside it as the thing to translate.
 */
export function PublicTextFields({ idPrefix, main, staff, onMain, onPoint, errorsAt }: PublicTextFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="group public-text" data-testid="public-text">
      <legend>{t('corridors.field.publicText')}</legend>
      <p className="field__hint">{t('corridors.publicText.hint')}</p>
      <div className="public-text__langs">
        {PUBLIC_LANGS.map((lang) => {
          const missing = new Set(missingPublicFields(main, staff, lang));
          const field = (name: keyof MainTexts, staffText: string | null, multiline: boolean) => (
            <PublicField
              key={name}
              id={`${idPrefix}-pt-${lang}-${name}`}
              label={t(`corridors.publicText.${name}`)}
              value={main[lang][name]}
              onChange={(value) => onMain(lang, { [name]: value })}
              errors={errorsAt(mainPath(lang, name))}
              missing={missing.has(name)}
              hint={name === 'title' ? t('corridors.publicText.titleHint') : staffText ? t('corridors.publicText.staffText', { text: staffText }) : undefined}
              multiline={multiline}
            />
          );
          return (
            <fieldset key={lang} className="public-text__lang" lang={lang} data-testid={`public-text-${lang}`} data-missing={missing.size}>
              <legend>
                {t(`lang.${lang}Name`)}{' '}
                <span className={missing.size ? 'badge badge--missing' : 'badge badge--complete'}>
                  {missing.size ? t('corridors.publicText.missingCount', { count: missing.size }) : t('corridors.publicText.complete')}
                </span>
              </legend>
              {field('title', null, false)}
              {field('eligibility', staff.eligibility.trim() || null, true)}
              {field('conditions', staff.conditions.trim() || null, true)}
              {field('whatToBring', null, true)}
              {staff.gatheringPoints.map((g, i) => {
                const texts = g.texts?.[lang] ?? EMPTY_POINT;
                const part = (name: keyof PointText, staffText: string) => (
                  <PublicField
                    key={name}
                    id={`${idPrefix}-pt-${lang}-gp-${i}-${name}`}
                    label={t(name === 'name' ? 'corridors.publicText.pointName' : 'corridors.publicText.pointAddress', { n: i + 1 })}
                    value={texts[name]}
                    onChange={(value) => onPoint(i, lang, { [name]: value })}
                    errors={errorsAt(pointPath(lang, i, name))}
                    missing={missing.has(`gatheringPoints/${i}/${name}`)}
                    hint={staffText.trim() ? t('corridors.publicText.staffText', { text: staffText.trim() }) : undefined}
                    multiline={false}
                  />
                );
                return (
                  <div key={i} className="public-text__point">
                    {part('name', g.name)}
                    {part('address', g.address)}
                  </div>
                );
              })}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

function PublicField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FormError[];
  missing: boolean;
  hint: string | undefined;
  multiline: boolean;
}) {
  const { t } = useTranslation();
  const hint = [props.missing ? t('corridors.publicText.missing') : '', props.hint ?? ''].filter(Boolean).join(' · ') || undefined;
  return (
    <div className={props.missing ? 'public-text__field public-text__field--missing' : 'public-text__field'} data-missing={props.missing || undefined}>
      <TextField
        id={props.id}
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        errors={props.errors}
        hint={hint}
        multiline={props.multiline}
      />
    </div>
  );
}
