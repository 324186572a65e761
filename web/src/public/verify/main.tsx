import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, publicStrings } from '../../i18n/index.ts';
import '../../styles/base.css';
import '../public.css';
import './verify.css';
import { VerifyPage } from './VerifyPage.tsx';


// The reader's language is fetched first, so the page never shows a key in place of its words.
void initI18n('verify.pageTitle', [publicStrings], { allLanguages: true }).then(() => {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <VerifyPage />
      </StrictMode>,
    );
  }
});
