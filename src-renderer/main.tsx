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
void stores.fleetHealth.getState().load();
void stores.jobs.getState().load();

/** Browser mode without a valid session: nothing else can work, so say only what to do. */
function SessionRefused({ message }: { message: string }) {
  return (
    <main className="session-refused">
      <h1>Boxfleet</h1>
      <div className="banner banner-warning" role="alert">
        <p>{message}</p>
      </div>
    </main>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);
function render(): void {
  root.render(
    <StrictMode>
      {transport.refusal !== null ? (
        <SessionRefused message={transport.refusal} />
      ) : (
        <StoresProvider stores={stores}>
          <App />
        </StoresProvider>
      )}
    </StrictMode>,
  );
}
transport.onRefusal(render);
render();
