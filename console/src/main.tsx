// The console's only module with side effects: it builds the models over the browser's APIs and renders.
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { createApiClient } from './api/api-client';
import { createUploader } from './api/file-upload';
import { connectAgent } from './connection';
import { createClock } from './models/clock';
import { createConsoleApp } from './models/console-app';
import { createTokenStore } from './models/token-store';
import { createWebAudioBeeper } from './platform/beeper';
import { createBrowserHistory } from './platform/browser-history';
import { createBrowserNotifier } from './platform/desktop-notifier';
import { saveFile } from './platform/save-file';
import { App } from './views/App';
import './styles.css';

const tokens = createTokenStore(localStorage);
let expireSession = () => {};
const api = createApiClient({
  fetch: (input, init) => fetch(input, init),
  token: tokens.get,
  onUnauthenticated: () => expireSession(),
});
const upload = createUploader({ token: tokens.get, onUnauthenticated: () => expireSession() });

const isFocused = () => document.visibilityState === 'visible' && document.hasFocus();
const focused = signal(isFocused());
const updateFocus = () => {
  focused.value = isFocused();
};
window.addEventListener('focus', updateFocus);
window.addEventListener('blur', updateFocus);
document.addEventListener('visibilitychange', updateFocus);

const clock = createClock();
clock.start();

const beeper = createWebAudioBeeper();
const app = createConsoleApp({
  api,
  upload,
  tokens,
  connect: (token) => connectAgent(() => tokens.get() ?? token),
  notifier: createBrowserNotifier(),
  beeper,
  clock,
  focused,
  history: createBrowserHistory(),
  base: import.meta.env.BASE_URL,
  saveFile,
  storage: localStorage,
});
expireSession = app.session.expire;

// Browsers keep audio locked until the user interacts; any click in the console unlocks the beep.
window.addEventListener('pointerdown', () => beeper.unlock(), { once: true });

effect(() => {
  document.title = app.workspace.value?.notifications.title.value ?? 'Parley';
});

void app.session.restore();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App app={app} onGesture={beeper.unlock} />, root);
