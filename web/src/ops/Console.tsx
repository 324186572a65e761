import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { isUnauthorized } from './errors.ts';
import { OPS_BASE, onLinkClick, opsSection, usePath } from './route.ts';
import { AnnouncementsList } from './Activity.tsx';
import { IncidentsSection } from './incidents/IncidentsSection.tsx';
import { StartPage, startKindOf } from './StartPage.tsx';
// Several sections use these sheets' classes (facts, badges, the manifest on a movement's page);
// loaded here, in this order, so that no section has to import another's.
import './corridors/corridors.css';
import './people/people.css';
import { CorridorsSection } from './corridors/CorridorsSection.tsx';
import { MovementsSection } from './movements/MovementsSection.tsx';
import { KeysSection } from './keys/KeysSection.tsx';
import { PeopleSection } from './people/PeopleSection.tsx';
import { ManifestSummary, ManifestView } from './people/Manifest.tsx';
import { mayDo } from './rights.ts';
import { useSession } from './session.tsx';
import { OutboxStatus } from '../outbox/OutboxStatus.tsx';

/** A movement's pages show its manifest, which the people section owns. */
const MANIFEST = { View: ManifestView, Summary: ManifestSummary };

/** Sections, after the start page, in navigation order. */
const SECTIONS = ['corridors', 'movements', 'people', 'sites', 'incidents', 'announcements', 'keys'] as const;
type Section = (typeof SECTIONS)[number];

/** Sections only some users have: the people registry is for registrars and agency staff with person rights. */
const SHOWN: Partial<Record<Section, (me: Me) => boolean>> = {
  people: (me) => mayDo(me, 'person.read'),
  // Whoever reads people reaches sites from the registry; a coordinator who manages sites without
  // person rights (the mediator's) gets them here.
  sites: (me) => mayDo(me, 'site.manage') && !mayDo(me, 'person.read'),
  // Agencies sign nothing for a party; the mediator and the parties see the parties' keys.
  keys: (me) => me.actions['key.list'] !== undefined && me.org.kind !== 'agency',
};

interface ConsoleProps {
  onSignedOut: () => void;
}

export function Console({ onSignedOut }: ConsoleProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const path = usePath();
  const [section = '', ...rest] = opsSection(path).split('/');
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);

  async function signOut() {
    setSigningOut(true);
    setSignOutFailed(false);
    try {
      // The plain client, not useApi(): a 401 here means already signed out, not "your session ended".
      await api<void>('/api/v1/auth/logout', { method: 'POST' });
      onSignedOut();
    } catch (err) {
      if (isUnauthorized(err)) onSignedOut();
      else setSignOutFailed(true);
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div className="console" data-testid="console">
      <a className="skip-link" href="#console-main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__app">{t('app.name')}</span>
          <span className="topbar__console">{t('ops.consoleName')}</span>
        </div>
        <div className="topbar__who">
          <span className="topbar__org" data-testid="org-name">
            {me.org?.name}
          </span>
          <span className="topbar__user">
            <span data-testid="user-name">{me.name || me.email}</span>
            <span className="topbar__role" data-testid="user-role">
              {t('ops.roleAtKind', { role: t(`role.${me.role}`), kind: t(`orgKind.${me.org.kind}`) })}
            </span>
          </span>
        </div>
        <div className="topbar__actions">
          <LangSwitch />
          <button
            type="button"
            className="button button--on-dark"
            data-testid="signout"
            onClick={signOut}
            disabled={signingOut}
          >
            {t('ops.signOut')}
          </button>
        </div>
      </header>
      {signOutFailed && (
        <p className="notice notice--error console__banner" role="alert">
          {t('ops.signOutError')}
        </p>
      )}

      <OutboxStatus zone={me.org.timeZone} />

      <div className="console__body">
        <nav className="sidenav" aria-label={t('ops.nav.label')}>
          <ul>
            <li>
              <a
                href={OPS_BASE}
                className="sidenav__item"
                aria-current={section === '' ? 'page' : undefined}
                onClick={onLinkClick}
              >
                {startKindOf(me) === 'map' ? t('ops.nav.overview') : t('ops.nav.start')}
              </a>
            </li>
            {SECTIONS.filter((name) => SHOWN[name]?.(me) ?? true).map((name) => (
              <li key={name}>
                <a
                  href={`${OPS_BASE}/${name}`}
                  className="sidenav__item"
                  aria-current={section === name ? (rest.length === 0 ? 'page' : 'location') : undefined}
                  onClick={onLinkClick}
                  data-testid={`nav-${name}`}
                >
                  {t(`ops.nav.${name}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <main id="console-main" className="console__main">
          {section === '' ? (
            <StartPage me={me} />
          ) : section === 'corridors' ? (
            <CorridorsSection me={me} rest={rest} />
          ) : section === 'movements' ? (
            <MovementsSection me={me} rest={rest} manifest={MANIFEST} />
          ) : section === 'people' ? (
            <PeopleSection me={me} rest={rest} />
          ) : section === 'sites' ? (
            <PeopleSection me={me} rest={['sites']} />
          ) : section === 'incidents' ? (
            <IncidentsSection me={me} rest={rest} />
          ) : section === 'keys' ? (
            <KeysSection me={me} />
          ) : section === 'announcements' ? (
            <AnnouncementsList me={me} />
          ) : (
            <div className="console__panel">
              <h1>{t('ops.notFound.heading')}</h1>
              <a href={OPS_BASE} onClick={onLinkClick}>
                {t('ops.notFound.back')}
              </a>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
