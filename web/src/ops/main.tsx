import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/index.ts';
import '../styles/base.css';
import './ops.css';
import { OpsApp } from './OpsApp.tsx';

initI18n('ops.pageTitle');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OpsApp />
    </StrictMode>,
  );
}
