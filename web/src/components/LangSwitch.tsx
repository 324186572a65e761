import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLang, setLanguage } from '../i18n/index.ts';

const NAME_KEY = { uk: 'lang.ukName', ru: 'lang.ruName', en: 'lang.enName' } as const;

/** УКР / РУС / ENG: one button per language, the current one pressed. */
export function LangSwitch() {
  const { t } = useTranslation();
  const active = currentLang();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          title={t(NAME_KEY[lang])}
          aria-pressed={lang === active}
          onClick={() => setLanguage(lang)}
        >
          {t(`lang.${lang}`)}
        </button>
      ))}
    </div>
  );
}
