import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/index.ts';
import '../styles/base.css';
import './public.css';
import { PublicApp } from './PublicApp.tsx';


// The reader's language is fetched first, so the page never shows a key in place of its words.
void initI18n('public.pageTitle').then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <PublicApp />
      </StrictMode>,
    );
  }
});
