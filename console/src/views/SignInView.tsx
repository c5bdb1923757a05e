import { useState } from 'preact/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import type { Session } from '../models/session';

/** Email and password; the token it earns is kept so a reload does not sign the agent out. */
export function SignInView(props: { session: Session; onGesture?: () => void }) {
  const { session } = props;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: Event): void {
    event.preventDefault();
    // The click that signs in is also the gesture browsers require before the console may beep.
    props.onGesture?.();
    void session.signIn(email, password);
  }

  return (
    <main class="sign-in">
      <form class="sign-in-card" onSubmit={submit}>
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true">
            P
          </span>
          Parley
        </div>
        <h1>Sign in to the agent console</h1>
        {session.reason.value === 'expired' && (
          <p class="notice notice-info" role="status">
            Your session has expired. Please sign in again.
          </p>
        )}
        <ErrorNotice error={session.error.value} />
        <label class="field">
          <span>Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          class="button button-primary button-block"
          disabled={session.pending.value}
          aria-busy={session.pending.value}
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
