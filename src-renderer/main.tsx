import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, defaultTransport } from './api/client.js';
import { App } from './app/App.js';
import { ClientContext } from './app/client-context.js';
import { AuthGate } from './features/identity/AuthGate.js';
import './styles.css';

const client = createClient(defaultTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <AuthGate>
        <App />
      </AuthGate>
    </ClientContext.Provider>
  </StrictMode>,
);
