import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';
import './styles/shell.css';
import './styles/chat.css';
import './styles/cards.css';
import './styles/reader.css';
import './styles/library.css';
import './styles/voice.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
