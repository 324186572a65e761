import { useTranslation } from 'react-i18next';
import type { CorridorContent } from '../../api.ts';
import { PUBLIC_LANGS } from '../../../../src/domain/public-text.ts';

const MAIN = ['title', 'eligibility', 'conditions', 'whatToBring'] as const;

/**
 * The public texts as lines ("УКР · Public title: Енергодар → Запоріжжя"), every language, every
 * field, empty ones left out: what the version diff compares, so a liaison sees a change in any
 * of the three languages they sign.
 */
export function usePublicTextLines(): (content: CorridorContent) => string[] {
  const { t } = useTranslation();
  return (content) => {
  const texts = content.publicText;
  if (!texts) return [];
  return PUBLIC_LANGS.flatMap((lang) => {
    const tag = t(`lang.${lang}`);
    const lines = MAIN.filter((f) => texts[lang][f]).map((f) => `${tag} · ${t(`corridors.publicText.${f}`)}: ${texts[lang][f]}`);
    texts[lang].gatheringPoints.forEach((g, i) => {
      const text = [g.name, g.address].filter(Boolean).join(' — ');
      if (text) lines.push(`${tag} · ${t('corridors.publicText.pointName', { n: i + 1 })}: ${text}`);
    });
    return lines;
  });
  };
}

/**
 * The version's public texts side by side, one column per language, as the liaison signs them:
 * each language marked with its `lang` so screen readers read it in that language.
 */
export function PublicTextVersions({ content }: { content: CorridorContent }) {
  const { t } = useTranslation();
  const texts = content.publicText;
  if (!texts) return <p className="muted">{t('corridors.publicText.none')}</p>;
  return (
    <div className="public-text-versions" data-testid="public-text-versions">
      <p className="field__hint">{t('corridors.publicText.signNote')}</p>
      <div className="public-text__langs">
        {PUBLIC_LANGS.map((lang) => (
          <section key={lang} lang={lang} className="public-text__lang" data-testid={`public-text-version-${lang}`}>
            <h4 lang={undefined}>{t(`lang.${lang}Name`)}</h4>
            <dl className="facts">
              {MAIN.map((f) => (
                <div key={f}>
                  <dt>{t(`corridors.publicText.${f}`)}</dt>
                  <dd>{texts[lang][f] || <span className="muted">{t('corridors.notSet')}</span>}</dd>
                </div>
              ))}
              {texts[lang].gatheringPoints.map((g, i) => (
                <div key={i}>
                  <dt>{t('corridors.publicText.pointName', { n: i + 1 })}</dt>
                  <dd>
                    {g.name || <span className="muted">{t('corridors.notSet')}</span>}
                    {g.address && <> — {g.address}</>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
