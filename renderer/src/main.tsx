/**
 * Renderer entry: starts the engine bridge and mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './components/App';
import { startBridge } from './store/bridge';
import { startReplay } from './replay/actions';
import './styles/index.css';

startBridge(getApi());
startReplay();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
