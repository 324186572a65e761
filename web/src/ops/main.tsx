import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/index.ts';
import '../styles/base.css';
import './ops.css';
import { OpsApp } from './OpsApp.tsx';
import { startOutbox } from '../outbox/outbox.ts';

initI18n('ops.pageTitle');
startOutbox();

// The console's own service worker (scope /ops): keeps the app itself for use without signal.
// It never keeps API answers; the taps waiting to be sent live in IndexedDB (outbox.ts).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/ops-sw.js', { scope: '/ops' }).catch(() => undefined);
  });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OpsApp />
    </StrictMode>,
  );
}
