import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectEvents } from './events/event-bridge';
import { keepAcrossReloads } from './stores/persistence';
import { startRouter } from './routing/router';
import { followDeepLinks } from './routing/deep-links';
import { useApp } from './stores/app-store';
import { hasNoToken } from './api';
import './styles.css';

connectEvents();
keepAcrossReloads();
// After the remembered view: an address that names something wins over it.
startRouter();
followDeepLinks(window.dyno, location);
// The first calls go out now, not after the first render: over a tunnel they are the slow part,
// and the socket sends them the moment it is open.
if (!hasNoToken()) void useApp.getState().load();
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
