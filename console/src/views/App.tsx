import type { ConsoleApp } from '../models/console-app';
import { SignInView } from './SignInView';
import { WorkspaceView } from './WorkspaceView';

/** Picks the screen for the session's state. */
export function App(props: { app: ConsoleApp; onGesture?: () => void }) {
  const { session, workspace } = props.app;
  const state = session.state.value;
  const current = workspace.value;
  if (state.status === 'restoring') {
    return (
      <div class="splash" role="status">
        Loading…
      </div>
    );
  }
  if (state.status === 'signed-out' || !current) {
    return (
      <SignInView session={session} {...(props.onGesture ? { onGesture: props.onGesture } : {})} />
    );
  }
  return <WorkspaceView workspace={current} onSignOut={props.app.signOut} />;
}
