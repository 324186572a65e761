import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { TracingForm } from './TracingForm.tsx';

/**
 * The family-tracing form at `/trace`. The corridors page itself is rendered on the server
 * (src/public-site/), so it reads with JavaScript off and offline.
 */
export function PublicApp() {
  return <TracingPage />;
}

function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <h1 className="site-header__brand">{t('app.name')}</h1>
        <LangSwitch />
      </div>
    </header>
  );
}

function TracingPage() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SiteHeader />
      <main id="main" className="public-main">
        <TracingForm />
      </main>
      <footer className="site-footer">
        <a href="/">{t('public.tracing.toCorridors')}</a>
      </footer>
    </>
  );
}
