import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../src-shared/contract/client';
import { App } from './app';
import { createStores } from './stores/stores';
import { StoresProvider } from './stores/stores-context';
import { pickTransport } from './transport/pick-transport';
import './styles.css';

const transport = pickTransport(window);
const client = createClient(transport);
const stores = createStores(client, transport);
void stores.app.getState().load();
void stores.fleet.getState().load();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
