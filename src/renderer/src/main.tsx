import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectEvents } from './events/event-bridge';
import { keepAcrossReloads } from './stores/persistence';
import { startRouter } from './routing/router';
import { followDeepLinks } from './routing/deep-links';
import './styles.css';

connectEvents();
keepAcrossReloads();
// After the remembered view: an address that names something wins over it.
startRouter();
followDeepLinks(window.dyno);
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
