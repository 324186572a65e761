import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../i18n/index.ts';
import '../../styles/base.css';
import '../public.css';
import './verify.css';
import { VerifyPage } from './VerifyPage.tsx';

initI18n('verify.pageTitle');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <VerifyPage />
    </StrictMode>,
  );
}
