import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, publicStrings, type StringsLoader } from '../i18n/index.ts';
import '../styles/base.css';
import './ops.css';
import { OpsApp } from './OpsApp.tsx';
import { startOutbox } from '../outbox/outbox.ts';

startOutbox();

// The console's own service worker (scope /ops): keeps the app itself for use without signal.
// It never keeps API answers; the taps waiting to be sent live in IndexedDB (outbox.ts).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/ops-sw.js', { scope: '/ops' }).catch(() => undefined);
  });
}

// The console's own strings, named here so the public pages' code never refers to them.
const consoleStrings: StringsLoader = (lang) => import(`../i18n/${lang}/console.json`);

// The reader's language is fetched first, so the page never shows a key in place of its words.
void initI18n('ops.pageTitle', [publicStrings, consoleStrings]).then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <OpsApp />
      </StrictMode>,
    );
  }
});
